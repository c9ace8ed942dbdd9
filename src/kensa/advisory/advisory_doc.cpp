#include "kensa/advisory/advisory_doc.h"

#include <nlohmann/json.hpp>

namespace kensa::advisory {
namespace {

using nlohmann::json;

std::string Str(const json& obj, const char* key) {
    auto it = obj.find(key);
    return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<std::string> StrList(const json& obj, const char* key) {
    std::vector<std::string> out;
    auto it = obj.find(key);
    if (it == obj.end() || !it->is_array()) {
        return out;
    }
    for (const auto& v : *it) {
        if (v.is_string()) {
            out.push_back(v.get<std::string>());
        }
    }
    return out;
}

}  // namespace

std::string ToDoc(const Advisory& a) {
    json affected = json::array();
    for (const auto& af : a.affected) {
        json ranges = json::array();
        for (const auto& r : af.ranges) {
            json events = json::array();
            for (const auto& e : r.events) {
                events.push_back({static_cast<int>(e.kind), e.version});
            }
            ranges.push_back({{"t", r.type}, {"e", events}});
        }
        affected.push_back({{"oe", af.osv_ecosystem},
                            {"eco", af.ecosystem},
                            {"distro", af.distro},
                            {"pkg", af.package},
                            {"norm", af.normalized},
                            {"ranges", ranges},
                            {"versions", af.versions}});
    }
    json doc = {{"id", a.id},
                {"modified", a.modified},
                {"withdrawn", a.withdrawn},
                {"summary", a.summary},
                {"details", a.details},
                {"severity", a.severity},
                {"cvss3", a.cvss3_vector},
                {"aliases", a.aliases},
                {"related", a.related},
                {"refs", a.references},
                {"affected", affected}};
    return doc.dump();
}

Result<Advisory> FromDoc(std::string_view text) {
    json doc = json::parse(text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) {
        return Error(ErrorCode::kInvalidInput, "stored advisory is not a JSON object");
    }
    Advisory a;
    a.id = Str(doc, "id");
    a.modified = Str(doc, "modified");
    a.withdrawn = doc.value("withdrawn", false);
    a.summary = Str(doc, "summary");
    a.details = Str(doc, "details");
    a.severity = Str(doc, "severity");
    a.cvss3_vector = Str(doc, "cvss3");
    a.aliases = StrList(doc, "aliases");
    a.related = StrList(doc, "related");
    a.references = StrList(doc, "refs");
    auto affected = doc.find("affected");
    if (affected == doc.end() || !affected->is_array()) {
        return a;
    }
    for (const auto& af : *affected) {
        if (!af.is_object()) {
            return Error(ErrorCode::kInvalidInput, "stored advisory " + a.id + " is malformed");
        }
        Affected out;
        out.osv_ecosystem = Str(af, "oe");
        out.ecosystem = Str(af, "eco");
        out.distro = Str(af, "distro");
        out.package = Str(af, "pkg");
        out.normalized = Str(af, "norm");
        out.versions = StrList(af, "versions");
        auto ranges = af.find("ranges");
        if (ranges != af.end() && ranges->is_array()) {
            for (const auto& r : *ranges) {
                Range range;
                range.type = r.is_object() ? Str(r, "t") : "";
                auto events = r.is_object() ? r.find("e") : r.end();
                if (events != r.end() && events->is_array()) {
                    for (const auto& e : *events) {
                        if (e.is_array() && e.size() == 2 && e[0].is_number_integer() &&
                            e[1].is_string()) {
                            int kind = e[0].get<int>();
                            if (kind >= 0 && kind <= 3) {
                                range.events.push_back(
                                    {static_cast<Event::Kind>(kind), e[1].get<std::string>()});
                            }
                        }
                    }
                }
                out.ranges.push_back(std::move(range));
            }
        }
        a.affected.push_back(std::move(out));
    }
    return a;
}

}  // namespace kensa::advisory
