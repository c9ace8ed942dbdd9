#pragma once
// The HTTP transport the AWS clients send through. An interface, so unit tests never touch the
// network (see testing/fake_transport.h); CurlTransport is the production implementation.

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kensa/aws/sigv4/signer.h"
#include "kensa/common/error.h"

struct sockaddr;

namespace kensa::aws {

/// A received response. Header names keep the server's case; look them up with Header().
struct HttpResponse {
    int status = 0;
    std::vector<std::pair<std::string, std::string>> headers;
    /// The body, unless it was streamed to a BodySink (then empty).
    std::string body;

    /// First header value with this name (case-insensitive), or empty.
    std::string Header(std::string_view name) const;
};

/// Receives body bytes as they arrive. Returning false aborts the transfer.
using BodySink = std::function<bool(std::string_view chunk)>;

/// Transport-level settings. Defaults suit AWS API calls.
struct TransportOptions {
    /// TCP + TLS connect timeout.
    std::chrono::milliseconds connect_timeout{5000};
    /// Abort when fewer than low_speed_limit_bytes/s arrive for low_speed_time (a stalled peer).
    long low_speed_limit_bytes = 1;
    std::chrono::seconds low_speed_time{30};
    /// Whole-request timeout of a buffered call (no BodySink): an API call that has not
    /// finished by then fails with detail timeout = true. 0 = none.
    std::chrono::milliseconds total_timeout{120000};
    /// Whole-request timeout of a streamed call (an S3 download into a BodySink, which may
    /// legitimately take long; the sink's reader enforces its own limits). 0 = none.
    std::chrono::milliseconds streaming_total_timeout{0};
    /// Largest body buffered in HttpResponse::body (every non-streamed body, and error bodies of
    /// streamed calls). A larger response aborts the transfer: kInternal "response larger than
    /// 32 MiB", detail response_too_large = true. Streamed 2xx bodies are not counted.
    size_t max_body_bytes = size_t{32} << 20;
    /// Verify the server's TLS certificate and host name. Only tests against a local emulator
    /// over plain http have a reason to think about this; never turn it off for real AWS.
    bool verify_tls = true;
    /// Extra CA bundle (PEM file); empty = the system store.
    std::string ca_file;
    std::string user_agent = "kensa/0.1";
    /// When set, every address a host resolves to is asked before connecting; a refused one
    /// fails the call with kPermissionDenied, detail transport_error = refused_address (see
    /// address_policy.h). Unset: any address.
    std::function<bool(const sockaddr*)> address_allowed;
};

/// Sends one request. Thread-safety: implementations must allow concurrent Send calls.
class HttpTransport {
public:
    virtual ~HttpTransport() = default;

    /// Sends `request` to base_url + request.path (+ '?' + request.query). base_url is
    /// "scheme://host[:port]" with no trailing slash. The request's headers are sent as given
    /// (the caller has signed them); Content-Length is computed from the body.
    ///
    /// When `sink` is non-null and the status is 2xx, body bytes go to the sink as they arrive
    /// and HttpResponse::body stays empty; non-2xx bodies (errors) are always buffered.
    ///
    /// @return the response for any HTTP status; kUnavailable for connection failures and
    ///         timeouts (detail transport_error = connect | timeout | io, detail timeout = true
    ///         for timeouts); kInternal("aborted by caller") when the sink returned false;
    ///         kInternal with detail response_too_large = true for a buffered body over
    ///         TransportOptions::max_body_bytes.
    virtual Result<HttpResponse> Send(const std::string& base_url,
                                      const HttpRequest& request,
                                      const BodySink* sink) = 0;
};
using HttpTransportPtr = std::shared_ptr<HttpTransport>;

/// libcurl transport with a pool of reusable handles (each keeps its connection cache), so
/// sequential calls to one host reuse the TLS connection.
HttpTransportPtr MakeCurlTransport(const TransportOptions& options = {});

}  // namespace kensa::aws
