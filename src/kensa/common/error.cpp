#include "kensa/common/error.h"

namespace kensa {

std::string_view ErrorCodeName(ErrorCode code) {
    switch (code) {
        case ErrorCode::kInvalidInput:
            return "invalid_input";
        case ErrorCode::kNotFound:
            return "not_found";
        case ErrorCode::kConflict:
            return "conflict";
        case ErrorCode::kPermissionDenied:
            return "permission_denied";
        case ErrorCode::kUnauthenticated:
            return "unauthenticated";
        case ErrorCode::kUnavailable:
            return "unavailable";
        case ErrorCode::kRateLimited:
            return "rate_limited";
        case ErrorCode::kInternal:
            return "internal";
    }
    return "internal";
}

std::string Error::ToString() const {
    std::string out = message_;
    if (details_.empty()) {
        return out;
    }
    out += " (";
    bool first = true;
    for (const auto& [key, value] : details_) {
        if (!first) {
            out += ", ";
        }
        first = false;
        out += key + "=" + value;
    }
    out += ")";
    return out;
}

}  // namespace kensa
