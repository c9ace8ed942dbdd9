#pragma once
// The HTTP request and response values that handlers see. Handlers include this header (or
// http_server.h), never httplib.h: the HTTP library is an implementation detail of http/.

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kensa::http {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

/// One parsed request. Values are already percent-decoded.
struct Request {
    std::string method;  ///< upper case, as sent ("GET", "POST", ...)
    std::string path;    ///< decoded path without the query string
    /// Values captured by "{name}" segments of the matched route pattern.
    std::map<std::string, std::string> path_params;
    /// Query parameters; when a key repeats, the first value wins.
    std::map<std::string, std::string> query;
    HeaderList headers;  ///< in arrival order, names as sent
    std::string body;
    std::string remote_addr;
    /// The client reached kensa over https: TLS here, or a TLS proxy in front
    /// (ServerOptions::https_front). Session cookies are then Secure.
    bool https = false;
    std::string request_id;  ///< the id logged for this request and echoed in X-Request-Id

    /// Value of the first header named `name` (ASCII case-insensitive), or "" if absent.
    std::string Header(std::string_view name) const;
    /// Value of the query parameter, or `fallback` if absent.
    std::string Query(std::string_view name, std::string_view fallback = {}) const;
    /// Value of the path parameter, or "" if the route has no such parameter.
    std::string PathParam(std::string_view name) const;
};

/// What a handler returns. An empty content_type with an empty body sends no Content-Type.
struct Response {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
    HeaderList headers;

    /// Sets (replaces) a header, matching names case-insensitively.
    Response& SetHeader(std::string_view name, std::string value);
    /// Value of the first header named `name`, or "".
    std::string Header(std::string_view name) const;
};

/// Handlers may be called concurrently from the server's worker threads. Exceptions thrown by a
/// handler become a 500 problem response; they never escape the server.
using Handler = std::function<Response(const Request&)>;

/// ASCII case-insensitive equality, as HTTP header names compare.
bool HeaderNameEquals(std::string_view a, std::string_view b);

}  // namespace kensa::http
