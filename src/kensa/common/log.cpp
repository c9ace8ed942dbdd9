#include "kensa/common/log.h"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>

namespace kensa::log {
namespace {

std::atomic<int> g_level{static_cast<int>(Level::kInfo)};
std::atomic<int> g_json{-1};  // -1: auto
std::mutex g_mutex;

std::string_view LevelName(Level level) {
    switch (level) {
        case Level::kDebug:
            return "debug";
        case Level::kInfo:
            return "info";
        case Level::kWarn:
            return "warn";
        case Level::kError:
            return "error";
    }
    return "info";
}

void AppendJsonString(std::string& out, std::string_view s) {
    out.push_back('"');
    for (unsigned char c : s) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (c < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof(buf), "\\u%04x", c);
                    out += buf;
                } else {
                    out.push_back(static_cast<char>(c));
                }
        }
    }
    out.push_back('"');
}

std::string Timestamp() {
    auto now = std::chrono::system_clock::now();
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
    std::time_t secs = static_cast<std::time_t>(ms / 1000);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[40];
    std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm);
    char out[48];
    std::snprintf(out, sizeof(out), "%s.%03dZ", buf, static_cast<int>(ms % 1000));
    return out;
}

bool UseJson() {
    int v = g_json.load();
    if (v < 0) {
        return isatty(STDERR_FILENO) == 0;
    }
    return v == 1;
}

}  // namespace

void SetLevel(Level level) {
    g_level = static_cast<int>(level);
}
void SetJson(bool json) {
    g_json = json ? 1 : 0;
}
bool Enabled(Level level) {
    return static_cast<int>(level) >= g_level.load();
}

void Write(Level level, std::string_view msg, std::initializer_list<Field> fields) {
    if (!Enabled(level)) {
        return;
    }
    std::string line;
    if (UseJson()) {
        line = "{\"ts\":";
        AppendJsonString(line, Timestamp());
        line += ",\"level\":";
        AppendJsonString(line, LevelName(level));
        line += ",\"msg\":";
        AppendJsonString(line, msg);
        for (const auto& [key, value] : fields) {
            line.push_back(',');
            AppendJsonString(line, key);
            line.push_back(':');
            AppendJsonString(line, value);
        }
        line += "}\n";
    } else {
        line = Timestamp() + " " + std::string(LevelName(level)) + " " + std::string(msg);
        for (const auto& [key, value] : fields) {
            line += " " + std::string(key) + "=" + value;
        }
        line += "\n";
    }
    std::lock_guard<std::mutex> lock(g_mutex);
    std::fwrite(line.data(), 1, line.size(), stderr);
}

std::string Redact(std::string_view value) {
    if (value.size() <= 8) {
        return std::string(value.size(), '*');
    }
    return std::string(value.substr(0, 4)) + "****" + std::string(value.substr(value.size() - 4));
}

bool ParseLevel(std::string_view s, Level* out) {
    if (s == "debug") {
        *out = Level::kDebug;
    } else if (s == "info") {
        *out = Level::kInfo;
    } else if (s == "warn") {
        *out = Level::kWarn;
    } else if (s == "error") {
        *out = Level::kError;
    } else {
        return false;
    }
    return true;
}

}  // namespace kensa::log
