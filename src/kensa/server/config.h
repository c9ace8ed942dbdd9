#pragma once
// Configuration of `kensa serve` and of the CLI commands that open the database.
// Precedence: command-line flags > KENSA_* environment variables > TOML file > defaults.
//
// Example kensa.toml:
//   db = "sqlite:/var/lib/kensa/kensa.db"      # or "postgresql://kensa@db/kensa"
//   listen = "127.0.0.1:8080"
//   master_key_file = "/var/lib/kensa/master.key"
//   [log]
//   level = "info"            # debug | info | warn | error
//   format = "auto"           # auto (JSON when stderr is not a TTY) | json | text
//   [scheduler]
//   enabled = true
//   tick_seconds = 30
//   [http]
//   threads = 256
//   [scan]
//   workers = 4               # servers of a group scan read from AWS at once
//   [aws]
//   max_attempts = 5          # per AWS call, AWS "standard" retry mode
//   max_pages = 100000        # per listing; endless nextTokens end here
//   endpoint_allowlist = ["127.0.0.1:4566"]  # custom endpoint hosts besides AWS's own
//   [vuls]
//   watch_dir = "/var/lib/kensa/vuls"  # <watch_dir>/<group id or name>/*.json are imported
//   watch_seconds = 10

#include <string>
#include <string_view>
#include <vector>

#include "kensa/common/error.h"

namespace kensa::server {

struct Config {
    std::string db = "sqlite:kensa.db";     ///< KENSA_DB
    std::string listen = "127.0.0.1:8080";  ///< KENSA_LISTEN, HOST:PORT (port 0 = any free port)
    std::string master_key_file;  ///< KENSA_MASTER_KEY_FILE; default: beside the SQLite file, else
                                  ///< ./kensa-master.key
    std::string log_level = "info";   ///< KENSA_LOG_LEVEL
    std::string log_format = "auto";  ///< KENSA_LOG_FORMAT
    bool scheduler_enabled = true;    ///< KENSA_SCHEDULER=on|off
    int scheduler_tick_seconds = 30;
    /// KENSA_HTTP_THREADS. The HTTP server gives each kept-alive connection a thread, and a
    /// connection beyond the count waits for one: with 16, bench/ measured p99 of 2-8 s at 256
    /// connections. The threads wait on sockets and the store's connection pool, so many are cheap.
    int http_threads = 256;
    /// The web console's built files, served at "/" ([http] console_dir, KENSA_CONSOLE_DIR).
    /// Empty: "<directory of the kensa binary>/../share/kensa/console", where `make` puts them.
    std::string console_dir;
    /// Clients reach kensa through a TLS-terminating proxy ([http] https_front,
    /// KENSA_HTTPS_FRONT=on): session cookies are then Secure.
    bool https_front = false;
    /// Servers a group's Inspector scan reads from AWS at once (KENSA_SCAN_WORKERS, [scan]
    /// workers).
    int scan_workers = 4;
    /// Attempts per AWS call in kensa's scans (KENSA_AWS_MAX_ATTEMPTS, [aws] max_attempts). The
    /// client library's default is AWS's 3; scans read hundreds of pages, so kensa allows 5.
    int aws_max_attempts = 5;
    /// Pages one AWS listing may fetch before the run fails with "more than N pages"
    /// (KENSA_AWS_MAX_PAGES, [aws] max_pages): a hostile endpoint's endless distinct nextTokens end
    /// there.
    int aws_max_pages = 100000;
    /// SBOM export: first poll interval of GetSbomExport (doubling up to 30 s), and how long to
    /// wait before CancelSbomExport ([sbom] poll_ms, timeout_seconds; KENSA_SBOM_POLL_MS,
    /// KENSA_SBOM_TIMEOUT_SECONDS).
    int sbom_poll_ms = 2000;
    int sbom_timeout_seconds = 2 * 3600;
    /// Components one resource's SBOM may list ([sbom] max_components, KENSA_SBOM_MAX_COMPONENTS);
    /// its software is reconciled in one transaction, so it is held in memory (~1 KiB each).
    int sbom_max_components = 500000;
    /// Hosts ("host" or "host:port") a group's custom AWS endpoint URL may name, besides AWS's
    /// own https endpoints ([aws] endpoint_allowlist, a list of strings;
    /// KENSA_AWS_ENDPOINT_ALLOWLIST, comma-separated). Empty: AWS's own endpoints only. A host
    /// on the list may resolve to a private or loopback address (an emulator, a VPC endpoint).
    std::vector<std::string> aws_endpoint_allowlist;
    /// KENSA_VULS_WATCH_DIR: `kensa serve` imports the Vuls results dropped in
    /// <vuls_watch_dir>/<group id or name>/ (empty: no watched directory).
    std::string vuls_watch_dir;
    int vuls_watch_seconds = 10;  ///< KENSA_VULS_WATCH_SECONDS
};

/// Loads the TOML file (if path non-empty; KENSA_CONFIG otherwise) and the environment.
/// kInvalidInput naming the file, key and problem for a bad file or value.
Result<Config> LoadConfig(const std::string& toml_path);

/// The master key file to use for a config (explicit, or derived from the DB location).
std::string MasterKeyFile(const Config& config);

/// Splits "HOST:PORT"; kInvalidInput otherwise.
Result<std::pair<std::string, int>> ParseListen(const std::string& listen);

/// Applies log level and format; kInvalidInput for unknown values.
Status ApplyLogging(const Config& config);

/// A connection string with its password masked, for messages and logs:
/// "postgresql://kensa:****@db/kensa", "host=db password=**** dbname=kensa".
std::string RedactPassword(std::string_view connection);

}  // namespace kensa::server
