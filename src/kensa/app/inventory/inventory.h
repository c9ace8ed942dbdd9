#pragma once
// Use cases of the inventory room: a group's servers as the console shows them, removing a
// server, a server's software (whole or in keyset pages) and the vulnerability catalogue.
// Every lookup by id checks the group, so one group never reads another's rows: a server of
// another group is kNotFound, exactly like an unknown one.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kensa/app/context.h"
#include "kensa/domain/vuls_host.h"
#include "kensa/ports/scan_store.h"

namespace kensa::app {

/// The server, if it belongs to the group; kNotFound otherwise (no cross-group probing).
Result<domain::Server> ServerInGroup(const AppContext& ctx,
                                     domain::Id group_id,
                                     domain::Id server_id);

Result<std::vector<domain::Server>> ListServers(const AppContext& ctx, domain::Id group_id);

/// A server with what its page shows: the Lambda functions of a pseudo server (empty for
/// other kinds), whether a manual scan is available (normal scan mode only, R13; never for a
/// Vuls server, whose results are imported), what its last Vuls result said of the host, and
/// the group's other servers that see the same machine (R19, domain::LinkHosts).
struct ServerView {
    domain::Server server;
    std::vector<domain::LambdaFunction> lambda_functions;
    bool manual_scan_available = false;
    std::optional<domain::VulsHost> vuls;
    std::vector<domain::HostLink> also_seen_by;
};
Result<ServerView> GetServerView(const AppContext& ctx, domain::Id group_id, domain::Id server_id);
/// The group's servers that see the same machine as another (domain::LinkHosts), by server id:
/// what a task list shows as "also seen by".
Result<std::map<domain::Id, std::vector<domain::HostLink>>> GroupHostLinks(const AppContext& ctx,
                                                                           domain::Id group_id);
/// Every server of the group as its page shows it, in id order.
Result<std::vector<ServerView>> ListServerViews(const AppContext& ctx, domain::Id group_id);

/// Deletes a server of the group with its software, detections and tasks, and audits it
/// ("server.delete") as `actor`. kNotFound for a server of another group.
Status RemoveServer(const AppContext& ctx,
                    domain::Id group_id,
                    domain::Id server_id,
                    const std::string& actor);

/// Which software rows to list. Without `limit` the whole list; with it, one keyset page of
/// rows with id > after_id.
struct SoftwareQuery {
    bool include_removed = false;
    std::optional<int64_t> limit;  ///< 1..kMaxSoftwarePage
    domain::Id after_id = 0;
};
inline constexpr int64_t kMaxSoftwarePage = 1000;

struct SoftwarePage {
    std::vector<domain::Software> rows;
    std::optional<domain::Id> next_after;  ///< set when a full page may have more rows
};

/// kInvalidInput (detail "limit") for a limit outside 1..kMaxSoftwarePage.
Result<SoftwarePage> ListServerSoftware(const AppContext& ctx,
                                        domain::Id group_id,
                                        domain::Id server_id,
                                        const SoftwareQuery& query);

/// The open NETWORK_REACHABILITY findings of a server of the group, as the last Inspector scan
/// left them (a port open to a network path is a finding of its own, not a package's);
/// kNotFound for a server of another group.
Result<std::vector<ports::NetworkFinding>> ListNetworkFindings(const AppContext& ctx,
                                                               domain::Id group_id,
                                                               domain::Id server_id);

/// A vulnerability as the group sees it (ports::ScanStore::GetVulnerability); kNotFound when
/// the group has no source that describes it.
Result<domain::Vulnerability> GetVulnerability(const AppContext& ctx,
                                               domain::Id group_id,
                                               const std::string& id);

}  // namespace kensa::app
