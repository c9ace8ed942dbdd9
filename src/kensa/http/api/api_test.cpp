// The route table as a whole: the OpenAPI document, authentication and unknown routes.
#include <gtest/gtest.h>

#include <functional>
#include <set>

#include "kensa/http/api/endpoints.h"
#include "kensa/http/api/testing/api_harness.h"

namespace kensa::embedded {
std::string_view OpenApiSchemas();
}  // namespace kensa::embedded

namespace kensa::http::api::testing {
namespace {

TEST_F(ApiTest, OpenApiDocumentListsEveryEndpointOfTheTable) {
    auto r = api.Call("GET", "/api/v1/openapi.json", "");  // public: no token needed
    ASSERT_EQ(r.status, 200);
    Json doc = BodyJson(r);
    EXPECT_EQ(doc["openapi"], "3.1.0");
    size_t operations = 0;
    for (const auto& [path, methods] : doc["paths"].items()) {
        operations += methods.size();
        EXPECT_EQ(path.find("..."), std::string::npos) << path;
    }
    EXPECT_EQ(operations, Endpoints().size());
    for (const Endpoint& endpoint : Endpoints()) {
        std::string method(endpoint.method);
        for (char& c : method) {
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        std::string path(endpoint.pattern);
        if (auto dots = path.find("...}"); dots != std::string::npos) {
            path.erase(dots, 3);
        }
        const Json& op = doc["paths"][path][method];
        ASSERT_TRUE(op.is_object()) << endpoint.method << " " << endpoint.pattern;
        EXPECT_EQ(op["summary"], std::string(endpoint.summary));
        EXPECT_TRUE(op["responses"].contains(std::to_string(endpoint.success_status)));
        EXPECT_TRUE(op["responses"].contains("default"));
    }
    EXPECT_TRUE(doc["paths"]["/api/v1/groups/{group}/servers/{server}"].contains("delete"));
}

// Every endpoint has its schemas in openapi_schemas.json, every reference resolves, and the
// file describes no endpoint the table lacks: the console's client cannot drift from the API.
TEST_F(ApiTest, OpenApiSchemasDescribeEveryEndpointAndEveryReferenceResolves) {
    auto undescribed = UndescribedEndpoint(Endpoints());
    EXPECT_FALSE(undescribed.has_value())
        << *undescribed << " has no entry in openapi_schemas.json";
    Json doc = OpenApiDocument(Endpoints());
    const Json& schemas = doc["components"]["schemas"];
    int refs = 0;
    std::function<void(const Json&)> walk = [&](const Json& node) {
        if (node.is_object()) {
            if (auto ref = node.find("$ref"); ref != node.end()) {
                std::string target = ref->get<std::string>();
                const std::string prefix = "#/components/schemas/";
                ASSERT_EQ(target.rfind(prefix, 0), 0u) << target;
                EXPECT_TRUE(schemas.contains(target.substr(prefix.size()))) << target;
                ++refs;
            }
            for (const auto& [key, child] : node.items()) {
                walk(child);
            }
        } else if (node.is_array()) {
            for (const auto& child : node) {
                walk(child);
            }
        }
    };
    walk(doc);
    EXPECT_GT(refs, 50);
    std::set<std::string> routes;
    for (const Endpoint& e : Endpoints()) {
        routes.insert(std::string(e.method) + " " + std::string(e.pattern));
    }
    Json described = Json::parse(embedded::OpenApiSchemas());
    for (const auto& [key, op] : described["operations"].items()) {
        EXPECT_TRUE(routes.count(key) != 0) << key << " is described but has no route";
    }
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
