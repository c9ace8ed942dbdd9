#include "kensa/sbom/sbom_reader.h"

#include <simdjson.h>

#include <map>

namespace kensa::sbom {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

constexpr int kMaxNesting = 16;  // CycloneDX components may nest; bound it

std::string Str(const element& e, const char* key) {
    std::string_view v;
    if (e[key].get_string().get(v) == simdjson::SUCCESS) {
        return std::string(v);
    }
    return {};
}

Error Invalid(const std::string& what) { return Error(ErrorCode::kInvalidInput, "SBOM document: " + what); }

std::string CdxLicense(const element& c) {
    array licenses;
    if (c["licenses"].get_array().get(licenses) != simdjson::SUCCESS) {
        return {};
    }
    std::string out;
    for (element l : licenses) {
        std::string one = Str(l, "expression");
        if (one.empty()) {
            element lic;
            if (l["license"].get(lic) == simdjson::SUCCESS) {
                one = Str(lic, "id");
                if (one.empty()) {
                    one = Str(lic, "name");
                }
            }
        }
        if (!one.empty()) {
            out += (out.empty() ? "" : " AND ") + one;
        }
    }
    return out;
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

Status VisitCdxComponents(const array& components, int depth, std::map<std::string, std::vector<std::string>>& vulns,
                          ReadStats& stats, const ComponentFn& fn) {
    if (depth > kMaxNesting) {
        return Invalid("components nested deeper than " + std::to_string(kMaxNesting) + " levels");
    }
    for (element c : components) {
        if (!c.is_object()) {
            return Invalid("a component is not an object");
        }
        Component out;
        out.ref = Str(c, "bom-ref");
        out.type = Str(c, "type");
        out.group = Str(c, "group");
        out.name = Str(c, "name");
        out.version = Str(c, "version");
        out.purl = Str(c, "purl");
        out.license = CdxLicense(c);
        out.properties = Properties(c);
        if (out.name.empty()) {
            return Invalid("a component has no name (bom-ref '" + out.ref + "')");
        }
        auto it = vulns.find(out.ref);
        if (it != vulns.end()) {
            out.vulnerabilities = std::move(it->second);
            vulns.erase(it);
        }
        array nested;
        bool has_nested = c["components"].get_array().get(nested) == simdjson::SUCCESS;
        ++stats.components;
        fn(std::move(out));
        if (has_nested) {
            KENSA_TRY(VisitCdxComponents(nested, depth + 1, vulns, stats, fn));
        }
    }
    return Ok();
}

Result<ReadStats> ReadCycloneDx(const element& doc, DocumentInfo* info, const ComponentFn& fn) {
    ReadStats stats;
    info->format = "cyclonedx";
    info->spec_version = Str(doc, "specVersion");
    element meta;
    if (doc["metadata"].get(meta) == simdjson::SUCCESS && meta.is_object()) {
        info->properties = Properties(meta);
        element subject;
        if (meta["component"].get(subject) == simdjson::SUCCESS && subject.is_object()) {
            info->name = Str(subject, "name");
        }
    }
    // Vulnerabilities come after components in the document but refer to them by bom-ref.
    std::map<std::string, std::vector<std::string>> by_ref;
    array vulns;
    if (doc["vulnerabilities"].get_array().get(vulns) == simdjson::SUCCESS) {
        for (element v : vulns) {
            std::string id = Str(v, "id");
            array affects;
            if (id.empty() || v["affects"].get_array().get(affects) != simdjson::SUCCESS) {
                continue;
            }
            ++stats.vulnerabilities;
            for (element a : affects) {
                by_ref[Str(a, "ref")].push_back(id);
            }
        }
    }
    array components;
    auto err = doc["components"].get_array().get(components);
    if (err == simdjson::NO_SUCH_FIELD) {
        return stats;  // an SBOM of nothing is valid
    }
    if (err != simdjson::SUCCESS) {
        return Invalid("'components' is not a list");
    }
    KENSA_TRY(VisitCdxComponents(components, 0, by_ref, stats, fn));
    for (const auto& [ref, ids] : by_ref) {
        stats.dangling_refs += ids.size();
    }
    return stats;
}

Result<ReadStats> ReadSpdx(const element& doc, DocumentInfo* info, const ComponentFn& fn) {
    ReadStats stats;
    info->format = "spdx";
    info->spec_version = Str(doc, "spdxVersion");
    info->name = Str(doc, "name");
    array packages;
    auto err = doc["packages"].get_array().get(packages);
    if (err == simdjson::NO_SUCH_FIELD) {
        return stats;
    }
    if (err != simdjson::SUCCESS) {
        return Invalid("'packages' is not a list");
    }
    for (element p : packages) {
        if (!p.is_object()) {
            return Invalid("a package is not an object");
        }
        Component out;
        out.ref = Str(p, "SPDXID");
        out.type = "package";
        out.name = Str(p, "name");
        out.version = Str(p, "versionInfo");
        if (out.name.empty()) {
            return Invalid("a package has no name (SPDXID '" + out.ref + "')");
        }
        for (const char* key : {"licenseConcluded", "licenseDeclared"}) {
            std::string l = Str(p, key);
            if (!l.empty() && l != "NOASSERTION" && l != "NONE") {
                out.license = l;
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
        fn(std::move(out));
    }
    return stats;
}

}  // namespace

Result<ReadStats> ReadSbom(std::string_view json, DocumentInfo* info, const ComponentFn& on_component) {
    simdjson::dom::parser parser;
    simdjson::padded_string padded(json);
    element doc;
    auto err = parser.parse(padded).get(doc);
    if (err != simdjson::SUCCESS) {
        return Invalid(std::string("not valid JSON (") + simdjson::error_message(err) + ")");
    }
    if (!doc.is_object()) {
        return Invalid("the top level is not an object");
    }
    *info = DocumentInfo{};
    if (Str(doc, "bomFormat") == "CycloneDX") {
        return ReadCycloneDx(doc, info, on_component);
    }
    if (!Str(doc, "spdxVersion").empty()) {
        return ReadSpdx(doc, info, on_component);
    }
    return Invalid("neither CycloneDX (bomFormat) nor SPDX (spdxVersion)");
}

}  // namespace kensa::sbom
