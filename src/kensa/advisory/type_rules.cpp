#include "kensa/advisory/type_rules.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>

namespace kensa::embedded {
std::string_view SoftwareTypeRules();  // generated from data/knowledge/software-type-rules.json
}  // namespace kensa::embedded

namespace kensa::advisory {

constexpr size_t kMaxRuleNameLength = 256;
constexpr size_t kMaxRulePathLength = 1024;

struct TypeRules::Rule {
    std::string id;
    std::vector<std::string> from_ecosystems;
    std::optional<std::regex> path_regex;
    std::optional<std::regex> name_regex;
    std::string to_ecosystem;
    std::string to_name;
    domain::SoftwareType to_type = domain::SoftwareType::kLibrary;
    bool only_if_known = false;
};

TypeRules::TypeRules() = default;
TypeRules::~TypeRules() = default;
TypeRules::TypeRules(TypeRules&&) noexcept = default;

domain::SoftwareType DefaultType(std::string_view ecosystem) {
    if (ecosystem == "deb" || ecosystem == "rpm" || ecosystem == "apk") {
        return domain::SoftwareType::kOsPkg;
    }
    if (ecosystem == "generic" || ecosystem.empty()) {
        return domain::SoftwareType::kApplication;
    }
    return domain::SoftwareType::kLibrary;
}

Result<std::unique_ptr<TypeRules>> TypeRules::Parse(std::string_view text) {
    using nlohmann::json;
    json doc = json::parse(text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object() || !doc.contains("rules") ||
        !doc["rules"].is_array()) {
        return Error(ErrorCode::kInvalidInput,
                     "type rules: expected an object with a \"rules\" array");
    }
    std::unique_ptr<TypeRules> out(new TypeRules());
    for (const auto& r : doc["rules"]) {
        if (!r.is_object() || !r.contains("id") || !r["id"].is_string()) {
            return Error(ErrorCode::kInvalidInput, "type rules: every rule needs a string \"id\"");
        }
        Rule rule;
        rule.id = r["id"].get<std::string>();
        auto where = "type rule '" + rule.id + "'";
        auto str = [&](const char* key) {
            return r.contains(key) && r[key].is_string() ? r[key].get<std::string>()
                                                         : std::string();
        };
        try {
            if (!str("path_regex").empty()) {
                rule.path_regex =
                    std::regex(str("path_regex"), std::regex::ECMAScript | std::regex::optimize);
            }
            if (!str("name_regex").empty()) {
                rule.name_regex =
                    std::regex(str("name_regex"), std::regex::ECMAScript | std::regex::optimize);
            }
        } catch (const std::regex_error& e) {
            return Error(ErrorCode::kInvalidInput, where + ": bad regular expression: " + e.what());
        }
        if (!rule.path_regex && !rule.name_regex) {
            return Error(ErrorCode::kInvalidInput, where + ": needs path_regex or name_regex");
        }
        if (r.contains("from_ecosystems") && r["from_ecosystems"].is_array()) {
            for (const auto& e : r["from_ecosystems"]) {
                if (e.is_string()) {
                    rule.from_ecosystems.push_back(e.get<std::string>());
                }
            }
        }
        rule.to_ecosystem = str("to_ecosystem");
        rule.to_name = str("to_name");
        if (!domain::Parse(str("to_type"), &rule.to_type)) {
            return Error(ErrorCode::kInvalidInput,
                         where + ": to_type must be os_pkg, library, runtime or application");
        }
        rule.only_if_known = r.value("only_if_known", false);
        if (rule.only_if_known && rule.to_ecosystem.empty()) {
            return Error(ErrorCode::kInvalidInput, where + ": only_if_known needs to_ecosystem");
        }
        out->rules_.push_back(std::move(rule));
    }
    return out;
}

const TypeRules& TypeRules::Builtin() {
    static const TypeRules* rules = [] {
        auto parsed = Parse(embedded::SoftwareTypeRules());
        if (!parsed.ok()) {
            // The file is part of the build and covered by tests; failing here is a build defect.
            std::abort();
        }
        return parsed->release();
    }();
    return *rules;
}

Classified TypeRules::Classify(std::string_view ecosystem,
                               std::string_view name,
                               std::string_view path,
                               const KnownFn& known) const {
    Classified out{DefaultType(ecosystem), std::string(ecosystem), std::string(name), ""};
    // std::regex recurses per character: hostile, very long names and paths are not matched
    // (no real package name or file path comes near these limits).
    if (name.size() > kMaxRuleNameLength || path.size() > kMaxRulePathLength) {
        return out;
    }
    const std::string name_s(name);
    const std::string path_s(path);
    for (const auto& rule : rules_) {
        if (!rule.from_ecosystems.empty() &&
            std::find(rule.from_ecosystems.begin(), rule.from_ecosystems.end(), ecosystem) ==
                rule.from_ecosystems.end()) {
            continue;
        }
        if (rule.path_regex && (path_s.empty() || !std::regex_search(path_s, *rule.path_regex))) {
            continue;
        }
        std::smatch m;
        if (rule.name_regex && !std::regex_match(name_s, m, *rule.name_regex)) {
            continue;
        }
        std::string to_name = name_s;
        if (!rule.to_name.empty()) {
            to_name = rule.to_name;
            auto pos = to_name.find("$1");
            if (pos != std::string::npos) {
                to_name.replace(pos, 2, m.size() > 1 ? m[1].str() : name_s);
            }
        }
        if (rule.only_if_known &&
            (!known || !known(rule.to_ecosystem, to_name) || known(ecosystem, name))) {
            continue;
        }
        out.type = rule.to_type;
        if (!rule.to_ecosystem.empty()) {
            out.ecosystem = rule.to_ecosystem;
        }
        out.name = std::move(to_name);
        out.rule = rule.id;
        return out;
    }
    return out;
}

}  // namespace kensa::advisory
