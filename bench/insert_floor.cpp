// kensa-bench-insert-floor: the insert floor of scenario (a). SQLite inserting the component
// rows of the same SBOM files into a table shaped like kensa's `software` table (columns and
// indexes of src/kensa/store/migrations/sqlite/0001_initial.sql, without the foreign keys), with
// one prepared statement in one transaction, under kensa's pragmas (WAL, synchronous=NORMAL).
// The documents are parsed with simdjson first (not timed: that is the parse floor); one
// document is one server. Each repeat starts from a fresh database file. Prints one JSON object:
//   {"files", "components", "rows_inserted", "insert_seconds" (best of --repeat),
//    "insert_seconds_all": [...], "rows_per_second", "db_bytes", "peak_rss_kib"}
//   usage: kensa-bench-insert-floor --db PATH [--repeat N] FILE_OR_DIR...
#include <sqlite3.h>
#include <unistd.h>

#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include "floor_common.h"

namespace {

// Kept in step with the software table of migrations/sqlite/0001_initial.sql (foreign keys
// dropped: the floor has no servers table).
const char* kSchema = R"sql(
CREATE TABLE software (
  id INTEGER PRIMARY KEY,
  server_id INTEGER NOT NULL,
  lambda_function_id INTEGER,
  name TEXT NOT NULL,
  version TEXT NOT NULL DEFAULT '',
  release TEXT NOT NULL DEFAULT '',
  epoch INTEGER NOT NULL DEFAULT 0,
  arch TEXT NOT NULL DEFAULT '',
  path TEXT NOT NULL DEFAULT '',
  type TEXT NOT NULL,
  ecosystem TEXT NOT NULL DEFAULT '',
  package_manager TEXT NOT NULL DEFAULT '',
  purl TEXT NOT NULL DEFAULT '',
  license TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL,
  managed_by TEXT NOT NULL DEFAULT 'normal',
  first_seen INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  removed_at INTEGER
);
CREATE UNIQUE INDEX software_identity ON software(server_id, source, COALESCE(lambda_function_id, 0), name, version, release, epoch, arch, path);
CREATE INDEX software_name ON software(name);
)sql";

struct Row {
    int64_t server_id;
    std::string name;
    std::string version;
    std::string type;
    std::string ecosystem;
    std::string purl;
};

// pkg:TYPE/NAMESPACE/NAME@VERSION?QUALIFIERS#SUBPATH: the type and the (still encoded) version.
void SplitPurl(std::string_view purl, std::string* type, std::string* version) {
    if (purl.substr(0, 4) == "pkg:") {
        purl.remove_prefix(4);
    }
    size_t slash = purl.find('/');
    *type = std::string(purl.substr(0, slash));
    size_t at = purl.rfind('@');
    if (at == std::string_view::npos || (slash != std::string_view::npos && at < slash)) {
        version->clear();
        return;
    }
    std::string_view v = purl.substr(at + 1);
    *version = std::string(v.substr(0, v.find_first_of("?#")));
}

bool Check(int rc, sqlite3* db, const char* what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
        std::fprintf(stderr, "kensa-bench-insert-floor: %s: %s\n", what, sqlite3_errmsg(db));
        return false;
    }
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    int repeat = 3;
    std::string db_path;
    std::vector<std::string> args;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--repeat" && i + 1 < argc) {
            repeat = std::max(1, std::atoi(argv[++i]));
        } else if (a == "--db" && i + 1 < argc) {
            db_path = argv[++i];
        } else if (a == "--help" || a == "-h") {
            std::printf("usage: kensa-bench-insert-floor --db PATH [--repeat N] FILE_OR_DIR...\n");
            return 0;
        } else {
            args.push_back(a);
        }
    }
    std::vector<std::string> files = bench::CollectFiles(args);
    if (files.empty() || db_path.empty()) {
        std::fprintf(stderr,
                     "usage: kensa-bench-insert-floor --db PATH [--repeat N] FILE_OR_DIR...\n");
        return 2;
    }
    bench::Loaded loaded = bench::LoadAll(files, "kensa-bench-insert-floor");

    std::vector<Row> rows;
    {
        simdjson::dom::parser parser;
        int64_t server = 0;
        for (const auto& doc : loaded.docs) {
            ++server;
            simdjson::dom::element root;
            if (auto err = parser.parse(doc).get(root); err) {
                std::fprintf(stderr,
                             "kensa-bench-insert-floor: parse error: %s\n",
                             simdjson::error_message(err));
                return 1;
            }
            for (auto c : bench::Components(root)) {
                Row r;
                r.server_id = server;
                std::string_view s;
                if (c["name"].get(s) == simdjson::SUCCESS) {
                    r.name = std::string(s);
                }
                std::string_view type;
                r.type = c["type"].get(type) == simdjson::SUCCESS && type == "application"
                             ? "os_pkg"
                             : "library";
                r.purl = std::string(bench::Purl(c));
                SplitPurl(r.purl, &r.ecosystem, &r.version);
                rows.push_back(std::move(r));
            }
        }
    }
    loaded.docs.clear();
    loaded.docs.shrink_to_fit();

    std::vector<double> times;
    int64_t inserted = 0;
    long long db_bytes = 0;
    const int64_t now = static_cast<int64_t>(std::time(nullptr));
    for (int rep = 0; rep < repeat; ++rep) {
        for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
            unlink((db_path + suffix).c_str());
        }
        sqlite3* db = nullptr;
        if (sqlite3_open(db_path.c_str(), &db) != SQLITE_OK) {
            std::fprintf(stderr, "kensa-bench-insert-floor: cannot open %s\n", db_path.c_str());
            return 1;
        }
        if (!Check(sqlite3_exec(db,
                                "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;",
                                nullptr,
                                nullptr,
                                nullptr),
                   db,
                   "pragmas") ||
            !Check(sqlite3_exec(db, kSchema, nullptr, nullptr, nullptr), db, "schema")) {
            return 1;
        }
        auto t0 = std::chrono::steady_clock::now();
        sqlite3_stmt* st = nullptr;
        if (!Check(
                sqlite3_prepare_v2(
                    db,
                    "INSERT OR IGNORE INTO software (server_id, name, version, type, ecosystem, "
                    "purl, "
                    "source, managed_by, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, 'sbom', "
                    "'sbom', ?, ?)",
                    -1,
                    &st,
                    nullptr),
                db,
                "prepare") ||
            !Check(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), db, "begin")) {
            return 1;
        }
        inserted = 0;
        for (const auto& r : rows) {
            sqlite3_bind_int64(st, 1, r.server_id);
            sqlite3_bind_text(st, 2, r.name.data(), static_cast<int>(r.name.size()), SQLITE_STATIC);
            sqlite3_bind_text(
                st, 3, r.version.data(), static_cast<int>(r.version.size()), SQLITE_STATIC);
            sqlite3_bind_text(st, 4, r.type.data(), static_cast<int>(r.type.size()), SQLITE_STATIC);
            sqlite3_bind_text(
                st, 5, r.ecosystem.data(), static_cast<int>(r.ecosystem.size()), SQLITE_STATIC);
            sqlite3_bind_text(st, 6, r.purl.data(), static_cast<int>(r.purl.size()), SQLITE_STATIC);
            sqlite3_bind_int64(st, 7, now);
            sqlite3_bind_int64(st, 8, now);
            if (!Check(sqlite3_step(st), db, "insert")) {
                return 1;
            }
            inserted += sqlite3_changes(db);
            sqlite3_reset(st);
        }
        sqlite3_finalize(st);
        if (!Check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit")) {
            return 1;
        }
        times.push_back(bench::Seconds(t0, std::chrono::steady_clock::now()));
        sqlite3_close(db);
        db_bytes = 0;
        for (const char* suffix : {"", "-wal"}) {
            std::error_code ec;
            auto size = std::filesystem::file_size(db_path + suffix, ec);
            db_bytes += ec ? 0 : static_cast<long long>(size);
        }
    }
    double best = *std::min_element(times.begin(), times.end());
    std::string all;
    for (double t : times) {
        all += (all.empty() ? "" : ", ") + std::to_string(t);
    }
    std::printf(
        "{\"files\": %zu, \"components\": %zu, \"rows_inserted\": %lld, \"insert_seconds\": %.6f, "
        "\"insert_seconds_all\": [%s], \"rows_per_second\": %.1f, \"db_bytes\": %lld, "
        "\"peak_rss_kib\": %ld}\n",
        files.size(),
        rows.size(),
        static_cast<long long>(inserted),
        best,
        all.c_str(),
        best > 0 ? static_cast<double>(rows.size()) / best : 0.0,
        db_bytes,
        bench::PeakRssKib());
    return 0;
}
