#include "kensa/advisory/index.h"

#include <algorithm>

#include "kensa/knowledge/purl.h"
#include "kensa/knowledge/version.h"

namespace kensa::advisory {
namespace {

std::string_view StripV(std::string_view v) {
    return !v.empty() && v[0] == 'v' ? v.substr(1) : v;
}

// SEMVER ranges compare by SemVer 2.0 whatever the ecosystem (Go writes them without "v").
Result<int> Compare(const std::string& range_type,
                    const std::string& ecosystem,
                    std::string_view a,
                    std::string_view b) {
    if (range_type == "SEMVER") {
        return knowledge::CompareVersions("npm", StripV(a), StripV(b));
    }
    return knowledge::CompareVersions(ecosystem, a, b);
}

}  // namespace

Result<bool> InRange(const Range& range,
                     const std::string& version,
                     const std::string& ecosystem,
                     std::string* fixed_in) {
    // OSV evaluation: walk the events in version order; "introduced" opens, "fixed" and
    // "limit" close at the version, "last_affected" closes after it.
    std::vector<const Event*> events;
    for (const auto& e : range.events) {
        events.push_back(&e);
    }
    Status sort_error = Ok();
    auto is_zero = [](const Event* e) {
        return e->kind == Event::Kind::kIntroduced && e->version == "0";
    };
    std::stable_sort(events.begin(), events.end(), [&](const Event* a, const Event* b) {
        if (is_zero(a) || is_zero(b)) {
            return is_zero(a) && !is_zero(b);
        }
        auto c = Compare(range.type, ecosystem, a->version, b->version);
        if (!c.ok()) {
            sort_error = std::move(c).error();
            return false;
        }
        return *c < 0;
    });
    KENSA_TRY(sort_error);
    bool affected = false;
    for (size_t i = 0; i < events.size(); ++i) {
        const Event& e = *events[i];
        int cmp = 1;
        if (!is_zero(&e)) {
            KENSA_ASSIGN_OR_RETURN(cmp, Compare(range.type, ecosystem, version, e.version));
        }
        switch (e.kind) {
            case Event::Kind::kIntroduced:
                if (cmp >= 0) {
                    affected = true;
                }
                break;
            case Event::Kind::kFixed:
            case Event::Kind::kLimit:
                if (cmp >= 0) {
                    affected = false;
                }
                break;
            case Event::Kind::kLastAffected:
                if (cmp > 0) {
                    affected = false;
                }
                break;
        }
    }
    if (affected && fixed_in != nullptr) {
        fixed_in->clear();
        for (const Event* e : events) {
            if (e->kind == Event::Kind::kFixed) {
                auto c = Compare(range.type, ecosystem, version, e->version);
                if (c.ok() && *c < 0) {
                    *fixed_in = e->version;
                    break;
                }
            }
        }
    }
    return affected;
}

std::string AdvisoryIndex::Key(std::string_view ecosystem, std::string_view normalized) {
    std::string key(ecosystem);
    key += '\0';
    key += normalized;
    return key;
}

void AdvisoryIndex::Add(Advisory advisory) {
    if (advisory.withdrawn || advisory.affected.empty()) {
        return;
    }
    auto idx = static_cast<uint32_t>(advisories_.size());
    for (size_t i = 0; i < advisory.affected.size(); ++i) {
        const Affected& a = advisory.affected[i];
        by_package_[Key(a.ecosystem, a.normalized)].push_back({idx, static_cast<uint32_t>(i)});
        ++entries_;
        ranges_ += a.ranges.size();
    }
    advisories_.push_back(std::make_unique<Advisory>(std::move(advisory)));
}

bool AdvisoryIndex::Affects(const Affected& affected,
                            const std::string& version,
                            std::string* fixed_in) const {
    for (const auto& v : affected.versions) {
        if (v == version) {
            fixed_in->clear();
            return true;
        }
    }
    for (const auto& range : affected.ranges) {
        auto in = InRange(range, version, affected.ecosystem, fixed_in);
        if (!in.ok()) {
            incomparable_.fetch_add(1, std::memory_order_relaxed);
            continue;
        }
        if (*in) {
            return true;
        }
    }
    return false;
}

void AdvisoryIndex::MatchPackage(const PackageQuery& q, std::vector<Match>* out) const {
    if (q.version.empty()) {
        return;
    }
    std::vector<std::string> names;
    names.push_back(knowledge::NormalizePackageName(q.ecosystem, q.name));
    for (const auto& src : q.source_names) {
        std::string n = knowledge::NormalizePackageName(q.ecosystem, src);
        if (std::find(names.begin(), names.end(), n) == names.end()) {
            names.push_back(std::move(n));
        }
    }
    std::vector<std::pair<uint32_t, uint32_t>> seen;
    for (const auto& name : names) {
        auto it = by_package_.find(Key(q.ecosystem, name));
        if (it == by_package_.end()) {
            continue;
        }
        for (const Ref& ref : it->second) {
            if (std::find(seen.begin(), seen.end(), std::pair{ref.advisory, ref.affected}) !=
                seen.end()) {
                continue;
            }
            seen.emplace_back(ref.advisory, ref.affected);
            const Advisory& adv = *advisories_[ref.advisory];
            const Affected& aff = adv.affected[ref.affected];
            // A distro advisory applies only to that distro's packages; a package whose distro
            // is unknown is not matched against distro advisories (no guessing).
            if (!aff.distro.empty() && (q.distro.empty() || !DistroCovers(aff.distro, q.distro))) {
                continue;
            }
            std::string fixed_in;
            if (Affects(aff, q.version, &fixed_in)) {
                out->push_back({&adv, &aff, std::move(fixed_in)});
            }
        }
    }
}

bool AdvisoryIndex::Knows(std::string_view ecosystem, std::string_view name) const {
    return by_package_.count(Key(ecosystem, knowledge::NormalizePackageName(ecosystem, name))) != 0;
}

}  // namespace kensa::advisory
