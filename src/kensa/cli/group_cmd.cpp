// kensa group ...: tenants and their AWS integration (R2).
#include "kensa/app/accounts/accounts.h"
#include "kensa/app/integration/aws_settings.h"
#include "kensa/cli/cli_common.h"
#include "kensa/cli/commands.h"
#include "kensa/dto/group_dto.h"

namespace kensa::cli {

using Json = dto::Json;

void AddGroupCommand(CLI::App& root, GlobalOptions& global) {
    auto* group = root.add_subcommand("group", "Manage groups and their AWS integration");
    group->require_subcommand(1);

    auto* create =
        group->add_subcommand("create", "Create a group (prints its external id for AssumeRole)");
    auto name = std::make_shared<std::string>();
    auto tz = std::make_shared<std::string>("UTC");
    create->add_option("name", *name, "Group name")->required();
    create->add_option("--timezone", *tz, "IANA timezone of the daily scan (default UTC)");
    create->callback([&global, name, tz] {
        WithRuntime(global, [&](server::Runtime& rt) -> Status {
            KENSA_ASSIGN_OR_RETURN(domain::Id id, app::CreateGroup(rt.ctx(), *name, *tz, "cli"));
            KENSA_ASSIGN_OR_RETURN(domain::Group g, rt.store().GetGroup(id));
            PrintJson(dto::ToJson(g));
            return Ok();
        });
    });

    auto* list = group->add_subcommand("list", "List groups");
    list->callback([&global] {
        WithRuntime(global, [&](server::Runtime& rt) -> Status {
            KENSA_ASSIGN_OR_RETURN(auto groups, rt.store().ListGroups());
            Json out = Json::array();
            for (const auto& g : groups) {
                out.push_back(dto::ToJson(g));
            }
            PrintJson(out);
            return Ok();
        });
    });

    auto* aws_set = group->add_subcommand("aws-set", "Set a group's AWS integration (R2)");
    struct AwsSetArgs {
        std::string group;
        std::string auth = "access_key";
        app::AwsSettingsInput in;
        bool secret_stdin = false;
    };
    auto a = std::make_shared<AwsSetArgs>();
    aws_set->add_option("group", a->group, "Group id or name")->required();
    aws_set->add_option("--auth", a->auth, "access_key or assume_role")
        ->check(CLI::IsMember({"access_key", "assume_role"}));
    aws_set->add_option("--region", a->in.region, "AWS region, e.g. us-east-1")->required();
    aws_set->add_option("--access-key-id", a->in.access_key_id, "IAM access key id");
    aws_set->add_flag(
        "--secret-access-key-stdin",
        a->secret_stdin,
        "Read the secret access key from standard input (keeps it out of shell history)");
    aws_set->add_option("--role-arn", a->in.role_arn, "Role to assume (assume_role)");
    aws_set->add_option("--endpoint-url",
                        a->in.endpoint_url,
                        "Endpoint override (kensa-aws-emulator, VPC endpoints)");
    aws_set->callback([&global, a] {
        WithRuntime(global, [&](server::Runtime& rt) -> Status {
            KENSA_ASSIGN_OR_RETURN(domain::Id gid, ResolveGroup(rt.store(), a->group));
            domain::Parse(a->auth, &a->in.auth_type);
            if (a->secret_stdin) {
                std::getline(std::cin, a->in.secret_access_key);
            } else if (const char* env = std::getenv("KENSA_AWS_SECRET_ACCESS_KEY")) {
                a->in.secret_access_key = env;
            }
            KENSA_TRY(app::SetAwsSettings(rt.ctx(), gid, a->in, "cli"));
            KENSA_ASSIGN_OR_RETURN(domain::Group g, rt.store().GetGroup(gid));
            PrintJson(dto::ToJson(g));
            return Ok();
        });
    });

    auto* aws_test = group->add_subcommand(
        "aws-test", "Test a group's AWS connection and the permissions kensa needs");
    auto test_group = std::make_shared<std::string>();
    aws_test->add_option("group", *test_group, "Group id or name")->required();
    aws_test->callback([&global, test_group] {
        WithRuntime(global, [&](server::Runtime& rt) -> Status {
            KENSA_ASSIGN_OR_RETURN(domain::Id gid, ResolveGroup(rt.store(), *test_group));
            KENSA_ASSIGN_OR_RETURN(auto report, app::TestConnection(rt.ctx(), gid));
            PrintJson(dto::ToJson(report));
            if (!report.ok) {
                global.exit_code = 4;
            }
            return Ok();
        });
    });
}

}  // namespace kensa::cli
