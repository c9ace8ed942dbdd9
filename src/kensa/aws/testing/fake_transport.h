#pragma once
// A scripted HttpTransport for unit tests: records every request and answers from a handler
// (or a queue of canned responses). Header-only; test code only.

#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "kensa/aws/http_transport.h"

namespace kensa::aws::testing {

struct RecordedRequest {
    std::string base_url;
    HttpRequest request;
};

inline HttpResponse MakeResponse(int status,
                                 std::string body,
                                 std::vector<std::pair<std::string, std::string>> headers = {}) {
    HttpResponse response;
    response.status = status;
    response.body = std::move(body);
    response.headers = std::move(headers);
    return response;
}

class FakeTransport final : public HttpTransport {
public:
    using Handler = std::function<Result<HttpResponse>(const std::string& base_url,
                                                       const HttpRequest& request)>;

    /// Answers every request with handler (takes precedence over queued responses).
    void SetHandler(Handler handler) {
        std::lock_guard<std::mutex> lock(mutex_);
        handler_ = std::move(handler);
    }
    /// Answers with full control, including feeding the sink itself (e.g. a partial body).
    using RawHandler =
        std::function<Result<HttpResponse>(const HttpRequest& request, const BodySink* sink)>;
    void SetRawHandler(RawHandler handler) {
        std::lock_guard<std::mutex> lock(mutex_);
        raw_handler_ = std::move(handler);
    }
    /// Queues a response for the next request without a handler.
    void Push(Result<HttpResponse> response) {
        std::lock_guard<std::mutex> lock(mutex_);
        queue_.push_back(std::move(response));
    }

    Result<HttpResponse> Send(const std::string& base_url,
                              const HttpRequest& request,
                              const BodySink* sink) override {
        Result<HttpResponse> response =
            Error(ErrorCode::kInternal, "FakeTransport: no response scripted");
        RawHandler raw;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            raw = raw_handler_;
        }
        if (raw) {
            {
                std::lock_guard<std::mutex> lock(mutex_);
                requests_.push_back({base_url, request});
            }
            return raw(request, sink);
        }
        {
            std::lock_guard<std::mutex> lock(mutex_);
            requests_.push_back({base_url, request});
            if (handler_) {
                response = handler_(base_url, request);
            } else if (!queue_.empty()) {
                response = std::move(queue_.front());
                queue_.pop_front();
            }
        }
        if (response.ok() && sink != nullptr && response->status >= 200 && response->status < 300) {
            // Deliver in small chunks, like a network would.
            std::string body = std::move(response->body);
            response->body.clear();
            for (size_t pos = 0; pos < body.size(); pos += kChunk) {
                if (!(*sink)(std::string_view(body).substr(pos, kChunk))) {
                    return Error(ErrorCode::kInternal, "aborted by caller");
                }
            }
        }
        return response;
    }

    std::vector<RecordedRequest> requests() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return requests_;
    }
    size_t request_count() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return requests_.size();
    }

    static constexpr size_t kChunk = 7;

private:
    mutable std::mutex mutex_;
    Handler handler_;
    RawHandler raw_handler_;
    std::deque<Result<HttpResponse>> queue_;
    std::vector<RecordedRequest> requests_;
};

}  // namespace kensa::aws::testing
