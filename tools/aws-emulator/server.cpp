#include "server.h"

#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "kensa/common/log.h"

namespace kensa::emulator {

struct HttpServer::Impl {
    explicit Impl(Emulator& e) : emulator(e) {}
    Emulator& emulator;
    httplib::Server server;
};

namespace {

aws::HttpRequest ToAwsRequest(const httplib::Request& req) {
    aws::HttpRequest out;
    out.method = req.method;
    const std::string& target = req.target.empty() ? req.path : req.target;
    auto q = target.find('?');
    out.path = target.substr(0, q);
    out.query = q == std::string::npos ? std::string() : target.substr(q + 1);
    for (const auto& [name, value] : req.headers) {
        // httplib adds these for its own bookkeeping; they were not on the wire.
        if (name == "REMOTE_ADDR" || name == "REMOTE_PORT" || name == "LOCAL_ADDR" ||
            name == "LOCAL_PORT") {
            continue;
        }
        out.headers.emplace_back(name, value);
    }
    out.body = req.body;
    return out;
}

void Serve(Emulator& emulator, const httplib::Request& req, httplib::Response& res) {
    // S3 ranges are answered by the emulator (206 + Content-Range, or 416 in S3's XML);
    // stop httplib from slicing the already-sliced body a second time.
    const_cast<httplib::Request&>(req).ranges.clear();
    Response r = emulator.Handle(ToAwsRequest(req));
    res.status = r.status;
    for (const auto& [name, value] : r.headers) {
        res.set_header(name, value);
    }
    if (!r.reset_mid_body) {
        res.set_content(std::move(r.body), r.content_type);
        return;
    }
    // Fault: promise the full length, send half, then fail the stream so the socket drops.
    auto body = std::make_shared<std::string>(std::move(r.body));
    size_t full = std::max<size_t>(body->size(), 2);
    res.set_content_provider(
        full, r.content_type, [body, full](size_t offset, size_t, httplib::DataSink& sink) {
            if (offset == 0) {
                std::string half = body->substr(0, full / 2);
                sink.write(half.data(), half.size());
                return true;
            }
            return false;
        });
}

}  // namespace

HttpServer::HttpServer(Emulator& emulator) : impl_(std::make_unique<Impl>(emulator)) {
    auto handler = [this](const httplib::Request& req, httplib::Response& res) {
        Serve(impl_->emulator, req, res);
    };
    impl_->server.Get(".*", handler);  // also serves HEAD
    impl_->server.Post(".*", handler);
    impl_->server.Put(".*", handler);
    impl_->server.Delete(".*", handler);
    impl_->server.Patch(".*", handler);
    impl_->server.set_keep_alive_max_count(1000);
    // Without TCP_NODELAY a response written in two parts waits for the client's delayed ACK
    // (~40 ms), which the scan benchmark counted as kensa's time.
    impl_->server.set_tcp_nodelay(true);
    impl_->server.set_payload_max_length(512ull * 1024 * 1024);
    impl_->server.set_exception_handler(
        [](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
            std::string what = "unknown";
            try {
                std::rethrow_exception(ep);
            } catch (const std::exception& e) {
                what = e.what();
            } catch (...) {
            }
            log::Error("handler threw", {{"error", what}});
            res.status = 500;
            res.set_header("x-amzn-ErrorType", "InternalServerException");
            res.set_content("{\"message\":\"Internal server error\"}", "application/json");
        });
}

HttpServer::~HttpServer() = default;

Result<int> HttpServer::Bind(const std::string& host, int port) {
    if (port == 0) {
        int bound = impl_->server.bind_to_any_port(host);
        if (bound <= 0) {
            return Error(ErrorCode::kUnavailable, "cannot bind " + host + ":0");
        }
        return bound;
    }
    if (!impl_->server.bind_to_port(host, port)) {
        return Error(ErrorCode::kUnavailable, "cannot bind " + host + ":" + std::to_string(port));
    }
    return port;
}

void HttpServer::Run() {
    impl_->server.listen_after_bind();
}

void HttpServer::Stop() {
    impl_->server.stop();
}

}  // namespace kensa::emulator
