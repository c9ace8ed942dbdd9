#include "kensa/advisory/osv.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "kensa/common/strings.h"
#include "kensa/knowledge/purl.h"

namespace kensa::advisory {
namespace {

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
    auto ref = MapOsvEcosystem(out.osv_ecosystem);
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

std::string FamilyAlias(std::string family) {
    static const std::pair<const char*, const char*> kAliases[] = {{"alma", "almalinux"},
                                                                   {"alma-linux", "almalinux"},
                                                                   {"rocky-linux", "rocky"},
                                                                   {"rockylinux", "rocky"},
                                                                   {"amazon", "amzn"},
                                                                   {"amazon-linux", "amzn"},
                                                                   {"amazonlinux", "amzn"},
                                                                   {"al", "amzn"},
                                                                   {"alpine-linux", "alpine"},
                                                                   {"red-hat", "rhel"},
                                                                   {"redhat", "rhel"},
                                                                   {"photon-os", "photon"},
                                                                   {"oracle-linux", "ol"},
                                                                   {"oraclelinux", "ol"},
                                                                   {"oracle", "ol"}};
    for (const auto& [from, to] : kAliases) {
        if (family == from) {
            return to;
        }
    }
    return family;
}

}  // namespace

std::vector<std::string> Advisory::VulnerabilityIds() const {
    std::vector<std::string> cves;
    auto add_cve = [&](const std::string& v) {
        if (v.rfind("CVE-", 0) == 0 && std::find(cves.begin(), cves.end(), v) == cves.end()) {
            cves.push_back(v);
        }
    };
    add_cve(id);
    for (const auto& a : aliases) {
        add_cve(a);
    }
    // `related` names other vulnerabilities; only a record with no CVE of its own (AlmaLinux,
    // Rocky: the advisory fixes the related CVEs) stands for them.
    if (cves.empty()) {
        for (const auto& r : related) {
            add_cve(r);
        }
    }
    if (!cves.empty()) {
        return cves;
    }
    for (const auto& a : aliases) {
        if (a.rfind("GHSA-", 0) == 0) {
            return {a};
        }
    }
    return {id};
}

Result<Advisory> ParseOsv(std::string_view text, ParseNotes* notes) {
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

std::optional<EcosystemRef> MapOsvEcosystem(std::string_view osv) {
    static const std::pair<const char*, const char*> kLanguage[] = {{"Go", "golang"},
                                                                    {"npm", "npm"},
                                                                    {"PyPI", "pypi"},
                                                                    {"RubyGems", "gem"},
                                                                    {"crates.io", "cargo"},
                                                                    {"Packagist", "composer"},
                                                                    {"Maven", "maven"},
                                                                    {"NuGet", "nuget"},
                                                                    {"Hex", "hex"},
                                                                    {"Pub", "pub"},
                                                                    {"SwiftURL", "swift"},
                                                                    {"ConanCenter", "conan"},
                                                                    {"CRAN", "cran"},
                                                                    {"Hackage", "hackage"}};
    for (const auto& [name, type] : kLanguage) {
        if (osv == name) {
            return EcosystemRef{type, ""};
        }
    }
    auto colon = osv.find(':');
    std::string family(osv.substr(0, colon));
    std::string version = colon == std::string_view::npos ? "" : std::string(osv.substr(colon + 1));
    // "Ubuntu:22.04:LTS", "Ubuntu:Pro:18.04:LTS": keep the numeric release.
    if (family == "Ubuntu") {
        std::string release;
        size_t pos = 0;
        while (pos < version.size()) {
            size_t next = std::min(version.find(':', pos), version.size());
            std::string piece = version.substr(pos, next - pos);
            if (!piece.empty() && std::isdigit(static_cast<unsigned char>(piece[0]))) {
                release = piece;
            }
            pos = next + 1;
        }
        return EcosystemRef{"deb", release.empty() ? "ubuntu" : "ubuntu-" + release};
    }
    static const std::pair<const char*, const char*> kOs[] = {{"Debian", "deb"},
                                                              {"Alpine", "apk"},
                                                              {"AlmaLinux", "rpm"},
                                                              {"Rocky Linux", "rpm"},
                                                              {"Mageia", "rpm"},
                                                              {"Photon OS", "rpm"},
                                                              {"Wolfi", "apk"},
                                                              {"Chainguard", "apk"},
                                                              {"openEuler", "rpm"}};
    for (const auto& [name, type] : kOs) {
        if (family == name) {
            std::string distro = FamilyAlias(ToLower(family));
            std::replace(distro.begin(), distro.end(), ' ', '-');
            distro = FamilyAlias(distro);
            if (!version.empty()) {
                distro = NormalizeDistro(distro + "-" + version);
            }
            return EcosystemRef{type, distro};
        }
    }
    return std::nullopt;
}

std::string NormalizeDistro(std::string_view raw) {
    if (raw.empty()) {
        return "";
    }
    std::string s = ToLower(raw);
    std::replace(s.begin(), s.end(), '_', '-');
    std::replace(s.begin(), s.end(), ' ', '-');
    // Inspector platforms: AMAZON_LINUX_2023, UBUNTU_22_04, ALPINE_LINUX_3_19, RHEL_9.
    static const std::pair<const char*, const char*> kPlatformPrefixes[] = {
        {"amazon-linux-", "amzn-"},
        {"alpine-linux-", "alpine-"},
        {"ubuntu-", "ubuntu-"},
        {"debian-", "debian-"},
        {"rhel-", "rhel-"},
        {"centos-", "centos-"},
        {"alma-linux-", "almalinux-"},
        {"almalinux-", "almalinux-"},
        {"rocky-linux-", "rocky-"},
        {"oracle-linux-", "ol-"}};
    bool platform_style =
        raw.find('_') != std::string_view::npos && std::any_of(raw.begin(), raw.end(), [](char c) {
            return std::isupper(static_cast<unsigned char>(c));
        });
    std::string family;
    std::string version;
    if (platform_style) {
        for (const auto& [from, to] : kPlatformPrefixes) {
            if (s.rfind(from, 0) == 0) {
                family = std::string(to).substr(0, std::string(to).size() - 1);
                version = s.substr(std::string(from).size());
                std::replace(version.begin(), version.end(), '-', '.');
                break;
            }
        }
    }
    if (family.empty()) {
        // "<family>-<version>", the version starting at the first "-<digit>" or "-v<digit>".
        size_t split = std::string::npos;
        for (size_t i = 0; i + 1 < s.size(); ++i) {
            if (s[i] == '-' && (std::isdigit(static_cast<unsigned char>(s[i + 1])) ||
                                (s[i + 1] == 'v' && i + 2 < s.size() &&
                                 std::isdigit(static_cast<unsigned char>(s[i + 2]))))) {
                split = i;
                break;
            }
        }
        family = s.substr(0, split);
        version = split == std::string::npos ? "" : s.substr(split + 1);
        if (!version.empty() && version[0] == 'v') {
            version.erase(0, 1);
        }
    }
    family = FamilyAlias(family);
    return version.empty() ? family : family + "-" + version;
}

bool DistroCovers(std::string_view advisory_distro, std::string_view package_distro) {
    auto split = [](std::string_view d) {
        auto dash = d.find('-');
        return std::pair<std::string_view, std::string_view>(
            d.substr(0, dash),
            dash == std::string_view::npos ? std::string_view() : d.substr(dash + 1));
    };
    auto [afam, aver] = split(advisory_distro);
    auto [pfam, pver] = split(package_distro);
    if (afam != pfam) {
        return false;
    }
    if (aver.empty()) {
        return true;  // "Debian" without a release covers every release
    }
    if (pver.size() < aver.size() || pver.substr(0, aver.size()) != aver) {
        return false;
    }
    return pver.size() == aver.size() || pver[aver.size()] == '.';
}

}  // namespace kensa::advisory
