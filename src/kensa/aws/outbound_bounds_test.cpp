// The bounds on outbound AWS calls (issue 19), against a hostile stub on 127.0.0.1: a buffered
// body is capped, a buffered call has a total timeout while a streamed one does not, and a
// listing that is handed ever new next tokens stops at the page cap. No traffic leaves loopback.

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "kensa/aws/aws_clients.h"
#include "kensa/aws/http_transport.h"
#include "kensa/aws/inspector2_client.h"
#include "kensa/aws/lambda_client.h"
#include "kensa/aws/s3_client.h"

namespace kensa::aws {
namespace {

/// Writes all of `data` unless the peer went away; MSG_NOSIGNAL keeps SIGPIPE out of the test.
bool SendAll(int fd, std::string_view data) {
    while (!data.empty()) {
        ssize_t n = send(fd, data.data(), data.size(), MSG_NOSIGNAL);
        if (n <= 0) {
            return false;
        }
        data.remove_prefix(static_cast<size_t>(n));
    }
    return true;
}

/// One request per connection: reads the head (and a Content-Length body), hands the request
/// text and the socket to the handler, then closes. Counts requests and bytes sent.
class StubServer {
public:
    /// Writes the response; returns the number of bytes it wrote.
    using Handler = std::function<size_t(const std::string& request, int fd)>;

    explicit StubServer(Handler handler) : handler_(std::move(handler)) {
        listen_fd_ = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
        listen(listen_fd_, 16);
        socklen_t len = sizeof(addr);
        getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
        port_ = ntohs(addr.sin_port);
        thread_ = std::thread([this] { Serve(); });
    }
    ~StubServer() {
        shutdown(listen_fd_, SHUT_RDWR);
        close(listen_fd_);
        thread_.join();
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    int requests() const { return requests_; }
    size_t bytes_sent() const { return bytes_sent_; }

private:
    void Serve() {
        for (;;) {
            int fd = accept(listen_fd_, nullptr, nullptr);
            if (fd < 0) {
                return;
            }
            std::string request = ReadRequest(fd);
            ++requests_;
            bytes_sent_ += handler_(request, fd);
            close(fd);
        }
    }

    static std::string ReadRequest(int fd) {
        std::string buffer;
        char chunk[4096];
        for (;;) {
            size_t end = buffer.find("\r\n\r\n");
            if (end != std::string::npos) {
                size_t at = buffer.find("Content-Length: ");
                size_t body =
                    at == std::string::npos || at > end ? 0 : std::stoul(buffer.substr(at + 16));
                if (buffer.size() >= end + 4 + body) {
                    return buffer;
                }
            }
            ssize_t n = read(fd, chunk, sizeof(chunk));
            if (n <= 0) {
                return buffer;
            }
            buffer.append(chunk, static_cast<size_t>(n));
        }
    }

    Handler handler_;
    int listen_fd_ = -1;
    int port_ = 0;
    std::atomic<int> requests_{0};
    std::atomic<size_t> bytes_sent_{0};
    std::thread thread_;
};

std::string Head(const std::string& content_type, size_t length) {
    return "HTTP/1.1 200 OK\r\nContent-Type: " + content_type +
           "\r\nContent-Length: " + std::to_string(length) + "\r\nConnection: close\r\n\r\n";
}

/// A body with no end: "[" and then spaces until the client hangs up, or `safety` bytes.
size_t EndlessBody(int fd, size_t safety) {
    std::string head =
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n[";
    if (!SendAll(fd, head)) {
        return 0;
    }
    size_t sent = head.size();
    const std::string block(64 * 1024, ' ');
    while (sent < safety && SendAll(fd, block)) {
        sent += block.size();
    }
    return sent;
}

AwsServiceClients ClientsFor(const std::string& url, int max_pages) {
    AwsAuthConfig auth;
    auth.region = "us-east-1";
    auth.static_credentials = Credentials{"AKIDEXAMPLE", "secret", "", std::nullopt, "test"};
    auth.endpoint_urls[""] = url;
    AwsClientOptions options;
    options.env = EmptyEnv();
    options.max_attempts = 1;
    options.max_pages = max_pages;
    auto clients = MakeAwsServiceClients(auth, options);
    EXPECT_TRUE(clients.ok()) << clients.error().ToString();
    return std::move(clients).value();
}

constexpr size_t kMiB = size_t{1} << 20;

TEST(OutboundBoundsTest, AnEndlessJsonBodyFailsAtThe32MiBCapNamingTheCall) {
    StubServer server([](const std::string&, int fd) { return EndlessBody(fd, 256 * kMiB); });
    AwsServiceClients clients = ClientsFor(server.url(), 10);
    auto status =
        clients.inspector->ListFindings({}, [](std::vector<ports::Finding>&&) { return true; });
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error().message(), "response larger than 32 MiB from inspector2:ListFindings");
    EXPECT_EQ(status.error().Detail("response_too_large"), "true");
    EXPECT_EQ(status.error().Detail("aws_action"), "inspector2:ListFindings");
    EXPECT_EQ(server.requests(), 1);  // not retried
    // The client stopped reading at the cap: what the stub got out is the cap plus what the
    // loopback socket buffers hold, far from the 256 MiB it would have sent.
    EXPECT_LT(server.bytes_sent(), 64 * kMiB);
}

TEST(OutboundBoundsTest, TheCapCountsErrorBodiesOfStreamedCallsToo) {
    StubServer server([](const std::string&, int fd) {
        std::string head = "HTTP/1.1 500 X\r\nConnection: close\r\n\r\n";
        SendAll(fd, head);
        const std::string block(16 * 1024, 'e');
        size_t sent = head.size();
        while (sent < 64 * kMiB && SendAll(fd, block)) {
            sent += block.size();
        }
        return sent;
    });
    TransportOptions options;
    options.max_body_bytes = 1 * kMiB;
    auto transport = MakeCurlTransport(options);
    BodySink sink = [](std::string_view) { return true; };
    auto response = transport->Send(server.url(), HttpRequest{}, &sink);
    ASSERT_FALSE(response.ok());
    EXPECT_EQ(response.error().message(), "response larger than 1 MiB");
    EXPECT_EQ(response.error().Detail("limit_bytes"), std::to_string(kMiB));
}

TEST(OutboundBoundsTest, StreamedSuccessBodiesAreNotCapped) {
    const size_t size = 3 * kMiB;
    StubServer server([&](const std::string&, int fd) {
        std::string head = Head("application/octet-stream", size);
        SendAll(fd, head);
        SendAll(fd, std::string(size, 'x'));
        return head.size() + size;
    });
    TransportOptions options;
    options.max_body_bytes = 1 * kMiB;
    auto transport = MakeCurlTransport(options);
    size_t received = 0;
    BodySink sink = [&](std::string_view chunk) {
        received += chunk.size();
        return true;
    };
    auto response = transport->Send(server.url(), HttpRequest{}, &sink);
    ASSERT_TRUE(response.ok()) << response.error().ToString();
    EXPECT_EQ(received, size);
}

/// Headers, then one byte every 50 ms: fast enough for the low-speed limit, never finished.
size_t Trickle(int fd, std::chrono::milliseconds for_how_long, const std::string& body) {
    std::string head = Head("application/json", body.size());
    SendAll(fd, head);
    auto pause = for_how_long / static_cast<int>(body.size());
    for (char c : body) {
        std::this_thread::sleep_for(pause);
        if (!SendAll(fd, std::string_view(&c, 1))) {
            break;
        }
    }
    return head.size() + body.size();
}

TEST(OutboundBoundsTest, BufferedCallsHaveATotalTimeoutByDefault) {
    EXPECT_GT(TransportOptions{}.total_timeout.count(), 0);
    EXPECT_LE(TransportOptions{}.total_timeout, std::chrono::minutes(5));
}

TEST(OutboundBoundsTest, ATricklingBufferedCallTimesOut) {
    StubServer server([](const std::string&, int fd) {
        return Trickle(fd, std::chrono::seconds(5), std::string(100, ' '));
    });
    TransportOptions options;
    options.total_timeout = std::chrono::milliseconds(300);
    auto transport = MakeCurlTransport(options);
    auto started = std::chrono::steady_clock::now();
    auto response = transport->Send(server.url(), HttpRequest{}, nullptr);
    ASSERT_FALSE(response.ok());
    EXPECT_EQ(response.error().Detail("timeout"), "true");
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(3));
}

TEST(OutboundBoundsTest, AStreamedDownloadIsNotCutByTheApiCallTimeout) {
    StubServer server([](const std::string&, int fd) {
        return Trickle(fd, std::chrono::milliseconds(800), std::string(8, 'x'));
    });
    TransportOptions options;
    options.total_timeout = std::chrono::milliseconds(200);
    auto transport = MakeCurlTransport(options);
    std::string received;
    BodySink sink = [&](std::string_view chunk) {
        received.append(chunk);
        return true;
    };
    auto response = transport->Send(server.url(), HttpRequest{}, &sink);
    ASSERT_TRUE(response.ok()) << response.error().ToString();
    EXPECT_EQ(received, "xxxxxxxx");
}

/// Answers every listing with a fresh next token; after 200 pages it ends the listing, so a
/// paginator without a cap finishes (and the test fails) instead of hanging.
size_t EndlessPages(const std::string& request, int fd, std::atomic<int>* page) {
    int n = ++*page;
    bool more = n < 200;
    std::string token = "token-" + std::to_string(n);
    std::string type = "application/json";
    std::string body;
    if (request.find("/findings/list") != std::string::npos) {
        body = more ? R"({"findings":[],"nextToken":")" + token + "\"}" : R"({"findings":[]})";
    } else if (request.find("/coverage/list") != std::string::npos) {
        body = more ? R"({"coveredResources":[],"nextToken":")" + token + "\"}"
                    : R"({"coveredResources":[]})";
    } else if (request.find("/2015-03-31/functions") != std::string::npos) {
        body = more ? R"({"Functions":[],"NextMarker":")" + token + "\"}" : R"({"Functions":[]})";
    } else {
        type = "application/xml";
        body = std::string("<ListBucketResult><IsTruncated>") + (more ? "true" : "false") +
               "</IsTruncated>" +
               (more ? "<NextContinuationToken>" + token + "</NextContinuationToken>" : "") +
               "</ListBucketResult>";
    }
    std::string response = Head(type, body.size()) + body;
    SendAll(fd, response);
    return response.size();
}

class PageCapTest : public ::testing::Test {
protected:
    std::atomic<int> page_{0};
    StubServer server_{
        [this](const std::string& request, int fd) { return EndlessPages(request, fd, &page_); }};
    AwsServiceClients clients_ = ClientsFor(server_.url(), 5);

    void ExpectStoppedAtTheCap(const Status& status, const std::string& action) {
        ASSERT_FALSE(status.ok()) << action << " paged through all " << server_.requests();
        EXPECT_EQ(status.error().message(),
                  action +
                      ": more than 5 pages (the next token kept changing); the listing stopped at "
                      "the cap");
        EXPECT_EQ(status.error().Detail("aws_action"), action);
        EXPECT_EQ(server_.requests(), 5);
    }
};

TEST_F(PageCapTest, ListFindings) {
    int pages = 0;
    auto status = clients_.inspector->ListFindings({}, [&](std::vector<ports::Finding>&&) {
        ++pages;
        return true;
    });
    ExpectStoppedAtTheCap(status, "inspector2:ListFindings");
    EXPECT_EQ(pages, 5);
}

TEST_F(PageCapTest, ListCoverage) {
    auto status = clients_.inspector->ListCoverage(
        {}, [](std::vector<ports::CoveredResource>&&) { return true; });
    ExpectStoppedAtTheCap(status, "inspector2:ListCoverage");
}

TEST_F(PageCapTest, ListFunctions) {
    auto status = clients_.lambda->ListFunctions(
        [](std::vector<ports::LambdaFunctionInfo>&&) { return true; });
    ExpectStoppedAtTheCap(status, "lambda:ListFunctions");
}

TEST_F(PageCapTest, ListObjectsV2) {
    auto status = clients_.s3->ListObjects(
        "bucket", "prefix/", [](std::vector<ports::S3Object>&&) { return true; });
    ExpectStoppedAtTheCap(status, "s3:ListObjectsV2");
}

TEST(PageCapDefaultsTest, AListingWithinTheCapEnds) {
    std::atomic<int> page{0};
    StubServer server(
        [&](const std::string& request, int fd) { return EndlessPages(request, fd, &page); });
    AwsServiceClients clients = ClientsFor(server.url(), 200);
    auto status =
        clients.inspector->ListFindings({}, [](std::vector<ports::Finding>&&) { return true; });
    EXPECT_TRUE(status.ok()) << status.error().ToString();
    EXPECT_EQ(server.requests(), 200);
}

}  // namespace
}  // namespace kensa::aws
