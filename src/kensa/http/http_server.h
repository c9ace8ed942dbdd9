#pragma once
// HttpServer: the HTTP front of kensa. It owns the sockets and worker threads, routes requests
// to Handlers, turns failures into problem+json responses, writes one access-log line per
// request and records request metrics. The HTTP library (cpp-httplib) stays behind this header.

#include <cstddef>
#include <memory>
#include <string>

#include "kensa/common/error.h"
#include "kensa/http/message.h"
#include "kensa/http/metrics.h"

namespace kensa::http {

struct ServerOptions {
    int threads = 8;                           ///< worker threads (concurrent connections)
    size_t max_body_bytes = size_t{64} << 20;  ///< larger bodies get 413
    int read_timeout_s = 30;                   ///< per socket read
    int write_timeout_s = 30;                  ///< per socket write
    int keep_alive_timeout_s = 5;              ///< idle keep-alive connection lifetime
    size_t keep_alive_max_requests = 100;      ///< requests per connection
    bool access_log = true;                    ///< one log line per request
    /// Clients reach this server through a TLS-terminating proxy ([http] https_front): every
    /// request counts as https (Request::https), so session cookies are Secure.
    bool https_front = false;
    /// Registry the server records into; the server creates its own when null. Share one
    /// registry between the server and other components to expose them on one /metrics.
    std::shared_ptr<Metrics> metrics;
};

/// Usage: construct, Route() every endpoint, Bind(), then Run() on a thread of your choice;
/// Stop() from any other thread ends Run().
///
/// Behaviour common to all routes:
///  - unknown path: 404 problem; known path with another method: 405 with an Allow header;
///  - body over max_body_bytes: 413; multipart/form-data bodies: 415;
///  - a handler that throws: 500 problem carrying the request id, an error log line and
///    kensa_http_handler_exceptions_total; exceptions never escape;
///  - every response carries X-Request-Id (the client's, if it sent a well-formed one);
///  - access log: method, path without query, status, duration_ms, request_id. Headers
///    (Authorization included), query strings and bodies are never logged;
///  - metrics: kensa_http_requests_total{method,route,status} and
///    kensa_http_request_duration_seconds{method,route}, route being the pattern.
/// Thread-safety: Route() and Bind() before Run() from one thread; afterwards the route table
/// is read-only. Stop(), BoundPort() and metrics() may be called from any thread.
class HttpServer {
public:
    explicit HttpServer(ServerOptions options = {});
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    /// Registers `handler` for `method` ("GET", "POST", ...) and `pattern`, e.g.
    /// "/api/v1/groups/{group}/servers/{id}" or "/assets/{path...}" (see router.h).
    /// A malformed or duplicate pattern, or a call after Run(), is a programming error:
    /// it is logged and the process aborts.
    void Route(std::string method, std::string pattern, Handler handler);

    /// Binds the listening socket. Port 0 picks a free port (see BoundPort()).
    /// @return kUnavailable naming "host:port" when the address cannot be bound;
    ///         kInvalidInput for a port outside 0..65535; kConflict when already bound.
    Status Bind(const std::string& host, int port);

    /// The bound port, or -1 before a successful Bind().
    int BoundPort() const;

    /// Serves until Stop(). Requests in flight (and accepted connections waiting for a worker)
    /// are answered before it returns. Returns at once when not bound or already stopped.
    void Run();

    /// Asks Run() to return; does not wait. Safe before, during and after Run(), and more than
    /// once. Not async-signal-safe: from a signal, wake a normal thread (e.g. sigwait) to call it.
    void Stop();

    Metrics& metrics();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// A handler that serves `metrics` in the Prometheus text format (for GET /metrics).
/// `metrics` must outlive the handler.
Handler MetricsHandler(const Metrics& metrics);

}  // namespace kensa::http
