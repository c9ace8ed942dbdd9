// libcurl implementation of HttpTransport.
// Connection reuse: finished easy handles return to a pool instead of being cleaned up, and a
// CURLSH shares DNS and TLS-session caches between them, so a paging loop keeps one connection.

#include <curl/curl.h>
#include <sys/socket.h>

#include <functional>
#include <mutex>
#include <vector>

#include "kensa/aws/http_transport.h"
#include "kensa/common/strings.h"

namespace kensa::aws {

std::string HttpResponse::Header(std::string_view name) const {
    std::string lower = ToLower(name);
    for (const auto& [key, value] : headers) {
        if (ToLower(key) == lower) {
            return value;
        }
    }
    return {};
}

namespace {

void GlobalInitOnce() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

/// State for one transfer, reachable from the curl callbacks.
struct Transfer {
    HttpResponse response;
    const BodySink* sink = nullptr;
    size_t max_body_bytes = 0;
    const std::function<bool(const sockaddr*)>* address_allowed = nullptr;
    bool address_refused = false;
    bool aborted_by_sink = false;
    bool too_large = false;
    bool in_final_headers = false;
};

// Every address curl is about to connect to, after DNS: a refused one is never connected to.
curl_socket_t OnOpenSocket(void* user, curlsocktype purpose, curl_sockaddr* address) {
    auto* transfer = static_cast<Transfer*>(user);
    if (purpose == CURLSOCKTYPE_IPCXN && transfer->address_allowed != nullptr &&
        !(*transfer->address_allowed)(&address->addr)) {
        transfer->address_refused = true;
        return CURL_SOCKET_BAD;
    }
    return socket(address->family, address->socktype, address->protocol);
}

size_t OnHeader(char* data, size_t size, size_t count, void* user) {
    auto* transfer = static_cast<Transfer*>(user);
    std::string_view line(data, size * count);
    if (StartsWith(line, "HTTP/")) {
        // A new status line (after 100-continue or a redirect) starts a fresh header block.
        transfer->response.headers.clear();
        auto parts = Split(Trim(line), ' ');
        transfer->response.status = parts.size() >= 2 ? std::atoi(parts[1].c_str()) : 0;
        return size * count;
    }
    size_t colon = line.find(':');
    if (colon != std::string_view::npos) {
        transfer->response.headers.emplace_back(Trim(line.substr(0, colon)),
                                                Trim(line.substr(colon + 1)));
    }
    return size * count;
}

size_t OnBody(char* data, size_t size, size_t count, void* user) {
    auto* transfer = static_cast<Transfer*>(user);
    std::string_view chunk(data, size * count);
    int status = transfer->response.status;
    if (transfer->sink != nullptr && status >= 200 && status < 300) {
        if (!(*transfer->sink)(chunk)) {
            transfer->aborted_by_sink = true;
            return 0;  // makes curl fail the transfer with CURLE_WRITE_ERROR
        }
        return chunk.size();
    }
    if (transfer->response.body.size() + chunk.size() > transfer->max_body_bytes) {
        transfer->too_large = true;
        return 0;  // CURLE_WRITE_ERROR: the rest of the body is never read
    }
    transfer->response.body.append(chunk);
    return chunk.size();
}

/// "32 MiB" for whole mebibytes, else "N bytes".
std::string SizeText(size_t bytes) {
    constexpr size_t kMiB = size_t{1} << 20;
    if (bytes >= kMiB && bytes % kMiB == 0) {
        return std::to_string(bytes / kMiB) + " MiB";
    }
    return std::to_string(bytes) + " bytes";
}

class CurlTransport final : public HttpTransport {
public:
    explicit CurlTransport(TransportOptions options) : options_(std::move(options)) {
        GlobalInitOnce();
        share_ = curl_share_init();
        curl_share_setopt(share_, CURLSHOPT_LOCKFUNC, &CurlTransport::Lock);
        curl_share_setopt(share_, CURLSHOPT_UNLOCKFUNC, &CurlTransport::Unlock);
        curl_share_setopt(share_, CURLSHOPT_USERDATA, this);
        curl_share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
        curl_share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
    }

    ~CurlTransport() override {
        for (CURL* handle : idle_) {
            curl_easy_cleanup(handle);
        }
        curl_share_cleanup(share_);
    }

    CurlTransport(const CurlTransport&) = delete;
    CurlTransport& operator=(const CurlTransport&) = delete;

    Result<HttpResponse> Send(const std::string& base_url,
                              const HttpRequest& request,
                              const BodySink* sink) override {
        CURL* handle = Acquire();
        Transfer transfer;
        transfer.sink = sink;
        transfer.max_body_bytes = options_.max_body_bytes;
        if (options_.address_allowed) {
            transfer.address_allowed = &options_.address_allowed;
        }
        curl_slist* header_list = Configure(handle, base_url, request, &transfer);
        CURLcode rc = curl_easy_perform(handle);
        curl_slist_free_all(header_list);
        Release(handle);
        if (transfer.aborted_by_sink) {
            return Error(ErrorCode::kInternal, "aborted by caller");
        }
        if (transfer.too_large) {
            return Error(ErrorCode::kInternal,
                         "response larger than " + SizeText(options_.max_body_bytes))
                .With("response_too_large", "true")
                .With("limit_bytes", std::to_string(options_.max_body_bytes))
                .With("endpoint", base_url);
        }
        if (rc != CURLE_OK && transfer.address_refused) {
            // Said the same whatever listens there: the answer reveals nothing of the network.
            return Error(ErrorCode::kPermissionDenied,
                         "the endpoint resolves to a private, loopback or link-local address, "
                         "which kensa does not send a group's requests to unless the operator's "
                         "[aws] endpoint_allowlist names the host")
                .With("transport_error", "refused_address")
                .With("endpoint", base_url);
        }
        if (rc != CURLE_OK) {
            return TransportError(rc, base_url);
        }
        return std::move(transfer.response);
    }

private:
    static void Lock(CURL*, curl_lock_data data, curl_lock_access, void* user) {
        static_cast<CurlTransport*>(user)->share_mutex_[data % kLockSlots].lock();
    }
    static void Unlock(CURL*, curl_lock_data data, void* user) {
        static_cast<CurlTransport*>(user)->share_mutex_[data % kLockSlots].unlock();
    }

    CURL* Acquire() {
        {
            std::lock_guard<std::mutex> lock(pool_mutex_);
            if (!idle_.empty()) {
                CURL* handle = idle_.back();
                idle_.pop_back();
                curl_easy_reset(handle);  // keeps the connection cache, clears options
                return handle;
            }
        }
        return curl_easy_init();
    }

    void Release(CURL* handle) {
        std::lock_guard<std::mutex> lock(pool_mutex_);
        if (idle_.size() < kMaxIdle) {
            idle_.push_back(handle);
            return;
        }
        curl_easy_cleanup(handle);
    }

    curl_slist* Configure(CURL* handle,
                          const std::string& base_url,
                          const HttpRequest& request,
                          Transfer* transfer) {
        // libcurl copies string options (except POSTFIELDS), so a local URL is fine.
        std::string url =
            base_url + request.path + (request.query.empty() ? "" : "?" + request.query);
        curl_easy_setopt(handle, CURLOPT_URL, url.c_str());
        curl_easy_setopt(handle, CURLOPT_SHARE, share_);
        curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(
            handle, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connect_timeout.count()));
        curl_easy_setopt(handle, CURLOPT_LOW_SPEED_LIMIT, options_.low_speed_limit_bytes);
        curl_easy_setopt(
            handle, CURLOPT_LOW_SPEED_TIME, static_cast<long>(options_.low_speed_time.count()));
        auto total =
            transfer->sink != nullptr ? options_.streaming_total_timeout : options_.total_timeout;
        curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, static_cast<long>(total.count()));
        curl_easy_setopt(handle, CURLOPT_SSL_VERIFYPEER, options_.verify_tls ? 1L : 0L);
        curl_easy_setopt(handle, CURLOPT_SSL_VERIFYHOST, options_.verify_tls ? 2L : 0L);
        if (!options_.ca_file.empty()) {
            curl_easy_setopt(handle, CURLOPT_CAINFO, options_.ca_file.c_str());
        }
        curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(
            handle, CURLOPT_FOLLOWLOCATION, 0L);  // a redirect would break the signature
        curl_easy_setopt(handle, CURLOPT_USERAGENT, options_.user_agent.c_str());
        if (options_.address_allowed) {
            // A proxy would resolve the host itself, past the address check: none from the
            // environment (HTTPS_PROXY, ALL_PROXY) for a call the policy guards.
            curl_easy_setopt(handle, CURLOPT_PROXY, "");
        }
        curl_easy_setopt(handle, CURLOPT_OPENSOCKETFUNCTION, &OnOpenSocket);
        curl_easy_setopt(handle, CURLOPT_OPENSOCKETDATA, transfer);
        curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, &OnHeader);
        curl_easy_setopt(handle, CURLOPT_HEADERDATA, transfer);
        curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, &OnBody);
        curl_easy_setopt(handle, CURLOPT_WRITEDATA, transfer);
        SetMethod(handle, request);
        curl_slist* list = nullptr;
        for (const auto& [name, value] : request.headers) {
            list = curl_slist_append(list, (name + ": " + value).c_str());
        }
        list = curl_slist_append(list, "Expect:");  // no 100-continue round trip on PUT
        if (!request.HasHeader("Accept")) {
            list = curl_slist_append(list, "Accept:");
        }
        curl_easy_setopt(handle, CURLOPT_HTTPHEADER, list);
        return list;
    }

    static void SetMethod(CURL* handle, const HttpRequest& request) {
        if (request.method == "GET") {
            curl_easy_setopt(handle, CURLOPT_HTTPGET, 1L);
            return;
        }
        if (request.method == "HEAD") {
            curl_easy_setopt(handle, CURLOPT_NOBODY, 1L);
            return;
        }
        // POSTFIELDS with an explicit size sends the body verbatim (binary-safe) for any method.
        curl_easy_setopt(
            handle, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
        curl_easy_setopt(handle, CURLOPT_POSTFIELDS, request.body.data());
        if (request.method != "POST") {
            curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, request.method.c_str());
        }
    }

    static Error TransportError(CURLcode rc, const std::string& base_url) {
        std::string kind = "io";
        if (rc == CURLE_OPERATION_TIMEDOUT) {
            kind = "timeout";
        } else if (rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST ||
                   rc == CURLE_COULDNT_RESOLVE_PROXY) {
            kind = "connect";
        } else if (rc == CURLE_PEER_FAILED_VERIFICATION || rc == CURLE_SSL_CONNECT_ERROR ||
                   rc == CURLE_SSL_CACERT_BADFILE) {
            kind = "tls";
        }
        Error error(ErrorCode::kUnavailable,
                    std::string("HTTP transport: ") + curl_easy_strerror(rc));
        error.With("transport_error", kind).With("endpoint", base_url);
        if (kind == "timeout") {
            error.With("timeout", "true");
        }
        return error;
    }

    static constexpr size_t kMaxIdle = 8;
    static constexpr int kLockSlots = 8;

    TransportOptions options_;
    CURLSH* share_ = nullptr;
    std::mutex share_mutex_[kLockSlots];
    std::mutex pool_mutex_;
    std::vector<CURL*> idle_;
};

}  // namespace

HttpTransportPtr MakeCurlTransport(const TransportOptions& options) {
    return std::make_shared<CurlTransport>(options);
}

}  // namespace kensa::aws
