// kensa user ...: users and their API tokens.
#include "kensa/app/accounts/accounts.h"
#include "kensa/cli/cli_common.h"
#include "kensa/cli/commands.h"
#include "kensa/dto/account_dto.h"

namespace kensa::cli {

void AddUserCommand(CLI::App& root, GlobalOptions& global) {
    auto* user = root.add_subcommand("user", "Manage users and API tokens");
    user->require_subcommand(1);
    auto* token =
        user->add_subcommand("token", "Create the user if needed and issue a new API token");
    struct TokenArgs {
        std::string name;
        bool admin = false;
        std::string group;
        std::string role = "member";
    };
    auto t = std::make_shared<TokenArgs>();
    token->add_option("name", t->name, "User name")->required();
    token->add_flag("--admin", t->admin, "Make a new user a site administrator");
    token->add_option("--group", t->group, "Also grant a role in this group");
    token->add_option("--role", t->role, "owner, admin, member or viewer")
        ->check(CLI::IsMember({"owner", "admin", "member", "viewer"}));
    token->callback([&global, t] {
        WithRuntime(global, [&](server::Runtime& rt) -> Status {
            KENSA_ASSIGN_OR_RETURN(auto issued,
                                   app::IssueToken(rt.ctx(), t->name, t->admin, "cli"));
            if (!t->group.empty()) {
                KENSA_ASSIGN_OR_RETURN(domain::Id gid, ResolveGroup(rt.store(), t->group));
                domain::Role role = domain::Role::kMember;
                domain::Parse(t->role, &role);
                KENSA_TRY(rt.store().SetMembership(issued.user_id, gid, role));
            }
            PrintJson(dto::ToJson(issued));
            return Ok();
        });
    });
}

}  // namespace kensa::cli
