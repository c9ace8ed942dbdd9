#pragma once
// Lambda over rest-json (API 2015-03-31; PascalCase members).

#include <functional>
#include <string>
#include <vector>

#include "kensa/aws/client_core.h"
#include "kensa/aws/inspector2_client.h"
#include "kensa/ports/aws_api.h"

namespace kensa::aws {

class LambdaClient final : public ports::LambdaApi {
public:
    explicit LambdaClient(ServiceContext context);

    Status ListFunctions(
        const std::function<bool(std::vector<ports::LambdaFunctionInfo>&&)>& on_page) override;
    Result<ports::LambdaFunctionInfo> GetFunction(const std::string& name_or_arn) override;

    /// For `kensa aws`: each raw ListFunctions body (Marker/NextMarker followed).
    Status ListFunctionsRaw(const RawPageFn& on_page);
    /// The raw GetFunction body.
    Result<std::string> GetFunctionRaw(const std::string& name_or_arn);

private:
    AwsServiceClient client_;
};

namespace lambda {
/// Parses one ListFunctions page; functions that are not objects are skipped.
Status ParseListFunctions(const std::string& body,
                          std::vector<ports::LambdaFunctionInfo>* functions,
                          std::string* next_marker);
}  // namespace lambda

}  // namespace kensa::aws
