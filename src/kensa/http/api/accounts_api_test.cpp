// /api/v1/session, /me, /tokens, /users and a group's /members and /audit.
#include "kensa/http/api/accounts_api.h"

#include <gtest/gtest.h>

#include "kensa/app/accounts/accounts.h"
#include "kensa/http/api/testing/api_harness.h"

namespace kensa::http::api::testing {
namespace {

constexpr char kPassword[] = "correct horse battery";

class AccountsApiTest : public ApiTest {
protected:
    AccountsApiTest() {
        auto carol = app::CreateUser(api.ctx(), "carol", kPassword, false, "test");
        EXPECT_TRUE(carol.ok());
        carol_id = carol.ok() ? carol->id : 0;
        EXPECT_TRUE(api.store().SetMembership(carol_id, blue, domain::Role::kMember).ok());
    }

    Response Login(const std::string& name,
                   const std::string& password,
                   const std::string& addr = "10.0.0.7") {
        Request req;
        req.method = "POST";
        req.path = "/api/v1/session";
        req.remote_addr = addr;
        req.headers.emplace_back("Content-Type", "application/json");
        req.body = Json{{"name", name}, {"password", password}}.dump();
        return api.Send(std::move(req));
    }

    /// A request with the session cookie, and the CSRF token when given.
    Response WithCookie(const std::string& method,
                        const std::string& path,
                        const std::string& cookie,
                        const std::string& csrf = "",
                        std::string body = "") {
        Request req;
        req.method = method;
        req.path = path;
        req.headers.emplace_back("Cookie", "theme=dark; kensa_session=" + cookie);
        if (!csrf.empty()) {
            req.headers.emplace_back("X-CSRF-Token", csrf);
        }
        req.body = std::move(body);
        return api.Send(std::move(req));
    }

    static std::string CookieOf(const Response& r) {
        std::string set = r.Header("Set-Cookie");
        size_t eq = set.find('=');
        size_t semi = set.find(';');
        return set.substr(eq + 1, semi - eq - 1);
    }

    domain::Id carol_id = 0;
};

TEST_F(AccountsApiTest, ALoginSetsAStrictHttpOnlyCookieAndReturnsTheCsrfToken) {
    auto r = Login("carol", kPassword);
    ASSERT_EQ(r.status, 200) << r.body;
    std::string set = r.Header("Set-Cookie");
    EXPECT_EQ(set.rfind("kensa_session=", 0), 0u) << set;
    EXPECT_NE(set.find("HttpOnly"), std::string::npos);
    EXPECT_NE(set.find("SameSite=Strict"), std::string::npos);
    EXPECT_NE(set.find("Path=/"), std::string::npos);
    EXPECT_EQ(set.find("Secure"), std::string::npos);  // plain HTTP in this test
    Json body = BodyJson(r);
    EXPECT_EQ(body["user"]["name"], "carol");
    EXPECT_EQ(body["csrf_token"].get<std::string>().size(), 64u);
    EXPECT_GT(body["expires_at"].get<int64_t>(), body["idle_expires_at"].get<int64_t>());
    EXPECT_EQ(body.dump().find(CookieOf(r)), std::string::npos);  // the cookie is never in JSON

    auto me = WithCookie("GET", "/api/v1/me", CookieOf(r));
    ASSERT_EQ(me.status, 200) << me.body;
    EXPECT_EQ(BodyJson(me)["user"]["name"], "carol");
    ASSERT_EQ(BodyJson(me)["groups"].size(), 1u);
    EXPECT_EQ(BodyJson(me)["groups"][0]["role"], "member");
}

TEST_F(AccountsApiTest, TheCookieIsSecureUnderTls) {
    Request req;
    req.method = "POST";
    req.path = "/api/v1/session";
    req.https = true;  // the server sets it behind [http] https_front (http_server_test.cpp)
    req.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
    req.body = Json{{"name", "carol"}, {"password", kPassword}}.dump();
    auto r = api.Send(std::move(req));
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_NE(r.Header("Set-Cookie").find("; Secure"), std::string::npos);
}

TEST_F(AccountsApiTest, ALoginIsJsonOnlySoNoOtherSiteCanPostOne) {
    Request form;  // what <form enctype="text/plain"> on another site would send
    form.method = "POST";
    form.path = "/api/v1/session";
    form.headers.emplace_back("Content-Type", "text/plain");
    form.body = Json{{"name", "carol"}, {"password", kPassword}}.dump();
    auto r = api.Send(std::move(form));
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(ProblemField(r), "Content-Type");
    EXPECT_TRUE(r.Header("Set-Cookie").empty());
}

TEST_F(AccountsApiTest, AStateChangingRequestWithoutTheCsrfTokenIsRefused) {
    auto login = Login("carol", kPassword);
    const std::string cookie = CookieOf(login);
    const std::string csrf = BodyJson(login)["csrf_token"];
    const std::string body = Json{{"label", "ci"}, {"scopes", {"read"}}}.dump();
    auto without = WithCookie("POST", "/api/v1/tokens", cookie, "", body);
    EXPECT_EQ(without.status, 403) << without.body;
    EXPECT_NE(without.body.find("CSRF"), std::string::npos);
    auto wrong = WithCookie("POST", "/api/v1/tokens", cookie, std::string(64, 'a'), body);
    EXPECT_EQ(wrong.status, 403);
    auto with = WithCookie("POST", "/api/v1/tokens", cookie, csrf, body);
    EXPECT_EQ(with.status, 201) << with.body;
    // A GET needs no CSRF token.
    EXPECT_EQ(WithCookie("GET", "/api/v1/tokens", cookie).status, 200);
}

TEST_F(AccountsApiTest, AfterLogoutTheCookieNoLongerWorks) {
    auto login = Login("carol", kPassword);
    const std::string cookie = CookieOf(login);
    const std::string csrf = BodyJson(login)["csrf_token"];
    EXPECT_EQ(WithCookie("GET", "/api/v1/session", cookie).status, 200);
    auto out = WithCookie("DELETE", "/api/v1/session", cookie, csrf);
    ASSERT_EQ(out.status, 204) << out.body;
    EXPECT_NE(out.Header("Set-Cookie").find("Max-Age=0"), std::string::npos);
    EXPECT_EQ(WithCookie("GET", "/api/v1/session", cookie).status, 401);
    EXPECT_EQ(WithCookie("GET", "/api/v1/me", cookie).status, 401);
}

TEST_F(AccountsApiTest, SessionsEndAfterIdleTimeAndAtTheirAbsoluteExpiry) {
    const std::string idle = CookieOf(Login("carol", kPassword));
    api.clock().Advance(std::chrono::seconds(domain::kSessionIdleSeconds + 1));
    EXPECT_EQ(WithCookie("GET", "/api/v1/me", idle).status, 401);

    const std::string busy = CookieOf(Login("carol", kPassword));
    for (int i = 0; i < 30; ++i) {  // a request every 25 minutes keeps it alive for 12.5 h
        api.clock().Advance(std::chrono::minutes(25));
        const int status = WithCookie("GET", "/api/v1/me", busy).status;
        if ((i + 1) * 25 * 60 < domain::kSessionAbsoluteSeconds) {
            ASSERT_EQ(status, 200) << "after " << (i + 1) * 25 << " minutes";
        } else {
            EXPECT_EQ(status, 401) << "after " << (i + 1) * 25 << " minutes";
        }
    }
}

TEST_F(AccountsApiTest, TheSixthWrongPasswordWithinAMinuteGets429) {
    for (int i = 0; i < 5; ++i) {
        auto r = Login("carol", "wrong password " + std::to_string(i));
        ASSERT_EQ(r.status, 401) << r.body;
        EXPECT_EQ(r.body.find("carol"), std::string::npos);  // one message for name or password
    }
    auto sixth = Login("carol", "wrong password 5");
    EXPECT_EQ(sixth.status, 429) << sixth.body;
    EXPECT_EQ(sixth.Header("Retry-After"), "60");
    EXPECT_EQ(Login("carol", kPassword).status, 429);              // even the right one, for now
    EXPECT_EQ(Login("carol", kPassword, "10.9.9.9").status, 429);  // the name is throttled
    api.clock().Advance(std::chrono::seconds(61));
    EXPECT_EQ(Login("carol", kPassword).status, 200);
}

TEST_F(AccountsApiTest, OneClientAddressIsThrottledAcrossUserNames) {
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(Login("user" + std::to_string(i), "whatever password", "10.1.1.1").status, 401);
    }
    EXPECT_EQ(Login("carol", kPassword, "10.1.1.1").status, 429);
    EXPECT_EQ(Login("carol", kPassword, "10.2.2.2").status, 200);
}

TEST_F(AccountsApiTest, UnknownUsersAndUsersWithoutPasswordCannotLogIn) {
    EXPECT_EQ(Login("nobody", kPassword).status, 401);
    // blue-admin has only a token (made without a password).
    EXPECT_NE(Login("blue-admin", "").status, 200);
    EXPECT_EQ(Login("blue-admin", kPassword).status, 401);
}

TEST_F(AccountsApiTest, TokensHaveScopesAndAnExpiryAndAreRevoked) {
    auto created =
        api.Call("POST",
                 "/api/v1/tokens",
                 blue_admin,
                 Json{{"label", "read-only"}, {"scopes", {"read"}}, {"expires_in_days", 1}}.dump());
    ASSERT_EQ(created.status, 201) << created.body;
    Json issued = BodyJson(created);
    const std::string read_only = issued["token"];
    EXPECT_EQ(issued["scopes"], Json::array({"read"}));
    EXPECT_TRUE(issued["expires_at"].is_number());
    EXPECT_EQ(created.Header("Cache-Control"), "no-store");

    EXPECT_EQ(api.Call("GET", GroupPath(blue, "/tasks"), read_only).status, 200);
    auto write =
        api.Call("PUT", GroupPath(blue, "/schedule"), read_only, Json{{"enabled", false}}.dump());
    EXPECT_EQ(write.status, 403) << write.body;
    EXPECT_NE(write.body.find("scopes"), std::string::npos);
    EXPECT_EQ(api.Call("POST", GroupPath(blue, "/scan"), read_only).status, 403);

    auto list = api.Call("GET", "/api/v1/tokens", blue_admin);
    ASSERT_EQ(list.status, 200);
    Json tokens = BodyJson(list)["tokens"];
    ASSERT_GE(tokens.size(), 2u);
    EXPECT_EQ(tokens[0]["label"], "read-only");               // newest first
    EXPECT_EQ(list.body.find(read_only), std::string::npos);  // never shown again

    api.clock().Advance(std::chrono::hours(25));
    EXPECT_EQ(api.Call("GET", GroupPath(blue, "/tasks"), read_only).status, 401);

    auto again =
        api.Call("POST", "/api/v1/tokens", blue_admin, Json{{"scopes", {"read", "write"}}}.dump());
    ASSERT_EQ(again.status, 201);
    const std::string second = BodyJson(again)["token"];
    const int64_t id = BodyJson(again)["id"];
    EXPECT_EQ(api.Call("DELETE", "/api/v1/tokens/" + std::to_string(id), blue_viewer).status,
              404);  // not the viewer's token
    EXPECT_EQ(api.Call("DELETE", "/api/v1/tokens/" + std::to_string(id), blue_admin).status, 204);
    EXPECT_EQ(api.Call("GET", GroupPath(blue, "/tasks"), second).status, 401);
}

TEST_F(AccountsApiTest, ATokenIssuesNoTokenThatOutlivesIt) {
    auto short_lived = api.Call("POST",
                                "/api/v1/tokens",
                                blue_admin,
                                Json{{"scopes", {"admin"}}, {"expires_in_days", 1}}.dump());
    ASSERT_EQ(short_lived.status, 201);
    const std::string parent = BodyJson(short_lived)["token"];
    const int64_t parent_expiry = BodyJson(short_lived)["expires_at"];
    auto child = api.Call("POST", "/api/v1/tokens", parent, Json{{"scopes", {"read"}}}.dump());
    ASSERT_EQ(child.status, 201) << child.body;
    EXPECT_EQ(BodyJson(child)["expires_at"], parent_expiry);  // not "never"
    auto longer = api.Call("POST",
                           "/api/v1/tokens",
                           parent,
                           Json{{"scopes", {"read"}}, {"expires_in_days", 30}}.dump());
    EXPECT_EQ(BodyJson(longer)["expires_at"], parent_expiry);
    // A read token cannot issue tokens at all (it takes the admin scope).
    auto reader = api.Call("POST", "/api/v1/tokens", blue_admin, Json{{"scopes", {"read"}}}.dump());
    EXPECT_EQ(api.Call("POST",
                       "/api/v1/tokens",
                       BodyJson(reader)["token"],
                       Json{{"scopes", {"read"}}}.dump())
                  .status,
              403);
}

TEST_F(AccountsApiTest, ATokenRequestNamesWhatIsWrong) {
    auto none =
        api.Call("POST", "/api/v1/tokens", blue_admin, Json{{"scopes", Json::array()}}.dump());
    EXPECT_EQ(none.status, 400);
    EXPECT_EQ(ProblemField(none), "scopes");
    auto bad = api.Call("POST", "/api/v1/tokens", blue_admin, Json{{"scopes", {"root"}}}.dump());
    EXPECT_EQ(ProblemField(bad), "scopes");
    auto days = api.Call("POST",
                         "/api/v1/tokens",
                         blue_admin,
                         Json{{"scopes", {"read"}}, {"expires_in_days", 0}}.dump());
    EXPECT_EQ(ProblemField(days), "expires_in_days");
}

TEST_F(AccountsApiTest, SiteAdminsCreateUsersWhoThenLogIn) {
    auto denied = api.Call("POST",
                           "/api/v1/users",
                           blue_admin,
                           Json{{"name", "dave"}, {"password", kPassword}}.dump());
    EXPECT_EQ(denied.status, 403);
    auto weak = api.Call(
        "POST", "/api/v1/users", site_admin, Json{{"name", "dave"}, {"password", "short"}}.dump());
    EXPECT_EQ(weak.status, 400);
    EXPECT_EQ(ProblemField(weak), "password");
    auto created = api.Call("POST",
                            "/api/v1/users",
                            site_admin,
                            Json{{"name", "dave"}, {"password", kPassword}}.dump());
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(BodyJson(created).dump().find(kPassword), std::string::npos);
    EXPECT_EQ(api.Call("POST",
                       "/api/v1/users",
                       site_admin,
                       Json{{"name", "dave"}, {"password", kPassword}}.dump())
                  .status,
              409);
    EXPECT_EQ(Login("dave", kPassword).status, 200);
    auto users = api.Call("GET", "/api/v1/users", site_admin);
    ASSERT_EQ(users.status, 200);
    EXPECT_NE(users.body.find("\"dave\""), std::string::npos);
    EXPECT_EQ(users.body.find("argon2"), std::string::npos);  // hashes never leave the store
    EXPECT_EQ(api.Call("GET", "/api/v1/users", blue_admin).status, 403);
}

TEST_F(AccountsApiTest, MembersAreManagedByAdminsAndAudited) {
    const std::string carol = std::to_string(carol_id);
    auto list = api.Call("GET", GroupPath(blue, "/members"), blue_viewer);
    ASSERT_EQ(list.status, 200);
    EXPECT_NE(list.body.find("\"carol\""), std::string::npos);
    EXPECT_EQ(api.Call("GET", GroupPath(blue, "/members"), red_admin).status, 404);

    EXPECT_EQ(api.Call("PUT",
                       GroupPath(blue, "/members/" + carol),
                       blue_member,
                       Json{{"role", "admin"}}.dump())
                  .status,
              403);
    auto promote = api.Call(
        "PUT", GroupPath(blue, "/members/" + carol), blue_admin, Json{{"role", "viewer"}}.dump());
    ASSERT_EQ(promote.status, 200) << promote.body;
    EXPECT_EQ(BodyJson(promote)["role"], "viewer");
    auto owner = api.Call(
        "PUT", GroupPath(blue, "/members/" + carol), blue_admin, Json{{"role", "owner"}}.dump());
    EXPECT_EQ(owner.status, 403) << owner.body;  // only owners grant owner
    EXPECT_EQ(api.Call("PUT",
                       GroupPath(blue, "/members/" + carol),
                       blue_admin,
                       Json{{"role", "boss"}}.dump())
                  .status,
              400);
    EXPECT_EQ(api.Call("DELETE", GroupPath(blue, "/members/" + carol), blue_admin).status, 204);
    EXPECT_EQ(api.Call("DELETE", GroupPath(blue, "/members/" + carol), blue_admin).status, 404);

    auto audit = api.Call("GET", GroupPath(blue, "/audit?limit=2"), blue_admin);
    ASSERT_EQ(audit.status, 200) << audit.body;
    Json events = BodyJson(audit)["events"];
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0]["action"], "member.remove");
    EXPECT_EQ(events[0]["target"], "carol");
    EXPECT_EQ(events[0]["actor"], "blue-admin");
    EXPECT_EQ(events[1]["action"], "member.set");
    ASSERT_TRUE(BodyJson(audit)["next_before"].is_number());
    EXPECT_EQ(api.Call("GET", GroupPath(blue, "/audit"), blue_member).status, 403);
    EXPECT_EQ(api.Call("GET", GroupPath(blue, "/audit"), red_admin).status, 404);
}

}  // namespace
}  // namespace kensa::http::api::testing
