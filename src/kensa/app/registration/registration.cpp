#include "kensa/app/registration/registration.h"

#include <algorithm>
#include <set>

#include "kensa/app/audit.h"
#include "kensa/app/inspector/finding_mapper.h"
#include "kensa/common/strings.h"
#include "kensa/domain/scan_mode.h"

namespace kensa::embedded {
std::string_view LambdaSupportedRuntimes();
}

namespace kensa::app {
namespace {

// A group with SBOM export on scans every new Inspector-linked server through it (R13).
domain::ScanMode ModeFor(const domain::Group& group, domain::ServerKind kind) {
    return domain::ScanModeFor(kind, group.sbom.enabled);
}

bool ValidInstanceId(const std::string& id) {
    if (!StartsWith(id, "i-") || (id.size() != 10 && id.size() != 19)) {
        return false;
    }
    return std::all_of(id.begin() + 2, id.end(), [](char c) {
        return std::isxdigit(static_cast<unsigned char>(c));
    });
}

}  // namespace

std::string LambdaRuntimeSpelling(std::string_view runtime) {
    // Inspector's Runtime enum: PYTHON_3_12, NODEJS_18_X, JAVA_8_AL2, GO_1_X, DOTNET_6.
    if (runtime.find('_') == std::string_view::npos) {
        return std::string(runtime);  // already Lambda's spelling (python3.12), or NODEJS
    }
    std::string lower = ToLower(runtime);
    auto first = lower.find('_');
    std::string out = lower.substr(0, first);
    std::string rest = lower.substr(first + 1);
    std::replace(rest.begin(), rest.end(), '_', '.');
    return out + rest;
}

bool IsInspectorSupportedRuntime(const std::string& runtime_as_written) {
    const std::string runtime = LambdaRuntimeSpelling(runtime_as_written);
    static const std::set<std::string> kSupported = [] {
        std::set<std::string> s;
        for (const auto& line : Split(embedded::LambdaSupportedRuntimes(), '\n')) {
            std::string t = Trim(line);
            if (!t.empty() && t[0] != '#') {
                s.insert(t);
            }
        }
        return s;
    }();
    return kSupported.count(runtime) != 0;
}

Result<std::vector<Ec2Candidate>> ListEc2Candidates(const AppContext& ctx, domain::Id group_id) {
    KENSA_ASSIGN_OR_RETURN(domain::Group group, ctx.store.GetGroup(group_id));
    KENSA_ASSIGN_OR_RETURN(auto clients, ClientsForGroup(ctx, group));
    KENSA_ASSIGN_OR_RETURN(auto servers, ctx.store.ListServers(group_id));
    std::set<std::string> registered;
    for (const auto& s : servers) {
        if (s.kind == domain::ServerKind::kEc2) {
            registered.insert(s.instance_id);
        }
    }
    std::vector<Ec2Candidate> out;
    std::set<std::string> seen;
    ports::CoverageFilter filter;
    filter.resource_type = {domain::ResourceType::kEc2Instance};
    Status st =
        clients.inspector->ListCoverage(filter, [&](std::vector<ports::CoveredResource>&& page) {
            for (auto& r : page) {
                if (r.resource_type != domain::ResourceType::kEc2Instance ||
                    !seen.insert(r.resource_id).second) {
                    continue;
                }
                Ec2Candidate c;
                c.instance_id = r.resource_id;
                for (const auto& [key, value] : r.ec2_tags) {
                    if (key == "Name") {
                        c.name = value;
                    }
                }
                c.platform = r.ec2_platform;
                c.account_id = r.account_id;
                c.scan_status = r.scan_status_code;
                c.scan_reason = r.scan_status_reason;
                c.scan_mode = r.scan_mode;
                c.registered = registered.count(r.resource_id) != 0;
                out.push_back(std::move(c));
            }
            return true;
        });
    if (!st.ok()) {
        return std::move(st).error();
    }
    return out;
}

Result<std::vector<domain::Id>> RegisterEc2Instances(const AppContext& ctx,
                                                     domain::Id group_id,
                                                     const std::vector<std::string>& instance_ids) {
    if (instance_ids.empty()) {
        return Error(ErrorCode::kInvalidInput, "select at least one instance")
            .With("field", "instance_ids");
    }
    for (const auto& id : instance_ids) {
        if (!ValidInstanceId(id)) {
            return Error(ErrorCode::kInvalidInput,
                         "'" + id + "' is not an EC2 instance id (i- and 8 or 17 hex digits)")
                .With("field", "instance_ids");
        }
    }
    KENSA_ASSIGN_OR_RETURN(domain::Group group, ctx.store.GetGroup(group_id));
    KENSA_ASSIGN_OR_RETURN(auto candidates, ListEc2Candidates(ctx, group_id));
    std::vector<domain::Id> created;
    for (const auto& id : instance_ids) {
        auto it = std::find_if(candidates.begin(), candidates.end(), [&](const auto& c) {
            return c.instance_id == id;
        });
        if (it == candidates.end()) {
            return Error(ErrorCode::kNotFound,
                         "instance " + id +
                             " is not in Amazon Inspector's coverage for this account and "
                             "region; check that Inspector EC2 scanning covers it")
                .With("instance_id", id);
        }
        domain::Server s;
        s.group_id = group_id;
        s.kind = domain::ServerKind::kEc2;
        s.name = it->name.empty() ? id : it->name;
        s.account_id = it->account_id;
        s.region = group.aws.region;
        s.instance_id = id;
        s.platform = it->platform;
        s.scan_mode = ModeFor(group, s.kind);
        KENSA_ASSIGN_OR_RETURN(domain::Id sid, ctx.store.CreateServer(s));
        created.push_back(sid);
        KENSA_TRY(RecordAudit(ctx, group_id, "system", "server.register.ec2", id));
    }
    return created;
}

Result<domain::Id> CreatePseudoServer(const AppContext& ctx,
                                      domain::Id group_id,
                                      const std::string& name) {
    if (Trim(name).empty()) {
        return Error(ErrorCode::kInvalidInput, "a pseudo server needs a name")
            .With("field", "name");
    }
    KENSA_ASSIGN_OR_RETURN(domain::Group group, ctx.store.GetGroup(group_id));
    domain::Server s;
    s.group_id = group_id;
    s.kind = domain::ServerKind::kPseudo;
    s.name = name;
    s.region = group.aws.region;
    s.account_id = group.aws.account_id;
    s.scan_mode = ModeFor(group, s.kind);
    KENSA_ASSIGN_OR_RETURN(domain::Id id, ctx.store.CreateServer(s));
    KENSA_TRY(RecordAudit(ctx, group_id, "system", "server.create.pseudo", name));
    return id;
}

Result<domain::Id> CreateSbomServer(const AppContext& ctx,
                                    domain::Id group_id,
                                    const std::string& name) {
    if (Trim(name).empty() || name.size() > 200) {
        return Error(ErrorCode::kInvalidInput,
                     "an SBOM-file server needs a name (1-200 characters)")
            .With("field", "name");
    }
    KENSA_TRY(ctx.store.GetGroup(group_id));
    domain::Server s;
    s.group_id = group_id;
    s.kind = domain::ServerKind::kSbom;
    s.name = name;
    KENSA_ASSIGN_OR_RETURN(domain::Id id, ctx.store.CreateServer(s));
    KENSA_TRY(RecordAudit(ctx, group_id, "system", "server.create.sbom", name));
    return id;
}

Result<std::vector<LambdaCandidate>> ListLambdaCandidates(const AppContext& ctx,
                                                          domain::Id group_id) {
    KENSA_ASSIGN_OR_RETURN(domain::Group group, ctx.store.GetGroup(group_id));
    KENSA_ASSIGN_OR_RETURN(auto clients, ClientsForGroup(ctx, group));
    std::vector<LambdaCandidate> out;
    Status st = clients.lambda->ListFunctions([&](std::vector<ports::LambdaFunctionInfo>&& page) {
        for (auto& f : page) {
            LambdaCandidate c;
            c.arn = domain::UnqualifiedLambdaArn(f.function_arn);
            c.name = f.function_name;
            c.runtime = f.runtime;
            c.package_type = f.package_type.empty() ? "Zip" : f.package_type;
            if (c.package_type == "Image") {
                c.registrable = false;
                c.note =
                    "container-image functions are not scanned by Amazon Inspector and cannot be "
                    "registered";
            } else if (!IsInspectorSupportedRuntime(c.runtime)) {
                c.runtime_supported = false;
                c.note = "runtime " + c.runtime +
                         " is not on Amazon Inspector's supported list; Inspector may not scan it, "
                         "so missing "
                         "findings do not mean it is safe";
            }
            out.push_back(std::move(c));
        }
        return true;
    });
    if (!st.ok()) {
        return std::move(st).error();
    }
    return out;
}

Result<std::vector<LambdaAddResult>> AddLambdaFunctions(
    const AppContext& ctx,
    domain::Id pseudo_server_id,
    const std::vector<std::string>& names_or_arns) {
    if (names_or_arns.empty()) {
        return Error(ErrorCode::kInvalidInput, "select at least one function")
            .With("field", "functions");
    }
    KENSA_ASSIGN_OR_RETURN(domain::Server server, ctx.store.GetServer(pseudo_server_id));
    if (server.kind != domain::ServerKind::kPseudo) {
        return Error(ErrorCode::kInvalidInput,
                     "Lambda functions can only be added to a pseudo server; server '" +
                         server.name + "' is " + std::string(domain::ToString(server.kind)));
    }
    KENSA_ASSIGN_OR_RETURN(domain::Group group, ctx.store.GetGroup(server.group_id));
    KENSA_ASSIGN_OR_RETURN(auto clients, ClientsForGroup(ctx, group));
    std::vector<LambdaAddResult> results;
    for (const auto& requested : names_or_arns) {
        LambdaAddResult r;
        r.arn = requested;
        auto info = clients.lambda->GetFunction(requested);
        if (!info.ok()) {
            if (info.error().code() == ErrorCode::kNotFound) {
                r.message = "function " + requested + " was not found in " + group.aws.region;
                results.push_back(std::move(r));
                continue;
            }
            return std::move(info).error();  // AccessDenied etc.: the whole request fails clearly
        }
        r.arn = domain::UnqualifiedLambdaArn(info->function_arn);
        if (info->package_type == "Image") {
            r.message = "function " + info->function_name +
                        " is a container-image function (PackageType Image); Amazon Inspector does "
                        "not scan those, "
                        "so it cannot be registered";
            results.push_back(std::move(r));
            continue;
        }
        domain::LambdaFunction fn;
        fn.server_id = server.id;
        fn.arn = r.arn;
        fn.name = info->function_name;
        fn.runtime = info->runtime;
        fn.package_type = info->package_type.empty() ? "Zip" : info->package_type;
        fn.runtime_supported = IsInspectorSupportedRuntime(info->runtime);
        r.runtime_supported = fn.runtime_supported;
        auto id = ctx.store.AddLambdaFunction(fn);
        if (!id.ok()) {
            if (id.error().code() != ErrorCode::kConflict) {
                return std::move(id).error();
            }
            r.message = id.error().message();
            results.push_back(std::move(r));
            continue;
        }
        r.added = true;
        r.message = fn.runtime_supported
                        ? "added"
                        : "added; runtime " + fn.runtime +
                              " is not on Amazon Inspector's supported list, so Inspector may "
                              "not scan it: missing findings do not mean it is safe";
        KENSA_TRY(RecordAudit(ctx, group.id, "system", "server.lambda.add", fn.arn));
        results.push_back(std::move(r));
    }
    return results;
}

Result<domain::Id> RegisterEcrImage(const AppContext& ctx,
                                    domain::Id group_id,
                                    const std::string& registry,
                                    const std::string& region,
                                    const std::string& repository,
                                    const std::string& tag) {
    if (registry.size() != 12 || !std::all_of(registry.begin(), registry.end(), ::isdigit)) {
        return Error(ErrorCode::kInvalidInput, "registry must be the 12-digit AWS account id")
            .With("field", "registry");
    }
    if (repository.empty() || repository.size() > 256) {
        return Error(ErrorCode::kInvalidInput, "repository name is required")
            .With("field", "repository");
    }
    if (tag.empty() || tag.size() > 128) {
        return Error(ErrorCode::kInvalidInput, "image tag is required (1-128 characters)")
            .With("field", "tag");
    }
    KENSA_ASSIGN_OR_RETURN(domain::Group group, ctx.store.GetGroup(group_id));
    domain::Server s;
    s.group_id = group_id;
    s.kind = domain::ServerKind::kEcrImage;
    s.name = repository + ":" + tag;
    s.registry = registry;
    s.account_id = registry;
    s.region = region.empty() ? group.aws.region : region;
    s.repository = repository;
    s.image_tag = tag;
    s.scan_mode = ModeFor(group, s.kind);
    KENSA_ASSIGN_OR_RETURN(domain::Id id, ctx.store.CreateServer(s));
    KENSA_TRY(RecordAudit(ctx, group_id, "system", "server.register.ecr", s.name));
    return id;
}

Result<std::vector<ports::CoveredResource>> ServerCoverage(const AppContext& ctx,
                                                           domain::Id group_id,
                                                           domain::Id server_id) {
    KENSA_ASSIGN_OR_RETURN(domain::Server server, ctx.store.GetServer(server_id));
    if (server.group_id != group_id) {
        return Error(ErrorCode::kNotFound,
                     "server " + std::to_string(server_id) + " not found in this group");
    }
    std::vector<ports::CoveredResource> out;
    if (!domain::IsAwsResource(server.kind)) {
        return out;
    }
    KENSA_ASSIGN_OR_RETURN(domain::Group group, ctx.store.GetGroup(group_id));
    KENSA_ASSIGN_OR_RETURN(auto clients, ClientsForGroup(ctx, group));
    ports::CoverageFilter filter;
    std::set<std::string> lambda_names;
    switch (server.kind) {
        case domain::ServerKind::kEc2:
            filter.resource_type = {domain::ResourceType::kEc2Instance};
            filter.resource_id = {
                ports::StringFilter{ports::Comparison::kEquals, server.instance_id}};
            break;
        case domain::ServerKind::kEcrImage:
            filter.resource_type = {domain::ResourceType::kEcrImage};
            break;
        case domain::ServerKind::kPseudo: {
            filter.resource_type = {domain::ResourceType::kLambdaFunction};
            KENSA_ASSIGN_OR_RETURN(auto functions, ctx.store.ListLambdaFunctions(server_id));
            for (const auto& f : functions) {
                lambda_names.insert(f.name);
            }
            if (lambda_names.empty()) {
                return out;
            }
            break;
        }
        case domain::ServerKind::kVuls:
        case domain::ServerKind::kSbom:
            break;
    }
    auto covers = [&](const ports::CoveredResource& r) {
        switch (server.kind) {
            case domain::ServerKind::kEc2:
                return r.resource_id == server.instance_id;
            case domain::ServerKind::kEcrImage:
                return r.ecr_image_repository == server.repository &&
                       std::find(r.ecr_image_tags.begin(),
                                 r.ecr_image_tags.end(),
                                 server.image_tag) != r.ecr_image_tags.end();
            case domain::ServerKind::kPseudo:
                return lambda_names.count(r.lambda_function_name) != 0;
            case domain::ServerKind::kVuls:
            case domain::ServerKind::kSbom:
                break;
        }
        return false;
    };
    Status st =
        clients.inspector->ListCoverage(filter, [&](std::vector<ports::CoveredResource>&& page) {
            for (auto& r : page) {
                if (covers(r)) {
                    out.push_back(std::move(r));
                }
            }
            return true;
        });
    if (!st.ok()) {
        return std::move(st).error();
    }
    return out;
}

}  // namespace kensa::app
