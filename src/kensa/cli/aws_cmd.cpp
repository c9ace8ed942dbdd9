// `kensa aws`: each subcommand builds the clients (standard chain or a group's settings), runs
// one operation and prints JSON. Failures print "kensa aws: <error>" to stderr and throw
// CLI::RuntimeError with the exit code documented in aws_cmd.h.

#include "kensa/cli/aws_cmd.h"

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "kensa/aws/inspector2_client.h"
#include "kensa/aws/lambda_client.h"
#include "kensa/aws/s3_client.h"
#include "kensa/aws/sts_client.h"
#include "kensa/common/strings.h"

namespace kensa::cli {

namespace {

using nlohmann::json;

/// Flags shared by every `aws` subcommand, filled by CLI11.
struct GlobalFlags {
    std::string region;
    std::string endpoint_url;
    std::string group;
    std::string profile;
};

struct Command {
    GroupAuthResolver resolver;
    AwsCommandIo io;
    GlobalFlags flags;

    std::ostream& out() const { return io.out ? *io.out : std::cout; }
    std::ostream& err() const { return io.err ? *io.err : std::cerr; }
};

int ExitCodeFor(const Error& error) {
    switch (error.code()) {
        case ErrorCode::kInvalidInput:
            return 2;
        case ErrorCode::kPermissionDenied:
            return 3;
        case ErrorCode::kUnauthenticated:
            return 4;
        default:
            return 1;
    }
}

[[noreturn]] void Fail(const Command& cmd, const Error& error) {
    cmd.err() << "kensa aws: " << error.ToString() << "\n";
    throw CLI::RuntimeError(ExitCodeFor(error));
}

void Check(const Command& cmd, const Status& status) {
    if (!status.ok()) {
        Fail(cmd, status.error());
    }
}

Result<aws::AwsAuthConfig> ResolveAuth(const Command& cmd, const aws::EnvLookup& env) {
    aws::AwsAuthConfig auth;
    if (!cmd.flags.group.empty()) {
        if (!cmd.resolver) {
            return Error(ErrorCode::kInvalidInput, "--group is not available in this build");
        }
        KENSA_ASSIGN_OR_RETURN(auth, cmd.resolver(cmd.flags.group));
    }
    if (!cmd.flags.region.empty()) {
        auth.region = cmd.flags.region;
    }
    if (auth.region.empty()) {
        auth.region = aws::NonEmpty(env, "AWS_REGION")
                          .value_or(aws::NonEmpty(env, "AWS_DEFAULT_REGION").value_or(""));
    }
    if (auth.region.empty()) {
        return Error(ErrorCode::kInvalidInput, "no region: pass --region or set AWS_REGION");
    }
    if (!cmd.flags.endpoint_url.empty()) {
        auth.endpoint_urls.clear();
        auth.endpoint_urls[""] = cmd.flags.endpoint_url;
    }
    return auth;
}

aws::AwsServiceClients MakeClients(const Command& cmd) {
    aws::AwsClientOptions options = cmd.io.client_options;
    aws::EnvLookup env = options.env ? options.env : aws::ProcessEnv();
    if (!cmd.flags.profile.empty()) {
        // --profile behaves like AWS_PROFILE for the default chain.
        env = [base = env,
               profile = cmd.flags.profile](const std::string& name) -> std::optional<std::string> {
            return name == "AWS_PROFILE" ? std::optional<std::string>(profile) : base(name);
        };
    }
    options.env = env;
    auto auth = ResolveAuth(cmd, env);
    if (!auth.ok()) {
        Fail(cmd, auth.error());
    }
    auto clients = aws::MakeAwsServiceClients(*auth, options);
    if (!clients.ok()) {
        Fail(cmd, clients.error());
    }
    return std::move(clients).value();
}

void PrintJson(const Command& cmd, const json& value) {
    cmd.out() << value.dump(4) << "\n";
}

json ParseBody(const Command& cmd, const std::string& body) {
    json parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded()) {
        Fail(cmd, Error(ErrorCode::kInternal, "response is not JSON"));
    }
    return parsed;
}

/// Collects `list_key` items of raw pages into one array, stopping after max_items (0 = all).
struct PageCollector {
    const Command& cmd;
    std::string list_key;
    size_t max_items = 0;
    json items = json::array();

    bool operator()(const std::string& body) {
        json page = ParseBody(cmd, body);
        if (page.contains(list_key) && page[list_key].is_array()) {
            for (auto& item : page[list_key]) {
                if (max_items != 0 && items.size() >= max_items) {
                    return false;
                }
                items.push_back(std::move(item));
            }
        }
        return max_items == 0 || items.size() < max_items;
    }
};

/// "s3://bucket/rest" → bucket, rest.
void SplitS3Uri(const Command& cmd,
                const std::string& uri,
                std::string* bucket,
                std::string* rest) {
    if (!StartsWith(uri, "s3://")) {
        Fail(cmd, Error(ErrorCode::kInvalidInput, "expected s3://bucket/key, got '" + uri + "'"));
    }
    std::string path = uri.substr(5);
    size_t slash = path.find('/');
    *bucket = path.substr(0, slash);
    *rest = slash == std::string::npos ? "" : path.substr(slash + 1);
    if (bucket->empty()) {
        Fail(cmd, Error(ErrorCode::kInvalidInput, "no bucket in '" + uri + "'"));
    }
}

void AddSts(CLI::App& aws_cmd, const std::shared_ptr<Command>& cmd) {
    CLI::App* sts = aws_cmd.add_subcommand("sts", "AWS Security Token Service");
    sts->require_subcommand(1);
    sts->add_subcommand("get-caller-identity",
                        "Print the account and ARN of the credentials in use")
        ->callback([cmd] {
            auto clients = MakeClients(*cmd);
            auto identity = clients.sts->GetCallerIdentity();
            if (!identity.ok()) {
                Fail(*cmd, identity.error());
            }
            PrintJson(*cmd,
                      {{"UserId", identity->user_id},
                       {"Account", identity->account},
                       {"Arn", identity->arn}});
        });
}

void AddInspector(CLI::App& aws_cmd, const std::shared_ptr<Command>& cmd) {
    CLI::App* inspector = aws_cmd.add_subcommand("inspector2", "Amazon Inspector");
    inspector->require_subcommand(1);

    struct ListArgs {
        std::string filter_json;
        size_t max_items = 0;
    };
    auto findings_args = std::make_shared<ListArgs>();
    CLI::App* findings =
        inspector->add_subcommand("list-findings", "List findings, following every page");
    findings->add_option(
        "--filter-json", findings_args->filter_json, "filterCriteria as a JSON object");
    findings->add_option(
        "--max-items", findings_args->max_items, "Stop after N findings (0 = all)");
    findings->callback([cmd, findings_args] {
        auto clients = MakeClients(*cmd);
        PageCollector collect{*cmd, "findings", findings_args->max_items};
        Check(*cmd,
              clients.inspector->ListFindingsRaw(findings_args->filter_json, std::ref(collect)));
        PrintJson(*cmd, {{"findings", std::move(collect.items)}});
    });

    auto coverage_args = std::make_shared<ListArgs>();
    CLI::App* coverage = inspector->add_subcommand("list-coverage", "List covered resources");
    coverage->add_option(
        "--filter-json", coverage_args->filter_json, "filterCriteria as a JSON object");
    coverage->add_option(
        "--max-items", coverage_args->max_items, "Stop after N resources (0 = all)");
    coverage->callback([cmd, coverage_args] {
        auto clients = MakeClients(*cmd);
        PageCollector collect{*cmd, "coveredResources", coverage_args->max_items};
        Check(*cmd,
              clients.inspector->ListCoverageRaw(coverage_args->filter_json, std::ref(collect)));
        PrintJson(*cmd, {{"coveredResources", std::move(collect.items)}});
    });

    auto account_ids = std::make_shared<std::vector<std::string>>();
    CLI::App* status =
        inspector->add_subcommand("batch-get-account-status", "Inspector status per account");
    status->add_option("--account-ids", *account_ids, "Account ids (default: the caller's)");
    status->callback([cmd, account_ids] {
        auto clients = MakeClients(*cmd);
        auto body = clients.inspector->BatchGetAccountStatusRaw(*account_ids);
        if (!body.ok()) {
            Fail(*cmd, body.error());
        }
        PrintJson(*cmd, ParseBody(*cmd, *body));
    });
}

void AddLambda(CLI::App& aws_cmd, const std::shared_ptr<Command>& cmd) {
    CLI::App* lambda = aws_cmd.add_subcommand("lambda", "AWS Lambda");
    lambda->require_subcommand(1);

    auto max_items = std::make_shared<size_t>(0);
    CLI::App* list =
        lambda->add_subcommand("list-functions", "List functions, following every page");
    list->add_option("--max-items", *max_items, "Stop after N functions (0 = all)");
    list->callback([cmd, max_items] {
        auto clients = MakeClients(*cmd);
        PageCollector collect{*cmd, "Functions", *max_items};
        Check(*cmd, clients.lambda->ListFunctionsRaw(std::ref(collect)));
        PrintJson(*cmd, {{"Functions", std::move(collect.items)}});
    });

    auto name = std::make_shared<std::string>();
    CLI::App* get = lambda->add_subcommand("get-function", "Describe one function");
    get->add_option("--function-name", *name, "Name, ARN or partial ARN (optionally qualified)")
        ->required();
    get->callback([cmd, name] {
        auto clients = MakeClients(*cmd);
        auto body = clients.lambda->GetFunctionRaw(*name);
        if (!body.ok()) {
            Fail(*cmd, body.error());
        }
        PrintJson(*cmd, ParseBody(*cmd, *body));
    });
}

void AddS3(CLI::App& aws_cmd, const std::shared_ptr<Command>& cmd) {
    CLI::App* s3 = aws_cmd.add_subcommand("s3", "Amazon S3");
    s3->require_subcommand(1);

    auto ls_uri = std::make_shared<std::string>();
    CLI::App* ls = s3->add_subcommand("ls", "List objects under s3://bucket/prefix");
    ls->add_option("uri", *ls_uri, "s3://bucket/prefix")->required();
    ls->callback([cmd, ls_uri] {
        std::string bucket;
        std::string prefix;
        SplitS3Uri(*cmd, *ls_uri, &bucket, &prefix);
        auto clients = MakeClients(*cmd);
        json contents = json::array();
        Check(*cmd,
              clients.s3->ListObjects(bucket, prefix, [&](std::vector<ports::S3Object>&& page) {
                  for (const auto& object : page) {
                      contents.push_back({{"Key", object.key},
                                          {"Size", object.size},
                                          {"ETag", object.etag},
                                          {"LastModified", object.last_modified}});
                  }
                  return true;
              }));
        PrintJson(*cmd, {{"Contents", std::move(contents)}});
    });

    auto cp_from = std::make_shared<std::string>();
    auto cp_to = std::make_shared<std::string>();
    CLI::App* cp = s3->add_subcommand("cp", "Stream s3://bucket/key to stdout (destination '-')");
    cp->add_option("source", *cp_from, "s3://bucket/key")->required();
    cp->add_option("destination", *cp_to, "'-' for stdout")->required();
    cp->callback([cmd, cp_from, cp_to] {
        if (*cp_to != "-") {
            Fail(*cmd,
                 Error(ErrorCode::kInvalidInput, "only '-' (stdout) is supported as destination"));
        }
        std::string bucket;
        std::string key;
        SplitS3Uri(*cmd, *cp_from, &bucket, &key);
        auto clients = MakeClients(*cmd);
        std::ostream& out = cmd->out();
        Check(*cmd, clients.s3->GetObject(bucket, key, [&](std::string_view chunk) {
            out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
            return static_cast<bool>(out);
        }));
        out.flush();
    });
}

}  // namespace

void AddAwsCommand(CLI::App& root, GroupAuthResolver resolver) {
    AddAwsCommand(root, std::move(resolver), AwsCommandIo{});
}

void AddAwsCommand(CLI::App& root, GroupAuthResolver resolver, AwsCommandIo io) {
    auto cmd = std::make_shared<Command>();
    cmd->resolver = std::move(resolver);
    cmd->io = std::move(io);
    CLI::App* aws_cmd =
        root.add_subcommand("aws", "Call AWS APIs the way kensa does (troubleshooting)");
    aws_cmd->require_subcommand(1);
    aws_cmd->add_option(
        "--region", cmd->flags.region, "AWS region (default: AWS_REGION / the group's)");
    aws_cmd->add_option(
        "--endpoint-url", cmd->flags.endpoint_url, "Send every request to this URL");
    aws_cmd->add_option("--group", cmd->flags.group, "Use this group's stored AWS settings");
    aws_cmd->add_option(
        "--profile", cmd->flags.profile, "Shared-config profile for the standard chain");
    AddSts(*aws_cmd, cmd);
    AddInspector(*aws_cmd, cmd);
    AddLambda(*aws_cmd, cmd);
    AddS3(*aws_cmd, cmd);
}

}  // namespace kensa::cli
