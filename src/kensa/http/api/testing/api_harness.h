#pragma once
// A test harness for the REST API handlers: the real route table (endpoints.h) over the real
// store on a fresh in-memory SQLite database, with AWS faked through the ports
// (tests/mocks/aws_mocks.h) and time injected (ManualClock). Requests go through the router,
// so path parameters, query strings and the 404/405 of unknown routes behave as in the server;
// only the socket is missing.
//
//   ApiHarness api;
//   domain::Id blue = api.CreateGroup("blue");
//   std::string alice = api.TokenFor("alice", blue, domain::Role::kMember);
//   auto r = api.Call("GET", "/api/v1/groups/" + std::to_string(blue), alice);
//   EXPECT_EQ(r.status, 200);

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kensa/app/context.h"
#include "kensa/app/sbom/diagnostics.h"
#include "kensa/app/sbom/export_job.h"
#include "kensa/app/sbom/settings.h"
#include "kensa/common/clock.h"
#include "kensa/dto/json.h"
#include "kensa/formats/sbom/inspector_export.h"
#include "kensa/formats/sbom/sbom_file_format.h"
#include "kensa/formats/vuls/vuls_reader.h"
#include "kensa/http/message.h"
#include "kensa/http/router.h"
#include "kensa/ports/store.h"
#include "tests/mocks/aws_mocks.h"

namespace kensa::http::api::testing {

using Json = dto::Json;

class ApiHarness {
public:
    /// On an in-memory SQLite database, or on the store at `store_url` (migrated here).
    explicit ApiHarness(const std::string& store_url = "sqlite::memory:");
    ~ApiHarness();
    ApiHarness(const ApiHarness&) = delete;
    ApiHarness& operator=(const ApiHarness&) = delete;

    /// Dispatches one request. `target` is a path with an optional query string
    /// ("/api/v1/groups/1/tasks?status=NEW"); an empty token sends no Authorization header.
    Response Call(std::string_view method,
                  std::string_view target,
                  const std::string& token,
                  std::string body = "");
    /// Dispatches a request as built by the test (its own headers: Basic auth, SigV4, ...);
    /// `path` decoded, as the server hands it over.
    Response Send(Request req);

    // Seeding (through the store and the use cases, never through the API under test).

    /// A site administrator's token.
    std::string AdminToken();
    /// A token for `user`, a member of `group` with `role`.
    std::string TokenFor(const std::string& user, domain::Id group, domain::Role role);
    /// A token with these scopes for `user` (created without a password if new).
    std::string TokenWithScopes(const std::string& user,
                                bool site_admin,
                                const std::vector<domain::Scope>& scopes,
                                std::optional<int> expires_in_days = std::nullopt);
    inline static const std::vector<domain::Scope> kAllScopes = {
        domain::Scope::kRead, domain::Scope::kWrite, domain::Scope::kScan, domain::Scope::kAdmin};
    domain::Id CreateGroup(const std::string& name);
    /// Gives the group an access-key AWS integration (the fake AWS accepts any key).
    void ConfigureAws(domain::Id group);
    domain::Id AddEc2Server(domain::Id group, const std::string& instance_id);
    domain::Id AddPseudoServer(domain::Id group, const std::string& name);
    /// Applies one Inspector scan to the server that detects each (vulnerability id, package)
    /// pair (HIGH, CVSS 7.5, in the package at version 1.0), so each has a task; returns the
    /// tasks' ids in the pairs' order. A scan is the server's whole state: a later call's scan
    /// closes what it no longer lists, so seed all of a server's tasks in one call.
    std::vector<domain::Id> AddTasks(domain::Id server,
                                     const std::vector<std::pair<std::string, std::string>>& found);
    /// AddTasks with one pair.
    domain::Id AddTask(domain::Id server,
                       const std::string& vulnerability_id,
                       const std::string& package);

    /// Every AWS mock answers benignly unless a test says otherwise: empty pages, an enabled
    /// account 123456789012, that account's identity, no Lambda function, S3 writes accepted,
    /// SBOM exports unavailable.
    void FakeAwsDefaults();

    ports::Store& store() { return *store_; }
    const app::AppContext& ctx() const { return *ctx_; }
    kensa::testing::MockAws& aws() { return aws_; }
    ManualClock& clock() { return clock_; }

private:
    kensa::testing::MockAws aws_;
    ManualClock clock_;
    ports::StorePtr store_;
    std::unique_ptr<app::SecretBox> secrets_;
    kensa::sbom::InspectorSbomExport sbom_format_;
    kensa::vuls::VulsResultFormat vuls_format_;
    kensa::sbom::SbomFiles sbom_files_;
    std::unique_ptr<app::AppContext> ctx_;
    std::unique_ptr<app::SbomJobRunner> sbom_jobs_;
    Router router_;
};

/// The common cast of the handler tests: groups blue and red; a site administrator; in blue
/// an admin, a member and a viewer; in red only its admin (who must never see blue's rows).
class ApiTest : public ::testing::Test {
protected:
    ApiTest();

    /// "/api/v1/groups/<group>" + suffix.
    static std::string GroupPath(domain::Id group, const std::string& suffix = "");

    ApiHarness api;
    domain::Id blue = 0;
    domain::Id red = 0;
    std::string site_admin;
    std::string blue_admin;
    std::string blue_member;
    std::string blue_viewer;
    std::string red_admin;
};

/// The body of a JSON response, parsed; null (and a test failure) when it is not JSON.
dto::Json BodyJson(const Response& response);
/// The "code" of a problem response (e.g. "invalid_input"), or "" when it is not one.
std::string ProblemCode(const Response& response);
/// The problem's details.field, or "".
std::string ProblemField(const Response& response);

}  // namespace kensa::http::api::testing
