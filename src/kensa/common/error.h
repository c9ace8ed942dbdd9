#pragma once
// Error and Result<T>: the one error idiom of kensa (see docs/errors.md).
// Adapters translate vendor errors (SQLite, libpq, AWS, curl) into Error at their boundary.

#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace kensa {

enum class ErrorCode {
    kInvalidInput,  ///< caller sent something malformed (document, request body, flag)
    kNotFound,
    kConflict,          ///< unique key, state-machine violation, schema too new
    kPermissionDenied,  ///< AWS AccessDenied etc.; detail "aws_action" names the action
    kUnauthenticated,   ///< bad or expired credentials / signature
    kUnavailable,       ///< network, throttling, DB busy; retryable
    kRateLimited,       ///< a kensa-side rate limit; detail "retry_after" in seconds
    kInternal,          ///< a bug we chose to survive
};

/// Stable lower-case name of a code, used in JSON problem bodies and logs.
std::string_view ErrorCodeName(ErrorCode code);

class Error {
public:
    Error(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}

    ErrorCode code() const { return code_; }
    const std::string& message() const { return message_; }

    /// Attaches a structured detail, e.g. With("aws_action", "inspector2:ListFindings").
    Error& With(std::string_view key, std::string value) & {
        details_[std::string(key)] = std::move(value);
        return *this;
    }
    Error&& With(std::string_view key, std::string value) && {
        details_[std::string(key)] = std::move(value);
        return std::move(*this);
    }
    /// Returns the detail or an empty string.
    std::string Detail(std::string_view key) const {
        auto it = details_.find(std::string(key));
        return it == details_.end() ? std::string() : it->second;
    }
    const std::map<std::string, std::string>& details() const { return details_; }

    /// "message (key=value, ...)" for logs and CLI output.
    std::string ToString() const;

private:
    ErrorCode code_;
    std::string message_;
    std::map<std::string, std::string> details_;
};

/// A value or an Error. Deliberately small; maps onto std::expected later.
template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
    Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { return Checked(); }
    const T& value() const& { return const_cast<Result*>(this)->Checked(); }
    T&& value() && { return std::move(Checked()); }
    T& operator*() & { return Checked(); }
    const T& operator*() const& { return const_cast<Result*>(this)->Checked(); }
    T* operator->() { return &Checked(); }
    const T* operator->() const { return &const_cast<Result*>(this)->Checked(); }

    const Error& error() const& { return std::get<1>(v_); }
    Error&& error() && { return std::get<1>(std::move(v_)); }

private:
    T& Checked() {
        if (v_.index() != 0) {
            std::abort();  // reading the value of a failed Result is a bug
        }
        return std::get<0>(v_);
    }
    std::variant<T, Error> v_;
};

/// Result<void>.
template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : error_(std::move(error)) {}  // NOLINT
    bool ok() const { return !error_.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error& error() const& { return *error_; }
    Error&& error() && { return std::move(*error_); }

private:
    std::optional<Error> error_;
};

using Status = Result<void>;
inline Status Ok() {
    return {};
}

}  // namespace kensa

#define KENSA_CONCAT_INNER(a, b) a##b
#define KENSA_CONCAT(a, b) KENSA_CONCAT_INNER(a, b)

/// Returns the error of a failed Status/Result from the enclosing function.
#define KENSA_TRY(expr) KENSA_TRY_IMPL(KENSA_CONCAT(kensa_try_, __COUNTER__), expr)
#define KENSA_TRY_IMPL(tmp, expr)          \
    do {                                   \
        auto&& tmp = (expr);               \
        if (!tmp.ok()) {                   \
            return std::move(tmp).error(); \
        }                                  \
    } while (false)

/// KENSA_ASSIGN_OR_RETURN(auto x, Expr()); declares x from the value or returns the error.
#define KENSA_ASSIGN_OR_RETURN(decl, expr) \
    KENSA_ASSIGN_OR_RETURN_IMPL(KENSA_CONCAT(kensa_result_, __COUNTER__), decl, expr)
#define KENSA_ASSIGN_OR_RETURN_IMPL(tmp, decl, expr) \
    auto tmp = (expr);                               \
    if (!tmp.ok()) {                                 \
        return std::move(tmp).error();               \
    }                                                \
    decl = std::move(tmp).value()
