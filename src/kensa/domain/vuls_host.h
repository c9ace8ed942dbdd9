#pragma once
// Vuls hosts (R19): which kensa server a Vuls result belongs to, what the result says of the
// host beside its packages, and which Vuls hosts are machines kensa also knows as EC2 servers.
// Pure rules: the import (app/vuls) and the views (server list) use them.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kensa/domain/model.h"

namespace kensa::domain {

/// How a Vuls server is told apart from the others of its group.
enum class VulsIdentity {
    kServerUuid,     ///< serverUUID (a scanner with a saas configuration writes one)
    kContainerUuid,  ///< containerUUID@serverUUID: each container is a server of its own
    kServerName,     ///< serverName: results written without a saas configuration
};
std::string_view ToString(VulsIdentity v);
bool Parse(std::string_view s, VulsIdentity* out);

/// The identity of the server a result describes: Server::vuls_uuid (empty when identified by
/// name) and the server's name.
struct VulsServerKey {
    VulsIdentity by = VulsIdentity::kServerName;
    std::string vuls_uuid;
    std::string name;
};

/// The identity rule. A container result (a container id or uuid is set) is the server
/// "containerUUID@serverUUID", named "container@server"; a host result is its serverUUID;
/// without a serverUUID (or, for a container, without both uuids) the name identifies it.
VulsServerKey IdentifyVulsServer(std::string_view server_uuid,
                                 std::string_view server_name,
                                 std::string_view container_id,
                                 std::string_view container_uuid,
                                 std::string_view container_name);

/// What the last imported result says of a Vuls host.
struct VulsHost {
    Id server_id = 0;
    VulsIdentity identified_by = VulsIdentity::kServerName;
    std::string server_uuid;
    std::string container_uuid;
    std::string container_name;
    std::string container_image;
    std::string family;  ///< Vuls's OS family (amazon, ubuntu, redhat, ...)
    std::string release;
    std::string kernel_release;
    std::string kernel_version;
    bool reboot_required = false;
    std::vector<std::string> ipv4_addrs;
    std::vector<std::string> ipv6_addrs;
    std::string platform_name;  ///< aws, azure, gcp, other
    std::string instance_id;    ///< platform.instanceID
    std::string scanned_at;     ///< as the scanner wrote it (RFC 3339)
    EpochSeconds imported_at = 0;
};

/// Another server of the group that sees the same machine.
struct HostLink {
    Id server_id = 0;
    ServerKind kind = ServerKind::kEc2;
    std::string name;
    std::string reason;  ///< "instance id i-0abc"
};

/// The links of each server of one group: a Vuls host whose platform.instanceID equals an EC2
/// server's instance id is the same machine, and each lists the other. Nothing is merged.
std::map<Id, std::vector<HostLink>> LinkHosts(const std::vector<Server>& servers,
                                              const std::vector<VulsHost>& hosts);

}  // namespace kensa::domain
