#include "kensa/app/inventory/inventory.h"

#include <map>

namespace kensa::app {

Result<domain::Server> ServerInGroup(const AppContext& ctx,
                                     domain::Id group_id,
                                     domain::Id server_id) {
    auto server = ctx.store.GetServer(server_id);
    if (!server.ok() && server.error().code() != ErrorCode::kNotFound) {
        return std::move(server).error();  // a storage failure is not "not found"
    }
    if (!server.ok() || server->group_id != group_id) {
        return Error(ErrorCode::kNotFound,
                     "server " + std::to_string(server_id) + " not found in this group");
    }
    return std::move(server).value();
}

Result<std::vector<domain::Server>> ListServers(const AppContext& ctx, domain::Id group_id) {
    return ctx.store.ListServers(group_id);
}

namespace {

// What a group's Vuls hosts add to its servers' views.
struct GroupHosts {
    std::map<domain::Id, domain::VulsHost> host_of;
    std::map<domain::Id, std::vector<domain::HostLink>> links;
};

Result<GroupHosts> LoadHosts(const AppContext& ctx,
                             domain::Id group_id,
                             const std::vector<domain::Server>& servers) {
    KENSA_ASSIGN_OR_RETURN(auto hosts, ctx.store.ListVulsHosts(group_id));
    GroupHosts out;
    out.links = domain::LinkHosts(servers, hosts);
    for (auto& h : hosts) {
        out.host_of.emplace(h.server_id, std::move(h));
    }
    return out;
}

Result<ServerView> MakeView(const AppContext& ctx, domain::Server server, GroupHosts& hosts) {
    ServerView view;
    if (server.kind == domain::ServerKind::kPseudo) {
        KENSA_ASSIGN_OR_RETURN(view.lambda_functions, ctx.store.ListLambdaFunctions(server.id));
    }
    view.manual_scan_available =
        server.scan_mode == domain::ScanMode::kNormal && domain::IsAwsResource(server.kind);
    if (auto h = hosts.host_of.find(server.id); h != hosts.host_of.end()) {
        view.vuls = std::move(h->second);
    }
    if (auto l = hosts.links.find(server.id); l != hosts.links.end()) {
        view.also_seen_by = std::move(l->second);
    }
    view.server = std::move(server);
    return view;
}

}  // namespace

Result<std::map<domain::Id, std::vector<domain::HostLink>>> GroupHostLinks(const AppContext& ctx,
                                                                           domain::Id group_id) {
    KENSA_ASSIGN_OR_RETURN(auto hosts, ctx.store.ListVulsHosts(group_id));
    if (hosts.empty()) {
        return std::map<domain::Id, std::vector<domain::HostLink>>();  // nothing to link
    }
    KENSA_ASSIGN_OR_RETURN(auto servers, ctx.store.ListServers(group_id));
    return domain::LinkHosts(servers, hosts);
}

Result<std::vector<ServerView>> ListServerViews(const AppContext& ctx, domain::Id group_id) {
    KENSA_ASSIGN_OR_RETURN(auto servers, ctx.store.ListServers(group_id));
    KENSA_ASSIGN_OR_RETURN(GroupHosts hosts, LoadHosts(ctx, group_id, servers));
    std::vector<ServerView> out;
    out.reserve(servers.size());
    for (auto& s : servers) {
        KENSA_ASSIGN_OR_RETURN(ServerView view, MakeView(ctx, std::move(s), hosts));
        out.push_back(std::move(view));
    }
    return out;
}

Result<ServerView> GetServerView(const AppContext& ctx, domain::Id group_id, domain::Id server_id) {
    KENSA_ASSIGN_OR_RETURN(domain::Server server, ServerInGroup(ctx, group_id, server_id));
    KENSA_ASSIGN_OR_RETURN(auto servers, ctx.store.ListServers(group_id));
    KENSA_ASSIGN_OR_RETURN(GroupHosts hosts, LoadHosts(ctx, group_id, servers));
    return MakeView(ctx, std::move(server), hosts);
}

Status RemoveServer(const AppContext& ctx,
                    domain::Id group_id,
                    domain::Id server_id,
                    const std::string& actor) {
    KENSA_ASSIGN_OR_RETURN(domain::Server server, ServerInGroup(ctx, group_id, server_id));
    domain::AuditEvent audit;
    audit.group_id = group_id;
    audit.actor = actor;
    audit.action = "server.delete";
    audit.target = "server:" + std::to_string(server.id);
    audit.detail = server.name;
    audit.at = Now(ctx);
    return ctx.store.DeleteServer(server.id, audit);
}

Result<SoftwarePage> ListServerSoftware(const AppContext& ctx,
                                        domain::Id group_id,
                                        domain::Id server_id,
                                        const SoftwareQuery& query) {
    KENSA_ASSIGN_OR_RETURN(domain::Server server, ServerInGroup(ctx, group_id, server_id));
    SoftwarePage page;
    if (!query.limit) {
        KENSA_ASSIGN_OR_RETURN(page.rows, ctx.store.ListSoftware(server.id, query.include_removed));
        return page;
    }
    int64_t limit = *query.limit;
    if (limit < 1 || limit > kMaxSoftwarePage) {
        return Error(ErrorCode::kInvalidInput, "limit must be between 1 and 1000")
            .With("field", "limit")
            .With("limit", std::to_string(limit));
    }
    KENSA_ASSIGN_OR_RETURN(
        page.rows,
        ctx.store.ListSoftwarePage(
            server.id, query.include_removed, query.after_id, static_cast<int>(limit)));
    if (static_cast<int64_t>(page.rows.size()) == limit) {
        page.next_after = page.rows.back().id;
    }
    return page;
}

Result<std::vector<ports::NetworkFinding>> ListNetworkFindings(const AppContext& ctx,
                                                               domain::Id group_id,
                                                               domain::Id server_id) {
    KENSA_TRY(ServerInGroup(ctx, group_id, server_id));
    return ctx.store.ListNetworkFindings(server_id);
}

Result<domain::Vulnerability> GetVulnerability(const AppContext& ctx,
                                               domain::Id group_id,
                                               const std::string& id) {
    KENSA_ASSIGN_OR_RETURN(auto vulnerability, ctx.store.GetVulnerability(group_id, id));
    if (!vulnerability) {
        return Error(ErrorCode::kNotFound, "vulnerability " + id + " not found");
    }
    return std::move(*vulnerability);
}

}  // namespace kensa::app
