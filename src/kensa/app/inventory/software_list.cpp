#include "kensa/app/inventory/software_list.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "kensa/app/inventory/inventory.h"
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

Result<GroupSoftwarePage> ListGroupSoftware(const AppContext& ctx,
                                            domain::Id group_id,
                                            const GroupSoftwareQuery& q) {
    if (q.limit < 1 || q.limit > kMaxGroupSoftwarePage) {
        return Error(ErrorCode::kInvalidInput,
                     "limit must be between 1 and " + std::to_string(kMaxGroupSoftwarePage))
            .With("field", "limit");
    }
    KENSA_ASSIGN_OR_RETURN(domain::Group group, ctx.store.GetGroup(group_id));
    if (q.filter.server_id) {
        KENSA_TRY(ServerInGroup(ctx, group_id, *q.filter.server_id));
    }
    std::vector<knowledge::VersionConstraint> range;
    if (!q.version_range.empty()) {
        if (q.filter.name.empty()) {
            return Error(ErrorCode::kInvalidInput, "version_range needs a package name")
                .With("field", "version_range");
        }
        KENSA_ASSIGN_OR_RETURN(range, knowledge::ParseVersionConstraints(q.version_range));
    }
    const domain::EpochSeconds now = Now(ctx);
    ports::GroupSoftwareFilter filter = q.filter;
    if (!filter.license.empty()) {
        // As the rows store it: "mit" is MIT, "GPL-2.0+" is GPL-2.0-or-later.
        knowledge::NormalizedLicense n = knowledge::NormalizeLicense(filter.license);
        if (n.license_ids.size() == 1) {
            filter.license = n.license_ids.front();
        }
    }
    if (q.eol_state) {
        domain::EolStateWindow w = domain::WindowOf(*q.eol_state, now, group.eol_near_days);
        filter.eol_from = w.from;
        filter.eol_to = w.to;
        filter.eol_undated_matches = w.undated_ended;
        filter.eol_open_ended = w.open_ended;
    }

    KENSA_ASSIGN_OR_RETURN(auto servers, ctx.store.ListServers(group_id));
    std::map<domain::Id, std::string> names;
    for (const auto& s : servers) {
        names[s.id] = s.name;
    }
    KENSA_ASSIGN_OR_RETURN(auto items, ctx.store.ListGroupEolItems(group_id, false));
    std::map<std::tuple<domain::Id, std::string, std::string>, const domain::EolItem*> by_cycle;
    for (const auto& e : items) {
        by_cycle[{e.server_id, e.product, e.cycle}] = &e;
    }

    GroupSoftwarePage page;
    domain::Id after = q.after_id;
    int scanned = 0;
    const int want = static_cast<int>(q.limit);
    while (true) {
        int fetch = range.empty() ? want : std::max(want, 500);
        KENSA_ASSIGN_OR_RETURN(auto rows,
                               ctx.store.ListGroupSoftware(group_id, filter, after, fetch));
        for (auto& sw : rows) {
            after = sw.id;
            ++scanned;
            if (!range.empty()) {
                // deb and rpm versions compare whole: epoch, version and release.
                std::string version = sw.key.version;
                if (sw.ecosystem == "deb" || sw.ecosystem == "rpm") {
                    version = (sw.key.epoch != 0 ? std::to_string(sw.key.epoch) + ":" : "") +
                              version + (sw.key.release.empty() ? "" : "-" + sw.key.release);
                }
                auto ok = knowledge::SatisfiesAll(sw.ecosystem, version, range);
                if (!ok.ok() || !*ok) {
                    continue;  // a version its ecosystem cannot compare is not in the range
                }
            }
            GroupSoftwareRow row;
            row.server_name = names[sw.server_id];
            if (!sw.eol_product.empty()) {
                auto it = by_cycle.find({sw.server_id, sw.eol_product, sw.eol_cycle});
                if (it != by_cycle.end()) {
                    row.eol_state = domain::EolStateOf(*it->second, now, group.eol_near_days);
                    row.eol_at = it->second->eol_at;
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
    filter.limit = 1000;
    while (true) {
        KENSA_ASSIGN_OR_RETURN(auto views, ctx.store.ListTasks(filter));
        for (auto& v : views) {
            ServerInventory::TaskOnSoftware t;
            KENSA_ASSIGN_OR_RETURN(auto vuln,
                                   ctx.store.GetVulnerability(group_id, v.task.vulnerability_id));
            if (vuln) {
                t.vulnerability = std::move(*vuln);
            } else {
                t.vulnerability.id = v.task.vulnerability_id;
            }
            t.software_ids = rows_of[v.task.vulnerability_id];
            filter.after_id = v.task.id;
            t.task = std::move(v.task);
            inv.tasks.push_back(std::move(t));
        }
        if (static_cast<int>(views.size()) < filter.limit) {
            break;
        }
    }
    return inv;
}

}  // namespace kensa::app
