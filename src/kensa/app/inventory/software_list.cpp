#include "kensa/app/inventory/software_list.h"

#include <algorithm>
#include <functional>
#include <map>
#include <tuple>

#include "kensa/app/inventory/inventory.h"
#include "kensa/app/tasks/task_queries.h"
#include "kensa/knowledge/spdx_license.h"
#include "kensa/knowledge/version_constraint.h"

namespace kensa::app {
namespace {

// A version range reads at most this many stored rows per page before it answers.
constexpr int kMaxRangeScan = 20000;

}  // namespace

bool IsLicenseCategory(std::string_view spelling) {
    knowledge::LicenseCategory c;
    return knowledge::Parse(spelling, &c);
}

namespace {

// A walk over the group software list: the query checked and turned into the store's filter,
// and the group's servers and open EOL items read, once for every page it hands out.
class SoftwareWalk {
public:
    static Result<SoftwareWalk> Start(const AppContext& ctx,
                                      domain::Id group_id,
                                      const GroupSoftwareQuery& q) {
        SoftwareWalk w(ctx, group_id);
        KENSA_ASSIGN_OR_RETURN(w.group_, ctx.store.GetGroup(group_id));
        if (q.filter.server_id) {
            KENSA_TRY(ServerInGroup(ctx, group_id, *q.filter.server_id));
        }
        if (!q.version_range.empty()) {
            if (q.filter.name.empty()) {
                return Error(ErrorCode::kInvalidInput, "version_range needs a package name")
                    .With("field", "version_range");
            }
            KENSA_ASSIGN_OR_RETURN(w.range_, knowledge::ParseVersionConstraints(q.version_range));
        }
        w.filter_ = q.filter;
        if (!w.filter_.license.empty()) {
            // As the rows store it: "mit" is MIT, "GPL-2.0+" is GPL-2.0-or-later.
            knowledge::NormalizedLicense n = knowledge::NormalizeLicense(w.filter_.license);
            if (n.license_ids.size() == 1) {
                w.filter_.license = n.license_ids.front();
            }
        }
        if (q.eol_state) {
            domain::EolStateWindow win =
                domain::WindowOf(*q.eol_state, w.now_, w.group_.eol_near_days);
            w.filter_.eol_from = win.from;
            w.filter_.eol_to = win.to;
            w.filter_.eol_undated_matches = win.undated_ended;
            w.filter_.eol_open_ended = win.open_ended;
        }
        KENSA_ASSIGN_OR_RETURN(auto servers, ctx.store.ListServers(group_id));
        for (const auto& s : servers) {
            w.names_[s.id] = s.name;
        }
        KENSA_ASSIGN_OR_RETURN(w.items_, ctx.store.ListGroupEolItems(group_id, false));
        for (size_t i = 0; i < w.items_.size(); ++i) {
            const domain::EolItem& e = w.items_[i];
            w.by_cycle_[{e.server_id, e.product, e.cycle}] = i;
        }
        return w;
    }

    /// One page of at most `want` rows after `after`.
    Result<GroupSoftwarePage> Page(domain::Id after, int want) const {
        GroupSoftwarePage page;
        int scanned = 0;
        while (true) {
            int fetch = range_.empty() ? want : std::max(want, 500);
            KENSA_ASSIGN_OR_RETURN(auto rows,
                                   ctx_.store.ListGroupSoftware(group_id_, filter_, after, fetch));
            for (auto& sw : rows) {
                after = sw.id;
                ++scanned;
                if (!InRange(sw)) {
                    continue;
                }
                GroupSoftwareRow row;
                row.server_name = names_.count(sw.server_id) ? names_.at(sw.server_id) : "";
                if (!sw.eol_product.empty()) {
                    auto it = by_cycle_.find({sw.server_id, sw.eol_product, sw.eol_cycle});
                    if (it != by_cycle_.end()) {
                        const domain::EolItem& item = items_[it->second];
                        row.eol_state = domain::EolStateOf(item, now_, group_.eol_near_days);
                        row.eol_at = item.eol_at;
                    }
                }
                row.software = std::move(sw);
                page.rows.push_back(std::move(row));
                if (static_cast<int>(page.rows.size()) == want) {
                    page.next_after = after;
                    return page;
                }
            }
            if (static_cast<int>(rows.size()) < fetch) {
                return page;  // the end of the list
            }
            if (scanned >= kMaxRangeScan) {
                page.next_after = after;  // a sparse range: the client asks again from here
                return page;
            }
        }
    }

private:
    SoftwareWalk(const AppContext& ctx, domain::Id group_id)
        : ctx_(ctx), group_id_(group_id), now_(Now(ctx)) {}

    bool InRange(const domain::Software& sw) const {
        if (range_.empty()) {
            return true;
        }
        // deb and rpm versions compare whole: epoch, version and release.
        std::string version = sw.key.version;
        if (sw.ecosystem == "deb" || sw.ecosystem == "rpm") {
            version = (sw.key.epoch != 0 ? std::to_string(sw.key.epoch) + ":" : "") + version +
                      (sw.key.release.empty() ? "" : "-" + sw.key.release);
        }
        auto ok = knowledge::SatisfiesAll(sw.ecosystem, version, range_);
        return ok.ok() && *ok;  // a version its ecosystem cannot compare is not in the range
    }

    const AppContext& ctx_;
    domain::Id group_id_;
    domain::EpochSeconds now_;
    domain::Group group_;
    ports::GroupSoftwareFilter filter_;
    std::vector<knowledge::VersionConstraint> range_;
    std::map<domain::Id, std::string> names_;
    std::vector<domain::EolItem> items_;
    /// (server, product, cycle) -> index of its open item in items_.
    std::map<std::tuple<domain::Id, std::string, std::string>, size_t> by_cycle_;
};

}  // namespace

Result<GroupSoftwarePage> ListGroupSoftware(const AppContext& ctx,
                                            domain::Id group_id,
                                            const GroupSoftwareQuery& q) {
    if (q.limit < 1 || q.limit > kMaxGroupSoftwarePage) {
        return Error(ErrorCode::kInvalidInput,
                     "limit must be between 1 and " + std::to_string(kMaxGroupSoftwarePage))
            .With("field", "limit");
    }
    KENSA_ASSIGN_OR_RETURN(SoftwareWalk walk, SoftwareWalk::Start(ctx, group_id, q));
    return walk.Page(q.after_id, static_cast<int>(q.limit));
}

Status ForEachGroupSoftware(const AppContext& ctx,
                            domain::Id group_id,
                            const GroupSoftwareQuery& q,
                            const std::function<Status(const GroupSoftwareRow&)>& fn) {
    KENSA_ASSIGN_OR_RETURN(SoftwareWalk walk, SoftwareWalk::Start(ctx, group_id, q));
    domain::Id after = q.after_id;
    while (true) {
        KENSA_ASSIGN_OR_RETURN(auto page,
                               walk.Page(after, static_cast<int>(kMaxGroupSoftwarePage)));
        for (const auto& row : page.rows) {
            KENSA_TRY(fn(row));
        }
        if (!page.next_after) {
            return Ok();
        }
        after = *page.next_after;
    }
}

Result<ServerInventory> GetServerInventory(const AppContext& ctx,
                                           domain::Id group_id,
                                           domain::Id server_id) {
    ServerInventory inv;
    KENSA_ASSIGN_OR_RETURN(inv.server, ServerInGroup(ctx, group_id, server_id));
    KENSA_ASSIGN_OR_RETURN(inv.software, ctx.store.ListSoftware(server_id, false));
    KENSA_ASSIGN_OR_RETURN(auto detections, ctx.store.ListDetections(server_id));
    std::map<std::string, std::vector<domain::Id>> rows_of;
    for (const auto& d : detections) {
        if (d.active && d.software_id) {
            auto& ids = rows_of[d.vulnerability_id];
            if (std::find(ids.begin(), ids.end(), *d.software_id) == ids.end()) {
                ids.push_back(*d.software_id);
            }
        }
    }
    ports::TaskFilter filter;
    filter.group_id = group_id;
    filter.server_id = server_id;
    KENSA_TRY(ForEachTask(ctx.store, filter, [&](ports::TaskView&& v) -> Status {
        domain::VexStatement t;
        KENSA_ASSIGN_OR_RETURN(auto vuln,
                               ctx.store.GetVulnerability(group_id, v.task.vulnerability_id));
        if (vuln) {
            t.vulnerability = std::move(*vuln);
        } else {
            t.vulnerability.id = v.task.vulnerability_id;
        }
        t.software_ids = rows_of[v.task.vulnerability_id];
        t.task = std::move(v.task);
        inv.tasks.push_back(std::move(t));
        return Ok();
    }));
    return inv;
}

}  // namespace kensa::app
