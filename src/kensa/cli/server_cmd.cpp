// kensa server ...: registration of EC2 instances, pseudo servers / Lambda and ECR images.
#include "kensa/app/inventory/inventory.h"
#include "kensa/app/registration/registration.h"
#include "kensa/cli/cli_common.h"
#include "kensa/cli/commands.h"
#include "kensa/dto/dto.h"

namespace kensa::cli {

using Json = dto::Json;

void AddServerCommand(CLI::App& root, GlobalOptions& global) {
    auto* server = root.add_subcommand("server", "Register and list servers");
    server->require_subcommand(1);

    auto group = std::make_shared<std::string>();
    auto* list = server->add_subcommand("list", "List a group's servers");
    list->add_option("group", *group, "Group id or name")->required();
    list->callback([&global, group] {
        WithRuntime(global, [&](server::Runtime& rt) -> Status {
            KENSA_ASSIGN_OR_RETURN(domain::Id gid, ResolveGroup(rt.store(), *group));
            KENSA_ASSIGN_OR_RETURN(auto servers, app::ListServerViews(rt.ctx(), gid));
            Json out = dto::ToJsonArray(servers);
            PrintJson(out);
            return Ok();
        });
    });

    auto* ec2c = server->add_subcommand("ec2-candidates",
                                        "EC2 instances covered by Inspector (ListCoverage)");
    ec2c->add_option("group", *group, "Group id or name")->required();
    ec2c->callback([&global, group] {
        WithRuntime(global, [&](server::Runtime& rt) -> Status {
            KENSA_ASSIGN_OR_RETURN(domain::Id gid, ResolveGroup(rt.store(), *group));
            KENSA_ASSIGN_OR_RETURN(auto candidates, app::ListEc2Candidates(rt.ctx(), gid));
            PrintJson(dto::ToJsonArray(candidates));
            return Ok();
        });
    });

    auto ids = std::make_shared<std::vector<std::string>>();
    auto* add_ec2 = server->add_subcommand("add-ec2", "Register EC2 instances");
    add_ec2->add_option("group", *group, "Group id or name")->required();
    add_ec2->add_option("instance_ids", *ids, "Instance ids")->required();
    add_ec2->callback([&global, group, ids] {
        WithRuntime(global, [&](server::Runtime& rt) -> Status {
            KENSA_ASSIGN_OR_RETURN(domain::Id gid, ResolveGroup(rt.store(), *group));
            KENSA_ASSIGN_OR_RETURN(auto created, app::RegisterEc2Instances(rt.ctx(), gid, *ids));
            PrintJson({{"server_ids", created}});
            return Ok();
        });
    });

    auto name = std::make_shared<std::string>();
    auto* add_pseudo =
        server->add_subcommand("add-pseudo", "Create a pseudo server for Lambda functions");
    add_pseudo->add_option("group", *group, "Group id or name")->required();
    add_pseudo->add_option("name", *name, "Pseudo server name")->required();
    add_pseudo->callback([&global, group, name] {
        WithRuntime(global, [&](server::Runtime& rt) -> Status {
            KENSA_ASSIGN_OR_RETURN(domain::Id gid, ResolveGroup(rt.store(), *group));
            KENSA_ASSIGN_OR_RETURN(domain::Id id, app::CreatePseudoServer(rt.ctx(), gid, *name));
            PrintJson({{"server_id", id}});
            return Ok();
        });
    });

    auto* add_sbom = server->add_subcommand(
        "add-sbom", "Create a server for SBOM files of any tool (then: kensa import sbom)");
    add_sbom->add_option("group", *group, "Group id or name")->required();
    add_sbom->add_option("name", *name, "Server name")->required();
    add_sbom->callback([&global, group, name] {
        WithRuntime(global, [&](server::Runtime& rt) -> Status {
            KENSA_ASSIGN_OR_RETURN(domain::Id gid, ResolveGroup(rt.store(), *group));
            KENSA_ASSIGN_OR_RETURN(domain::Id id, app::CreateSbomServer(rt.ctx(), gid, *name));
            PrintJson({{"server_id", id}});
            return Ok();
        });
    });

    auto* lc = server->add_subcommand("lambda-candidates",
                                      "Lambda functions visible to the group (ListFunctions)");
    lc->add_option("group", *group, "Group id or name")->required();
    lc->callback([&global, group] {
        WithRuntime(global, [&](server::Runtime& rt) -> Status {
            KENSA_ASSIGN_OR_RETURN(domain::Id gid, ResolveGroup(rt.store(), *group));
            KENSA_ASSIGN_OR_RETURN(auto candidates, app::ListLambdaCandidates(rt.ctx(), gid));
            PrintJson(dto::ToJsonArray(candidates));
            return Ok();
        });
    });

    auto server_id = std::make_shared<int64_t>(0);
    auto fns = std::make_shared<std::vector<std::string>>();
    auto* add_lambda = server->add_subcommand(
        "add-lambda", "Add Lambda functions (names or ARNs) to a pseudo server");
    add_lambda->add_option("server_id", *server_id, "Pseudo server id")->required();
    add_lambda->add_option("functions", *fns, "Function names or ARNs")->required();
    add_lambda->callback([&global, server_id, fns] {
        WithRuntime(global, [&](server::Runtime& rt) -> Status {
            KENSA_ASSIGN_OR_RETURN(auto results,
                                   app::AddLambdaFunctions(rt.ctx(), *server_id, *fns));
            for (const auto& r : results) {
                if (!r.added) {
                    global.exit_code = 2;
                }
            }
            PrintJson(dto::ToJsonArray(results));
            return Ok();
        });
    });

    struct EcrArgs {
        std::string group, registry, region, repository, tag;
    };
    auto e = std::make_shared<EcrArgs>();
    auto* add_ecr =
        server->add_subcommand("add-ecr", "Register an ECR image by repository and tag");
    add_ecr->add_option("group", e->group, "Group id or name")->required();
    add_ecr->add_option("--registry", e->registry, "Registry account id (12 digits)")->required();
    add_ecr->add_option("--region", e->region, "Registry region (default: the group's)");
    add_ecr->add_option("--repository", e->repository, "Repository name")->required();
    add_ecr->add_option("--tag", e->tag, "Image tag")->required();
    add_ecr->callback([&global, e] {
        WithRuntime(global, [&](server::Runtime& rt) -> Status {
            KENSA_ASSIGN_OR_RETURN(domain::Id gid, ResolveGroup(rt.store(), e->group));
            KENSA_ASSIGN_OR_RETURN(
                domain::Id id,
                app::RegisterEcrImage(
                    rt.ctx(), gid, e->registry, e->region, e->repository, e->tag));
            PrintJson({{"server_id", id}});
            return Ok();
        });
    });
}

}  // namespace kensa::cli
