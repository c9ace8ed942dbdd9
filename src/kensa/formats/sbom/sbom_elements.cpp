#include "kensa/formats/sbom/sbom_elements.h"

namespace kensa::sbom::elements {

using simdjson::dom::array;
using simdjson::dom::element;

namespace {

constexpr int kMaxNesting = 16;         // CycloneDX components may nest; bound it
constexpr size_t kMaxQuotedChars = 80;  // of a document's text quoted in an error message

Status VisitCdxComponents(const array& components,
                          int depth,
                          const std::string& where,
                          ReadStats& stats,
                          const ComponentFn& fn);
// The component's license statements, each kept with what it is (expression, id or name).
std::vector<ports::SbomLicense> CdxLicenses(const element& c) {
    using Kind = ports::SbomLicense::Kind;
    std::vector<ports::SbomLicense> out;
    array licenses;
    if (c["licenses"].get_array().get(licenses) != simdjson::SUCCESS) {
        return out;
    }
    for (element l : licenses) {
        std::string one = Str(l, "expression");
        Kind kind = Kind::kExpression;
        if (one.empty()) {
            element lic;
            if (l["license"].get(lic) == simdjson::SUCCESS) {
                one = Str(lic, "id");
                kind = Kind::kId;
                if (one.empty()) {
                    one = Str(lic, "name");
                    kind = Kind::kName;
                }
            }
        }
        if (!one.empty()) {
            out.push_back({kind, std::move(one)});
        }
    }
    return out;
}

}  // namespace

Error Invalid(const std::string& what) {
    return Error(ErrorCode::kInvalidInput, "SBOM document: " + what);
}

std::string Quote(std::string_view text) {
    if (text.size() <= kMaxQuotedChars) {
        return "'" + std::string(text) + "'";
    }
    return "'" + std::string(text.substr(0, kMaxQuotedChars)) + "...'";
}

std::string Str(const element& e, const char* key) {
    std::string_view v;
    if (e[key].get_string().get(v) == simdjson::SUCCESS) {
        return std::string(v);
    }
    return {};
}

std::vector<std::pair<std::string, std::string>> Properties(const element& e) {
    std::vector<std::pair<std::string, std::string>> out;
    array props;
    if (e["properties"].get_array().get(props) != simdjson::SUCCESS) {
        return out;
    }
    for (element p : props) {
        out.emplace_back(Str(p, "name"), Str(p, "value"));
    }
    return out;
}

// One element of the document's top-level lists, read from its own small DOM. `where` names it
// in errors ("components[3]").

namespace {

Status VisitCdxComponents(const array& components,
                          int depth,
                          const std::string& where,
                          ReadStats& stats,
                          const ComponentFn& fn) {
    if (depth > kMaxNesting) {
        return Invalid(where + ": components nested deeper than " + std::to_string(kMaxNesting) +
                       " levels");
    }
    for (element c : components) {
        KENSA_TRY(VisitCdxComponent(c, depth, where, stats, fn));
    }
    return Ok();
}

}  // namespace

// A CycloneDX component, then the components nested in it.
Status VisitCdxComponent(const element& c,
                         int depth,
                         const std::string& where,
                         ReadStats& stats,
                         const ComponentFn& fn) {
    if (!c.is_object()) {
        return Invalid(where + ": a component is not an object");
    }
    Component out;
    out.ref = Str(c, "bom-ref");
    out.type = Str(c, "type");
    out.group = Str(c, "group");
    out.name = Str(c, "name");
    out.version = Str(c, "version");
    out.purl = Str(c, "purl");
    out.licenses = CdxLicenses(c);
    out.license = sbom::JoinLicenses(out.licenses);
    out.properties = Properties(c);
    if (out.name.empty()) {
        return Invalid(where + ": a component has no name (bom-ref " + Quote(out.ref) + ")");
    }
    array nested;
    bool has_nested = c["components"].get_array().get(nested) == simdjson::SUCCESS;
    ++stats.components;
    if (fn) {
        fn(std::move(out));
    }
    if (has_nested) {
        KENSA_TRY(VisitCdxComponents(nested, depth + 1, where, stats, fn));
    }
    return Ok();
}

Status VisitSpdxPackage(const element& p,
                        const std::string& where,
                        ReadStats& stats,
                        const ComponentFn& fn) {
    if (!p.is_object()) {
        return Invalid(where + ": a package is not an object");
    }
    Component out;
    out.ref = Str(p, "SPDXID");
    out.type = "package";
    out.name = Str(p, "name");
    out.version = Str(p, "versionInfo");
    if (out.name.empty()) {
        return Invalid(where + ": a package has no name (SPDXID " + Quote(out.ref) + ")");
    }
    for (const char* key : {"licenseConcluded", "licenseDeclared"}) {
        std::string l = Str(p, key);
        if (!l.empty() && l != "NOASSERTION" && l != "NONE") {
            out.license = l;
            out.licenses.push_back({ports::SbomLicense::Kind::kExpression, l});
            break;
        }
    }
    array refs;
    if (p["externalRefs"].get_array().get(refs) == simdjson::SUCCESS) {
        for (element r : refs) {
            std::string type = Str(r, "referenceType");
            if (type == "purl" && out.purl.empty()) {
                out.purl = Str(r, "referenceLocator");
            } else if (type == "vulnerability" || type == "advisory") {
                out.vulnerabilities.push_back(Str(r, "referenceLocator"));
                ++stats.vulnerabilities;
            }
        }
    }
    ++stats.components;
    if (fn) {
        fn(std::move(out));
    }
    return Ok();
}

// A CycloneDX vulnerability without an id or an "affects" list says nothing about a component.
void VisitCdxVulnerability(const element& v, ReadStats& stats, const VulnerabilityFn& fn) {
    std::string id = Str(v, "id");
    array affects;
    if (id.empty() || v["affects"].get_array().get(affects) != simdjson::SUCCESS) {
        return;
    }
    ++stats.vulnerabilities;
    std::vector<std::string> refs;
    for (element a : affects) {
        refs.push_back(Str(a, "ref"));
    }
    if (fn) {
        fn(id, refs);
    }
}

}  // namespace kensa::sbom::elements

namespace kensa::sbom {

std::string JoinLicenses(const std::vector<ports::SbomLicense>& licenses) {
    std::string out;
    for (const auto& l : licenses) {
        out += (out.empty() ? "" : " AND ") + l.text;
    }
    return out;
}

}  // namespace kensa::sbom
