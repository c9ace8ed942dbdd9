#pragma once
// Use cases of the groups room: who may create groups, which groups a user sees, a group as
// stored, and its daily-scan schedule (R12).

#include <optional>
#include <string>
#include <vector>

#include "kensa/app/context.h"

namespace kensa::app {

/// kPermissionDenied unless the user is a site administrator (only they create groups).
Status RequireSiteAdmin(const domain::User& user);

/// The groups the user may view (every group for a site administrator), ordered as stored.
Result<std::vector<domain::Group>> ListVisibleGroups(const AppContext& ctx,
                                                     const domain::User& user);

/// The group as stored; kNotFound when unknown. The caller has checked access (RequireRole).
Result<domain::Group> GetGroup(const AppContext& ctx, domain::Id group_id);

/// A change of the daily-scan schedule; members left unset keep their stored value.
struct ScheduleInput {
    std::optional<std::string> timezone;  ///< IANA name, "UTC" or "+09:00"; "" keeps the stored
    std::optional<int> daily_minute;      ///< minutes after local midnight, 0..1439
    std::optional<bool> enabled;
};

/// Validates and saves the schedule; returns the group as stored afterwards. kInvalidInput
/// (detail "field") for an unknown timezone or a minute outside the day.
Result<domain::Group> SetSchedule(const AppContext& ctx,
                                  domain::Id group_id,
                                  const ScheduleInput& input);

}  // namespace kensa::app
