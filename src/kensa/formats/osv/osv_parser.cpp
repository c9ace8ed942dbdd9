#include "kensa/formats/osv/osv_parser.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "kensa/advisory/ecosystem.h"
#include "kensa/common/strings.h"
#include "kensa/knowledge/purl.h"

namespace kensa::formats::osv {
namespace {

using advisory::Advisory;
using advisory::Affected;
using advisory::Event;
using advisory::Range;
using nlohmann::json;

constexpr size_t kMaxRecordBytes = 16u << 20;  // real OSV records are a few KiB

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

std::string NormalizeSeverity(std::string s) {
    s = ToLower(s);
    if (s == "critical") {
        return "CRITICAL";
    }
    if (s == "high" || s == "important") {
        return "HIGH";
    }
    if (s == "moderate" || s == "medium") {
        return "MEDIUM";
    }
    if (s == "low") {
        return "LOW";
    }
    return "";
}

Result<Range> ParseRange(const json& r, const std::string& where) {
    Range range;
    range.type = Str(r, "type");
    auto events = r.find("events");
    if (events == r.end() || !events->is_array()) {
        return Error(ErrorCode::kInvalidInput, where + ": a range has no events array");
    }
    for (const auto& e : *events) {
        if (!e.is_object()) {
            return Error(ErrorCode::kInvalidInput, where + ": a range event is not an object");
        }
        static constexpr std::pair<const char*, Event::Kind> kKinds[] = {
            {"introduced", Event::Kind::kIntroduced},
            {"fixed", Event::Kind::kFixed},
            {"last_affected", Event::Kind::kLastAffected},
            {"limit", Event::Kind::kLimit}};
        bool known = false;
        for (const auto& [name, kind] : kKinds) {
            auto it = e.find(name);
            if (it != e.end() && it->is_string()) {
                range.events.push_back({kind, it->get<std::string>()});
                known = true;
            }
        }
        if (!known) {
            return Error(ErrorCode::kInvalidInput,
                         where +
                             ": a range event has none of introduced, fixed, "
                             "last_affected or limit");
        }
    }
    return range;
}

Result<Affected> ParseAffected(const json& a,
                               const std::string& id,
                               ParseNotes* notes,
                               bool* keep) {
    Affected out;
    *keep = false;
    auto pkg = a.find("package");
    if (pkg == a.end() || !pkg->is_object()) {
        // Records about a whole OS or a git repository only; nothing kensa can match.
        return out;
    }
    out.osv_ecosystem = Str(*pkg, "ecosystem");
    out.package = Str(*pkg, "name");
    auto ref = advisory::MapOsvEcosystem(out.osv_ecosystem);
    if (!ref || out.package.empty()) {
        ++notes->unknown_ecosystems;
        return out;
    }
    out.ecosystem = ref->ecosystem;
    out.distro = ref->distro;
    out.normalized = knowledge::NormalizePackageName(out.ecosystem, out.package);
    if (out.ecosystem == "maven") {
        // OSV spells Maven packages group:artifact; purls group/artifact.
        std::replace(out.normalized.begin(), out.normalized.end(), ':', '/');
    }
    auto ranges = a.find("ranges");
    if (ranges != a.end() && ranges->is_array()) {
        for (const auto& r : *ranges) {
            if (!r.is_object()) {
                return Error(ErrorCode::kInvalidInput, id + ": a range is not an object");
            }
            KENSA_ASSIGN_OR_RETURN(Range range, ParseRange(r, id));
            if (range.type == "GIT") {
                ++notes->git_ranges_skipped;
                continue;
            }
            if (range.type != "ECOSYSTEM" && range.type != "SEMVER") {
                return Error(ErrorCode::kInvalidInput,
                             id + ": unknown range type '" + range.type + "'");
            }
            out.ranges.push_back(std::move(range));
        }
    }
    out.versions = StrList(a, "versions");
    *keep = !out.ranges.empty() || !out.versions.empty();
    return out;
}

void ParseSeverity(const json& doc, Advisory* adv) {
    auto sev = doc.find("severity");
    if (sev != doc.end() && sev->is_array()) {
        for (const auto& s : *sev) {
            if (s.is_object() && Str(s, "type").rfind("CVSS_V3", 0) == 0) {
                adv->cvss3_vector = Str(s, "score");
            }
        }
    }
    auto db = doc.find("database_specific");
    if (db != doc.end() && db->is_object()) {
        adv->severity = NormalizeSeverity(Str(*db, "severity"));
    }
    if (adv->severity.empty()) {
        // AlmaLinux, Rocky and Red Hat put the rating in the summary: "Important: xz security
        // update".
        auto colon = adv->summary.find(':');
        if (colon != std::string::npos && colon < 12) {
            adv->severity = NormalizeSeverity(adv->summary.substr(0, colon));
        }
    }
}

}  // namespace

Result<advisory::Advisory> ParseOsv(std::string_view text, ParseNotes* notes) {
    ParseNotes scratch;
    notes = notes != nullptr ? notes : &scratch;
    if (text.size() > kMaxRecordBytes) {
        return Error(ErrorCode::kInvalidInput, "OSV record larger than 16 MiB");
    }
    json doc = json::parse(text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) {
        return Error(ErrorCode::kInvalidInput,
                     "not an OSV record: the document is not a JSON object");
    }
    Advisory adv;
    adv.id = Str(doc, "id");
    if (adv.id.empty()) {
        return Error(ErrorCode::kInvalidInput, "OSV record has no id");
    }
    if (adv.id.size() > 256) {
        return Error(ErrorCode::kInvalidInput, "OSV record id longer than 256 characters");
    }
    adv.modified = Str(doc, "modified");
    adv.withdrawn = !Str(doc, "withdrawn").empty();
    adv.summary = Str(doc, "summary");
    adv.details = Str(doc, "details");
    adv.aliases = StrList(doc, "aliases");
    adv.related = StrList(doc, "related");
    auto refs = doc.find("references");
    if (refs != doc.end() && refs->is_array()) {
        for (const auto& r : *refs) {
            if (r.is_object() && !Str(r, "url").empty()) {
                adv.references.push_back(Str(r, "url"));
            }
        }
    }
    ParseSeverity(doc, &adv);
    auto affected = doc.find("affected");
    if (affected != doc.end() && affected->is_array()) {
        for (const auto& a : *affected) {
            if (!a.is_object()) {
                return Error(ErrorCode::kInvalidInput,
                             adv.id + ": an affected entry is not an object");
            }
            bool keep = false;
            KENSA_ASSIGN_OR_RETURN(Affected entry, ParseAffected(a, adv.id, notes, &keep));
            if (keep) {
                adv.affected.push_back(std::move(entry));
            }
        }
    }
    return adv;
}

}  // namespace kensa::formats::osv
