#include "kensa/http/http_server.h"

#include <httplib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <exception>
#include <system_error>

#include "kensa/common/log.h"
#include "kensa/common/strings.h"
#include "kensa/http/error_to_status.h"
#include "kensa/http/router.h"

namespace kensa::http {
namespace {

using SteadyTime = std::chrono::steady_clock::time_point;

constexpr std::string_view kRequestIdHeader = "X-Request-Id";
constexpr std::string_view kUnmatchedRoute = "unmatched";
constexpr size_t kMaxClientRequestIdLength = 64;
constexpr size_t kRequestIdRandomBytes = 8;
constexpr int kListenBacklog = SOMAXCONN;
constexpr int kIdlePollMicros = 100'000;  // how often Run() notices a Stop() that raced it
constexpr std::string_view kRequestsTotal = "kensa_http_requests_total";
constexpr std::string_view kRequestDuration = "kensa_http_request_duration_seconds";
constexpr std::string_view kHandlerExceptions = "kensa_http_handler_exceptions_total";

/// Per-request state. httplib serves a request start to finish on one worker thread, from the
/// pre-routing hook to the logger hook, so a thread_local carries it across those hooks.
struct RequestContext {
    bool active = false;
    SteadyTime start;
    std::string request_id;
    std::string route;
};
thread_local RequestContext t_context;

bool IsValidClientRequestId(std::string_view id) {
    return !id.empty() && id.size() <= kMaxClientRequestIdLength &&
           std::all_of(id.begin(), id.end(), [](char c) {
               return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_' || c == '.';
           });
}

/// Starts a fresh context for a request whose headers were just parsed.
RequestContext& StartContext(const httplib::Request& req) {
    std::string client_id = req.get_header_value(std::string(kRequestIdHeader));
    t_context.active = true;
    t_context.start = std::chrono::steady_clock::now();
    t_context.request_id =
        IsValidClientRequestId(client_id) ? client_id : RandomHex(kRequestIdRandomBytes);
    t_context.route = std::string(kUnmatchedRoute);
    return t_context;
}

/// The current request's context; starts one for requests that skipped the pre-routing hook
/// (httplib rejected them before routing).
RequestContext& CurrentContext(const httplib::Request& req) {
    return t_context.active ? t_context : StartContext(req);
}

std::string_view RawPath(const httplib::Request& req) {
    std::string_view target = req.target;
    if (target.empty()) {
        return req.path;
    }
    return target.substr(0, target.find('?'));
}

std::map<std::string, std::string> ParseQuery(const std::string& target) {
    std::map<std::string, std::string> query;
    size_t question = target.find('?');
    if (question == std::string::npos) {
        return query;
    }
    for (const std::string& pair : Split(std::string_view(target).substr(question + 1), '&')) {
        if (pair.empty()) {
            continue;
        }
        size_t equals = pair.find('=');
        std::string key = UriDecode(pair.substr(0, equals), true);
        std::string value =
            equals == std::string::npos ? "" : UriDecode(pair.substr(equals + 1), true);
        query.emplace(std::move(key), std::move(value));  // first value wins
    }
    return query;
}

/// httplib stores the peer address as pseudo-headers; handlers get remote_addr instead.
bool IsPseudoHeader(const std::string& name) {
    return name == "REMOTE_ADDR" || name == "REMOTE_PORT" || name == "LOCAL_ADDR" ||
           name == "LOCAL_PORT";
}

Request ToRequest(const httplib::Request& req,
                  const RouteMatch& match,
                  const RequestContext& ctx,
                  bool https) {
    Request request;
    request.method = req.method;
    request.path = req.path;
    request.path_params = match.params;
    request.query = ParseQuery(req.target);
    for (const auto& [name, value] : req.headers) {
        if (!IsPseudoHeader(name)) {
            request.headers.emplace_back(name, value);
        }
    }
    // httplib's Request is a mutable local of its connection loop and its body is not read
    // after dispatch; moving avoids copying bodies of up to max_body_bytes.
    request.body = std::move(const_cast<httplib::Request&>(req).body);
    request.remote_addr = req.remote_addr;
    request.https = https;
    request.request_id = ctx.request_id;
    return request;
}

void ToHttplib(const Response& response, const std::string& request_id, httplib::Response& res) {
    res.status = response.status;
    for (const auto& [name, value] : response.headers) {
        res.set_header(name, value);  // httplib drops values containing CR or LF
    }
    if (!response.content_type.empty()) {
        res.set_content(response.body, response.content_type);
    } else {
        res.body = response.body;
    }
    res.set_header(std::string(kRequestIdHeader), request_id);
}

/// A normalised method for metric labels, so that junk methods cannot explode cardinality.
std::string MethodLabel(const std::string& method) {
    static const std::vector<std::string> known = {
        "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
    return std::find(known.begin(), known.end(), method) != known.end() ? method : "OTHER";
}

std::string_view ProblemCodeForStatus(int status) {
    switch (status) {
        case 400:
            return "bad_request";
        case 404:
            return "not_found";
        case 413:
            return "payload_too_large";
        case 414:
            return "uri_too_long";
        case 416:
            return "range_not_satisfiable";
        default:
            return status >= 500 ? "internal" : "http_error";
    }
}

std::string FormatAddress(const std::string& host, int port) {
    bool ipv6 = host.find(':') != std::string::npos;
    return (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

[[noreturn]] void RouteBug(const Error& error) {
    log::Error("invalid HTTP route", {{"error", error.ToString()}});
    std::abort();
}

/// httplib::Server with access to the listening socket, to close it when Run() never serves.
class Backend : public httplib::Server {
public:
    /// httplib listens with a backlog of 5, so bursts of new connections see dropped SYNs and
    /// 1 s retransmits; calling listen() again on a listening socket raises the backlog.
    void RaiseBacklog() {
        socket_t sock = svr_sock_.load();
        if (sock != INVALID_SOCKET) {
            ::listen(sock, kListenBacklog);
        }
    }
    void CloseUnusedSocket() {
        socket_t sock = svr_sock_.exchange(INVALID_SOCKET);
        if (sock != INVALID_SOCKET) {
            close(sock);
        }
    }
};

}  // namespace

struct HttpServer::Impl {
    /// httplib's worker pool; its idle hook lets Run() honour a Stop() that came too early for
    /// httplib::Server::stop() (which ignores calls before its accept loop starts).
    class Pool : public httplib::ThreadPool {
    public:
        Pool(size_t threads, Impl& impl) : httplib::ThreadPool(threads), impl_(impl) {}
        void on_idle() override { impl_.IssueStopIfRequested(); }

    private:
        Impl& impl_;
    };

    explicit Impl(ServerOptions opts) : options(std::move(opts)), metrics(options.metrics) {
        if (!metrics) {
            metrics = std::make_shared<Metrics>();
        }
    }

    void Configure();
    void Dispatch(const httplib::Request& req, httplib::Response& res);
    Response Invoke(const Handler& handler, const Request& request);
    httplib::Server::HandlerResponse FillError(const httplib::Request& req, httplib::Response& res);
    void LogAndCount(const httplib::Request& req, const httplib::Response& res);

    void IssueStopIfRequested() {
        if (!stop_requested.load() || !server.is_running()) {
            return;
        }
        if (!stop_issued.exchange(true)) {
            server.stop();
        }
    }

    ServerOptions options;
    std::shared_ptr<Metrics> metrics;
    Router router;
    Backend server;
    std::atomic<bool> run_called{false};
    std::atomic<bool> listened{false};
    std::atomic<bool> stop_requested{false};
    std::atomic<bool> stop_issued{false};
    std::atomic<int> bound_port{-1};
};

void HttpServer::Impl::Configure() {
    metrics->DescribeCounter(std::string(kRequestsTotal),
                             "HTTP requests by method, route pattern and status code");
    metrics->DescribeHistogram(std::string(kRequestDuration),
                               "HTTP request duration in seconds by method and route pattern",
                               DefaultDurationBuckets());
    metrics->DescribeCounter(std::string(kHandlerExceptions),
                             "HTTP handlers that threw an exception (answered with 500)");

    size_t threads = static_cast<size_t>(std::max(1, options.threads));
    server.new_task_queue = [this, threads] { return new Pool(threads, *this); };
    server.set_socket_options([](socket_t sock) {
        int yes = 1;  // SO_REUSEADDR only: httplib's default SO_REUSEPORT would hide a busy port
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    });
    // Without TCP_NODELAY every response on a kept-alive connection waited ~40 ms for the
    // client's delayed ACK (Nagle); bench/ measured 44 ms against 4 ms on a new connection.
    server.set_tcp_nodelay(true);
    server.set_payload_max_length(options.max_body_bytes);
    server.set_read_timeout(options.read_timeout_s, 0);
    server.set_write_timeout(options.write_timeout_s, 0);
    server.set_keep_alive_timeout(options.keep_alive_timeout_s);
    server.set_keep_alive_max_count(options.keep_alive_max_requests);
    server.set_idle_interval(0, kIdlePollMicros);

    server.set_pre_routing_handler([](const httplib::Request& req, httplib::Response&) {
        StartContext(req);
        return httplib::Server::HandlerResponse::Unhandled;
    });
    auto dispatch = [this](const httplib::Request& req, httplib::Response& res) {
        Dispatch(req, res);
    };
    server.Get(".*", dispatch);
    server.Post(".*", dispatch);
    server.Put(".*", dispatch);
    server.Patch(".*", dispatch);
    server.Delete(".*", dispatch);
    server.Options(".*", dispatch);
    server.set_error_handler(httplib::Server::HandlerWithResponse(
        [this](const httplib::Request& req, httplib::Response& res) {
            return FillError(req, res);
        }));
    server.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
        LogAndCount(req, res);
    });
}

void HttpServer::Impl::Dispatch(const httplib::Request& req, httplib::Response& res) {
    RequestContext& ctx = CurrentContext(req);
    RouteMatch match = router.Match(req.method, RawPath(req));
    Response response;
    switch (match.kind) {
        case RouteMatch::Kind::kNotFound:
            response = ProblemResponse(404, "not_found", "no route matches this path");
            break;
        case RouteMatch::Kind::kMethodNotAllowed: {
            ctx.route = match.pattern;
            response = ProblemResponse(
                405, "method_not_allowed", "method " + req.method + " is not allowed on this path");
            std::string allow;
            for (const std::string& method : match.allowed_methods) {
                allow += (allow.empty() ? "" : ", ") + method;
            }
            response.SetHeader("Allow", allow);
            break;
        }
        case RouteMatch::Kind::kMatched:
            ctx.route = match.pattern;
            if (req.is_multipart_form_data()) {
                response = ProblemResponse(415,
                                           "unsupported_media_type",
                                           "multipart/form-data is not accepted; send the "
                                           "document as the request body");
                break;
            }
            response = Invoke(*match.handler, ToRequest(req, match, ctx, options.https_front));
            break;
    }
    ToHttplib(response, ctx.request_id, res);
}

Response HttpServer::Impl::Invoke(const Handler& handler, const Request& request) {
    std::string failure;
    try {
        Response response = handler(request);
        if (response.status >= 100 && response.status <= 599) {
            return response;
        }
        failure = "handler returned invalid status " + std::to_string(response.status);
    } catch (const std::exception& e) {
        failure = std::string("handler threw: ") + e.what();
    } catch (...) {
        failure = "handler threw a non-standard exception";
    }
    log::Error("http handler failed",
               {{"request_id", request.request_id},
                {"method", request.method},
                {"route", t_context.route},
                {"error", failure}});
    metrics->Increment(kHandlerExceptions, {{"route", t_context.route}});
    // The client gets the request id to quote, never the exception text.
    return ErrorResponse(Error(ErrorCode::kInternal, "internal error while handling the request")
                             .With("request_id", request.request_id));
}

httplib::Server::HandlerResponse HttpServer::Impl::FillError(const httplib::Request& req,
                                                             httplib::Response& res) {
    if (res.has_header(std::string(kRequestIdHeader).c_str())) {
        return httplib::Server::HandlerResponse::Unhandled;  // produced by Dispatch
    }
    // An error httplib detected itself (malformed request, body too large, ...).
    RequestContext& ctx = CurrentContext(req);
    std::string detail = res.status == 413 ? "request body exceeds " +
                                                 std::to_string(options.max_body_bytes) + " bytes"
                                           : std::string(StatusTitle(res.status));
    ToHttplib(
        ProblemResponse(res.status, ProblemCodeForStatus(res.status), detail), ctx.request_id, res);
    return httplib::Server::HandlerResponse::Handled;
}

void HttpServer::Impl::LogAndCount(const httplib::Request& req, const httplib::Response& res) {
    RequestContext& ctx = CurrentContext(req);
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - ctx.start).count();
    std::string method = MethodLabel(req.method);
    std::string status = std::to_string(res.status);
    metrics->Increment(kRequestsTotal,
                       {{"method", method}, {"route", ctx.route}, {"status", status}});
    metrics->Observe(kRequestDuration, {{"method", method}, {"route", ctx.route}}, seconds);
    if (options.access_log) {
        char duration_ms[32];
        std::snprintf(duration_ms, sizeof(duration_ms), "%.3f", seconds * 1000.0);
        log::Info("http request",
                  {{"method", method},
                   {"path", LoggablePath(ctx.route, RawPath(req))},
                   {"status", status},
                   {"duration_ms", duration_ms},
                   {"request_id", ctx.request_id}});
    }
    t_context.active = false;
}

HttpServer::HttpServer(ServerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {
    impl_->Configure();
}

HttpServer::~HttpServer() {
    Stop();
    if (!impl_->listened.load()) {
        impl_->server.CloseUnusedSocket();
    }
}

void HttpServer::Route(std::string method, std::string pattern, Handler handler) {
    if (impl_->run_called.load()) {
        RouteBug(
            Error(ErrorCode::kInternal, "Route() called after Run()").With("pattern", pattern));
    }
    Status added = impl_->router.Add(std::move(method), pattern, std::move(handler));
    if (!added.ok()) {
        RouteBug(added.error());
    }
}

Status HttpServer::Bind(const std::string& host, int port) {
    if (impl_->bound_port.load() >= 0) {
        return Error(ErrorCode::kConflict, "HTTP server already bound")
            .With("address", FormatAddress(host, impl_->bound_port.load()));
    }
    if (port < 0 || port > 65535) {
        return Error(ErrorCode::kInvalidInput, "port out of range 0..65535")
            .With("port", std::to_string(port));
    }
    errno = 0;
    int bound = port == 0 ? impl_->server.bind_to_any_port(host)
                          : (impl_->server.bind_to_port(host, port) ? port : -1);
    if (bound < 0) {
        int err = errno;
        std::string address = FormatAddress(host, port);
        std::string reason = err != 0 ? std::generic_category().message(err)
                                      : std::string("address not resolvable or unavailable");
        return Error(ErrorCode::kUnavailable, "cannot listen on " + address + ": " + reason)
            .With("address", address);
    }
    impl_->server.RaiseBacklog();
    impl_->bound_port = bound;
    return Ok();
}

int HttpServer::BoundPort() const {
    return impl_->bound_port.load();
}

void HttpServer::Run() {
    impl_->run_called = true;
    if (impl_->bound_port.load() < 0) {
        log::Error("HttpServer::Run() called without a successful Bind()");
        return;
    }
    if (impl_->stop_requested.load()) {
        return;
    }
    log::Info("http server listening", {{"port", std::to_string(impl_->bound_port.load())}});
    impl_->listened = true;
    impl_->server.listen_after_bind();
    log::Info("http server stopped", {{"port", std::to_string(impl_->bound_port.load())}});
}

void HttpServer::Stop() {
    impl_->stop_requested = true;
    impl_->IssueStopIfRequested();
}

Metrics& HttpServer::metrics() {
    return *impl_->metrics;
}

Handler MetricsHandler(const Metrics& metrics) {
    return [&metrics](const Request&) {
        Response response;
        response.content_type = "text/plain; version=0.0.4; charset=utf-8";
        response.body = metrics.RenderPrometheusText();
        return response;
    };
}

}  // namespace kensa::http
