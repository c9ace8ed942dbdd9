#pragma once
// Route table: maps (method, path) onto a handler and the captured path parameters.
// Pure and library-free so it is unit-tested without sockets.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "kensa/common/error.h"
#include "kensa/http/message.h"

namespace kensa::http {

/// A path parameter named "token" carries a credential (an upload token in a scanner's URL):
/// the path of such a route is logged as its pattern, "/vuls/http/{token}", never as sent.
std::string LoggablePath(std::string_view route_pattern, std::string_view raw_path);

/// Outcome of matching one request against the table.
struct RouteMatch {
    enum class Kind { kMatched, kMethodNotAllowed, kNotFound };
    Kind kind = Kind::kNotFound;
    const Handler* handler = nullptr;           ///< set when kMatched
    std::string pattern;                        ///< the matched pattern (metrics label)
    std::map<std::string, std::string> params;  ///< decoded path parameters
    std::vector<std::string> allowed_methods;   ///< sorted; set when kMethodNotAllowed
};

/// Patterns are '/'-separated segments. A segment is a literal, "{name}" (one non-empty segment)
/// or, as the last segment only, "{name...}" (the non-empty rest of the path, '/' kept).
/// When several patterns match, literal segments beat "{name}" which beats "{name...}", compared
/// left to right: "/groups/new" wins over "/groups/{id}" for "/groups/new".
/// Thread-safety: Add is not thread-safe; Match is const and may run concurrently once the
/// table is complete.
class Router {
public:
    /// Registers `handler` for `method` (upper case) and `pattern`.
    /// @return kInvalidInput for a malformed pattern or a second route with the same method
    ///         and the same pattern shape.
    Status Add(std::string method, std::string_view pattern, Handler handler);

    /// Matches a raw (still percent-encoded) path without query string. Each segment is
    /// decoded after splitting, so "%2F" inside a parameter does not split it. HEAD falls back
    /// to GET routes.
    RouteMatch Match(std::string_view method, std::string_view raw_path) const;

    bool empty() const { return routes_.empty(); }

private:
    enum class SegmentKind { kRest = 0, kParam = 1, kLiteral = 2 };
    struct Segment {
        SegmentKind kind;
        std::string text;  ///< literal text or parameter name
    };
    struct Route {
        std::string method;
        std::string pattern;
        std::vector<Segment> segments;
        Handler handler;
    };

    static bool MatchSegments(const Route& route,
                              const std::vector<std::string>& parts,
                              std::map<std::string, std::string>* params);
    static bool MoreSpecific(const Route& a, const Route& b);

    std::vector<Route> routes_;
};

}  // namespace kensa::http
