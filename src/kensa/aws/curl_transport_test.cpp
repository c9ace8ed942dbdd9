// CurlTransport against a tiny in-process HTTP/1.1 server on 127.0.0.1 (no external network).

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include "kensa/aws/address_policy.h"
#include "kensa/aws/http_transport.h"

namespace kensa::aws {
namespace {

/// Serves canned keep-alive responses; counts accepted connections and requests.
class TinyServer {
public:
    explicit TinyServer(std::string response) : response_(std::move(response)) {
        listen_fd_ = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
        listen(listen_fd_, 8);
        socklen_t len = sizeof(addr);
        getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
        port_ = ntohs(addr.sin_port);
        thread_ = std::thread([this] { Serve(); });
    }
    ~TinyServer() {
        stop_ = true;
        shutdown(listen_fd_, SHUT_RDWR);
        close(listen_fd_);
        thread_.join();
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    int connections() const { return connections_; }
    std::string last_request() const { return last_request_; }

private:
    void Serve() {
        while (!stop_) {
            int fd = accept(listen_fd_, nullptr, nullptr);
            if (fd < 0) {
                return;
            }
            ++connections_;
            std::string buffer;
            char chunk[4096];
            for (;;) {
                ssize_t n = read(fd, chunk, sizeof(chunk));
                if (n <= 0) {
                    break;
                }
                buffer.append(chunk, static_cast<size_t>(n));
                size_t end = buffer.find("\r\n\r\n");
                if (end == std::string::npos) {
                    continue;
                }
                size_t length_at = buffer.find("Content-Length: ");
                size_t body_len = length_at == std::string::npos || length_at > end
                                      ? 0
                                      : std::stoul(buffer.substr(length_at + 16));
                if (buffer.size() < end + 4 + body_len) {
                    continue;
                }
                last_request_ = buffer.substr(0, end + 4 + body_len);
                buffer.erase(0, end + 4 + body_len);
                if (write(fd, response_.data(), response_.size()) < 0) {
                    break;
                }
            }
            close(fd);
        }
    }

    std::string response_;
    int listen_fd_ = -1;
    int port_ = 0;
    std::atomic<bool> stop_{false};
    std::atomic<int> connections_{0};
    std::string last_request_;
    std::thread thread_;
};

std::string Canned(int status, const std::string& body) {
    return "HTTP/1.1 " + std::to_string(status) +
           " X\r\nContent-Length: " + std::to_string(body.size()) +
           "\r\nx-amzn-RequestId: rid-7\r\nConnection: keep-alive\r\n\r\n" + body;
}

TEST(CurlTransportTest, StreamsSuccessBodiesAndExposesHeaders) {
    std::string body(200000, 'z');
    TinyServer server(Canned(200, body));
    auto transport = MakeCurlTransport();
    HttpRequest request;
    request.path = "/bucket/key";
    request.SetHeader("Host", "127.0.0.1");
    size_t received = 0;
    int chunks = 0;
    BodySink sink = [&](std::string_view chunk) {
        received += chunk.size();
        ++chunks;
        return true;
    };
    auto response = transport->Send(server.url(), request, &sink);
    ASSERT_TRUE(response.ok()) << response.error().ToString();
    EXPECT_EQ(response->status, 200);
    EXPECT_TRUE(response->body.empty());  // streamed, not buffered
    EXPECT_EQ(received, body.size());
    EXPECT_GT(chunks, 1);
    EXPECT_EQ(response->Header("X-AMZN-REQUESTID"), "rid-7");
}

TEST(CurlTransportTest, ReusesTheConnectionAndSendsBodies) {
    TinyServer server(Canned(400, R"({"message":"bad"})"));
    auto transport = MakeCurlTransport();
    HttpRequest request;
    request.method = "PUT";
    request.path = "/k";
    request.body = "payload-bytes";
    request.SetHeader("Content-Type", "application/octet-stream");
    BodySink never = [](std::string_view) {
        ADD_FAILURE() << "error bodies must not be streamed";
        return true;
    };
    for (int i = 0; i < 3; ++i) {
        auto response = transport->Send(server.url(), request, &never);
        ASSERT_TRUE(response.ok());
        EXPECT_EQ(response->status, 400);
        EXPECT_EQ(response->body, R"({"message":"bad"})");
    }
    EXPECT_EQ(server.connections(), 1);
    EXPECT_NE(server.last_request().find("PUT /k HTTP/1.1"), std::string::npos);
    EXPECT_NE(server.last_request().find("\r\n\r\npayload-bytes"), std::string::npos);
    EXPECT_EQ(server.last_request().find("Expect:"), std::string::npos);
}

TEST(CurlTransportTest, SinkCanAbort) {
    TinyServer server(Canned(200, std::string(100000, 'a')));
    auto transport = MakeCurlTransport();
    HttpRequest request;
    BodySink stop = [](std::string_view) { return false; };
    auto response = transport->Send(server.url(), request, &stop);
    ASSERT_FALSE(response.ok());
    EXPECT_EQ(response.error().message(), "aborted by caller");
}

TEST(CurlTransportTest, ConnectionRefusedIsUnavailable) {
    int port = 0;
    {
        TinyServer server(Canned(200, ""));
        port = std::stoi(server.url().substr(server.url().rfind(':') + 1));
    }  // closed again: nothing listens there now
    auto transport = MakeCurlTransport();
    auto response =
        transport->Send("http://127.0.0.1:" + std::to_string(port), HttpRequest{}, nullptr);
    ASSERT_FALSE(response.ok());
    EXPECT_EQ(response.error().code(), ErrorCode::kUnavailable);
    EXPECT_EQ(response.error().Detail("transport_error"), "connect");
}

// The address policy is asked after DNS and before connecting: a listening loopback server
// that the policy refuses sees no connection, and the error is the same as for a closed port.
TEST(CurlTransportTest, ARefusedAddressIsNeverConnectedTo) {
    TinyServer server(Canned(200, "{}"));
    TransportOptions options;
    options.address_allowed = [](const sockaddr* a) { return !IsPrivateAddress(a); };
    auto transport = MakeCurlTransport(options);
    std::string port = server.url().substr(server.url().rfind(':') + 1);
    for (const std::string& base : {server.url(), "http://localhost:" + port}) {
        auto response = transport->Send(base, HttpRequest{}, nullptr);
        ASSERT_FALSE(response.ok()) << base;
        EXPECT_EQ(response.error().code(), ErrorCode::kPermissionDenied);
        EXPECT_EQ(response.error().Detail("transport_error"), "refused_address");
    }
    // Refused before any connection, so a closed port answers as the open one does: the
    // answer tells a tenant nothing of what listens on the operator's network.
    auto closed = transport->Send("http://127.0.0.1:1", HttpRequest{}, nullptr);
    ASSERT_FALSE(closed.ok());
    EXPECT_EQ(closed.error().Detail("transport_error"), "refused_address");
    EXPECT_EQ(server.connections(), 0);
    // Without the policy the same server answers.
    EXPECT_TRUE(MakeCurlTransport()->Send(server.url(), HttpRequest{}, nullptr).ok());
    EXPECT_EQ(server.connections(), 1);
}

}  // namespace
}  // namespace kensa::aws
