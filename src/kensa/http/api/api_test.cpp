// The route table as a whole: the OpenAPI document, authentication and unknown routes.
#include <gtest/gtest.h>

#include <set>

#include "kensa/http/api/endpoints.h"
#include "kensa/http/api/testing/api_harness.h"

namespace kensa::http::api::testing {
namespace {

TEST_F(ApiTest, OpenApiDocumentListsEveryEndpointOfTheTable) {
    auto r = api.Call("GET", "/api/v1/openapi.json", "");  // public: no token needed
    ASSERT_EQ(r.status, 200);
    Json doc = BodyJson(r);
    EXPECT_EQ(doc["openapi"], "3.0.3");
    size_t operations = 0;
    for (const auto& [path, methods] : doc["paths"].items()) {
        operations += methods.size();
    }
    EXPECT_EQ(operations, Endpoints().size());
    for (const Endpoint& endpoint : Endpoints()) {
        std::string method(endpoint.method);
        for (char& c : method) {
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        const Json& op = doc["paths"][std::string(endpoint.pattern)][method];
        ASSERT_TRUE(op.is_object()) << endpoint.method << " " << endpoint.pattern;
        EXPECT_EQ(op["summary"], std::string(endpoint.summary));
        EXPECT_TRUE(op["responses"].contains(std::to_string(endpoint.success_status)));
    }
    EXPECT_TRUE(doc["paths"]["/api/v1/groups/{group}/servers/{server}"].contains("delete"));
}

TEST_F(ApiTest, EveryEndpointButTheDocumentNeedsAValidToken) {
    std::set<std::string> public_patterns = {"/api/v1/openapi.json"};
    for (const Endpoint& endpoint : Endpoints()) {
        std::string path(endpoint.pattern);
        if (public_patterns.count(path) != 0 || !endpoint.auth.empty()) {
            continue;  // the scanner uploads authenticate otherwise (vuls_api_test.cpp)
        }
        // Fill the parameters with ids that exist, so only the token can fail.
        for (const auto& [param, value] :
             std::vector<std::pair<std::string, std::string>>{{"{group}", std::to_string(blue)},
                                                              {"{server}", "1"},
                                                              {"{task}", "1"},
                                                              {"{token}", "1"},
                                                              {"{id}", "CVE-1"}}) {
            if (auto at = path.find(param); at != std::string::npos) {
                path.replace(at, param.size(), value);
            }
        }
        for (const std::string& token : {std::string(), std::string("kensa_not-a-token")}) {
            auto r = api.Call(endpoint.method, path, token, "{}");
            EXPECT_EQ(r.status, 401) << endpoint.method << " " << path;
            EXPECT_EQ(ProblemCode(r), "unauthenticated") << endpoint.method << " " << path;
        }
    }
}

TEST_F(ApiTest, UnknownRoutesAndMethodsAreRefusedByTheRouter) {
    EXPECT_EQ(api.Call("GET", "/api/v1/nothing-here", site_admin).status, 404);
    EXPECT_EQ(api.Call("DELETE", "/api/v1/groups", site_admin).status, 405);
}

TEST_F(ApiTest, AMalformedPathIdIsInvalidInputNamingTheParameter) {
    auto r = api.Call("GET", "/api/v1/groups/blue", site_admin);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(ProblemField(r), "group");
    auto s = api.Call("GET", GroupPath(blue, "/servers/x1"), site_admin);
    EXPECT_EQ(s.status, 400);
    EXPECT_EQ(ProblemField(s), "server");
}

}  // namespace
}  // namespace kensa::http::api::testing
