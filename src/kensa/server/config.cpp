#include "kensa/server/config.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "kensa/aws/address_policy.h"
#include "kensa/common/log.h"
#include "kensa/common/strings.h"

namespace kensa::server {
namespace {

std::string Env(const char* name) {
    const char* v = std::getenv(name);
    return v != nullptr ? v : "";
}

Result<bool> ParseBool(const std::string& v, const std::string& what) {
    std::string l = ToLower(v);
    if (l == "1" || l == "true" || l == "on" || l == "yes") {
        return true;
    }
    if (l == "0" || l == "false" || l == "off" || l == "no") {
        return false;
    }
    return Error(ErrorCode::kInvalidInput, what + " must be on or off, not '" + v + "'");
}

}  // namespace

Result<Config> LoadConfig(const std::string& toml_path) {
    Config c;
    std::string path = toml_path.empty() ? Env("KENSA_CONFIG") : toml_path;
    if (!path.empty()) {
        toml::table t;
        try {
            t = toml::parse_file(path);
        } catch (const toml::parse_error& e) {
            return Error(ErrorCode::kInvalidInput,
                         "config file " + path + ": " + std::string(e.description()) + " at line " +
                             std::to_string(e.source().begin.line));
        }
        c.db = t["db"].value_or(c.db);
        c.listen = t["listen"].value_or(c.listen);
        c.master_key_file = t["master_key_file"].value_or(c.master_key_file);
        c.log_level = t["log"]["level"].value_or(c.log_level);
        c.log_format = t["log"]["format"].value_or(c.log_format);
        c.scheduler_enabled = t["scheduler"]["enabled"].value_or(c.scheduler_enabled);
        c.scheduler_tick_seconds =
            t["scheduler"]["tick_seconds"].value_or(c.scheduler_tick_seconds);
        c.http_threads = t["http"]["threads"].value_or(c.http_threads);
        c.console_dir = t["http"]["console_dir"].value_or(c.console_dir);
        c.https_front = t["http"]["https_front"].value_or(c.https_front);
        c.aws_max_attempts = t["aws"]["max_attempts"].value_or(c.aws_max_attempts);
        c.aws_max_pages = t["aws"]["max_pages"].value_or(c.aws_max_pages);
        c.sbom_poll_ms = t["sbom"]["poll_ms"].value_or(c.sbom_poll_ms);
        c.sbom_timeout_seconds = t["sbom"]["timeout_seconds"].value_or(c.sbom_timeout_seconds);
        c.scan_workers = t["scan"]["workers"].value_or(c.scan_workers);
        if (auto node = t["aws"]["endpoint_allowlist"]; node) {
            const Error not_hosts(ErrorCode::kInvalidInput,
                                  "config file " + path +
                                      ": [aws] endpoint_allowlist must be a list of host strings");
            const toml::array* hosts = node.as_array();
            if (hosts == nullptr) {
                return not_hosts;
            }
            for (const auto& host : *hosts) {
                auto text = host.value<std::string>();
                if (!text) {
                    return not_hosts;
                }
                c.aws_endpoint_allowlist.push_back(*text);
            }
        }
        c.sbom_max_components = t["sbom"]["max_components"].value_or(c.sbom_max_components);
        c.vuls_watch_dir = t["vuls"]["watch_dir"].value_or(c.vuls_watch_dir);
        c.vuls_watch_seconds = t["vuls"]["watch_seconds"].value_or(c.vuls_watch_seconds);
        for (const auto& [key, value] : t) {
            static const std::string kKnown[] = {"db",
                                                 "listen",
                                                 "master_key_file",
                                                 "log",
                                                 "scheduler",
                                                 "http",
                                                 "aws",
                                                 "sbom",
                                                 "scan",
                                                 "vuls"};
            if (std::find(std::begin(kKnown), std::end(kKnown), std::string(key.str())) ==
                std::end(kKnown)) {
                return Error(
                    ErrorCode::kInvalidInput,
                    "config file " + path + ": unknown key '" + std::string(key.str()) + "'");
            }
        }
    }
    if (!Env("KENSA_DB").empty()) {
        c.db = Env("KENSA_DB");
    }
    if (!Env("KENSA_LISTEN").empty()) {
        c.listen = Env("KENSA_LISTEN");
    }
    if (!Env("KENSA_MASTER_KEY_FILE").empty()) {
        c.master_key_file = Env("KENSA_MASTER_KEY_FILE");
    }
    if (!Env("KENSA_LOG_LEVEL").empty()) {
        c.log_level = Env("KENSA_LOG_LEVEL");
    }
    if (!Env("KENSA_LOG_FORMAT").empty()) {
        c.log_format = Env("KENSA_LOG_FORMAT");
    }
    if (!Env("KENSA_SCHEDULER").empty()) {
        KENSA_ASSIGN_OR_RETURN(c.scheduler_enabled,
                               ParseBool(Env("KENSA_SCHEDULER"), "KENSA_SCHEDULER"));
    }
    if (!Env("KENSA_HTTPS_FRONT").empty()) {
        KENSA_ASSIGN_OR_RETURN(c.https_front,
                               ParseBool(Env("KENSA_HTTPS_FRONT"), "KENSA_HTTPS_FRONT"));
    }
    if (!Env("KENSA_CONSOLE_DIR").empty()) {
        c.console_dir = Env("KENSA_CONSOLE_DIR");
    }
    if (!Env("KENSA_HTTP_THREADS").empty()) {
        c.http_threads = std::atoi(Env("KENSA_HTTP_THREADS").c_str());
    }
    if (!Env("KENSA_AWS_MAX_ATTEMPTS").empty()) {
        c.aws_max_attempts = std::atoi(Env("KENSA_AWS_MAX_ATTEMPTS").c_str());
    }
    for (const auto& entry : c.aws_endpoint_allowlist) {
        if (!Trim(entry).empty()) {  // "a,,b" and a trailing comma name nothing more
            KENSA_TRY(aws::EndpointAllowlist::CheckEntry(entry));
        }
    }
    if (!Env("KENSA_AWS_MAX_PAGES").empty()) {
        c.aws_max_pages = std::atoi(Env("KENSA_AWS_MAX_PAGES").c_str());
    }
    if (c.aws_max_pages < 1) {
        return Error(ErrorCode::kInvalidInput, "aws max_pages must be at least 1");
    }
    if (!Env("KENSA_SBOM_POLL_MS").empty()) {
        c.sbom_poll_ms = std::atoi(Env("KENSA_SBOM_POLL_MS").c_str());
    }
    if (!Env("KENSA_SBOM_TIMEOUT_SECONDS").empty()) {
        c.sbom_timeout_seconds = std::atoi(Env("KENSA_SBOM_TIMEOUT_SECONDS").c_str());
    }
    if (!Env("KENSA_SBOM_MAX_COMPONENTS").empty()) {
        c.sbom_max_components = std::atoi(Env("KENSA_SBOM_MAX_COMPONENTS").c_str());
    }
    if (c.sbom_max_components < 1) {
        return Error(ErrorCode::kInvalidInput, "sbom max_components must be at least 1");
    }
    if (!Env("KENSA_AWS_ENDPOINT_ALLOWLIST").empty()) {
        c.aws_endpoint_allowlist = Split(Env("KENSA_AWS_ENDPOINT_ALLOWLIST"), ',');
    }
    if (!Env("KENSA_VULS_WATCH_DIR").empty()) {
        c.vuls_watch_dir = Env("KENSA_VULS_WATCH_DIR");
    }
    if (!Env("KENSA_VULS_WATCH_SECONDS").empty()) {
        c.vuls_watch_seconds = std::atoi(Env("KENSA_VULS_WATCH_SECONDS").c_str());
    }
    if (c.vuls_watch_seconds < 1 || c.vuls_watch_seconds > 3600) {
        return Error(ErrorCode::kInvalidInput, "vuls watch_seconds must be between 1 and 3600");
    }
    if (!Env("KENSA_SCAN_WORKERS").empty()) {
        c.scan_workers = std::atoi(Env("KENSA_SCAN_WORKERS").c_str());
    }
    if (c.scan_workers < 1 || c.scan_workers > 64) {
        return Error(ErrorCode::kInvalidInput, "scan workers must be between 1 and 64");
    }
    if (c.sbom_poll_ms < 1 || c.sbom_poll_ms > 600000) {
        return Error(ErrorCode::kInvalidInput, "sbom poll_ms must be between 1 and 600000");
    }
    if (c.sbom_timeout_seconds < 1) {
        return Error(ErrorCode::kInvalidInput, "sbom timeout_seconds must be at least 1");
    }
    if (c.aws_max_attempts < 1 || c.aws_max_attempts > 20) {
        return Error(ErrorCode::kInvalidInput, "aws max_attempts must be between 1 and 20");
    }
    if (c.http_threads < 1 || c.http_threads > 1024) {
        return Error(ErrorCode::kInvalidInput, "http threads must be between 1 and 1024");
    }
    if (c.scheduler_tick_seconds < 1) {
        return Error(ErrorCode::kInvalidInput, "scheduler tick_seconds must be at least 1");
    }
    return c;
}

std::string MasterKeyFile(const Config& config) {
    if (!config.master_key_file.empty()) {
        return config.master_key_file;
    }
    if (StartsWith(config.db, "sqlite:") && config.db != "sqlite::memory:") {
        return config.db.substr(7) + ".master.key";
    }
    return "kensa-master.key";
}

Result<std::pair<std::string, int>> ParseListen(const std::string& listen) {
    size_t colon = listen.rfind(':');
    if (colon == std::string::npos || colon == 0) {
        return Error(ErrorCode::kInvalidInput,
                     "--listen must be HOST:PORT, e.g. 127.0.0.1:8080, not '" + listen + "'");
    }
    std::string host = listen.substr(0, colon);
    std::string port = listen.substr(colon + 1);
    if (port.empty() || port.size() > 5 || !std::all_of(port.begin(), port.end(), ::isdigit) ||
        std::stoi(port) > 65535) {
        return Error(ErrorCode::kInvalidInput, "--listen port must be 0-65535, not '" + port + "'");
    }
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
        host = host.substr(1, host.size() - 2);
    }
    return std::make_pair(host, std::stoi(port));
}

Status ApplyLogging(const Config& config) {
    log::Level level;
    if (!log::ParseLevel(config.log_level, &level)) {
        return Error(
            ErrorCode::kInvalidInput,
            "log level must be debug, info, warn or error, not '" + config.log_level + "'");
    }
    log::SetLevel(level);
    if (config.log_format == "json") {
        log::SetJson(true);
    } else if (config.log_format == "text") {
        log::SetJson(false);
    } else if (config.log_format != "auto") {
        return Error(ErrorCode::kInvalidInput, "log format must be auto, json or text");
    }
    return Ok();
}

std::string RedactPassword(std::string_view connection) {
    std::string out(connection);
    auto scheme = out.find("://");
    if (scheme != std::string::npos) {
        // scheme://user:password@host — the user-info ends at the last '@' before the path.
        auto authority_end = out.find_first_of("/?#", scheme + 3);
        auto at = out.rfind('@', authority_end == std::string::npos ? out.size() : authority_end);
        if (at != std::string::npos && at > scheme) {
            auto colon = out.find(':', scheme + 3);
            if (colon != std::string::npos && colon < at) {
                out.replace(colon + 1, at - colon - 1, "****");
            }
        }
    }
    // Keyword form ("password = 'a b'", libpq allows spaces around '=' and quoted values) and
    // URL query ("?password=x&..."): the value up to its closing quote, else a space or '&'.
    for (size_t pos = out.find("password"); pos != std::string::npos;
         pos = out.find("password", pos + 1)) {
        size_t eq = out.find_first_not_of(' ', pos + 8);
        if (eq == std::string::npos || out[eq] != '=') {
            continue;
        }
        size_t start = out.find_first_not_of(' ', eq + 1);
        if (start == std::string::npos) {
            break;
        }
        size_t end = std::string::npos;
        if (out[start] == '\'') {
            for (end = start + 1; end < out.size() && out[end] != '\''; ++end) {
                end += out[end] == '\\' ? 1 : 0;  // \' inside a quoted value
            }
            end = std::min(end + 1, out.size());
        } else {
            end = out.find_first_of(" &", start);
        }
        out.replace(start, (end == std::string::npos ? out.size() : end) - start, "****");
    }
    return out;
}

}  // namespace kensa::server
