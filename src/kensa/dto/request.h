#pragma once
// Request-body parsing for the REST API (and any JSON input the CLI reads). Every helper
// answers kInvalidInput with detail "field" naming the member, so a client can point at it.
// A member that is absent or JSON null counts as not given; a member of the wrong JSON type
// is an error, never silently ignored.

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kensa/common/error.h"
#include "kensa/domain/model.h"
#include "kensa/dto/json.h"

namespace kensa::dto {

/// The members a request body may have.
using Members = std::initializer_list<std::string_view>;

/// Parses a request body that must be a JSON object of `members` only.
/// kInvalidInput "the request body is not valid JSON" / "... must be a JSON object" /
/// "unknown member 'x' ..." (a misspelt member is an error, never silently dropped).
/// Nesting is capped at kMaxJsonDepth: a deeper body is refused while it is parsed, and what
/// lies deeper is never built (60 MB of "[[[[" would otherwise take gigabytes).
inline constexpr int kMaxJsonDepth = 64;
Result<Json> ParseObject(std::string_view body, Members members);

/// A required, non-empty string member.
Result<std::string> RequiredString(const Json& body, std::string_view key);
/// A string member, or nullopt when absent or null.
Result<std::optional<std::string>> OptionalString(const Json& body, std::string_view key);
/// A string member, or `fallback` when absent or null.
Result<std::string> StringOr(const Json& body, std::string_view key, std::string fallback);
/// A boolean member, or nullopt when absent or null.
Result<std::optional<bool>> OptionalBool(const Json& body, std::string_view key);
/// An integer member (a JSON number without fraction), or nullopt when absent or null.
Result<std::optional<int64_t>> OptionalInt(const Json& body, std::string_view key);
/// A required integer member.
Result<int64_t> RequiredInt(const Json& body, std::string_view key);
/// A time member: epoch seconds, a date "YYYY-MM-DD" (its midnight UTC), or null to clear;
/// nullopt when absent.
Result<std::optional<std::optional<domain::EpochSeconds>>> TimeMember(const Json& body,
                                                                      std::string_view key);
/// A required array of strings (may be empty).
Result<std::vector<std::string>> StringList(const Json& body, std::string_view key);

/// The error for a member of the right type but an unknown value, e.g.
/// InvalidField("priority", "must be HIGH, MEDIUM, LOW or NONE").
Error InvalidField(std::string_view key, std::string_view what);

/// An enum member spelled as domain::ToString spells it (domain::Parse decides), or nullopt
/// when absent or null. `allowed` completes the message: "'<key>' must be <allowed>".
template <class Enum>
Result<std::optional<Enum>> OptionalEnum(const Json& body,
                                         std::string_view key,
                                         std::string_view allowed) {
    KENSA_ASSIGN_OR_RETURN(std::optional<std::string> text, OptionalString(body, key));
    if (!text) {
        return std::optional<Enum>();
    }
    Enum value{};
    if (!Parse(*text, &value)) {
        return InvalidField(key, "must be " + std::string(allowed));
    }
    return std::optional<Enum>(value);
}

/// A required enum member (see OptionalEnum).
template <class Enum>
Result<Enum> RequiredEnum(const Json& body, std::string_view key, std::string_view allowed) {
    KENSA_ASSIGN_OR_RETURN(std::optional<Enum> value, OptionalEnum<Enum>(body, key, allowed));
    if (!value) {
        return InvalidField(key, "is required and must be " + std::string(allowed));
    }
    return *value;
}

}  // namespace kensa::dto
