#include "kensa/http/router.h"

#include <algorithm>
#include <set>

#include "kensa/common/strings.h"

namespace kensa::http {
namespace {

std::vector<std::string> SplitPath(std::string_view path) {
    if (!path.empty() && path.front() == '/') {
        path.remove_prefix(1);
    }
    if (path.empty()) {
        return {};
    }
    return Split(path, '/');
}

bool IsParamName(std::string_view name) {
    if (name.empty()) {
        return false;
    }
    return std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_';
    });
}

}  // namespace

Status Router::Add(std::string method, std::string_view pattern, Handler handler) {
    if (pattern.empty() || pattern.front() != '/') {
        return Error(ErrorCode::kInvalidInput, "route pattern must start with '/'")
            .With("pattern", std::string(pattern));
    }
    Route route{std::move(method), std::string(pattern), {}, std::move(handler)};
    std::set<std::string> names;
    std::vector<std::string> parts = SplitPath(pattern);
    for (size_t part_idx = 0; part_idx < parts.size(); ++part_idx) {
        const std::string& part = parts[part_idx];
        if (part.size() < 2 || part.front() != '{' || part.back() != '}') {
            if (part.find_first_of("{}") != std::string::npos) {
                return Error(ErrorCode::kInvalidInput, "braces must enclose a whole segment")
                    .With("pattern", route.pattern);
            }
            route.segments.push_back({SegmentKind::kLiteral, part});
            continue;
        }
        std::string name = part.substr(1, part.size() - 2);
        SegmentKind kind = SegmentKind::kParam;
        if (EndsWith(name, "...")) {
            if (part_idx + 1 != parts.size()) {
                return Error(ErrorCode::kInvalidInput, "{name...} must be the last segment")
                    .With("pattern", route.pattern);
            }
            name.resize(name.size() - 3);
            kind = SegmentKind::kRest;
        }
        if (!IsParamName(name) || !names.insert(name).second) {
            return Error(ErrorCode::kInvalidInput, "bad or repeated path parameter name")
                .With("pattern", route.pattern)
                .With("name", name);
        }
        route.segments.push_back({kind, std::move(name)});
    }
    for (const Route& existing : routes_) {
        if (existing.method != route.method || existing.segments.size() != route.segments.size()) {
            continue;
        }
        bool same_shape = std::equal(
            existing.segments.begin(),
            existing.segments.end(),
            route.segments.begin(),
            [](const Segment& a, const Segment& b) {
                return a.kind == b.kind && (a.kind != SegmentKind::kLiteral || a.text == b.text);
            });
        if (same_shape) {
            return Error(ErrorCode::kInvalidInput, "route registered twice")
                .With("method", route.method)
                .With("pattern", route.pattern);
        }
    }
    routes_.push_back(std::move(route));
    return Ok();
}

bool Router::MatchSegments(const Route& route,
                           const std::vector<std::string>& parts,
                           std::map<std::string, std::string>* params) {
    params->clear();
    size_t part_idx = 0;
    for (const Segment& segment : route.segments) {
        if (segment.kind == SegmentKind::kRest) {
            if (part_idx >= parts.size()) {
                return false;
            }
            std::string rest;
            for (; part_idx < parts.size(); ++part_idx) {
                rest += (rest.empty() ? "" : "/") + UriDecode(parts[part_idx]);
            }
            if (rest.empty()) {
                return false;
            }
            (*params)[segment.text] = std::move(rest);
            return true;
        }
        if (part_idx >= parts.size()) {
            return false;
        }
        std::string decoded = UriDecode(parts[part_idx++]);
        if (segment.kind == SegmentKind::kLiteral) {
            if (decoded != segment.text) {
                return false;
            }
        } else {
            if (decoded.empty()) {
                return false;
            }
            (*params)[segment.text] = std::move(decoded);
        }
    }
    return part_idx == parts.size();
}

bool Router::MoreSpecific(const Route& a, const Route& b) {
    size_t common = std::min(a.segments.size(), b.segments.size());
    for (size_t seg_idx = 0; seg_idx < common; ++seg_idx) {
        if (a.segments[seg_idx].kind != b.segments[seg_idx].kind) {
            return a.segments[seg_idx].kind > b.segments[seg_idx].kind;
        }
    }
    return a.segments.size() > b.segments.size();
}

RouteMatch Router::Match(std::string_view method, std::string_view raw_path) const {
    RouteMatch result;
    std::vector<std::string> parts = SplitPath(raw_path);
    std::set<std::string> allowed;
    const Route* best = nullptr;
    const Route* best_get = nullptr;  // HEAD falls back to GET
    std::map<std::string, std::string> params;
    for (const Route& route : routes_) {
        if (!MatchSegments(route, parts, &params)) {
            continue;
        }
        allowed.insert(route.method);
        if (route.method == method && (best == nullptr || MoreSpecific(route, *best))) {
            best = &route;
        }
        if (method == "HEAD" && route.method == "GET" &&
            (best_get == nullptr || MoreSpecific(route, *best_get))) {
            best_get = &route;
        }
    }
    if (best == nullptr) {
        best = best_get;
    }
    if (best != nullptr) {
        MatchSegments(*best, parts, &params);
        result.kind = RouteMatch::Kind::kMatched;
        result.handler = &best->handler;
        result.pattern = best->pattern;
        result.params = std::move(params);
        return result;
    }
    if (!allowed.empty()) {
        result.kind = RouteMatch::Kind::kMethodNotAllowed;
        result.allowed_methods.assign(allowed.begin(), allowed.end());
    }
    return result;
}

std::string LoggablePath(std::string_view route_pattern, std::string_view raw_path) {
    if (route_pattern.find("{token}") != std::string_view::npos) {
        return std::string(route_pattern);
    }
    return std::string(raw_path);
}

}  // namespace kensa::http
