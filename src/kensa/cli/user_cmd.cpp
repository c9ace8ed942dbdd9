// kensa user ...: users, their passwords and roles, and their API tokens.
#include <termios.h>
#include <unistd.h>

#include <iostream>

#include "kensa/app/accounts/accounts.h"
#include "kensa/cli/cli_common.h"
#include "kensa/cli/commands.h"
#include "kensa/dto/account_dto.h"

namespace kensa::cli {

namespace {

/// One line from stdin without its line end. On a terminal, `prompt` is shown and the typed
/// characters are not echoed.
Result<std::string> ReadSecretLine(const std::string& prompt) {
    const bool tty = isatty(STDIN_FILENO) != 0;
    termios saved{};
    if (tty) {
        std::cerr << prompt << std::flush;
        tcgetattr(STDIN_FILENO, &saved);
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    std::string line;
    const bool got = static_cast<bool>(std::getline(std::cin, line));
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        std::cerr << "\n";
    }
    if (!got) {
        return Error(ErrorCode::kInvalidInput, "no password on standard input");
    }
    if (!line.empty() && line.back() == '\r') {
        line.pop_back();
    }
    return line;
}

/// The new password: from stdin; on a terminal asked twice.
Result<std::string> ReadNewPassword() {
    KENSA_ASSIGN_OR_RETURN(std::string password, ReadSecretLine("New password: "));
    if (isatty(STDIN_FILENO) != 0) {
        KENSA_ASSIGN_OR_RETURN(std::string again, ReadSecretLine("Again: "));
        if (again != password) {
            return Error(ErrorCode::kInvalidInput, "the two passwords differ");
        }
    }
    return password;
}

Result<domain::User> UserNamed(ports::Store& store, const std::string& name) {
    KENSA_ASSIGN_OR_RETURN(auto user, store.FindUserByName(name));
    if (!user) {
        return Error(ErrorCode::kNotFound, "user '" + name + "' not found");
    }
    return *user;
}

/// The CLI acts for the operator, who may do what a site administrator may.
domain::User Operator() {
    domain::User op;
    op.name = "cli";
    op.is_admin = true;
    return op;
}

}  // namespace

void AddUserCommand(CLI::App& root, GlobalOptions& global) {
    auto* user = root.add_subcommand("user", "Manage users, their roles and API tokens");
    user->require_subcommand(1);
    struct Args {
        std::string name;
        bool admin = false;
        bool password_stdin = false;
        std::string group;
        std::string role = "member";
        std::string scopes = "read,write,scan,admin";
        std::string label = "cli";
        int days = 0;
        int64_t token_id = 0;
    };
    auto a = std::make_shared<Args>();
    const auto roles = CLI::IsMember({"owner", "admin", "member", "viewer"});

    auto* create =
        user->add_subcommand("create", "Create a user who logs in to the console with a password");
    create->add_option("name", a->name, "User name")->required();
    create->add_flag("--site-admin", a->admin, "A site administrator (every group, users)");
    create->add_flag("--password-stdin", a->password_stdin, "Read the password from stdin")
        ->required();
    create->callback([&global, a] {
        WithRuntime(global, [&](server::Runtime& rt) -> Status {
            KENSA_ASSIGN_OR_RETURN(std::string password, ReadSecretLine("Password: "));
            if (password.empty()) {
                return Error(ErrorCode::kInvalidInput, "the password is empty")
                    .With("field", "password");
            }
            KENSA_ASSIGN_OR_RETURN(auto created,
                                   app::CreateUser(rt.ctx(), a->name, password, a->admin, "cli"));
            PrintJson(dto::ToJson(created));
            return Ok();
        });
    });

    auto* passwd = user->add_subcommand(
        "passwd", "Set a user's password (from stdin); ends the user's console sessions");
    passwd->add_option("name", a->name, "User name")->required();
    passwd->callback([&global, a] {
        WithRuntime(global, [&](server::Runtime& rt) -> Status {
            KENSA_ASSIGN_OR_RETURN(std::string password, ReadNewPassword());
            KENSA_TRY(app::SetPassword(rt.ctx(), a->name, password, "cli"));
            PrintJson({{"user", a->name}, {"password", "changed"}});
            return Ok();
        });
    });

    auto* grant = user->add_subcommand("grant", "Give a user a role in a group");
    grant->add_option("name", a->name, "User name")->required();
    grant->add_option("--group", a->group, "Group id or name")->required();
    grant->add_option("--role", a->role, "owner, admin, member or viewer")->check(roles);
    grant->callback([&global, a] {
        WithRuntime(global, [&](server::Runtime& rt) -> Status {
            KENSA_ASSIGN_OR_RETURN(domain::User target, UserNamed(rt.store(), a->name));
            KENSA_ASSIGN_OR_RETURN(domain::Id gid, ResolveGroup(rt.store(), a->group));
            domain::Role role = domain::Role::kMember;
            domain::Parse(a->role, &role);
            KENSA_ASSIGN_OR_RETURN(auto member,
                                   app::SetMember(rt.ctx(), Operator(), gid, target.id, role));
            PrintJson(dto::ToJson(member));
            return Ok();
        });
    });

    auto* token =
        user->add_subcommand("token", "Create the user if needed and issue a new API token");
    token->add_option("name", a->name, "User name")->required();
    token->add_flag("--admin", a->admin, "Make a new user a site administrator");
    token->add_option("--group", a->group, "Also grant a role in this group");
    token->add_option("--role", a->role, "owner, admin, member or viewer")->check(roles);
    token->add_option("--scopes", a->scopes, "read, write, scan, admin (comma-separated)")
        ->capture_default_str();
    token->add_option("--expires-in-days", a->days, "Lifetime in days (default: no expiry)");
    token->add_option("--label", a->label, "What the token is for")->capture_default_str();
    token->callback([&global, a] {
        WithRuntime(global, [&](server::Runtime& rt) -> Status {
            app::TokenRequest request;
            request.label = a->label;
            std::string bad;
            if (!domain::ParseScopeList(a->scopes, &request.scopes, &bad)) {
                return Error(ErrorCode::kInvalidInput,
                             "unknown scope '" + bad + "': use read, write, scan or admin")
                    .With("field", "scopes");
            }
            if (a->days != 0) {
                request.expires_in_days = a->days;
            }
            KENSA_ASSIGN_OR_RETURN(auto issued,
                                   app::IssueTokenForName(rt.ctx(), a->name, a->admin, request));
            if (!a->group.empty()) {
                KENSA_ASSIGN_OR_RETURN(domain::Id gid, ResolveGroup(rt.store(), a->group));
                domain::Role role = domain::Role::kMember;
                domain::Parse(a->role, &role);
                KENSA_TRY(app::SetMember(rt.ctx(), Operator(), gid, issued.token.user_id, role));
            }
            PrintJson(dto::ToJson(issued, app::Now(rt.ctx())));
            return Ok();
        });
    });

    auto* tokens = user->add_subcommand("tokens", "List a user's API tokens");
    tokens->add_option("name", a->name, "User name")->required();
    tokens->callback([&global, a] {
        WithRuntime(global, [&](server::Runtime& rt) -> Status {
            KENSA_ASSIGN_OR_RETURN(domain::User owner, UserNamed(rt.store(), a->name));
            KENSA_ASSIGN_OR_RETURN(auto list, app::ListApiTokens(rt.ctx(), owner));
            dto::Json out = dto::Json::array();
            for (const auto& t : list) {
                out.push_back(dto::ToJson(t, app::Now(rt.ctx())));
            }
            PrintJson(out);
            return Ok();
        });
    });

    auto* revoke = user->add_subcommand("token-revoke", "Revoke one of a user's API tokens");
    revoke->add_option("name", a->name, "User name")->required();
    revoke->add_option("id", a->token_id, "Token id")->required();
    revoke->callback([&global, a] {
        WithRuntime(global, [&](server::Runtime& rt) -> Status {
            KENSA_ASSIGN_OR_RETURN(domain::User owner, UserNamed(rt.store(), a->name));
            KENSA_TRY(app::RevokeApiToken(rt.ctx(), owner, a->token_id));
            PrintJson({{"revoked", a->token_id}});
            return Ok();
        });
    });
}

}  // namespace kensa::cli
