#include "kensa/app/inventory/eol.h"

#include <algorithm>
#include <map>

#include "kensa/app/audit.h"
#include "kensa/app/inventory/inventory.h"
#include "kensa/app/inventory/software_facts.h"
#include "kensa/knowledge/eol_catalog.h"

namespace kensa::app {
namespace {

constexpr domain::EpochSeconds kDay = 86400;

EolItemView View(const domain::EolItem& item,
                 domain::EpochSeconds now,
                 int near_days,
                 std::string server_name) {
    EolItemView v;
    v.item = item;
    v.state = domain::EolStateOf(item, now, near_days);
    if (item.eol_at) {
        domain::EpochSeconds delta = *item.eol_at - now;
        v.days_left = delta >= 0 ? delta / kDay : -((-delta + kDay - 1) / kDay);
    }
    v.server_name = std::move(server_name);
    return v;
}

// Soonest first: ended without a date, then by date, then open-ended; ties by id.
bool Sooner(const EolItemView& a, const EolItemView& b) {
    auto rank = [](const domain::EolItem& e) {
        return e.eol_at ? *e.eol_at : e.eol_undated ? INT64_MIN : INT64_MAX;
    };
    auto ra = rank(a.item);
    auto rb = rank(b.item);
    return ra != rb ? ra < rb : a.item.id < b.item.id;
}

}  // namespace

Result<std::vector<EolItemView>> ListGroupEol(const AppContext& ctx,
                                              domain::Id group_id,
                                              const EolQuery& q) {
    KENSA_ASSIGN_OR_RETURN(domain::Group group, ctx.store.GetGroup(group_id));
    if (q.server_id) {
        KENSA_TRY(ServerInGroup(ctx, group_id, *q.server_id));
    }
    KENSA_ASSIGN_OR_RETURN(auto servers, ctx.store.ListServers(group_id));
    std::map<domain::Id, std::string> names;
    for (const auto& s : servers) {
        names[s.id] = s.name;
    }
    KENSA_ASSIGN_OR_RETURN(auto items, ctx.store.ListGroupEolItems(group_id, q.include_closed));
    const domain::EpochSeconds now = Now(ctx);
    std::vector<EolItemView> out;
    for (const auto& item : items) {
        if ((q.server_id && item.server_id != *q.server_id) ||
            (!q.product.empty() && item.product != q.product)) {
            continue;
        }
        EolItemView v = View(item, now, group.eol_near_days, names[item.server_id]);
        if (q.state && v.state != *q.state) {
            continue;
        }
        out.push_back(std::move(v));
    }
    std::sort(out.begin(), out.end(), Sooner);
    return out;
}

Result<EolItemView> ChangeEolItem(const AppContext& ctx,
                                  domain::Id group_id,
                                  domain::Id item_id,
                                  const EolItemEdit& edit,
                                  const std::string& actor) {
    KENSA_ASSIGN_OR_RETURN(domain::Group group, ctx.store.GetGroup(group_id));
    KENSA_ASSIGN_OR_RETURN(auto found, ctx.store.GetEolItem(group_id, item_id));
    if (!found) {
        return Error(ErrorCode::kNotFound, "EOL item " + std::to_string(item_id) + " not found");
    }
    domain::EolItem item = *found;
    if (item.closed_at) {
        return Error(ErrorCode::kConflict,
                     "EOL item " + std::to_string(item_id) +
                         " is closed: no scan sees its cycle on the server any more");
    }
    std::string detail;
    if (edit.status) {
        if (!domain::UserMaySetEolStatus(*edit.status)) {
            return Error(ErrorCode::kInvalidInput,
                         "status PATCH_APPLIED is set by scans, when the cycle is gone")
                .With("field", "status");
        }
        if (*edit.status != item.status) {
            detail += "status " + std::string(domain::ToString(item.status)) + " -> " +
                      std::string(domain::ToString(*edit.status)) + "; ";
        }
        item.status = *edit.status;
        item.user_status = true;
    }
    if (edit.deadline) {
        item.deadline = *edit.deadline;
        detail += "deadline; ";
    }
    if (edit.assignee) {
        item.assignee = *edit.assignee;
        detail += "assignee " + *edit.assignee + "; ";
    }
    const domain::EpochSeconds now = Now(ctx);
    item.updated_at = now;
    KENSA_TRY(ctx.store.UpdateEolItemWork(group_id, item));
    KENSA_TRY(RecordAudit(
        ctx, group_id, actor, "eol.update", "eol_item:" + std::to_string(item_id), detail));
    KENSA_ASSIGN_OR_RETURN(domain::Server server, ctx.store.GetServer(item.server_id));
    return View(item, now, group.eol_near_days, server.name);
}

Result<int64_t> RefreshAllEol(const AppContext& ctx) {
    KENSA_ASSIGN_OR_RETURN(auto groups, ctx.store.ListGroups());
    int64_t n = 0;
    const domain::EpochSeconds now = Now(ctx);
    for (const auto& g : groups) {
        KENSA_ASSIGN_OR_RETURN(auto servers, ctx.store.ListServers(g.id));
        for (const auto& s : servers) {
            KENSA_TRY(RefreshServerEol(ctx.store, s.id, now));
            ++n;
        }
    }
    return n;
}

Result<EolImportResult> ImportEolData(const AppContext& ctx,
                                      const std::vector<std::pair<std::string, std::string>>& pages,
                                      const std::string& source) {
    Result<knowledge::EolCatalog> parsed =
        pages.size() == 1 && pages[0].first.empty()
            ? knowledge::EolCatalog::FromSnapshot(pages[0].second)
            : knowledge::EolCatalog::FromProductPages(pages);
    if (!parsed.ok()) {
        return std::move(parsed).error();
    }
    auto catalog = std::make_shared<const knowledge::EolCatalog>(std::move(parsed).value());
    // The mapping rules must hold over the new data before anything is stored.
    KENSA_TRY(MakeEolKnowledge(catalog, source, 0, knowledge::EolMapping::Products::kRequireAll));
    ports::EolSnapshotRecord record;
    record.snapshot = catalog->ToSnapshot(
        "endoflife.date data imported by kensa eol import\n"
        "https://endoflife.date (MIT)");
    record.source = source;
    record.products = static_cast<int64_t>(catalog->products().size());
    record.cycles = static_cast<int64_t>(catalog->cycle_count());
    record.imported_at = Now(ctx);
    KENSA_TRY(ctx.store.SaveEolSnapshot(record));
    EolImportResult out;
    out.products = record.products;
    out.cycles = record.cycles;
    out.source = source;
    KENSA_ASSIGN_OR_RETURN(out.servers_refreshed, RefreshAllEol(ctx));
    KENSA_TRY(RecordAudit(
        ctx,
        std::nullopt,
        "cli",
        "eol.import",
        source,
        std::to_string(out.products) + " products, " + std::to_string(out.cycles) + " cycles"));
    return out;
}

}  // namespace kensa::app
