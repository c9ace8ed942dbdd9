#include "kensa/aws/address_policy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <cstring>

#include "kensa/aws/endpoints.h"
#include "kensa/common/strings.h"

namespace kensa::aws {
namespace {

bool InV4(uint32_t addr, uint32_t net, int prefix) {
    uint32_t mask = prefix == 0 ? 0 : ~uint32_t{0} << (32 - prefix);
    return (addr & mask) == (net & mask);
}

constexpr uint32_t V4(uint8_t a, uint8_t b, uint8_t c, uint8_t d) {
    return uint32_t{a} << 24 | uint32_t{b} << 16 | uint32_t{c} << 8 | d;
}

bool IsPrivateV4(uint32_t a) {  // host byte order
    static const std::pair<uint32_t, int> kRanges[] = {
        {V4(0, 0, 0, 0), 8},
        {V4(10, 0, 0, 0), 8},
        {V4(100, 64, 0, 0), 10},
        {V4(127, 0, 0, 0), 8},
        {V4(169, 254, 0, 0), 16},
        {V4(172, 16, 0, 0), 12},
        {V4(192, 0, 0, 0), 24},
        {V4(192, 168, 0, 0), 16},
        {V4(198, 18, 0, 0), 15},
        {V4(224, 0, 0, 0), 3}};  // multicast, reserved and broadcast
    for (const auto& [net, prefix] : kRanges) {
        if (InV4(a, net, prefix)) {
            return true;
        }
    }
    return false;
}

bool IsPrivateV6(const uint8_t (&b)[16]) {
    static const uint8_t kZero[16] = {};
    if (std::memcmp(b, kZero, 15) == 0 && (b[15] == 0 || b[15] == 1)) {
        return true;  // :: and ::1
    }
    if ((b[0] & 0xFE) == 0xFC || (b[0] == 0xFE && (b[1] & 0xC0) == 0x80) || b[0] == 0xFF) {
        return true;  // fc00::/7 unique local, fe80::/10 link-local, ff00::/8 multicast
    }
    auto embedded_v4 = [&] {
        return uint32_t{b[12]} << 24 | uint32_t{b[13]} << 16 | uint32_t{b[14]} << 8 | b[15];
    };
    static const uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
    static const uint8_t kNat64[12] = {0, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0};
    if (std::memcmp(b, kMapped, 12) == 0 || std::memcmp(b, kNat64, 12) == 0 ||
        std::memcmp(b, kZero, 12) == 0) {  // ::a.b.c.d (deprecated compatible form)
        return IsPrivateV4(embedded_v4());
    }
    return false;
}

// "host[:port]" of an http(s) URL, lower-cased, the IPv6 brackets kept; "" when malformed.
std::string Authority(std::string_view url) {
    auto endpoint = ParseEndpointUrl(url);
    if (!endpoint.ok()) {
        return "";
    }
    const std::string& base = endpoint->base_url;
    return ToLower(base.substr(base.find("://") + 3));
}

// Splits "host:port" / "[v6]:port" / "host" into host and port ("" when none).
std::pair<std::string, std::string> HostPort(const std::string& authority) {
    if (!authority.empty() && authority[0] == '[') {
        auto close = authority.find(']');
        if (close == std::string::npos) {
            return {authority, ""};
        }
        std::string port = close + 1 < authority.size() && authority[close + 1] == ':'
                               ? authority.substr(close + 2)
                               : "";
        return {authority.substr(0, close + 1), port};
    }
    auto colon = authority.rfind(':');
    if (colon == std::string::npos) {
        return {authority, ""};
    }
    return {authority.substr(0, colon), authority.substr(colon + 1)};
}

bool IsAwsHost(const std::string& host) {
    for (std::string_view suffix : {".amazonaws.com", ".amazonaws.com.cn", ".api.aws"}) {
        if (EndsWith(host, suffix) && host.size() > suffix.size()) {
            return true;
        }
    }
    return false;
}

}  // namespace

bool IsPrivateAddress(const sockaddr* address) {
    if (address == nullptr) {
        return true;
    }
    if (address->sa_family == AF_INET) {
        const auto* v4 = reinterpret_cast<const sockaddr_in*>(address);
        return IsPrivateV4(ntohl(v4->sin_addr.s_addr));
    }
    if (address->sa_family == AF_INET6) {
        const auto* v6 = reinterpret_cast<const sockaddr_in6*>(address);
        uint8_t bytes[16];
        std::memcpy(bytes, v6->sin6_addr.s6_addr, sizeof bytes);
        return IsPrivateV6(bytes);
    }
    return true;  // unix sockets and the rest are never the internet
}

bool IsPrivateAddress(std::string_view ip) {
    std::string text(ip);
    sockaddr_in v4{};
    sockaddr_in6 v6{};
    if (inet_pton(AF_INET, text.c_str(), &v4.sin_addr) == 1) {
        v4.sin_family = AF_INET;
        return IsPrivateAddress(reinterpret_cast<const sockaddr*>(&v4));
    }
    if (inet_pton(AF_INET6, text.c_str(), &v6.sin6_addr) == 1) {
        v6.sin6_family = AF_INET6;
        return IsPrivateAddress(reinterpret_cast<const sockaddr*>(&v6));
    }
    return false;
}

EndpointAllowlist::EndpointAllowlist(std::vector<std::string> entries) {
    for (auto& e : entries) {
        std::string entry = ToLower(Trim(e));
        if (!entry.empty()) {
            entries_.push_back(std::move(entry));
        }
    }
}

Status EndpointAllowlist::CheckEntry(std::string_view raw) {
    std::string entry = ToLower(Trim(raw));
    auto [host, port] = HostPort(entry);
    bool host_ok = !host.empty();
    if (host_ok && host.front() == '[') {
        std::string inner = host.substr(1, host.size() - 2);
        in6_addr v6{};
        host_ok = host.back() == ']' && inet_pton(AF_INET6, inner.c_str(), &v6) == 1;
    } else {
        host_ok = host_ok && std::all_of(host.begin(), host.end(), [](char c) {
                      return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-';
                  });
    }
    bool port_ok =
        port.empty() || (port.size() <= 5 && std::all_of(port.begin(), port.end(), ::isdigit) &&
                         std::stoi(port) >= 1 && std::stoi(port) <= 65535);
    bool colon_ok = entry.find(':') == std::string::npos || !port.empty() || host.front() == '[';
    if (!host_ok || !port_ok || !colon_ok) {
        return Error(ErrorCode::kInvalidInput,
                     "endpoint_allowlist entry '" + std::string(raw) +
                         "' must be host or host:port, an IPv6 address in brackets, with no "
                         "scheme or path (for example 127.0.0.1:4566)");
    }
    return Ok();
}

bool EndpointAllowlist::Names(std::string_view url) const {
    std::string authority = Authority(url);
    if (authority.empty()) {
        return false;
    }
    auto [host, port] = HostPort(authority);
    for (const auto& entry : entries_) {
        auto [entry_host, entry_port] = HostPort(entry);
        if (entry_host == host && (entry_port.empty() || entry_port == port)) {
            return true;
        }
    }
    return false;
}

Status EndpointAllowlist::Check(std::string_view url) const {
    if (Trim(url).empty() || Names(url)) {
        return Ok();
    }
    auto endpoint = ParseEndpointUrl(url);
    if (!endpoint.ok()) {
        return Error(ErrorCode::kInvalidInput, endpoint.error().message())
            .With("field", "endpoint_url");
    }
    auto [host, port] = HostPort(Authority(url));
    if (StartsWith(endpoint->base_url, "https://") && IsAwsHost(host)) {
        return Ok();
    }
    return Error(ErrorCode::kInvalidInput,
                 "endpoint URL host '" + host +
                     "' is neither an AWS endpoint (https://*.amazonaws.com) nor in the "
                     "operator's [aws] endpoint_allowlist")
        .With("field", "endpoint_url");
}

}  // namespace kensa::aws
