#pragma once
// `kensa aws ...`: an operator's troubleshooting command in the style of the AWS CLI (R20).
//
//   kensa aws [--region R] [--endpoint-url URL] [--group G] [--profile P] <service> <operation>
//     sts get-caller-identity
//     inspector2 list-findings [--filter-json J] [--max-items N]   (follows every page)
//     inspector2 list-coverage [--filter-json J] [--max-items N]
//     inspector2 batch-get-account-status [--account-ids ID...]
//     lambda list-functions [--max-items N]
//     lambda get-function --function-name X
//     s3 ls s3://bucket/prefix
//     s3 cp s3://bucket/key -          (streams the object to stdout)
//
// Output is JSON on stdout; errors go to stderr. Without --group the standard credential chain
// of the process is used; with --group the composition root's resolver supplies that group's
// stored settings (--region / --endpoint-url still override them).
//
// Exit codes: a failing operation throws CLI::RuntimeError(code) from its callback, which
// CLI11 reports through App::exit. So the usual main works unchanged:
//
//   int main(int argc, char** argv) {
//       CLI::App app{"kensa"};
//       kensa::cli::AddAwsCommand(app, resolver);
//       CLI11_PARSE(app, argc, argv);   // returns app.exit(e): the operation's exit code
//       return 0;
//   }
//
// Codes: 0 success, 1 AWS or transport error, 2 invalid input (bad flag values, bad region),
// 3 permission denied, 4 no or invalid credentials.

#include <functional>
#include <ostream>
#include <string>

#include "kensa/aws/aws_clients.h"
#include "kensa/common/error.h"

namespace CLI {
class App;
}  // namespace CLI

namespace kensa::cli {

/// Resolves --group G to that group's stored AWS settings; supplied by the composition root.
using GroupAuthResolver = std::function<Result<aws::AwsAuthConfig>(const std::string& group)>;

/// Where the command writes and how it builds clients (tests inject a fake transport and env).
struct AwsCommandIo {
    std::ostream* out = nullptr;  ///< null = std::cout
    std::ostream* err = nullptr;  ///< null = std::cerr
    /// Base client options (transport, env, clock); null env = process environment.
    aws::AwsClientOptions client_options;
};

/// Adds `aws` with subcommands to root. Prints JSON on stdout, errors on stderr, non-zero exit
/// on error (see the exit-code contract above).
void AddAwsCommand(CLI::App& root, GroupAuthResolver resolver);
/// The same with injected streams and client options.
void AddAwsCommand(CLI::App& root, GroupAuthResolver resolver, AwsCommandIo io);

}  // namespace kensa::cli
