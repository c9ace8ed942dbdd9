// kensa-bench-parse-floor: the parse floor of scenario (a). simdjson's DOM parser alone over
// the same SBOM bytes kensa imported: every document parsed, every component's name and purl
// read. Files are read into memory first (not timed). Prints one JSON object:
//   {"files", "bytes", "components", "read_seconds", "parse_seconds" (best of --repeat),
//    "parse_seconds_all": [...], "components_per_second", "mib_per_second", "peak_rss_kib"}
//   usage: kensa-bench-parse-floor [--repeat N] FILE_OR_DIR...
#include <cstdlib>
#include <string>
#include <vector>

#include "floor_common.h"

int main(int argc, char** argv) {
    int repeat = 3;
    std::vector<std::string> args;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--repeat" && i + 1 < argc) {
            repeat = std::max(1, std::atoi(argv[++i]));
        } else if (a == "--help" || a == "-h") {
            std::printf("usage: kensa-bench-parse-floor [--repeat N] FILE_OR_DIR...\n");
            return 0;
        } else {
            args.push_back(a);
        }
    }
    std::vector<std::string> files = bench::CollectFiles(args);
    if (files.empty()) {
        std::fprintf(stderr, "kensa-bench-parse-floor: no SBOM files given\n");
        return 2;
    }
    bench::Loaded loaded = bench::LoadAll(files, "kensa-bench-parse-floor");

    simdjson::dom::parser parser;
    std::vector<double> times;
    size_t components = 0;
    size_t checksum = 0;  // keeps the reads from being optimised away
    for (int r = 0; r < repeat; ++r) {
        components = 0;
        auto t0 = std::chrono::steady_clock::now();
        for (const auto& doc : loaded.docs) {
            simdjson::dom::element root;
            if (auto err = parser.parse(doc).get(root); err) {
                std::fprintf(stderr,
                             "kensa-bench-parse-floor: parse error: %s\n",
                             simdjson::error_message(err));
                return 1;
            }
            for (auto c : bench::Components(root)) {
                std::string_view name;
                if (c["name"].get(name) == simdjson::SUCCESS) {
                    checksum += name.size();
                }
                checksum += bench::Purl(c).size();
                ++components;
            }
        }
        times.push_back(bench::Seconds(t0, std::chrono::steady_clock::now()));
    }
    double best = *std::min_element(times.begin(), times.end());
    std::string all;
    for (double t : times) {
        all += (all.empty() ? "" : ", ") + std::to_string(t);
    }
    std::printf(
        "{\"files\": %zu, \"bytes\": %zu, \"components\": %zu, \"read_seconds\": %.6f, "
        "\"parse_seconds\": %.6f, "
        "\"parse_seconds_all\": [%s], \"components_per_second\": %.1f, \"mib_per_second\": %.1f, "
        "\"peak_rss_kib\": %ld, \"checksum\": %zu}\n",
        files.size(),
        loaded.bytes,
        components,
        loaded.read_seconds,
        best,
        all.c_str(),
        best > 0 ? static_cast<double>(components) / best : 0.0,
        best > 0 ? static_cast<double>(loaded.bytes) / (1 << 20) / best : 0.0,
        bench::PeakRssKib(),
        checksum);
    return 0;
}
