#pragma once
// Where a group's own endpoint URL may send kensa's signed requests. A tenant chooses that URL,
// the operator's network is not the tenant's: a custom endpoint must be an AWS host or one the
// operator lists in [aws] endpoint_allowlist, and a connection to a private, loopback or
// link-local address is refused after DNS resolution unless the allowlist names the host.

#include <string>
#include <string_view>
#include <vector>

#include "kensa/common/error.h"

struct sockaddr;

namespace kensa::aws {

/// True for addresses that are not the public internet's: IPv4 0/8, 10/8, 100.64/10, 127/8,
/// 169.254/16, 172.16/12, 192.0.0/24, 192.168/16, 198.18/15, multicast and reserved (224/3);
/// IPv6 ::, ::1, fc00::/7, fe80::/10, ff00::/8, and IPv4-mapped or NAT64 forms of the above.
bool IsPrivateAddress(const sockaddr* address);
/// The same for a numeric address in inet_pton's forms ("10.1.2.3", "::1"); false when `ip` is
/// not one (so never use it on a URL's host, which may be "127.1" or a name: the transport
/// checks what the host resolved to).
bool IsPrivateAddress(std::string_view ip);

/// The operator's list of custom endpoint hosts: "host" (any port) or "host:port"; IPv6 hosts
/// in brackets ("[::1]:4566"). Host names compare case-insensitively.
class EndpointAllowlist {
public:
    EndpointAllowlist() = default;
    explicit EndpointAllowlist(std::vector<std::string> entries);

    /// True when the allowlist names the host (and port) of `url` ("http://host:port/path").
    bool Names(std::string_view url) const;
    /// Ok when a group may set `url`: empty (AWS's own endpoints), an https AWS host
    /// (*.amazonaws.com, *.amazonaws.com.cn, *.api.aws), or a host the allowlist names.
    /// kInvalidInput with field endpoint_url otherwise.
    Status Check(std::string_view url) const;

    const std::vector<std::string>& entries() const { return entries_; }

    /// kInvalidInput unless `entry` is "host", "host:port", "[v6]" or "[v6]:port" (no scheme,
    /// no path): an entry that could match nothing is a mistake to report, not to ignore.
    static Status CheckEntry(std::string_view entry);

private:
    std::vector<std::string> entries_;  ///< lower-cased
};

}  // namespace kensa::aws
