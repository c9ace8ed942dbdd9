#pragma once
// Structured logging. One line per event: JSON when stderr is not a TTY, "key=value" text
// otherwise. Never pass secrets as fields; Redact() exists for values that might hold one.

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace kensa::log {

enum class Level { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3 };

using Field = std::pair<std::string_view, std::string>;

void SetLevel(Level level);
/// Forces JSON (true) or text (false) instead of auto-detecting from isatty(stderr).
void SetJson(bool json);
bool Enabled(Level level);
void Write(Level level, std::string_view msg, std::initializer_list<Field> fields = {});

inline void Debug(std::string_view msg, std::initializer_list<Field> f = {}) {
    Write(Level::kDebug, msg, f);
}
inline void Info(std::string_view msg, std::initializer_list<Field> f = {}) {
    Write(Level::kInfo, msg, f);
}
inline void Warn(std::string_view msg, std::initializer_list<Field> f = {}) {
    Write(Level::kWarn, msg, f);
}
inline void Error(std::string_view msg, std::initializer_list<Field> f = {}) {
    Write(Level::kError, msg, f);
}

/// "AKIA****MPLE"-style masking for identifiers that are not secret but sensitive.
std::string Redact(std::string_view value);
/// Parses "debug|info|warn|error".
bool ParseLevel(std::string_view s, Level* out);

}  // namespace kensa::log
