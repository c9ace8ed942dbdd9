// The isolation matrix, generated from the route table: every endpoint x every role x own and
// foreign group, on SQLite and on PostgreSQL (KENSA_TEST_PG_DSN; skipped without it).
//  - a caller from another group gets 404 for every object of this group;
//  - a viewer gets 403 for every write of its own group; it reads what viewers read (the
//    settings screens' reads are for admins: 403 too, never 404 or 401);
//  - an expired or a revoked token gets 401 everywhere.
#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>

#include "kensa/app/accounts/accounts.h"
#include "kensa/app/vuls/upload_auth.h"
#include "kensa/http/api/endpoints.h"
#include "kensa/http/api/testing/api_harness.h"
#include "kensa/store/sql.h"

namespace kensa::http::api::testing {
namespace {

std::string PgDsn() {
    const char* dsn = std::getenv("KENSA_TEST_PG_DSN");
    return dsn != nullptr ? dsn : "";
}

class IsolationMatrix : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        std::string url = "sqlite::memory:";
        if (GetParam() == "postgres") {
            if (PgDsn().empty()) {
                GTEST_SKIP() << "KENSA_TEST_PG_DSN not set; the PostgreSQL matrix is skipped";
            }
            auto raw = store::OpenPostgres(PgDsn());
            ASSERT_TRUE(raw.ok()) << raw.error().ToString();
            ASSERT_TRUE((*raw)->Exec("SET client_min_messages = warning").ok());
            ASSERT_TRUE((*raw)->Exec("DROP SCHEMA IF EXISTS public CASCADE").ok());
            ASSERT_TRUE((*raw)->Exec("CREATE SCHEMA public").ok());
            url = PgDsn();
        }
        api = std::make_unique<ApiHarness>(url);
        blue = api->CreateGroup("blue");
        red = api->CreateGroup("red");
        api->ConfigureAws(blue);
        api->ConfigureAws(red);
        blue_viewer = api->TokenFor("blue-viewer", blue, domain::Role::kViewer);
        red_owner = api->TokenFor("red-owner", red, domain::Role::kOwner);
        server = api->AddEc2Server(blue, "i-0aaaaaaaaaaaaaaa1");
        task = api->AddTask(server, "CVE-2024-0001", "openssl");
        auto carol = app::CreateUser(api->ctx(), "carol", "correct horse battery", false, "t");
        ASSERT_TRUE(carol.ok());
        ASSERT_TRUE(api->store().SetMembership(carol->id, blue, domain::Role::kMember).ok());
        user = carol->id;
        auto upload = app::CreateUploadToken(api->ctx(), blue, "scanner", std::nullopt, "t");
        ASSERT_TRUE(upload.ok());
        upload_token = upload->token.id;
    }

    /// The pattern with blue's objects in it.
    std::string BluePath(std::string_view pattern) const {
        std::string path(pattern);
        const std::vector<std::pair<std::string, std::string>> values = {
            {"{group}", std::to_string(blue)},
            {"{server}", std::to_string(server)},
            {"{task}", std::to_string(task)},
            {"{user}", std::to_string(user)},
            {"{token}", std::to_string(upload_token)},
            {"{id}", "CVE-2024-0001"},
        };
        for (const auto& [param, value] : values) {
            if (auto at = path.find(param); at != std::string::npos) {
                path.replace(at, param.size(), value);
            }
        }
        return path;
    }

    static bool GroupScoped(const Endpoint& e) {
        return e.auth.empty() && std::string_view(e.pattern).find("{group}") != std::string::npos;
    }

    std::unique_ptr<ApiHarness> api;
    domain::Id blue = 0, red = 0, server = 0, task = 0, user = 0, upload_token = 0;
    std::string blue_viewer, red_owner;
};

TEST_P(IsolationMatrix, AnotherGroupsCallerGets404ForEveryObject) {
    int checked = 0;
    for (const Endpoint& e : Endpoints()) {
        if (!GroupScoped(e)) {
            continue;
        }
        const std::string path = BluePath(e.pattern);
        auto r = api->Call(e.method, path, red_owner, "{}");
        EXPECT_EQ(r.status, 404) << e.method << " " << path << ": " << r.body;
        EXPECT_EQ(r.body.find("CVE-2024-0001\","), std::string::npos) << path;
        ++checked;
    }
    EXPECT_GE(checked, 30);
}

TEST_P(IsolationMatrix, AViewerGets403ForEveryWrite) {
    int writes = 0;
    int reads = 0;
    for (const Endpoint& e : Endpoints()) {
        if (!GroupScoped(e)) {
            continue;
        }
        const std::string path = BluePath(e.pattern);
        auto r = api->Call(e.method, path, blue_viewer, "{}");
        if (e.method == "GET") {
            EXPECT_TRUE(r.status == 200 || r.status == 403)
                << e.method << " " << path << ": " << r.status << " " << r.body;
            reads += r.status == 200 ? 1 : 0;
        } else {
            EXPECT_EQ(r.status, 403) << e.method << " " << path << ": " << r.body;
            ++writes;
        }
    }
    EXPECT_GE(writes, 15);
    EXPECT_GE(reads, 10);
    // The viewer's refused writes changed nothing.
    auto t = api->Call("GET", BluePath("/api/v1/groups/{group}/tasks/{task}"), blue_viewer);
    EXPECT_EQ(BodyJson(t)["status"], "NEW");
}

TEST_P(IsolationMatrix, ExpiredAndRevokedTokensGet401Everywhere) {
    const auto all = ApiHarness::kAllScopes;
    std::string expiring = api->TokenWithScopes("blue-expiring", false, all, 1);
    std::string revoked = api->TokenWithScopes("blue-revoked", false, all);
    auto owner = api->store().FindUserByName("blue-revoked");
    ASSERT_TRUE(owner.ok() && owner->has_value());
    for (const std::string name : {"blue-expiring", "blue-revoked"}) {
        auto u = api->store().FindUserByName(name);
        ASSERT_TRUE(api->store().SetMembership((*u)->id, blue, domain::Role::kOwner).ok());
    }
    auto tokens = app::ListApiTokens(api->ctx(), **owner);
    ASSERT_TRUE(tokens.ok() && tokens->size() == 1);
    ASSERT_TRUE(app::RevokeApiToken(api->ctx(), **owner, tokens->front().id).ok());
    EXPECT_EQ(api->Call("GET", BluePath("/api/v1/groups/{group}/tasks"), expiring).status, 200);
    api->clock().Advance(std::chrono::hours(24 * 2));
    for (const Endpoint& e : Endpoints()) {
        if (!e.auth.empty()) {
            continue;  // a login or an upload: no API token
        }
        const std::string path = BluePath(e.pattern);
        for (const std::string& token : {expiring, revoked}) {
            auto r = api->Call(e.method, path, token, "{}");
            EXPECT_EQ(r.status, 401) << e.method << " " << path << ": " << r.body;
        }
    }
}

TEST_P(IsolationMatrix, ASessionsWriteWithoutItsCsrfTokenIsRefusedEverywhere) {
    auto owner = app::CreateUser(api->ctx(), "blue-owner", "correct horse battery", false, "t");
    ASSERT_TRUE(owner.ok());
    ASSERT_TRUE(api->store().SetMembership(owner->id, blue, domain::Role::kOwner).ok());
    Request login;
    login.method = "POST";
    login.path = "/api/v1/session";
    login.headers.emplace_back("Content-Type", "application/json");
    login.body = R"({"name": "blue-owner", "password": "correct horse battery"})";
    auto session = api->Send(login);
    ASSERT_EQ(session.status, 200) << session.body;
    std::string set = session.Header("Set-Cookie");
    const std::string cookie = set.substr(0, set.find(';'));
    int writes = 0;
    for (const Endpoint& e : Endpoints()) {
        if (!e.auth.empty() || e.method == "GET") {
            continue;
        }
        Request req;
        req.method = std::string(e.method);
        req.path = BluePath(e.pattern);
        req.headers.emplace_back("Cookie", cookie);
        req.body = "{}";
        auto r = api->Send(req);
        EXPECT_EQ(r.status, 403) << e.method << " " << req.path << ": " << r.body;
        EXPECT_NE(r.body.find("CSRF"), std::string::npos) << req.path;
        ++writes;
    }
    EXPECT_GE(writes, 20);
    // The same cookie still reads: it is the token that is missing, not the session.
    Request read;
    read.method = "GET";
    read.path = BluePath("/api/v1/groups/{group}/tasks/{task}");
    read.headers.emplace_back("Cookie", cookie);
    auto r = api->Send(read);
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(BodyJson(r)["status"], "NEW");
}

INSTANTIATE_TEST_SUITE_P(Backends,
                         IsolationMatrix,
                         ::testing::Values("sqlite", "postgres"),
                         [](const ::testing::TestParamInfo<std::string>& p) { return p.param; });

}  // namespace
}  // namespace kensa::http::api::testing
