// Shared helpers of the floor programs (parse_floor.cpp, insert_floor.cpp): collect the SBOM
// files named on the command line (files, or directories walked recursively for *.json) and
// read them into simdjson's padded buffers. Header-only so each floor stays one small program.
#pragma once

#include <simdjson.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace bench {

inline std::vector<std::string> CollectFiles(const std::vector<std::string>& args) {
    std::vector<std::string> files;
    for (const auto& a : args) {
        std::error_code ec;
        if (std::filesystem::is_directory(a, ec)) {
            for (const auto& e : std::filesystem::recursive_directory_iterator(a)) {
                if (e.is_regular_file() && e.path().extension() == ".json") {
                    files.push_back(e.path().string());
                }
            }
        } else {
            files.push_back(a);
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

struct Loaded {
    std::vector<simdjson::padded_string> docs;
    size_t bytes = 0;
    double read_seconds = 0;
};

/// Reads every file; exits with a message naming the file when one cannot be read.
inline Loaded LoadAll(const std::vector<std::string>& files, const char* program) {
    Loaded l;
    auto t0 = std::chrono::steady_clock::now();
    l.docs.reserve(files.size());
    for (const auto& f : files) {
        auto r = simdjson::padded_string::load(f);
        if (r.error()) {
            std::fprintf(stderr,
                         "%s: cannot read %s: %s\n",
                         program,
                         f.c_str(),
                         simdjson::error_message(r.error()));
            std::exit(1);
        }
        l.bytes += r.value().size();
        l.docs.push_back(std::move(r.value()));
    }
    l.read_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return l;
}

/// The component array of a document: CycloneDX "components", SPDX "packages".
inline simdjson::dom::array Components(const simdjson::dom::element& doc) {
    simdjson::dom::array arr;
    if (doc["components"].get(arr) == simdjson::SUCCESS) {
        return arr;
    }
    if (doc["packages"].get(arr) == simdjson::SUCCESS) {
        return arr;
    }
    return {};
}

/// The purl of a component: CycloneDX "purl", SPDX externalRefs[referenceType == "purl"].
inline std::string_view Purl(const simdjson::dom::element& c) {
    std::string_view purl;
    if (c["purl"].get(purl) == simdjson::SUCCESS) {
        return purl;
    }
    simdjson::dom::array refs;
    if (c["externalRefs"].get(refs) == simdjson::SUCCESS) {
        for (auto ref : refs) {
            std::string_view type;
            if (ref["referenceType"].get(type) == simdjson::SUCCESS && type == "purl" &&
                ref["referenceLocator"].get(purl) == simdjson::SUCCESS) {
                return purl;
            }
        }
    }
    return {};
}

inline double Seconds(std::chrono::steady_clock::time_point a,
                      std::chrono::steady_clock::time_point b) {
    return std::chrono::duration<double>(b - a).count();
}

inline long PeakRssKib() {
    struct rusage ru {};
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

}  // namespace bench
