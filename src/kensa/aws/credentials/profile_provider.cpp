// Shared config/credentials files (the SDKs' "shared config and credentials files" rules):
//  - credentials file sections are [name]; config file sections are [profile name] or [default];
//  - a profile's settings merge both files, the credentials file winning;
//  - role_arn makes an assume-role profile whose base is source_profile (recursively, with
//    cycle detection), credential_source, or web_identity_token_file.
// The files are read when credentials are first requested; the resolved provider (with its
// assume-role cache) is then kept.

#include <fstream>
#include <set>
#include <sstream>

#include "kensa/aws/credentials/providers.h"
#include "kensa/common/strings.h"

namespace kensa::aws {

IniFile ParseIni(std::string_view text) {
    IniFile ini;
    std::string section;
    bool in_section = false;
    for (const std::string& raw : Split(text, '\n')) {
        std::string line = Trim(raw);
        if (line.empty() || line[0] == '#' || line[0] == ';') {
            continue;
        }
        if (line.front() == '[') {
            size_t close = line.find(']');
            in_section = close != std::string::npos;
            if (in_section) {
                section = Trim(line.substr(1, close - 1));
                ini[section];
            }
            continue;
        }
        size_t eq = line.find('=');
        if (!in_section || eq == std::string::npos) {
            continue;  // nested (indented) sub-settings and junk lines are not used by kensa
        }
        ini[section][ToLower(Trim(line.substr(0, eq)))] = Trim(line.substr(eq + 1));
    }
    return ini;
}

namespace {

using Settings = std::map<std::string, std::string>;

std::string ExpandHome(const std::string& path, const EnvLookup& env) {
    if (StartsWith(path, "~/")) {
        return NonEmpty(env, "HOME").value_or("") + path.substr(1);
    }
    return path;
}

IniFile LoadIni(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return {};
    }
    std::ostringstream text;
    text << in.rdbuf();
    return ParseIni(text.str());
}

std::string Get(const Settings& settings, const std::string& key) {
    auto it = settings.find(key);
    return it == settings.end() ? std::string() : it->second;
}

class ProfileProvider final : public CredentialsProvider {
public:
    ProfileProvider(ProviderContext context, std::string profile)
        : context_(std::move(context)), requested_(std::move(profile)) {}

    Result<Credentials> GetCredentials() override {
        std::lock_guard<std::mutex> lock(mutex_);
        if (!resolved_) {
            KENSA_ASSIGN_OR_RETURN(resolved_, Resolve());
        }
        return resolved_->GetCredentials();
    }
    std::string Name() const override { return "profile"; }

private:
    Result<CredentialsProviderPtr> Resolve() {
        std::string name = requested_;
        bool explicit_name = !name.empty();
        if (name.empty()) {
            if (auto from_env = NonEmpty(context_.env, "AWS_PROFILE")) {
                name = *from_env;
                explicit_name = true;
            } else {
                name = "default";
            }
        }
        std::string home = NonEmpty(context_.env, "HOME").value_or("");
        std::string credentials_path =
            NonEmpty(context_.env, "AWS_SHARED_CREDENTIALS_FILE").value_or("~/.aws/credentials");
        std::string config_path =
            NonEmpty(context_.env, "AWS_CONFIG_FILE").value_or("~/.aws/config");
        credentials_ = LoadIni(ExpandHome(credentials_path, context_.env));
        config_ = LoadIni(ExpandHome(config_path, context_.env));
        if (!Exists(name)) {
            if (explicit_name) {
                return Error(ErrorCode::kInvalidInput,
                             "AWS profile '" + name + "' not found in " + credentials_path +
                                 " or " + config_path);
            }
            return NoCredentials(
                "profile", "no [default] profile in " + credentials_path + " or " + config_path);
        }
        Settings top = Merged(name);
        if (!explicit_name && Get(top, "role_arn").empty() &&
            Get(top, "aws_access_key_id").empty()) {
            // e.g. a [default] that only sets region: not a credential source, move on.
            return NoCredentials("profile", "profile 'default' holds no credentials");
        }
        std::set<std::string> visiting;
        return ResolveProfile(name, &visiting);
    }

    bool Exists(const std::string& name) const {
        return credentials_.count(name) > 0 || config_.count(ConfigSection(name)) > 0;
    }

    static std::string ConfigSection(const std::string& name) {
        return name == "default" ? name : "profile " + name;
    }

    Settings Merged(const std::string& name) const {
        Settings merged;
        if (auto it = config_.find(ConfigSection(name)); it != config_.end()) {
            merged = it->second;
        } else if (auto legacy = config_.find(name); legacy != config_.end()) {
            merged = legacy->second;  // some tools write [name] in the config file too
        }
        if (auto it = credentials_.find(name); it != credentials_.end()) {
            for (const auto& [key, value] : it->second) {
                merged[key] = value;
            }
        }
        return merged;
    }

    Error Broken(const std::string& name, const std::string& why) const {
        return Error(ErrorCode::kInvalidInput, "AWS profile '" + name + "': " + why)
            .With("provider", "profile");
    }

    Result<CredentialsProviderPtr> ResolveProfile(const std::string& name,
                                                  std::set<std::string>* visiting) {
        if (!Exists(name)) {
            return Broken(name, "not found");
        }
        if (!visiting->insert(name).second) {
            return Broken(name, "source_profile cycle");
        }
        Settings settings = Merged(name);
        std::string role_arn = Get(settings, "role_arn");
        if (role_arn.empty()) {
            return StaticFrom(name, settings);
        }
        std::string token_file = Get(settings, "web_identity_token_file");
        if (!token_file.empty()) {
            ProviderContext ctx = context_;
            ctx.env = MapEnv({{"AWS_WEB_IDENTITY_TOKEN_FILE", ExpandHome(token_file, context_.env)},
                              {"AWS_ROLE_ARN", role_arn},
                              {"AWS_ROLE_SESSION_NAME", Get(settings, "role_session_name")}});
            return MakeWebIdentityProvider(ctx);
        }
        KENSA_ASSIGN_OR_RETURN(CredentialsProviderPtr base, BaseFor(name, settings, visiting));
        AssumeRoleRequest request;
        request.role_arn = role_arn;
        request.external_id = Get(settings, "external_id");
        if (std::string session = Get(settings, "role_session_name"); !session.empty()) {
            request.role_session_name = session;
        }
        if (std::string duration = Get(settings, "duration_seconds"); !duration.empty()) {
            request.duration_seconds = std::atoi(duration.c_str());
            if (request.duration_seconds < 900 || request.duration_seconds > 43200) {
                return Broken(name, "duration_seconds must be 900..43200");
            }
        }
        return MakeAssumeRoleProvider(context_.make_sts(base), request, *context_.clock);
    }

    Result<CredentialsProviderPtr> BaseFor(const std::string& name,
                                           const Settings& settings,
                                           std::set<std::string>* visiting) {
        std::string source_profile = Get(settings, "source_profile");
        std::string credential_source = Get(settings, "credential_source");
        if (!source_profile.empty() && !credential_source.empty()) {
            return Broken(name, "has both source_profile and credential_source");
        }
        if (!source_profile.empty()) {
            if (source_profile == name) {
                // A profile may be its own source: its static keys are the base of its role.
                return StaticFrom(name, Merged(name));
            }
            return ResolveProfile(source_profile, visiting);
        }
        if (credential_source == "Environment") {
            return MakeEnvironmentProvider(context_.env);
        }
        if (credential_source == "Ec2InstanceMetadata") {
            return MakeImdsProvider(context_);
        }
        if (credential_source == "EcsContainer") {
            return MakeContainerProvider(context_);
        }
        return Broken(
            name,
            "role_arn needs source_profile or credential_source (got '" + credential_source + "')");
    }

    Result<CredentialsProviderPtr> StaticFrom(const std::string& name,
                                              const Settings& settings) const {
        Credentials creds;
        creds.access_key_id = Get(settings, "aws_access_key_id");
        creds.secret_access_key = Get(settings, "aws_secret_access_key");
        creds.session_token = Get(settings, "aws_session_token");
        creds.source = "profile:" + name;
        if (creds.empty()) {
            return Broken(name, "has no aws_access_key_id/aws_secret_access_key and no role_arn");
        }
        return MakeStaticProvider(creds);
    }

    ProviderContext context_;
    std::string requested_;
    std::mutex mutex_;
    CredentialsProviderPtr resolved_;
    IniFile credentials_;
    IniFile config_;
};

}  // namespace

CredentialsProviderPtr MakeProfileProvider(ProviderContext context, std::string profile) {
    return std::make_shared<ProfileProvider>(std::move(context), std::move(profile));
}

}  // namespace kensa::aws
