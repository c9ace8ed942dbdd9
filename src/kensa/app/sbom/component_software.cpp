#include "kensa/app/sbom/component_software.h"

#include <algorithm>
#include <charconv>

#include "kensa/common/strings.h"
#include "kensa/knowledge/purl.h"
#include "kensa/knowledge/spdx_license.h"

namespace kensa::app {
namespace {

std::string ComponentName(const knowledge::Purl& purl,
                          const ports::SbomComponent& c,
                          const std::string& ecosystem) {
    if (purl.name.empty()) {
        return c.group.empty() ? c.name : c.group + (ecosystem == "maven" ? ":" : "/") + c.name;
    }
    if (purl.ns.empty()) {
        return purl.name;
    }
    if (ecosystem == "maven") {
        return purl.ns + ":" + purl.name;
    }
    if (ecosystem == "npm" || ecosystem == "golang" || ecosystem == "composer" ||
        ecosystem == "swift") {
        return purl.ns + "/" + purl.name;
    }
    return purl.name;
}

// An epoch is 1-9 ASCII digits; anything else leaves *out unchanged.
bool ParseEpoch(std::string_view s, int* out) {
    if (s.empty() || s.size() > 9 ||
        !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return false;
    }
    int v = 0;
    std::from_chars(s.data(), s.data() + s.size(), v);
    *out = v;
    return true;
}

}  // namespace

bool PlausibleVulnId(const std::string& id) {
    return !id.empty() && id.size() <= 128 &&
           std::all_of(id.begin(), id.end(), [](char c) { return c > ' ' && c < 0x7f; });
}

const advisory::Classified& ClassifyCache::Classify(const std::string& ecosystem,
                                                    const std::string& name,
                                                    const std::string& path) {
    std::string key = ecosystem + '\0' + name + '\0' + path;
    auto it = cache_.find(key);
    if (it == cache_.end()) {
        if (cache_.size() >= kMaxEntries) {
            cache_.clear();  // bounded memory whatever the export (~10 MiB)
        }
        it = cache_
                 .emplace(std::move(key),
                          advisory::TypeRules::Builtin().Classify(ecosystem, name, path, known_))
                 .first;
    }
    return it->second;
}

ConvertedComponent ToSoftware(const ports::SbomComponent& c,
                              std::optional<domain::Id> lambda_fn,
                              ClassifyCache& classes) {
    knowledge::Purl purl;
    if (!c.purl.empty()) {
        auto parsed = knowledge::ParsePurl(c.purl);
        if (parsed.ok()) {
            purl = std::move(parsed).value();
        }
    }
    std::string ecosystem = purl.type.empty() ? "generic" : purl.type == "dpkg" ? "deb" : purl.type;
    ConvertedComponent out;
    domain::Software& sw = out.software;
    sw.key.lambda_function_id = lambda_fn;
    std::string version = purl.version.empty() ? c.version : purl.version;
    if (ecosystem == "deb" || ecosystem == "rpm") {
        // Inspector writes version-release in the purl and the epoch as a qualifier.
        auto colon = version.find(':');
        if (colon != std::string::npos && ParseEpoch(version.substr(0, colon), &sw.key.epoch)) {
            version.erase(0, colon + 1);
        }
        auto dash = version.rfind('-');
        if (dash != std::string::npos) {
            sw.key.release = version.substr(dash + 1);
            version.erase(dash);
        }
        ParseEpoch(purl.Qualifier("epoch"), &sw.key.epoch);
    }
    sw.key.version = version;
    sw.key.arch = purl.Qualifier("arch");
    sw.key.path = purl.Qualifier("path");
    for (const auto& [name, value] : c.properties) {
        if (sw.key.path.empty() && (name == "path" || EndsWith(name, ":file_path"))) {
            sw.key.path = value;
        }
    }
    const advisory::Classified& cls =
        classes.Classify(ecosystem, ComponentName(purl, c, ecosystem), sw.key.path);
    sw.key.name = cls.name;
    sw.type = cls.type;
    sw.ecosystem = cls.ecosystem;
    sw.purl = c.purl;
    sw.license = c.license;
    if (!c.licenses.empty()) {
        // Each statement keeps what it is (id, name, expression), so names with spaces are
        // never read as expressions.
        std::vector<knowledge::LicenseStatement> statements;
        statements.reserve(c.licenses.size());
        for (const auto& l : c.licenses) {
            using Kind = knowledge::LicenseStatement::Kind;
            Kind kind = l.kind == ports::SbomLicense::Kind::kId     ? Kind::kId
                        : l.kind == ports::SbomLicense::Kind::kName ? Kind::kName
                                                                    : Kind::kExpression;
            statements.push_back({kind, l.text});
        }
        knowledge::NormalizedLicense n = knowledge::NormalizeLicenses(statements);
        sw.license_expression = n.expression;
        sw.license_category = std::string(knowledge::ToString(n.category));
    }
    sw.source = domain::SoftwareSource::kSbom;
    sw.managed_by = domain::ManagedBy::kSbom;
    for (const auto& v : c.vulnerabilities) {
        if (PlausibleVulnId(v)) {
            out.vulnerabilities.push_back(v);
        }
    }
    return out;
}

}  // namespace kensa::app
