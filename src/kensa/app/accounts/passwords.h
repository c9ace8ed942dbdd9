#pragma once
// Password hashes: argon2id (libsodium's crypto_pwhash_str, its "interactive" cost: 2 passes
// over 64 MiB). The encoded string carries its own salt and parameters. At most four hashes run
// at once, whatever the number of callers.

#include <string>
#include <string_view>

#include "kensa/common/error.h"

namespace kensa::app {

/// kInternal only when the machine cannot spare the memory.
Result<std::string> HashPassword(std::string_view password);
/// Whether `password` matches `hash`; false for an empty or malformed hash.
bool VerifyPassword(const std::string& hash, std::string_view password);
/// Checks a password against a fixed hash, so that an unknown user name costs as long as a
/// known one (no user enumeration by timing). Always false.
bool VerifyAgainstDummy(std::string_view password);

}  // namespace kensa::app
