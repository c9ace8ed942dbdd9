// botocore's protocol conformance corpus (../shared/reference/aws-models/protocol-tests),
// data-driven. Skipped cleanly when the shared reference directory is absent.
//
// What runs, and why:
//  - Error parsing (output/*.json, every case with an errorCode), for all three protocols:
//    the code and (when the case states one) the message must match ParseAwsError's result.
//  - Request serialisation (input/*.json) for the features our clients use: URI labels
//    (plain and greedy) → wire::EncodeUriLabel; query-string members holding strings, integers
//    and booleans → wire::EncodeParams; the query protocol's form body with top-level scalar
//    members → wire::QueryProtocolBody; rest-json bodies whose members are scalar strings,
//    integers and booleans (the shape of every inspector2 request field we send at top level).
//    Method, path, query (as a set of encoded pairs) and body are compared.
//  - Excluded: cases needing features none of our operations serialise — headers and prefix
//    headers, payload/blob/streaming members, timestamps and floats in any location, lists,
//    maps and nested structures in the query protocol, host-prefix endpoint traits,
//    idempotency-token autofill, gzip request compression, and response-body parsing (our parsers
//    are per-operation, tested in the *_client tests instead). Each skipped case is counted, not
//    silently lost.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "kensa/aws/aws_error.h"
#include "kensa/aws/wire.h"
#include "kensa/common/strings.h"

namespace kensa::aws {
namespace {

using nlohmann::json;

std::filesystem::path CorpusDir() {
    return std::filesystem::path(KENSA_SOURCE_DIR) /
           "../shared/reference/aws-models/protocol-tests";
}

json Load(const std::string& relative) {
    std::ifstream in(CorpusDir() / relative);
    return json::parse(in, nullptr, /*allow_exceptions=*/false);
}

Protocol ProtocolOf(const std::string& name) {
    if (name == "rest-json") {
        return Protocol::kRestJson;
    }
    return name == "query" ? Protocol::kQuery : Protocol::kRestXml;
}

class ErrorCorpusTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ErrorCorpusTest, ErrorCasesParse) {
    if (!std::filesystem::exists(CorpusDir())) {
        GTEST_SKIP() << "protocol tests not present at " << CorpusDir();
    }
    json suites = Load("output/" + GetParam() + ".json");
    ASSERT_TRUE(suites.is_array());
    int run = 0;
    for (const json& suite : suites) {
        for (const json& test_case : suite["cases"]) {
            if (!test_case.contains("errorCode") || !test_case["errorCode"].is_string()) {
                continue;
            }
            HttpResponse response;
            response.status = test_case["response"].value("status_code", 0);
            const json& recorded = test_case["response"];
            const json headers =
                recorded.value("headers", json::object());  // must outlive the loop
            for (const auto& [name, value] : headers.items()) {
                response.headers.emplace_back(name,
                                              value.is_string() ? value.get<std::string>() : "");
            }
            const json body = recorded.value("body", json());
            response.body = body.is_string() ? body.get<std::string>() : std::string();
            AwsError error = ParseAwsError(ProtocolOf(GetParam()), response);
            EXPECT_EQ(error.code, test_case["errorCode"].get<std::string>()) << test_case["id"];
            if (test_case.contains("errorMessage") && test_case["errorMessage"].is_string()) {
                EXPECT_EQ(error.message, test_case["errorMessage"].get<std::string>())
                    << test_case["id"];
            }
            ++run;
        }
    }
    std::cout << "[ corpus ] " << GetParam() << " error cases run: " << run << "\n";
    EXPECT_GE(run, 2);  // the corpus has 12 rest-json, 3 query and 2 rest-xml error cases
}

INSTANTIATE_TEST_SUITE_P(Protocols,
                         ErrorCorpusTest,
                         ::testing::Values("rest-json", "query", "rest-xml"));

/// Renders a scalar parameter as the wire text, or nullopt for unsupported types.
std::optional<std::string> Scalar(const json& shapes,
                                  const std::string& shape_name,
                                  const json& value) {
    const std::string type = shapes[shape_name].value("type", "");
    if (type == "string" && value.is_string()) {
        return value.get<std::string>();
    }
    if ((type == "integer" || type == "long") && value.is_number_integer()) {
        return std::to_string(value.get<int64_t>());
    }
    if (type == "boolean" && value.is_boolean()) {
        return value.get<bool>() ? "true" : "false";
    }
    return std::nullopt;
}

std::vector<std::string> SortedPairs(std::string_view encoded) {
    std::vector<std::string> pairs;
    for (auto& pair : Split(encoded, '&')) {
        if (!pair.empty()) {
            pairs.push_back(pair);
        }
    }
    std::sort(pairs.begin(), pairs.end());
    return pairs;
}

/// Serialises one case with our primitives; false = the case uses an unsupported feature.
bool Serialise(const std::string& protocol,
               const json& suite,
               const json& test_case,
               std::string* method,
               std::string* uri,
               std::string* body,
               bool* json_body) {
    const json& given = test_case["given"];
    const json& shapes = suite["shapes"];
    if (given.contains("endpoint") || given.contains("requestcompression") ||
        !given.contains("http")) {
        return false;  // host-prefix traits and gzip request compression: not used by our
                       // operations
    }
    *method = given["http"].value("method", "POST");
    std::string request_uri = given["http"].value("requestUri", "/");
    std::string path = request_uri.substr(0, request_uri.find('?'));
    wire::Params query;
    std::string fixed_query = request_uri.find('?') == std::string::npos
                                  ? ""
                                  : request_uri.substr(request_uri.find('?') + 1);
    wire::Params form;
    json json_members = json::object();
    const json& params = test_case["params"];
    if (given.contains("input")) {
        const json& input = shapes[given["input"]["shape"].get<std::string>()];
        if (input.contains("payload")) {
            return false;
        }
        for (const auto& [member, spec] : input["members"].items()) {
            if (spec.value("idempotencyToken", false) || spec.value("hostLabel", false)) {
                return false;
            }
            if (!params.contains(member)) {
                continue;
            }
            auto text = Scalar(shapes, spec["shape"], params[member]);
            if (!text) {
                return false;
            }
            std::string wire_name = spec.value("locationName", member);
            std::string location = spec.value("location", "");
            if (location == "uri") {
                bool greedy = path.find("{" + wire_name + "+}") != std::string::npos;
                std::string label = "{" + wire_name + (greedy ? "+}" : "}");
                size_t at = path.find(label);
                if (at == std::string::npos) {
                    return false;
                }
                path.replace(at, label.size(), wire::EncodeUriLabel(*text, greedy));
            } else if (location == "querystring") {
                query.emplace_back(wire_name, *text);
            } else if (location.empty() && protocol == "query") {
                form.emplace_back(wire_name, *text);
            } else if (location.empty() && protocol == "rest-json" &&
                       !spec.contains("locationName")) {
                json_members[member] = params[member];
            } else {
                return false;  // headers, status codes, XML bodies
            }
        }
    }
    // Fixed query parts of the requestUri ("?list-type=2", "?location") go out verbatim.
    std::string encoded_query = fixed_query;
    std::string params_query = wire::EncodeParams(query);
    if (!params_query.empty()) {
        encoded_query += (encoded_query.empty() ? "" : "&") + params_query;
    }
    // A custom endpoint with a path ("example.com/custom") prefixes every request path, as
    // Endpoint::base_path does in AwsServiceClient::Call.
    std::string host = test_case["serialized"].value("host", "");
    if (host.find('/') != std::string::npos) {
        std::string base_path = host.substr(host.find('/'));
        while (!base_path.empty() && base_path.back() == '/') {
            base_path.pop_back();
        }
        path = base_path + path;
    }
    *uri = path + (encoded_query.empty() ? "" : "?" + encoded_query);
    *json_body = protocol == "rest-json" && !json_members.empty();
    if (protocol == "query") {
        *body = wire::QueryProtocolBody(given["name"].get<std::string>(),
                                        suite["metadata"]["apiVersion"].get<std::string>(),
                                        form);
    } else {
        *body = *json_body ? json_members.dump() : "";
    }
    return true;
}

class RequestCorpusTest : public ::testing::TestWithParam<std::string> {};

TEST_P(RequestCorpusTest, SupportedRequestCasesSerialise) {
    if (!std::filesystem::exists(CorpusDir())) {
        GTEST_SKIP() << "protocol tests not present at " << CorpusDir();
    }
    const std::string protocol = GetParam();
    json suites = Load("input/" + protocol + ".json");
    ASSERT_TRUE(suites.is_array());
    int run = 0;
    int skipped = 0;
    for (const json& suite : suites) {
        for (const json& test_case : suite["cases"]) {
            std::string method;
            std::string uri;
            std::string body;
            bool json_body = false;
            if (!Serialise(protocol, suite, test_case, &method, &uri, &body, &json_body)) {
                ++skipped;
                continue;
            }
            const json& expected = test_case["serialized"];
            const std::string id = test_case["id"].get<std::string>();
            EXPECT_EQ(method, expected.value("method", "")) << id;
            std::string expected_uri = expected.value("uri", "/");
            size_t q = expected_uri.find('?');
            size_t ours_q = uri.find('?');
            EXPECT_EQ(uri.substr(0, ours_q), expected_uri.substr(0, q)) << id;
            EXPECT_EQ(SortedPairs(ours_q == std::string::npos ? "" : uri.substr(ours_q + 1)),
                      SortedPairs(q == std::string::npos ? "" : expected_uri.substr(q + 1)))
                << id;
            std::string expected_body = expected.value("body", "");
            if (protocol == "query") {
                EXPECT_EQ(SortedPairs(body), SortedPairs(expected_body)) << id;
            } else if (json_body) {
                EXPECT_EQ(json::parse(body), json::parse(expected_body, nullptr, false)) << id;
            } else {
                EXPECT_TRUE(expected_body.empty() || expected_body == "{}")
                    << id << ": " << expected_body;
            }
            ++run;
        }
    }
    std::cout << "[ corpus ] " << protocol << " request cases run: " << run
              << ", excluded: " << skipped << "\n";
    EXPECT_GE(run, 5);
}

INSTANTIATE_TEST_SUITE_P(Protocols,
                         RequestCorpusTest,
                         ::testing::Values("rest-json", "query", "rest-xml"));

}  // namespace
}  // namespace kensa::aws
