#pragma once
// The JSON value type of the wire views (nlohmann::json), named once for http/ and cli/.

#include <nlohmann/json.hpp>
#include <optional>

namespace kensa::dto {

using Json = nlohmann::json;

/// The value, or JSON null when there is none.
template <class T>
Json Nullable(const std::optional<T>& value) {
    return value ? Json(*value) : Json(nullptr);
}

}  // namespace kensa::dto
