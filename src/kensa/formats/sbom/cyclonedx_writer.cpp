#include "kensa/formats/sbom/cyclonedx_writer.h"

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "kensa/common/strings.h"
#include "kensa/domain/vex.h"
#include "kensa/knowledge/purl.h"

namespace kensa::sbom {
namespace {

using Json = nlohmann::ordered_json;

std::string Ref(const domain::Software& sw) {
    return "kensa-software-" + std::to_string(sw.id);
}
std::string ServerRef(const domain::Server& s) {
    return "kensa-server-" + std::to_string(s.id);
}

// The version as the ecosystem writes it whole: deb and rpm put epoch and release around it.
std::string FullVersion(const domain::Software& sw) {
    std::string v = sw.key.version;
    if (!sw.key.release.empty()) {
        v += "-" + sw.key.release;
    }
    return v;
}

Json Properties(const std::vector<std::pair<std::string, std::string>>& props) {
    Json out = Json::array();
    for (const auto& [name, value] : props) {
        if (!value.empty()) {
            out.push_back({{"name", name}, {"value", value}});
        }
    }
    return out;
}

Json Component(const domain::Software& sw) {
    const bool app =
        sw.type == domain::SoftwareType::kApplication || sw.type == domain::SoftwareType::kRuntime;
    Json c = {{"type", app ? "application" : "library"}, {"bom-ref", Ref(sw)}};
    c["name"] = sw.key.name;
    std::string version = FullVersion(sw);
    if (sw.key.epoch != 0) {
        version = std::to_string(sw.key.epoch) + ":" + version;
    }
    if (!version.empty()) {
        c["version"] = version;
    }
    if (!sw.license_expression.empty()) {
        c["licenses"] = Json::array({{{"expression", sw.license_expression}}});
    } else if (!sw.license.empty()) {
        c["licenses"] = Json::array({{{"license", {{"name", sw.license}}}}});
    }
    std::string purl = ExportPurl(sw);
    if (!purl.empty()) {
        c["purl"] = purl;
    }
    Json props = Properties({{"kensa:file_path", sw.key.path},
                             {"kensa:ecosystem", sw.ecosystem},
                             {"kensa:type", std::string(domain::ToString(sw.type))},
                             {"kensa:source", std::string(domain::ToString(sw.source))},
                             {"kensa:license_category", sw.license_category},
                             {"kensa:eol_product", sw.eol_product},
                             {"kensa:eol_cycle", sw.eol_cycle}});
    if (!props.empty()) {
        c["properties"] = std::move(props);
    }
    return c;
}

Json Metadata(const domain::Server& server, const WriterClock& clock) {
    Json subject = {{"type", server.kind == domain::ServerKind::kEcrImage ? "container" : "device"},
                    {"bom-ref", ServerRef(server)},
                    {"name", server.name}};
    Json props = Properties({{"kensa:server_id", std::to_string(server.id)},
                             {"kensa:server_kind", std::string(domain::ToString(server.kind))},
                             {"kensa:distro", server.distro},
                             {"kensa:instance_id", server.instance_id}});
    if (!props.empty()) {
        subject["properties"] = std::move(props);
    }
    return {
        {"timestamp", clock.timestamp},
        {"tools",
         {{"components",
           Json::array(
               {{{"type", "application"}, {"name", "kensa"}, {"version", clock.tool_version}}})}}},
        {"component", std::move(subject)}};
}

Json Document(const domain::Server& server, const WriterClock& clock) {
    return {{"$schema", "http://cyclonedx.org/schema/bom-1.5.schema.json"},
            {"bomFormat", "CycloneDX"},
            {"specVersion", "1.5"},
            {"serialNumber", "urn:uuid:" + clock.serial},
            {"version", 1},
            {"metadata", Metadata(server, clock)}};
}

std::string_view CdxSeverity(domain::Severity s) {
    switch (s) {
        case domain::Severity::kCritical:
            return "critical";
        case domain::Severity::kHigh:
            return "high";
        case domain::Severity::kMedium:
            return "medium";
        case domain::Severity::kLow:
            return "low";
        case domain::Severity::kInformational:
            return "info";
        default:
            return "unknown";
    }
}

}  // namespace

std::string ExportPurl(const domain::Software& sw) {
    if (!sw.purl.empty()) {
        return sw.purl;
    }
    if (sw.ecosystem.empty() || sw.ecosystem == "generic") {
        return "";
    }
    knowledge::Purl p;
    p.type = sw.ecosystem;
    std::string name = sw.key.name;
    char sep = sw.ecosystem == "maven" ? ':' : '/';
    auto split = name.rfind(sep);
    if (split != std::string::npos && split > 0) {
        p.ns = name.substr(0, split);
        name.erase(0, split + 1);
    }
    p.name = name;
    p.version = FullVersion(sw);
    if (sw.key.epoch != 0) {
        p.qualifiers.push_back({"epoch", std::to_string(sw.key.epoch)});
    }
    if (!sw.key.arch.empty()) {
        p.qualifiers.push_back({"arch", sw.key.arch});
    }
    auto made = knowledge::MakePurl(std::move(p));
    return made.ok() ? knowledge::ToCanonicalString(*made) : "";
}

std::string WriteCycloneDxSbom(const domain::Server& server,
                               const std::vector<domain::Software>& software,
                               const WriterClock& clock) {
    Json doc = Document(server, clock);
    Json components = Json::array();
    for (const auto& sw : software) {
        components.push_back(Component(sw));
    }
    doc["components"] = std::move(components);
    return doc.dump(2);
}

std::string WriteCycloneDxVex(const domain::Server& server,
                              const std::vector<domain::Software>& software,
                              const std::vector<domain::VexStatement>& entries,
                              const WriterClock& clock) {
    Json doc = Document(server, clock);
    std::map<domain::Id, const domain::Software*> by_id;
    for (const auto& sw : software) {
        by_id[sw.id] = &sw;
    }
    std::set<domain::Id> used;
    Json vulns = Json::array();
    for (const auto& e : entries) {
        Json v = {{"bom-ref", "kensa-task-" + std::to_string(e.task.id)},
                  {"id", e.vulnerability.id}};
        if (e.vulnerability.cvss3_score > 0 ||
            e.vulnerability.severity != domain::Severity::kUnknown) {
            Json rating = {{"severity", CdxSeverity(e.vulnerability.severity)}};
            if (e.vulnerability.cvss3_score > 0) {
                rating["score"] = e.vulnerability.cvss3_score;
                rating["method"] = "CVSSv31";
            }
            if (!e.vulnerability.cvss3_vector.empty()) {
                rating["vector"] = e.vulnerability.cvss3_vector;
            }
            v["ratings"] = Json::array({rating});
        }
        if (!e.vulnerability.title.empty()) {
            v["description"] = e.vulnerability.title;
        }
        domain::VexAnalysis a = domain::VexAnalysisOf(e.task.status);
        Json analysis = {{"state", a.state}};
        if (!a.response.empty()) {
            analysis["response"] = Json::array({a.response});
        }
        analysis["detail"] = "kensa task " + std::to_string(e.task.id) + ": " +
                             std::string(domain::ToString(e.task.status));
        v["analysis"] = std::move(analysis);
        Json affects = Json::array();
        for (domain::Id id : e.software_ids) {
            if (by_id.count(id) != 0) {
                affects.push_back({{"ref", Ref(*by_id[id])}});
                used.insert(id);
            }
        }
        if (affects.empty()) {
            affects.push_back({{"ref", ServerRef(server)}});  // a finding on the server itself
        }
        v["affects"] = std::move(affects);
        vulns.push_back(std::move(v));
    }
    Json components = Json::array();
    for (domain::Id id : used) {
        components.push_back(Component(*by_id[id]));
    }
    doc["components"] = std::move(components);
    doc["vulnerabilities"] = std::move(vulns);
    return doc.dump(2);
}

}  // namespace kensa::sbom
