// Rules of the registered purl types (purl-spec types/*-definition.json, formerly
// PURL-TYPES.rst) that the spec's test suite exercises: case folding of namespace, name or
// version, name rewriting (pypi, pub), and required or prohibited components. A type without an
// entry here (generic, gem, nuget, cargo, hackage, ...) keeps its components as they are.
//
// golang is deliberately left case-sensitive although its definition still says "lowercase":
// Go module paths are case-sensitive (github.com/Azure/azure-sdk-for-go), the rule is being
// removed upstream (purl-spec PR 196) and the reference implementations do not apply it.
#include <algorithm>
#include <array>
#include <string>

#include "kensa/knowledge/purl.h"
#include "kensa/knowledge/purl_internal.h"

namespace kensa::knowledge {
namespace internal {

std::string Pep503Normalize(std::string_view name) {
    std::string out;
    out.reserve(name.size());
    bool in_separator_run = false;
    for (char c : name) {
        if (c == '-' || c == '_' || c == '.') {
            if (!in_separator_run) {
                out += '-';
            }
            in_separator_run = true;
            continue;
        }
        in_separator_run = false;
        out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return out;
}

namespace {

// What a type folds to lowercase.
struct CaseRule {
    std::string_view type;
    bool ns;
    bool name;
    bool version;
};

constexpr std::array<CaseRule, 15> kCaseRules = {{
    {"alpm", true, true, false},
    {"apk", true, true, false},
    {"bitbucket", true, true, false},
    {"bitnami", false, true, false},
    {"composer", true, true, false},
    {"deb", true, true, false},
    {"github", true, true, false},
    {"gitlab", true, true, false},
    {"hex", true, true, false},
    {"huggingface", false, false, true},  // the version is a git commit hash
    {"luarocks", false, false, true},
    {"npm", true, true, false},
    {"oci", false, true, false},
    {"qpkg", true, false, false},
    {"rpm", true, false, false},
}};

void ApplyCaseRules(Purl& purl) {
    for (const CaseRule& rule : kCaseRules) {
        if (rule.type != purl.type) {
            continue;
        }
        if (rule.ns) {
            purl.ns = AsciiLower(purl.ns);
        }
        if (rule.name) {
            purl.name = AsciiLower(purl.name);
        }
        if (rule.version) {
            purl.version = AsciiLower(purl.version);
        }
    }
}

Status Require(bool present, std::string_view type, std::string_view what) {
    if (present) {
        return Ok();
    }
    return PurlError(std::string(type) + " requires " + std::string(what));
}

Status Prohibit(bool present, std::string_view type, std::string_view what) {
    if (!present) {
        return Ok();
    }
    return PurlError(std::string(type) + " does not allow " + std::string(what));
}

// pub: names are lowercase with underscores, only [a-z0-9_].
Status ApplyPub(Purl& purl) {
    purl.name = AsciiLower(purl.name);
    std::replace(purl.name.begin(), purl.name.end(), '-', '_');
    bool ok = std::all_of(purl.name.begin(), purl.name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
    return Require(ok, "pub", "a name of [a-z0-9_] only");
}

// cpan: the namespace is the author's CPAN id (uppercase, required) and the name a
// distribution, never a module ("URI::PackageURL" is the old module form the spec now rejects).
Status ApplyCpan(Purl& purl) {
    purl.ns = AsciiUpper(purl.ns);
    KENSA_TRY(Require(!purl.ns.empty(), "cpan", "a namespace (the author's CPAN id)"));
    return Prohibit(purl.name.find("::") != std::string::npos, "cpan", "'::' in the name");
}

// conan: a namespace (user) comes with qualifiers (channel, ...), and a channel with a user.
Status ApplyConan(const Purl& purl) {
    bool has_channel = !purl.Qualifier("channel").empty();
    KENSA_TRY(Prohibit(purl.ns.empty() && has_channel, "conan", "a channel without a namespace"));
    return Prohibit(
        !purl.ns.empty() && purl.qualifiers.empty(), "conan", "a namespace without qualifiers");
}

// mlflow: Databricks registries are case-insensitive, Azure ML ones case-sensitive.
Status ApplyMlflow(Purl& purl) {
    if (purl.Qualifier("repository_url").find("databricks") != std::string::npos) {
        purl.name = AsciiLower(purl.name);
    }
    return Prohibit(!purl.ns.empty(), "mlflow", "a namespace");
}

Status ApplyRequirements(Purl& purl) {
    const std::string& type = purl.type;
    if (type == "pypi") {
        purl.name = Pep503Normalize(purl.name);
        return Ok();
    }
    if (type == "pub") {
        return ApplyPub(purl);
    }
    if (type == "cpan") {
        return ApplyCpan(purl);
    }
    if (type == "conan") {
        return ApplyConan(purl);
    }
    if (type == "mlflow") {
        return ApplyMlflow(purl);
    }
    if (type == "cran") {
        return Require(!purl.version.empty(), "cran", "a version");
    }
    if (type == "maven") {
        return Require(!purl.ns.empty(), "maven", "a namespace (the groupId)");
    }
    if (type == "oci") {
        return Prohibit(!purl.ns.empty(), "oci", "a namespace");
    }
    if (type == "swid") {
        return Require(!purl.Qualifier("tag_id").empty(), "swid", "a tag_id qualifier");
    }
    if (type == "swift") {
        KENSA_TRY(Require(!purl.ns.empty(), "swift", "a namespace"));
        return Require(!purl.version.empty(), "swift", "a version");
    }
    return Ok();
}

}  // namespace

Status ApplyTypeRules(Purl& purl) {
    ApplyCaseRules(purl);
    KENSA_TRY(ApplyRequirements(purl));
    if (purl.name.empty()) {
        return PurlError("missing name");
    }
    return Ok();
}

}  // namespace internal

std::string NormalizePackageName(std::string_view ecosystem, std::string_view name) {
    std::string type = internal::AsciiLower(ecosystem);
    if (type == "pypi") {
        return internal::Pep503Normalize(name);
    }
    if (type == "nuget" || type == "composer") {
        return internal::AsciiLower(name);
    }
    return std::string(name);
}

}  // namespace kensa::knowledge
