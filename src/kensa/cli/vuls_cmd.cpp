// kensa vuls ...: a group's upload tokens for Vuls scanners (R19), as the API manages them.
#include "kensa/app/vuls/upload_auth.h"
#include "kensa/cli/cli_common.h"
#include "kensa/cli/commands.h"
#include "kensa/dto/dto.h"

namespace kensa::cli {

void AddVulsCommand(CLI::App& root, GlobalOptions& global) {
    auto* vuls = root.add_subcommand("vuls", "Upload tokens for Vuls scanners");
    vuls->require_subcommand(1);
    struct Args {
        std::string group;
        std::string label;
        int64_t days = 0;
        int64_t token_id = 0;
    };
    auto a = std::make_shared<Args>();

    auto* create = vuls->add_subcommand(
        "token-create", "Create an upload token (shown once) for vuls report -to-http and saas");
    create->add_option("group", a->group, "Group id or name")->required();
    create->add_option("--label", a->label, "What the token is for");
    create->add_option("--expires-in-days", a->days, "Lifetime in days (default: no expiry)");
    create->callback([&global, a] {
        WithRuntime(global, [&](server::Runtime& rt) -> Status {
            KENSA_ASSIGN_OR_RETURN(domain::Id gid, ResolveGroup(rt.store(), a->group));
            std::optional<int64_t> days;
            if (a->days != 0) {
                days = a->days;
            }
            KENSA_ASSIGN_OR_RETURN(auto issued,
                                   app::CreateUploadToken(rt.ctx(), gid, a->label, days, "cli"));
            dto::Json j = dto::ToJson(issued.token);
            j["token"] = issued.secret;
            PrintJson(j);
            return Ok();
        });
    });

    auto* list = vuls->add_subcommand("tokens", "List a group's upload tokens");
    list->add_option("group", a->group, "Group id or name")->required();
    list->callback([&global, a] {
        WithRuntime(global, [&](server::Runtime& rt) -> Status {
            KENSA_ASSIGN_OR_RETURN(domain::Id gid, ResolveGroup(rt.store(), a->group));
            KENSA_ASSIGN_OR_RETURN(auto tokens, app::ListUploadTokens(rt.ctx(), gid));
            PrintJson(dto::ToJsonArray(tokens));
            return Ok();
        });
    });

    auto* revoke = vuls->add_subcommand("token-revoke", "Revoke an upload token");
    revoke->add_option("group", a->group, "Group id or name")->required();
    revoke->add_option("id", a->token_id, "Token id")->required();
    revoke->callback([&global, a] {
        WithRuntime(global, [&](server::Runtime& rt) -> Status {
            KENSA_ASSIGN_OR_RETURN(domain::Id gid, ResolveGroup(rt.store(), a->group));
            KENSA_TRY(app::RevokeUploadToken(rt.ctx(), gid, a->token_id, "cli"));
            PrintJson({{"revoked", a->token_id}});
            return Ok();
        });
    });
}

}  // namespace kensa::cli
