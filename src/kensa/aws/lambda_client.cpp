#include "kensa/aws/lambda_client.h"

#include <nlohmann/json.hpp>

#include "kensa/aws/wire.h"

namespace kensa::aws {

namespace {

using nlohmann::json;

constexpr const char* kFunctionsPath = "/2015-03-31/functions";
constexpr int kPageSize = 50;  // the service returns at most 50 per page whatever MaxItems says

std::string Text(const json& object, const char* key) {
    if (!object.is_object()) {
        return {};
    }
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

ports::LambdaFunctionInfo ParseConfiguration(const json& config) {
    ports::LambdaFunctionInfo info;
    info.function_name = Text(config, "FunctionName");
    info.function_arn = Text(config, "FunctionArn");
    info.runtime = Text(config, "Runtime");
    info.package_type = Text(config, "PackageType");
    info.version = Text(config, "Version");
    info.last_modified = Text(config, "LastModified");
    info.code_sha256 = Text(config, "CodeSha256");
    if (auto it = config.find("Architectures"); it != config.end() && it->is_array()) {
        for (const json& arch : *it) {
            if (arch.is_string()) {
                info.architectures.push_back(arch.get<std::string>());
            }
        }
    }
    if (auto it = config.find("Layers"); it != config.end() && it->is_array()) {
        for (const json& layer : *it) {
            std::string arn = Text(layer, "Arn");
            if (!arn.empty()) {
                info.layer_arns.push_back(std::move(arn));
            }
        }
    }
    return info;
}

}  // namespace

namespace lambda {

Status ParseListFunctions(const std::string& body,
                          std::vector<ports::LambdaFunctionInfo>* functions,
                          std::string* next_marker) {
    json parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (!parsed.is_object()) {
        return Error(ErrorCode::kInternal, "ListFunctions response is not a JSON object");
    }
    *next_marker = Text(parsed, "NextMarker");
    auto it = parsed.find("Functions");
    if (it == parsed.end() || it->is_null()) {
        return Ok();
    }
    if (!it->is_array()) {
        return Error(ErrorCode::kInternal, "ListFunctions member Functions is not a list");
    }
    for (const json& item : *it) {
        if (item.is_object()) {
            functions->push_back(ParseConfiguration(item));
        }
    }
    return Ok();
}

}  // namespace lambda

LambdaClient::LambdaClient(ServiceContext context) : client_(std::move(context)) {}

Status LambdaClient::ListFunctionsRaw(const RawPageFn& on_page) {
    std::string marker;
    for (int pages = 0;; ++pages) {
        KENSA_TRY(client_.CheckPageCount("ListFunctions", pages));
        wire::Params params = {{"MaxItems", std::to_string(kPageSize)}};
        if (!marker.empty()) {
            params.emplace_back("Marker", marker);
        }
        OperationRequest request;
        request.operation = "ListFunctions";
        request.http.method = "GET";
        request.http.path = kFunctionsPath;
        request.http.query = wire::EncodeParams(params);
        KENSA_ASSIGN_OR_RETURN(HttpResponse response, client_.Call(request));
        json parsed = json::parse(response.body, nullptr, /*allow_exceptions=*/false);
        if (!parsed.is_object()) {
            return Error(ErrorCode::kInternal, "ListFunctions response is not a JSON object")
                .With("aws_action", client_.Action("ListFunctions"));
        }
        std::string next = Text(parsed, "NextMarker");
        if (!on_page(response.body) || next.empty()) {
            return Ok();
        }
        if (next == marker) {
            return Error(ErrorCode::kInternal, "ListFunctions: NextMarker did not advance")
                .With("aws_action", client_.Action("ListFunctions"));
        }
        marker = std::move(next);
    }
}

Status LambdaClient::ListFunctions(
    const std::function<bool(std::vector<ports::LambdaFunctionInfo>&&)>& on_page) {
    Status parse_status = Ok();
    KENSA_TRY(ListFunctionsRaw([&](const std::string& body) {
        std::vector<ports::LambdaFunctionInfo> functions;
        std::string ignored;
        parse_status = lambda::ParseListFunctions(body, &functions, &ignored);
        return parse_status.ok() && on_page(std::move(functions));
    }));
    if (!parse_status.ok()) {
        return Error(parse_status.error()).With("aws_action", client_.Action("ListFunctions"));
    }
    return Ok();
}

Result<std::string> LambdaClient::GetFunctionRaw(const std::string& name_or_arn) {
    if (name_or_arn.empty()) {
        return Error(ErrorCode::kInvalidInput, "GetFunction needs a function name");
    }
    OperationRequest request;
    request.operation = "GetFunction";
    request.http.method = "GET";
    request.http.path =
        std::string(kFunctionsPath) + "/" + wire::EncodeUriLabel(name_or_arn, /*greedy=*/false);
    KENSA_ASSIGN_OR_RETURN(HttpResponse response, client_.Call(request));
    return std::move(response.body);
}

Result<ports::LambdaFunctionInfo> LambdaClient::GetFunction(const std::string& name_or_arn) {
    KENSA_ASSIGN_OR_RETURN(std::string body, GetFunctionRaw(name_or_arn));
    json parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (!parsed.is_object() || !parsed.contains("Configuration") ||
        !parsed["Configuration"].is_object()) {
        return Error(ErrorCode::kInternal, "GetFunction response lacks Configuration")
            .With("aws_action", client_.Action("GetFunction"));
    }
    return ParseConfiguration(parsed["Configuration"]);
}

}  // namespace kensa::aws
