#pragma once
// Vuls hosts (R19): finding the server a Vuls result belongs to, and what its last result says
// of the host. The server itself is a ServerStore row of kind vuls. Contract: store.h.

#include <optional>
#include <vector>

#include "kensa/common/error.h"
#include "kensa/domain/model.h"
#include "kensa/domain/vuls_host.h"

namespace kensa::ports {

class VulsHostStore {
public:
    virtual ~VulsHostStore() = default;

    /// The group's Vuls server with this identity: by vuls_uuid, or by name when the key has
    /// no uuid (domain::IdentifyVulsServer); nullopt when none is registered yet.
    virtual Result<std::optional<domain::Server>> FindVulsServer(
        domain::Id group_id, const domain::VulsServerKey& key) = 0;
    /// Stores (replaces) what the last result said of the host.
    virtual Status SaveVulsHost(const domain::VulsHost& host) = 0;
    virtual Result<std::vector<domain::VulsHost>> ListVulsHosts(domain::Id group_id) = 0;
};

}  // namespace kensa::ports
