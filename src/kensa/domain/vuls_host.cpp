#include "kensa/domain/vuls_host.h"

#include <unordered_map>

namespace kensa::domain {

std::string_view ToString(VulsIdentity v) {
    switch (v) {
        case VulsIdentity::kServerUuid:
            return "server_uuid";
        case VulsIdentity::kContainerUuid:
            return "container_uuid";
        case VulsIdentity::kServerName:
            return "server_name";
    }
    return "server_name";
}

bool Parse(std::string_view s, VulsIdentity* out) {
    for (auto v :
         {VulsIdentity::kServerUuid, VulsIdentity::kContainerUuid, VulsIdentity::kServerName}) {
        if (s == ToString(v)) {
            *out = v;
            return true;
        }
    }
    return false;
}

VulsServerKey IdentifyVulsServer(std::string_view server_uuid,
                                 std::string_view server_name,
                                 std::string_view container_id,
                                 std::string_view container_uuid,
                                 std::string_view container_name) {
    VulsServerKey key;
    bool container = !container_id.empty() || !container_uuid.empty();
    if (container) {
        std::string_view label = !container_name.empty() ? container_name : container_id;
        key.name = std::string(label.empty() ? container_uuid : label) + "@" +
                   std::string(server_name.empty() ? server_uuid : server_name);
        if (!container_uuid.empty() && !server_uuid.empty()) {
            key.by = VulsIdentity::kContainerUuid;
            key.vuls_uuid = std::string(container_uuid) + "@" + std::string(server_uuid);
        }
        return key;
    }
    key.name = std::string(server_name.empty() ? server_uuid : server_name);
    if (!server_uuid.empty()) {
        key.by = VulsIdentity::kServerUuid;
        key.vuls_uuid = std::string(server_uuid);
    }
    return key;
}

std::map<Id, std::vector<HostLink>> LinkHosts(const std::vector<Server>& servers,
                                              const std::vector<VulsHost>& hosts) {
    std::unordered_map<std::string, std::vector<const Server*>> ec2_by_instance;
    std::unordered_map<Id, const Server*> by_id;
    for (const Server& s : servers) {
        by_id[s.id] = &s;
        if (s.kind == ServerKind::kEc2 && !s.instance_id.empty()) {
            ec2_by_instance[s.instance_id].push_back(&s);
        }
    }
    std::map<Id, std::vector<HostLink>> links;
    for (const VulsHost& h : hosts) {
        auto vuls = by_id.find(h.server_id);
        auto ec2 = ec2_by_instance.find(h.instance_id);
        if (h.instance_id.empty() || vuls == by_id.end() || ec2 == ec2_by_instance.end()) {
            continue;
        }
        std::string reason = "instance id " + h.instance_id;
        for (const Server* e : ec2->second) {
            links[h.server_id].push_back(HostLink{e->id, e->kind, e->name, reason});
            links[e->id].push_back(
                HostLink{h.server_id, ServerKind::kVuls, vuls->second->name, reason});
        }
    }
    return links;
}

}  // namespace kensa::domain
