// Starts a real HttpServer on 127.0.0.1 port 0 and talks to it with httplib::Client.
#include "kensa/http/http_server.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <future>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <thread>

#include "kensa/common/log.h"
#include "kensa/http/error_to_status.h"

namespace kensa::http {
namespace {

using namespace std::chrono_literals;

constexpr size_t kTestBodyLimit = 1024;

Response Text(std::string body) {
    Response response;
    response.content_type = "text/plain";
    response.body = std::move(body);
    return response;
}

/// Owns a server running on its own thread; Stop() joins it.
class RunningServer {
public:
    explicit RunningServer(ServerOptions options = {}) : server_(std::move(options)) {}
    ~RunningServer() { Stop(); }

    HttpServer& server() { return server_; }

    void Start() {
        Status bound = server_.Bind("127.0.0.1", 0);
        ASSERT_TRUE(bound.ok()) << bound.error().ToString();
        ASSERT_GT(server_.BoundPort(), 0);
        run_ = std::async(std::launch::async, [this] {
            server_.Run();
            run_returned_ = true;
        });
    }

    void Stop() {
        server_.Stop();
        if (run_.valid()) {
            ASSERT_EQ(run_.wait_for(10s), std::future_status::ready) << "Run() did not return";
            run_.get();
        }
    }

    httplib::Client Client() {
        httplib::Client client("127.0.0.1", server_.BoundPort());
        client.set_read_timeout(10, 0);
        client.set_url_encode(false);  // tests send exactly the target they write
        return client;
    }

    bool run_returned() const { return run_returned_.load(); }

private:
    HttpServer server_;
    std::future<void> run_;
    std::atomic<bool> run_returned_{false};
};

nlohmann::json Json(const httplib::Result& result) {
    return nlohmann::json::parse(result->body);
}

/// Request metrics are recorded after the response is written, so a client can see its
/// response a moment before the counter moves; wait for it.
double WaitForValue(const Metrics& metrics,
                    std::string_view name,
                    const Labels& labels,
                    double want) {
    auto deadline = std::chrono::steady_clock::now() + 5s;
    while (metrics.Value(name, labels) != want && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(5ms);
    }
    return metrics.Value(name, labels);
}

TEST(HttpServerTest, RoutesWithPathParamsQueryAndHeaders) {
    RunningServer running;
    running.server().Route("GET", "/api/v1/groups/{group}/servers/{id}", [](const Request& req) {
        nlohmann::json out = {{"group", req.PathParam("group")},
                              {"id", req.PathParam("id")},
                              {"path", req.path},
                              {"a", req.Query("a")},
                              {"b", req.Query("b")},
                              {"missing", req.Query("missing", "dflt")},
                              {"header", req.Header("x-custom")},
                              {"remote", req.remote_addr},
                              {"method", req.method}};
        return JsonResponse(200, out.dump());
    });
    running.server().Route(
        "GET", "/api/v1/groups/{group}", [](const Request&) { return Text("group"); });
    running.Start();
    auto client = running.Client();
    auto result =
        client.Get("/api/v1/groups/prod/servers/i%2F42?a=1&a=2&b=x+y%21", {{"X-Custom", "hello"}});
    ASSERT_TRUE(result) << httplib::to_string(result.error());
    EXPECT_EQ(result->status, 200);
    EXPECT_EQ(result->get_header_value("Content-Type"), "application/json");
    auto body = Json(result);
    EXPECT_EQ(body["group"], "prod");
    EXPECT_EQ(body["id"], "i/42");
    EXPECT_EQ(body["path"], "/api/v1/groups/prod/servers/i/42");
    EXPECT_EQ(body["a"], "1");
    EXPECT_EQ(body["b"], "x y!");
    EXPECT_EQ(body["missing"], "dflt");
    EXPECT_EQ(body["header"], "hello");
    EXPECT_EQ(body["remote"], "127.0.0.1");
    EXPECT_EQ(body["method"], "GET");

    auto group = client.Get("/api/v1/groups/prod");
    ASSERT_TRUE(group);
    EXPECT_EQ(group->body, "group");
}

TEST(HttpServerTest, RequestsCountAsHttpsOnlyBehindAnHttpsFront) {
    for (bool front : {false, true}) {
        ServerOptions options;
        options.https_front = front;
        RunningServer running(options);
        running.server().Route("GET", "/scheme", [](const Request& req) {
            return Text(req.https ? "https" : "http");
        });
        running.Start();
        auto result = running.Client().Get("/scheme");
        ASSERT_TRUE(result);
        EXPECT_EQ(result->body, front ? "https" : "http");
    }
}

TEST(HttpServerTest, UnknownPathIs404Problem) {
    RunningServer running;
    running.server().Route("GET", "/healthz", [](const Request&) { return Text("ok"); });
    running.Start();
    auto client = running.Client();
    auto result = client.Get("/nope?secret=1");
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 404);
    EXPECT_EQ(result->get_header_value("Content-Type"), "application/problem+json");
    auto body = Json(result);
    EXPECT_EQ(body["status"], 404);
    EXPECT_EQ(body["code"], "not_found");
    EXPECT_FALSE(result->get_header_value("X-Request-Id").empty());
}

TEST(HttpServerTest, WrongMethodIs405WithAllow) {
    RunningServer running;
    running.server().Route("GET", "/items/{id}", [](const Request&) { return Text("get"); });
    running.server().Route("PUT", "/items/{id}", [](const Request&) { return Text("put"); });
    running.Start();
    auto client = running.Client();
    auto result = client.Post("/items/1", "{}", "application/json");
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 405);
    EXPECT_EQ(result->get_header_value("Allow"), "GET, PUT");
    EXPECT_EQ(Json(result)["code"], "method_not_allowed");
    auto deleted = client.Delete("/items/1");
    ASSERT_TRUE(deleted);
    EXPECT_EQ(deleted->status, 405);
}

TEST(HttpServerTest, BodyOverLimitIs413AndAtLimitIsServed) {
    ServerOptions options;
    options.max_body_bytes = kTestBodyLimit;
    RunningServer running(options);
    running.server().Route("POST", "/upload", [](const Request& req) {
        return Text(std::to_string(req.body.size()));
    });
    running.Start();
    {
        auto client = running.Client();
        auto ok = client.Post("/upload", std::string(kTestBodyLimit, 'a'), "application/json");
        ASSERT_TRUE(ok) << httplib::to_string(ok.error());
        EXPECT_EQ(ok->status, 200);
        EXPECT_EQ(ok->body, std::to_string(kTestBodyLimit));
    }
    auto client = running.Client();
    auto too_big = client.Post("/upload", std::string(kTestBodyLimit + 1, 'a'), "application/json");
    ASSERT_TRUE(too_big) << httplib::to_string(too_big.error());
    EXPECT_EQ(too_big->status, 413);
    EXPECT_EQ(too_big->get_header_value("Content-Type"), "application/problem+json");
    EXPECT_EQ(Json(too_big)["code"], "payload_too_large");
    EXPECT_DOUBLE_EQ(WaitForValue(running.server().metrics(),
                                  "kensa_http_requests_total",
                                  {{"method", "POST"}, {"route", "unmatched"}, {"status", "413"}},
                                  1),
                     1);
}

TEST(HttpServerTest, ThrowingHandlerIs500AndServerKeepsServing) {
    RunningServer running;
    running.server().Route("GET", "/boom", [](const Request&) -> Response {
        throw std::runtime_error("db password is hunter2");
    });
    running.server().Route("GET", "/int", [](const Request&) -> Response { throw 42; });
    running.server().Route("GET", "/fine", [](const Request&) { return Text("fine"); });
    running.Start();
    auto client = running.Client();
    auto result = client.Get("/boom");
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 500);
    EXPECT_EQ(result->body.find("hunter2"), std::string::npos) << "exception text leaked";
    auto body = Json(result);
    EXPECT_EQ(body["code"], "internal");
    EXPECT_EQ(body["details"]["request_id"], result->get_header_value("X-Request-Id"));
    auto non_std = client.Get("/int");
    ASSERT_TRUE(non_std);
    EXPECT_EQ(non_std->status, 500);
    auto fine = client.Get("/fine");
    ASSERT_TRUE(fine);
    EXPECT_EQ(fine->status, 200);
    Metrics& metrics = running.server().metrics();
    EXPECT_DOUBLE_EQ(metrics.Value("kensa_http_handler_exceptions_total", {{"route", "/boom"}}), 1);
    EXPECT_DOUBLE_EQ(metrics.Value("kensa_http_handler_exceptions_total", {{"route", "/int"}}), 1);
    EXPECT_DOUBLE_EQ(WaitForValue(metrics,
                                  "kensa_http_requests_total",
                                  {{"method", "GET"}, {"route", "/boom"}, {"status", "500"}},
                                  1),
                     1);
}

TEST(HttpServerTest, ErrorResponsesKeepTheirStatusAndHeaders) {
    RunningServer running;
    running.server().Route("POST", "/scan", [](const Request&) {
        return ErrorResponse(
            Error(ErrorCode::kRateLimited, "one bulk export per hour").With("retry_after", "120"));
    });
    running.Start();
    auto client = running.Client();
    auto result = client.Post("/scan", "", "application/json");
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 429);
    EXPECT_EQ(result->get_header_value("Retry-After"), "120");
    EXPECT_EQ(Json(result)["detail"], "one bulk export per hour");
}

TEST(HttpServerTest, RequestIdIsEchoedWhenWellFormed) {
    RunningServer running;
    running.server().Route("GET", "/id", [](const Request& req) { return Text(req.request_id); });
    running.Start();
    auto client = running.Client();
    auto mine = client.Get("/id", {{"X-Request-Id", "trace-123.a_b"}});
    ASSERT_TRUE(mine);
    EXPECT_EQ(mine->body, "trace-123.a_b");
    EXPECT_EQ(mine->get_header_value("X-Request-Id"), "trace-123.a_b");
    auto junk = client.Get("/id", {{"X-Request-Id", "has space"}});
    ASSERT_TRUE(junk);
    EXPECT_NE(junk->body, "has space");
    EXPECT_EQ(junk->body.size(), 16u);
    EXPECT_EQ(junk->get_header_value("X-Request-Id"), junk->body);
}

TEST(HttpServerTest, HeadIsServedByGetRoute) {
    RunningServer running;
    running.server().Route("GET", "/healthz", [](const Request&) { return Text("ok"); });
    running.Start();
    auto client = running.Client();
    auto result = client.Head("/healthz");
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 200);
    EXPECT_TRUE(result->body.empty());
}

TEST(HttpServerTest, StopLetsTheInFlightRequestFinish) {
    RunningServer running;
    std::promise<void> entered;
    std::atomic<bool> handler_done{false};
    std::atomic<bool> run_returned_before_handler_done{false};
    running.server().Route("GET", "/slow", [&](const Request&) {
        entered.set_value();
        std::this_thread::sleep_for(500ms);
        if (running.run_returned()) {
            run_returned_before_handler_done = true;
        }
        handler_done = true;
        return Text("done");
    });
    running.Start();
    auto response = std::async(std::launch::async, [&] {
        auto client = running.Client();
        return client.Get("/slow");
    });
    ASSERT_EQ(entered.get_future().wait_for(10s), std::future_status::ready);
    running.Stop();  // returns only after Run() returned
    EXPECT_TRUE(handler_done.load());
    EXPECT_FALSE(run_returned_before_handler_done.load());
    auto result = response.get();
    ASSERT_TRUE(result) << httplib::to_string(result.error());
    EXPECT_EQ(result->status, 200);
    EXPECT_EQ(result->body, "done");
    // The listening socket is closed: new connections are refused.
    auto client = running.Client();
    client.set_connection_timeout(1, 0);
    EXPECT_FALSE(client.Get("/slow"));
}

TEST(HttpServerTest, StopBeforeRunMakesRunReturn) {
    HttpServer server;
    ASSERT_TRUE(server.Bind("127.0.0.1", 0).ok());
    server.Stop();
    auto run = std::async(std::launch::async, [&server] { server.Run(); });
    EXPECT_EQ(run.wait_for(5s), std::future_status::ready);
}

TEST(HttpServerTest, StopRacingRunStillStops) {
    for (int attempt = 0; attempt < 20; ++attempt) {
        HttpServer server;
        ASSERT_TRUE(server.Bind("127.0.0.1", 0).ok());
        auto run = std::async(std::launch::async, [&server] { server.Run(); });
        server.Stop();  // may land before httplib's accept loop starts
        ASSERT_EQ(run.wait_for(5s), std::future_status::ready) << "attempt " << attempt;
    }
}

TEST(HttpServerTest, BindFailureNamesTheAddress) {
    RunningServer first;
    first.server().Route("GET", "/", [](const Request&) { return Text("x"); });
    first.Start();
    HttpServer second;
    Status bound = second.Bind("127.0.0.1", first.server().BoundPort());
    ASSERT_FALSE(bound.ok());
    EXPECT_EQ(bound.error().code(), ErrorCode::kUnavailable);
    std::string address = "127.0.0.1:" + std::to_string(first.server().BoundPort());
    EXPECT_NE(bound.error().message().find(address), std::string::npos) << bound.error().message();
    EXPECT_EQ(second.BoundPort(), -1);
    EXPECT_EQ(HttpServer().Bind("127.0.0.1", 70000).error().code(), ErrorCode::kInvalidInput);
}

TEST(HttpServerTest, MetricsEndpointServesPrometheusText) {
    RunningServer running;
    running.server().Route("GET", "/items/{id}", [](const Request&) { return Text("x"); });
    running.server().Route("GET", "/metrics", MetricsHandler(running.server().metrics()));
    running.server().metrics().AddGaugeCallback("kensa_tasks", "Open tasks", [] {
        return std::vector<std::pair<Labels, double>>{{{{"status", "NEW"}}, 2}};
    });
    running.Start();
    auto client = running.Client();
    ASSERT_TRUE(client.Get("/items/1"));
    ASSERT_TRUE(client.Get("/items/2"));
    Labels items_ok = {{"method", "GET"}, {"route", "/items/{id}"}, {"status", "200"}};
    ASSERT_EQ(WaitForValue(running.server().metrics(), "kensa_http_requests_total", items_ok, 2),
              2);
    auto result = client.Get("/metrics");
    ASSERT_TRUE(result);
    EXPECT_EQ(result->get_header_value("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
    const std::string& text = result->body;
    EXPECT_NE(text.find("# TYPE kensa_http_requests_total counter\n"), std::string::npos) << text;
    EXPECT_NE(text.find("kensa_http_requests_total{method=\"GET\",route=\"/items/{id}\","
                        "status=\"200\"} 2\n"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("# TYPE kensa_http_request_duration_seconds histogram\n"),
              std::string::npos);
    EXPECT_NE(text.find("kensa_http_request_duration_seconds_count{method=\"GET\","
                        "route=\"/items/{id}\"} 2\n"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("kensa_tasks{status=\"NEW\"} 2\n"), std::string::npos) << text;
}

TEST(HttpServerTest, AccessLogHasNoSecretsQueryOrBody) {
    log::SetJson(true);
    testing::internal::CaptureStderr();
    {
        RunningServer running;
        running.server().Route("POST", "/login", [](const Request&) { return Text("ok"); });
        running.server().Route(
            "POST", "/upload/{token}", [](const Request&) { return Text("ok"); });
        running.Start();
        auto client = running.Client();
        auto result = client.Post("/login?token=qsecret",
                                  {{"Authorization", "Bearer hsecret"}},
                                  "{\"password\":\"bsecret\"}",
                                  "application/json");
        ASSERT_TRUE(result);
        ASSERT_TRUE(client.Post("/upload/psecret", "{}", "application/json"));
        running.Stop();  // the log line is written after the response; wait for it
    }
    std::string err = testing::internal::GetCapturedStderr();
    EXPECT_NE(err.find("\"msg\":\"http request\""), std::string::npos) << err;
    EXPECT_NE(err.find("\"path\":\"/login\""), std::string::npos) << err;
    EXPECT_NE(err.find("\"status\":\"200\""), std::string::npos) << err;
    EXPECT_NE(err.find("\"duration_ms\":"), std::string::npos) << err;
    EXPECT_NE(err.find("\"request_id\":"), std::string::npos) << err;
    EXPECT_EQ(err.find("qsecret"), std::string::npos) << err;
    EXPECT_EQ(err.find("hsecret"), std::string::npos) << err;
    EXPECT_EQ(err.find("bsecret"), std::string::npos) << err;
    EXPECT_EQ(err.find("psecret"), std::string::npos) << err;  // a token in the path
    EXPECT_NE(err.find("\"path\":\"/upload/{token}\""), std::string::npos) << err;
}

TEST(HttpServerTest, ConcurrentClientsAreAllServed) {
    ServerOptions options;
    options.threads = 4;
    RunningServer running(options);
    running.server().Route(
        "GET", "/echo/{n}", [](const Request& req) { return Text(req.PathParam("n")); });
    running.Start();
    constexpr int kClients = 8;
    constexpr int kRequestsPerClient = 20;
    std::vector<std::future<int>> clients;
    for (int client_idx = 0; client_idx < kClients; ++client_idx) {
        clients.push_back(std::async(std::launch::async, [&running, client_idx] {
            auto client = running.Client();
            int ok = 0;
            for (int request_idx = 0; request_idx < kRequestsPerClient; ++request_idx) {
                std::string n = std::to_string(client_idx * 1000 + request_idx);
                auto result = client.Get("/echo/" + n);
                ok += (result && result->status == 200 && result->body == n) ? 1 : 0;
            }
            return ok;
        }));
    }
    int total = 0;
    for (auto& client : clients) {
        total += client.get();
    }
    EXPECT_EQ(total, kClients * kRequestsPerClient);
}

}  // namespace
}  // namespace kensa::http
