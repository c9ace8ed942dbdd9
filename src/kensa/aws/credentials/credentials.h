#pragma once
// AWS credentials as a value type.

#include <optional>
#include <string>

#include "kensa/common/clock.h"

namespace kensa::aws {

struct Credentials {
    std::string access_key_id;
    std::string secret_access_key;  ///< never logged
    std::string session_token;      ///< empty for long-term keys
    std::optional<SystemTime> expiration;
    /// Where these came from ("static", "env", "profile:NAME", "assume-role", ...), for
    /// diagnostics.
    std::string source;

    bool empty() const { return access_key_id.empty() || secret_access_key.empty(); }
};

}  // namespace kensa::aws
