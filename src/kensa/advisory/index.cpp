#include "kensa/advisory/index.h"

#include <algorithm>
#include <unordered_set>

#include "kensa/advisory/ecosystem.h"
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

bool IsZero(const Event* e) {
    return e->kind == Event::Kind::kIntroduced && e->version == "0";
}

// The range's events in version order ("introduced: 0" first); fails when the ecosystem's
// rules reject one of the versions.
Result<std::vector<const Event*>> SortedEvents(const Range& range, const std::string& ecosystem) {
    std::vector<const Event*> events;
    for (const auto& e : range.events) {
        events.push_back(&e);
    }
    Status sort_error = Ok();
    std::stable_sort(events.begin(), events.end(), [&](const Event* a, const Event* b) {
        if (IsZero(a) || IsZero(b)) {
            return IsZero(a) && !IsZero(b);
        }
        auto c = Compare(range.type, ecosystem, a->version, b->version);
        if (!c.ok()) {
            sort_error = std::move(c).error();
            return false;
        }
        return *c < 0;
    });
    KENSA_TRY(sort_error);
    return events;
}

}  // namespace

namespace {

// Walks events already in version order.
template <typename Events, typename Get>
Result<bool> Evaluate(const Events& events,
                      Get get,
                      const Range& range,
                      const std::string& version,
                      const std::string& ecosystem,
                      std::string* fixed_in) {
    bool affected = false;
    for (const auto& item : events) {
        const Event& e = get(item);
        int cmp = 1;
        if (!IsZero(&e)) {
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
        for (const auto& item : events) {
            const Event& e = get(item);
            if (e.kind == Event::Kind::kFixed) {
                auto c = Compare(range.type, ecosystem, version, e.version);
                if (c.ok() && *c < 0) {
                    *fixed_in = e.version;
                    break;
                }
            }
        }
    }
    return affected;
}

}  // namespace

Result<bool> InRange(const Range& range,
                     const std::string& version,
                     const std::string& ecosystem,
                     std::string* fixed_in) {
    // OSV evaluation: walk the events in version order; "introduced" opens, "fixed" and
    // "limit" close at the version, "last_affected" closes after it.
    if (range.sorted) {
        return Evaluate(
            range.events,
            [](const Event& e) -> const Event& { return e; },
            range,
            version,
            ecosystem,
            fixed_in);
    }
    KENSA_ASSIGN_OR_RETURN(auto events, SortedEvents(range, ecosystem));
    return Evaluate(
        events,
        [](const Event* e) -> const Event& { return *e; },
        range,
        version,
        ecosystem,
        fixed_in);
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
        Affected& a = advisory.affected[i];
        // Sort each range's events once here instead of at every match. A range whose versions
        // the ecosystem rejects stays unsorted; matching it fails and is counted as incomparable.
        for (auto& range : a.ranges) {
            if (range.sorted) {
                continue;
            }
            auto order = SortedEvents(range, a.ecosystem);
            if (order.ok()) {
                std::vector<Event> sorted;
                sorted.reserve(order->size());
                for (const Event* e : *order) {
                    sorted.push_back(*e);
                }
                range.events = std::move(sorted);
                range.sorted = true;
            }
        }
        uint32_t distro = 0;
        if (!a.distro.empty()) {
            auto [it, added] =
                distro_ids_.emplace(a.distro, static_cast<uint32_t>(distros_.size()));
            if (added) {
                distros_.push_back(a.distro);
            }
            distro = it->second + 1;
        }
        by_package_[Key(a.ecosystem, a.normalized)].push_back(
            {idx, static_cast<uint32_t>(i), distro});
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
    // An entry can be reached through two names (binary and source package) only when there
    // are two; a package with many advisories made the earlier linear check quadratic.
    std::unordered_set<uint64_t> seen;
    // The distro test runs on the entry's interned distro, once per distro, before the entry
    // itself is read: most entries of a popular name belong to other distros.
    std::vector<int8_t> covers(distros_.size(), -1);
    auto distro_ok = [&](uint32_t distro) {
        if (distro == 0) {
            return true;
        }
        int8_t& known = covers[distro - 1];
        if (known < 0) {
            known = !q.distro.empty() && DistroCovers(distros_[distro - 1], q.distro) ? 1 : 0;
        }
        return known == 1;
    };
    for (const auto& name : names) {
        auto it = by_package_.find(Key(q.ecosystem, name));
        if (it == by_package_.end()) {
            continue;
        }
        for (const Ref& ref : it->second) {
            // A distro advisory applies only to that distro's packages; a package whose distro
            // is unknown is not matched against distro advisories (no guessing).
            if (!distro_ok(ref.distro)) {
                continue;
            }
            if (names.size() > 1 &&
                !seen.insert(uint64_t{ref.advisory} << 32 | ref.affected).second) {
                continue;
            }
            const Advisory& adv = *advisories_[ref.advisory];
            const Affected& aff = adv.affected[ref.affected];
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
