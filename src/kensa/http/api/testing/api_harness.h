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

#include <memory>
#include <string>
#include <string_view>

#include "kensa/app/context.h"
#include "kensa/app/sbom_export.h"
#include "kensa/common/clock.h"
#include "kensa/dto/json.h"
#include "kensa/http/message.h"
#include "kensa/http/router.h"
#include "kensa/ports/store.h"
#include "tests/mocks/aws_mocks.h"

namespace kensa::http::api::testing {

class ApiHarness {
public:
    ApiHarness();
    ~ApiHarness();
    ApiHarness(const ApiHarness&) = delete;
    ApiHarness& operator=(const ApiHarness&) = delete;

    /// Dispatches one request. `target` is a path with an optional query string
    /// ("/api/v1/groups/1/tasks?status=NEW"); an empty token sends no Authorization header.
    Response Call(std::string_view method,
                  std::string_view target,
                  const std::string& token,
                  std::string body = "");

    // Seeding (through the store and the use cases, never through the API under test).

    /// A site administrator's token.
    std::string AdminToken();
    /// A token for `user`, a member of `group` with `role`.
    std::string TokenFor(const std::string& user, domain::Id group, domain::Role role);
    domain::Id CreateGroup(const std::string& name);
    /// Gives the group an access-key AWS integration (the fake AWS accepts any key).
    void ConfigureAws(domain::Id group);
    domain::Id AddEc2Server(domain::Id group, const std::string& instance_id);
    domain::Id AddPseudoServer(domain::Id group, const std::string& name);
    /// Applies a scan to the server that detects `vulnerability_id` (HIGH, CVSS 7.5) in the
    /// package `package` 1.0, so a task exists; returns the task's id.
    domain::Id AddTask(domain::Id server,
                       const std::string& vulnerability_id,
                       const std::string& package);

    ports::Store& store() { return *store_; }
    const app::AppContext& ctx() const { return *ctx_; }
    kensa::testing::MockAws& aws() { return aws_; }
    ManualClock& clock() { return clock_; }

private:
    kensa::testing::MockAws aws_;
    ManualClock clock_;
    ports::StorePtr store_;
    std::unique_ptr<app::SecretBox> secrets_;
    std::unique_ptr<app::AppContext> ctx_;
    std::unique_ptr<app::SbomJobRunner> sbom_jobs_;
    Router router_;
};

/// The body of a JSON response, parsed; null (and a test failure) when it is not JSON.
dto::Json BodyJson(const Response& response);
/// The "code" of a problem response (e.g. "invalid_input"), or "" when it is not one.
std::string ProblemCode(const Response& response);
/// The problem's details.field, or "".
std::string ProblemField(const Response& response);

}  // namespace kensa::http::api::testing
