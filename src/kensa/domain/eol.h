#pragma once
// End of life (R18): the state of a product release cycle on an injected "now", and how a
// scan's view of a server's cycles changes its EOL items. Pure rules; the data of which
// software is of which cycle is knowledge/eol_mapping's.
//
// Rules:
//  - A cycle is EOL once its end date has passed, or when the data says it ended without a
//    date; NEAR_EOL when the end date is within the group's window (90 days by default);
//    SUPPORTED otherwise, including when no end date is known.
//  - A scan that sees a cycle on a server creates its item (NEW), or reopens it (NEW) if a
//    previous scan had closed it; a scan that no longer sees it closes it as PATCH_APPLIED
//    (the software was upgraded or removed). Any other status a user set survives scans.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kensa/domain/model.h"

namespace kensa::domain {

enum class EolState { kSupported, kNearEol, kEol };
std::string_view ToString(EolState v);  ///< SUPPORTED, NEAR_EOL, EOL
bool Parse(std::string_view s, EolState* out);

inline constexpr int kDefaultEolNearDays = 90;
inline constexpr int kMaxEolNearDays = 3650;

/// The state of a cycle that ends at `eol_at` (none: no date), at `now`.
EolState EolStateAt(std::optional<EpochSeconds> eol_at,
                    bool eol_undated,
                    EpochSeconds now,
                    int near_days);
EolState EolStateOf(const EolItem& item, EpochSeconds now, int near_days);

/// The same rule as a query: the end dates [from, to) of the cycles in `state` at `now`, and
/// whether undated ended cycles and open-ended cycles are in it.
struct EolStateWindow {
    std::optional<EpochSeconds> from;
    std::optional<EpochSeconds> to;
    bool undated_ended = false;
    bool open_ended = false;
};
EolStateWindow WindowOf(EolState state, EpochSeconds now, int near_days);

/// "YYYY-MM-DD" (UTC midnight) as epoch seconds; nullopt for anything else.
std::optional<EpochSeconds> ParseCivilDate(std::string_view date);

/// One cycle a scan sees on a server (the item fields a scan owns).
struct ObservedEol {
    std::string product;
    std::string product_label;
    std::string cycle;
    std::string cycle_label;
    std::optional<EpochSeconds> eol_at;
    bool eol_undated = false;
    std::string latest;
    std::string evidence;
};

/// What a scan changes. A scan writes only what it owns: the data of an item (from the
/// catalogue and the server) and its being open or closed; never a user's status, deadline or
/// assignee of an item that stays open.
struct EolChanges {
    std::vector<EolItem> insert;   ///< new items (status NEW)
    std::vector<EolItem> refresh;  ///< stored items (id set) whose data changed: labels, dates,
                                   ///< latest, evidence
    std::vector<Id> close;         ///< open items no longer seen: PATCH_APPLIED, closed at `at`
    std::vector<Id> reopen;        ///< closed items seen again: NEW, open
    EpochSeconds at = 0;
    bool empty() const {
        return insert.empty() && refresh.empty() && close.empty() && reopen.empty();
    }
};

/// The changes that bring a server's stored items in line with what a scan sees now.
/// `observed` is unique by (product, cycle).
EolChanges ReconcileEol(const std::vector<EolItem>& stored,
                        const std::vector<ObservedEol>& observed,
                        Id server_id,
                        EpochSeconds now);

/// A user sets an item's status: kInvalidInput for PATCH_APPLIED, which only a scan sets.
bool UserMaySetEolStatus(TaskStatus status);

}  // namespace kensa::domain
