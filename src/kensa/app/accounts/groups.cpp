#include "kensa/app/accounts/groups.h"

#include "kensa/app/accounts/accounts.h"
#include "kensa/common/local_time.h"

namespace kensa::app {

namespace {

constexpr int kMinutesPerDay = 24 * 60;

}  // namespace

Status RequireSiteAdmin(const domain::User& user) {
    if (!user.is_admin) {
        return Error(ErrorCode::kPermissionDenied, "this needs a site administrator");
    }
    return Ok();
}

Result<std::vector<domain::Group>> ListVisibleGroups(const AppContext& ctx,
                                                     const domain::User& user) {
    KENSA_ASSIGN_OR_RETURN(auto groups, ctx.store.ListGroups());
    std::vector<domain::Group> visible;
    for (auto& group : groups) {
        if (RequireRole(ctx, user, group.id, domain::Role::kViewer).ok()) {
            visible.push_back(std::move(group));
        }
    }
    return visible;
}

Result<domain::Group> GetGroup(const AppContext& ctx, domain::Id group_id) {
    return ctx.store.GetGroup(group_id);
}

Result<domain::Group> SetSchedule(const AppContext& ctx,
                                  domain::Id group_id,
                                  const ScheduleInput& input) {
    KENSA_ASSIGN_OR_RETURN(domain::Group group, ctx.store.GetGroup(group_id));
    std::string timezone =
        input.timezone && !input.timezone->empty() ? *input.timezone : group.timezone;
    auto local = ToLocal(0, timezone);
    if (!local.ok()) {
        return Error(local.error()).With("field", "timezone");
    }
    int minute = input.daily_minute.value_or(group.daily_scan_minute);
    if (minute < 0 || minute >= kMinutesPerDay) {
        return Error(ErrorCode::kInvalidInput, "the daily scan time must lie within the day")
            .With("field", "daily_scan_time");
    }
    bool enabled = input.enabled.value_or(group.daily_scan_enabled);
    KENSA_TRY(ctx.store.UpdateGroupSchedule(group_id, timezone, minute, enabled));
    return ctx.store.GetGroup(group_id);
}

}  // namespace kensa::app
