#include "kensa/domain/eol.h"

#include <map>
#include <utility>

namespace kensa::domain {
namespace {

constexpr EpochSeconds kDay = 86400;

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
    y -= m <= 2 ? 1 : 0;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

}  // namespace

std::string_view ToString(EolState v) {
    switch (v) {
        case EolState::kSupported:
            return "SUPPORTED";
        case EolState::kNearEol:
            return "NEAR_EOL";
        case EolState::kEol:
            return "EOL";
    }
    return "SUPPORTED";
}

bool Parse(std::string_view s, EolState* out) {
    for (EolState v : {EolState::kSupported, EolState::kNearEol, EolState::kEol}) {
        if (s == ToString(v)) {
            *out = v;
            return true;
        }
    }
    return false;
}

EolState EolStateAt(std::optional<EpochSeconds> eol_at,
                    bool eol_undated,
                    EpochSeconds now,
                    int near_days) {
    if (!eol_at) {
        return eol_undated ? EolState::kEol : EolState::kSupported;
    }
    if (*eol_at <= now) {
        return EolState::kEol;
    }
    return *eol_at <= now + static_cast<EpochSeconds>(near_days) * kDay ? EolState::kNearEol
                                                                        : EolState::kSupported;
}

EolState EolStateOf(const EolItem& item, EpochSeconds now, int near_days) {
    return EolStateAt(item.eol_at, item.eol_undated, now, near_days);
}

EolStateWindow WindowOf(EolState state, EpochSeconds now, int near_days) {
    const EpochSeconds near = now + static_cast<EpochSeconds>(near_days) * kDay;
    switch (state) {
        case EolState::kEol:
            return {std::nullopt, now + 1, true, false};
        case EolState::kNearEol:
            return {now + 1, near + 1, false, false};
        case EolState::kSupported:
            return {near + 1, std::nullopt, false, true};
    }
    return {};
}

std::optional<EpochSeconds> ParseCivilDate(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') {
        return std::nullopt;
    }
    auto digits = [&](size_t from, size_t n, unsigned* out) {
        unsigned v = 0;
        for (size_t i = from; i < from + n; ++i) {
            if (s[i] < '0' || s[i] > '9') {
                return false;
            }
            v = v * 10 + static_cast<unsigned>(s[i] - '0');
        }
        *out = v;
        return true;
    };
    unsigned y = 0;
    unsigned m = 0;
    unsigned d = 0;
    if (!digits(0, 4, &y) || !digits(5, 2, &m) || !digits(8, 2, &d) || m < 1 || m > 12 || d < 1 ||
        d > 31) {
        return std::nullopt;
    }
    return DaysFromCivil(y, m, d) * kDay;
}

EolChanges ReconcileEol(const std::vector<EolItem>& stored,
                        const std::vector<ObservedEol>& observed,
                        Id server_id,
                        EpochSeconds now) {
    EolChanges out;
    out.at = now;
    std::map<std::pair<std::string, std::string>, const ObservedEol*> seen;
    for (const auto& o : observed) {
        seen.emplace(std::make_pair(o.product, o.cycle), &o);
    }
    for (const EolItem& item : stored) {
        auto it = seen.find({item.product, item.cycle});
        if (it == seen.end()) {
            if (!item.closed_at) {
                out.close.push_back(item.id);
            }
            continue;
        }
        const ObservedEol& o = *it->second;
        if (item.closed_at) {
            out.reopen.push_back(item.id);
        }
        if (o.product_label != item.product_label || o.cycle_label != item.cycle_label ||
            o.eol_at != item.eol_at || o.eol_undated != item.eol_undated ||
            o.latest != item.latest || o.evidence != item.evidence) {
            EolItem next = item;
            next.product_label = o.product_label;
            next.cycle_label = o.cycle_label;
            next.eol_at = o.eol_at;
            next.eol_undated = o.eol_undated;
            next.latest = o.latest;
            next.evidence = o.evidence;
            next.last_seen = next.updated_at = now;
            out.refresh.push_back(std::move(next));
        }
        seen.erase(it);
    }
    for (const auto& [key, o] : seen) {
        EolItem item;
        item.server_id = server_id;
        item.product = o->product;
        item.product_label = o->product_label;
        item.cycle = o->cycle;
        item.cycle_label = o->cycle_label;
        item.eol_at = o->eol_at;
        item.eol_undated = o->eol_undated;
        item.latest = o->latest;
        item.evidence = o->evidence;
        item.first_seen = item.last_seen = item.updated_at = now;
        out.insert.push_back(std::move(item));
    }
    return out;
}

bool UserMaySetEolStatus(TaskStatus status) {
    return status != TaskStatus::kPatchApplied;
}

}  // namespace kensa::domain
