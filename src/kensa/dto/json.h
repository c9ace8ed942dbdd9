#pragma once
// The JSON value type of the wire views (nlohmann::json), named once for http/ and cli/.

#include <nlohmann/json.hpp>

namespace kensa::dto {

using Json = nlohmann::json;

}  // namespace kensa::dto
