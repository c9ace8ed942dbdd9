#include "kensa/domain/resource_match.h"

#include <algorithm>
#include <set>

namespace kensa::domain {
namespace {

// Splits an ARN on ':' into at most `limit` parts; the last part keeps the rest.
std::vector<std::string_view> ArnParts(std::string_view arn) {
    std::vector<std::string_view> parts;
    size_t start = 0;
    while (true) {
        size_t colon = arn.find(':', start);
        if (colon == std::string_view::npos) {
            parts.push_back(arn.substr(start));
            return parts;
        }
        parts.push_back(arn.substr(start, colon - start));
        start = colon + 1;
    }
}

void AddType(std::vector<ResourceType>& types, ResourceType type) {
    if (std::find(types.begin(), types.end(), type) == types.end()) {
        types.push_back(type);
    }
}

}  // namespace

std::string_view DisplayName(ResourceType type) {
    switch (type) {
        case ResourceType::kEc2Instance:
            return "EC2";
        case ResourceType::kEcrImage:
            return "ECR";
        case ResourceType::kLambdaFunction:
            return "Lambda";
        case ResourceType::kOther:
            break;
    }
    return "other";
}

std::optional<ResourceType> ResourceTypeOf(ServerKind kind) {
    switch (kind) {
        case ServerKind::kEc2:
            return ResourceType::kEc2Instance;
        case ServerKind::kEcrImage:
            return ResourceType::kEcrImage;
        case ServerKind::kPseudo:
            return ResourceType::kLambdaFunction;
        case ServerKind::kVuls:
        case ServerKind::kSbom:
            break;
    }
    return std::nullopt;
}

namespace {

// arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]
bool IsQualifiedFunctionArn(const std::vector<std::string_view>& parts) {
    return parts.size() >= 8 && parts[2] == "lambda" && parts[5] == "function";
}

}  // namespace

std::string UnqualifiedLambdaArn(std::string_view arn) {
    auto parts = ArnParts(arn);
    if (!IsQualifiedFunctionArn(parts)) {
        return std::string(arn);
    }
    std::string out;
    for (size_t i = 0; i < 7; ++i) {
        out += (i > 0 ? ":" : "");
        out += parts[i];
    }
    return out;
}

std::string LambdaQualifier(std::string_view arn) {
    auto parts = ArnParts(arn);
    return IsQualifiedFunctionArn(parts) ? std::string(parts[7]) : std::string();
}

bool IsLatestLambdaVersion(std::string_view qualifier) {
    return qualifier.empty() || qualifier == "$LATEST";
}

ResourceIndex::ResourceIndex(const std::vector<Server>& servers,
                             const std::vector<std::vector<LambdaFunction>>& functions) {
    for (size_t i = 0; i < servers.size(); ++i) {
        const Server& s = servers[i];
        switch (s.kind) {
            case ServerKind::kEc2:
                ec2_.emplace(s.instance_id, i);
                AddType(types_, ResourceType::kEc2Instance);
                break;
            case ServerKind::kEcrImage:
                ecr_[{s.repository, s.image_tag}].push_back(i);
                AddType(types_, ResourceType::kEcrImage);
                break;
            case ServerKind::kPseudo:
                if (i < functions.size()) {
                    for (const auto& fn : functions[i]) {
                        lambda_.emplace(fn.arn, std::pair{i, fn.id});
                    }
                }
                AddType(types_, ResourceType::kLambdaFunction);
                break;
            case ServerKind::kVuls:
            case ServerKind::kSbom:
                break;  // R19: Vuls servers are never touched by AWS data
        }
    }
}

std::vector<ResourceMatch> ResourceIndex::Match(const ResourceRef& r) const {
    std::vector<ResourceMatch> out;
    switch (r.type) {
        case ResourceType::kEc2Instance:
            if (auto it = ec2_.find(r.id); it != ec2_.end()) {
                out.push_back({it->second, std::nullopt});
            }
            break;
        case ResourceType::kLambdaFunction:
            if (auto it = lambda_.find(UnqualifiedLambdaArn(r.id)); it != lambda_.end()) {
                out.push_back({it->second.first, it->second.second});
            }
            break;
        case ResourceType::kEcrImage: {
            std::set<size_t> seen;
            for (const auto& tag : r.ecr_tags) {
                auto it = ecr_.find({r.ecr_repository, tag});
                if (it == ecr_.end()) {
                    continue;
                }
                for (size_t server : it->second) {
                    if (seen.insert(server).second) {
                        out.push_back({server, std::nullopt});
                    }
                }
            }
            break;
        }
        case ResourceType::kOther:
            break;
    }
    return out;
}

std::vector<std::string> ResourceIndex::ecr_tags() const {
    std::set<std::string> tags;
    for (const auto& [key, servers] : ecr_) {
        tags.insert(key.second);
    }
    return {tags.begin(), tags.end()};
}

std::optional<InspectorDisabled> InspectorDisabledFor(const InspectorAccountStatus& s,
                                                      ResourceType type,
                                                      std::string_view region) {
    const std::string& type_status = type == ResourceType::kEc2Instance      ? s.ec2_status
                                     : type == ResourceType::kEcrImage       ? s.ecr_status
                                     : type == ResourceType::kLambdaFunction ? s.lambda_status
                                                                             : s.status;
    bool account_ok = s.status.empty() || s.status == "ENABLED";
    bool type_ok = type_status.empty() || type_status == "ENABLED";
    if (account_ok && type_ok) {
        return std::nullopt;
    }
    std::string name(DisplayName(type));
    InspectorDisabled out;
    out.message = "Amazon Inspector " + name + " scanning is " +
                  (account_ok ? type_status : s.status) + " in account " + s.account_id;
    out.hint = "Enable Amazon Inspector " + name + " scanning for account " + s.account_id +
               " in region " + std::string(region) +
               " (Inspector console > Account management), then run it again.";
    return out;
}

}  // namespace kensa::domain
