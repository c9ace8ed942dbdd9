#include "kensa/dto/request.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace kensa::dto {

namespace {

// The member, or nullptr when absent or JSON null.
const Json* Member(const Json& body, std::string_view key) {
    auto it = body.find(std::string(key));
    if (it == body.end() || it->is_null()) {
        return nullptr;
    }
    return &*it;
}

}  // namespace

Error InvalidField(std::string_view key, std::string_view what) {
    return Error(ErrorCode::kInvalidInput, "'" + std::string(key) + "' " + std::string(what))
        .With("field", std::string(key));
}

namespace {

/// Whether brackets outside strings nest deeper than `limit`: one pass, no allocation, before
/// the parser builds anything (its stacks grow with the depth, even for what it discards).
bool NestsDeeperThan(std::string_view text, int limit) {
    int depth = 0;
    bool in_string = false;
    bool escaped = false;
    for (char c : text) {
        if (in_string) {
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > limit) {
                return true;
            }
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return false;
}

}  // namespace

Result<Json> ParseObject(std::string_view body, Members members) {
    if (NestsDeeperThan(body, kMaxJsonDepth)) {
        return Error(
            ErrorCode::kInvalidInput,
            "the request body nests deeper than " + std::to_string(kMaxJsonDepth) + " levels");
    }
    Json parsed = Json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded()) {
        return Error(ErrorCode::kInvalidInput, "the request body is not valid JSON");
    }
    if (!parsed.is_object()) {
        return Error(ErrorCode::kInvalidInput, "the request body must be a JSON object");
    }
    for (const auto& [key, value] : parsed.items()) {
        if (std::find(members.begin(), members.end(), key) != members.end()) {
            continue;
        }
        std::string known;
        for (std::string_view m : members) {
            known += (known.empty() ? "" : ", ") + std::string(m);
        }
        // The key is the client's: cut it short, at a UTF-8 character boundary.
        size_t cut = std::min<size_t>(key.size(), 64);
        while (cut < key.size() && cut > 0 &&
               (static_cast<unsigned char>(key[cut]) & 0xC0) == 0x80) {
            --cut;
        }
        return InvalidField(key.substr(0, cut),
                            "is not a member of this request (its members: " +
                                (known.empty() ? std::string("none") : known) + ")");
    }
    return parsed;
}

Result<std::string> RequiredString(const Json& body, std::string_view key) {
    const Json* value = Member(body, key);
    if (value == nullptr || !value->is_string() || value->get_ref<const std::string&>().empty()) {
        return InvalidField(key, "is required and must be a non-empty string");
    }
    return value->get<std::string>();
}

Result<std::optional<std::string>> OptionalString(const Json& body, std::string_view key) {
    const Json* value = Member(body, key);
    if (value == nullptr) {
        return std::optional<std::string>();
    }
    if (!value->is_string()) {
        return InvalidField(key, "must be a string");
    }
    return std::optional<std::string>(value->get<std::string>());
}

Result<std::string> StringOr(const Json& body, std::string_view key, std::string fallback) {
    KENSA_ASSIGN_OR_RETURN(std::optional<std::string> value, OptionalString(body, key));
    return value ? std::move(*value) : std::move(fallback);
}

Result<std::optional<bool>> OptionalBool(const Json& body, std::string_view key) {
    const Json* value = Member(body, key);
    if (value == nullptr) {
        return std::optional<bool>();
    }
    if (!value->is_boolean()) {
        return InvalidField(key, "must be true or false");
    }
    return std::optional<bool>(value->get<bool>());
}

Result<std::optional<int64_t>> OptionalInt(const Json& body, std::string_view key) {
    const Json* value = Member(body, key);
    if (value == nullptr) {
        return std::optional<int64_t>();
    }
    if (!value->is_number_integer()) {
        return InvalidField(key, "must be an integer");
    }
    return std::optional<int64_t>(value->get<int64_t>());
}

Result<int64_t> RequiredInt(const Json& body, std::string_view key) {
    KENSA_ASSIGN_OR_RETURN(std::optional<int64_t> value, OptionalInt(body, key));
    if (!value) {
        return InvalidField(key, "is required and must be an integer");
    }
    return *value;
}

Result<std::vector<std::string>> StringList(const Json& body, std::string_view key) {
    const Json* value = Member(body, key);
    if (value == nullptr || !value->is_array()) {
        return InvalidField(key, "must be a list of strings");
    }
    std::vector<std::string> out;
    out.reserve(value->size());
    for (const Json& item : *value) {
        if (!item.is_string()) {
            return InvalidField(key, "must be a list of strings");
        }
        out.push_back(item.get<std::string>());
    }
    return out;
}

Result<std::optional<std::optional<domain::EpochSeconds>>> TimeMember(const Json& body,
                                                                      std::string_view key) {
    using Out = std::optional<std::optional<domain::EpochSeconds>>;
    auto it = body.find(key);
    if (it == body.end()) {
        return Out();
    }
    if (it->is_null()) {
        return Out(std::optional<domain::EpochSeconds>());  // null clears: not "absent"
    }
    if (it->is_number_integer() && it->get<int64_t>() >= 0) {
        return Out(it->get<int64_t>());
    }
    if (it->is_string()) {
        const std::string text = it->get<std::string>();
        int y = 0, m = 0, d = 0;
        char tail = 0;
        if (text.size() == 10 &&
            std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 && y >= 1970 &&
            y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= 31) {
            std::chrono::year_month_day ymd{std::chrono::year(y),
                                            std::chrono::month(static_cast<unsigned>(m)),
                                            std::chrono::day(static_cast<unsigned>(d))};
            if (ymd.ok()) {
                return Out(std::chrono::sys_days(ymd).time_since_epoch() / std::chrono::seconds(1));
            }
        }
    }
    return dto::InvalidField(key, "must be epoch seconds, a date YYYY-MM-DD, or null to clear it");
}

}  // namespace kensa::dto
