// kensa-bench-match: scenario (d) of bench/run.sh. Advisory matching of N software rows
// against M synthetic OSV ranges through kensa::advisory::AdvisoryIndex, the index kensa's
// matcher uses. Index build and matching are timed separately; the program prints one JSON
// object on stdout (see bench/README.md for the fields).
//
// The data are synthetic but shaped like OSV: ~50k package names over npm, pypi, maven, golang
// (SEMVER ranges), deb (Debian 12, with source packages) and rpm (AlmaLinux 9, with epochs);
// each package has a ladder of realistic versions in its ecosystem's syntax (pre-releases,
// deb +debNuM revisions, rpm .el9_N releases); advisories have 1-3 affected packages with
// 1-2 ranges each (introduced/fixed, sometimes introduced "0", last_affected or open ended);
// popular packages get many more advisories than rare ones. Software rows mix packages with
// advisories (in and out of the ranges, some on another distro release) and packages without.
//
// A brute-force oracle re-derives the expected matches of a sample of rows from the version
// ladders, so the timing is known to be of correct matching (mismatches are reported, not
// fatal: a benchmark must not fail on them).
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "kensa/advisory/advisory.h"
#include "kensa/advisory/index.h"
#include "kensa/knowledge/purl.h"

namespace {

using kensa::advisory::Advisory;
using kensa::advisory::AdvisoryIndex;
using kensa::advisory::Affected;
using kensa::advisory::Event;
using kensa::advisory::Match;
using kensa::advisory::PackageQuery;
using kensa::advisory::Range;

struct Options {
    int64_t ranges = 200000;
    int64_t packages = 50000;
    int64_t rows = 1000000;
    int threads = 1;
    uint64_t seed = 1;
    int64_t oracle_sample = 20000;
};

enum class Eco { kNpm, kPypi, kMaven, kGolang, kDeb, kRpm };
constexpr int kEcoCount = 6;
const char* const kPurlType[kEcoCount] = {"npm", "pypi", "maven", "golang", "deb", "rpm"};
const char* const kOsvEcosystem[kEcoCount] = {
    "npm", "PyPI", "Maven", "Go", "Debian:12", "AlmaLinux:9"};
const char* const kDistro[kEcoCount] = {"", "", "", "", "debian-12", "almalinux-9"};
const char* const kOtherDistro[kEcoCount] = {"", "", "", "", "debian-11", "almalinux-8"};
// Share of packages per ecosystem, in percent (roughly OSV's mix, OS packages included).
const int kEcoWeight[kEcoCount] = {30, 20, 15, 10, 15, 10};

struct Package {
    Eco eco = Eco::kNpm;
    std::string osv_name;             ///< as advisories spell it (deb/rpm: the source package)
    std::string binary_name;          ///< deb/rpm binary package built from it; empty otherwise
    std::string query_name;           ///< as an SBOM row names it (pypi: different case/separators)
    std::vector<std::string> ladder;  ///< ascending versions, the ecosystem's syntax (range form)
};

struct OracleRange {
    int introduced = -1;     ///< ladder index; -1 = "0" (every version)
    int fixed = -1;          ///< ladder index; -1 = none
    int last_affected = -1;  ///< ladder index; -1 = none
};

struct OracleEntry {
    uint32_t advisory;
    uint32_t affected;
    std::vector<OracleRange> ranges;
};

struct Row {
    PackageQuery query;
    int package = -1;  ///< -1: a package no advisory names
    int version = -1;  ///< ladder index
    bool other_distro = false;
};

double Seconds(std::chrono::steady_clock::time_point a, std::chrono::steady_clock::time_point b) {
    return std::chrono::duration<double>(b - a).count();
}

long StatusKib(const char* field) {
    std::ifstream in("/proc/self/status");
    std::string line;
    size_t n = std::strlen(field);
    while (std::getline(in, line)) {
        if (line.compare(0, n, field) == 0 && line.size() > n && line[n] == ':') {
            return std::strtol(line.c_str() + n + 1, nullptr, 10);
        }
    }
    return -1;
}

class Generator {
public:
    explicit Generator(const Options& o) : o_(o), rng_(o.seed) {}

    std::vector<Package> Packages() {
        std::vector<Package> out;
        out.reserve(static_cast<size_t>(o_.packages));
        for (int64_t p = 0; p < o_.packages; ++p) {
            out.push_back(MakePackage(p));
        }
        return out;
    }

    // Advisories until `ranges` ranges exist; fills the oracle's view per package.
    std::vector<Advisory> Advisories(const std::vector<Package>& pkgs,
                                     std::vector<std::vector<OracleEntry>>* by_package,
                                     int64_t* range_count) {
        std::vector<Advisory> out;
        by_package->assign(pkgs.size(), {});
        int64_t ranges = 0;
        while (ranges < o_.ranges) {
            Advisory adv;
            auto idx = static_cast<uint32_t>(out.size());
            adv.id = "BENCH-" + std::to_string(2000 + idx % 25) + "-" + std::to_string(idx);
            adv.modified = "2025-01-01T00:00:00Z";
            adv.summary = "synthetic advisory " + std::to_string(idx);
            adv.severity = kSeverities[Pick(4)];
            adv.aliases.push_back("CVE-2099-" + std::to_string(100000 + idx));
            int affected = 1 + static_cast<int>(Chance(0.25)) + static_cast<int>(Chance(0.10));
            std::set<int> used;
            for (int a = 0; a < affected && ranges < o_.ranges; ++a) {
                int p = Popular(pkgs.size());
                if (!used.insert(p).second) {
                    continue;
                }
                const Package& pkg = pkgs[static_cast<size_t>(p)];
                Affected aff;
                int e = static_cast<int>(pkg.eco);
                aff.osv_ecosystem = kOsvEcosystem[e];
                aff.ecosystem = kPurlType[e];
                aff.distro = kDistro[e];
                aff.package = pkg.osv_name;
                aff.normalized = kensa::knowledge::NormalizePackageName(aff.ecosystem, aff.package);
                if (pkg.eco == Eco::kMaven) {
                    std::replace(
                        aff.normalized.begin(), aff.normalized.end(), ':', '/');  // as osv.cpp does
                }
                OracleEntry oe{idx, static_cast<uint32_t>(adv.affected.size()), {}};
                int nranges = Chance(0.2) ? 2 : 1;
                int n = static_cast<int>(pkg.ladder.size());
                // Two ranges are disjoint: the second starts after the first one's end.
                int lo = 0;
                for (int r = 0; r < nranges && lo < n - 1 && ranges < o_.ranges; ++r) {
                    OracleRange orr;
                    Range range;
                    range.type = pkg.eco == Eco::kGolang ? "SEMVER" : "ECOSYSTEM";
                    if (r == 0 && Chance(0.2)) {
                        range.events.push_back({Event::Kind::kIntroduced, "0"});
                    } else {
                        orr.introduced =
                            lo +
                            static_cast<int>(Pick(static_cast<size_t>(std::max(1, (n - lo) / 2))));
                        range.events.push_back({Event::Kind::kIntroduced,
                                                pkg.ladder[static_cast<size_t>(orr.introduced)]});
                    }
                    int start = std::max(orr.introduced, lo);
                    double end_kind = Uniform();
                    int end = start + 1 +
                              static_cast<int>(
                                  Pick(static_cast<size_t>(std::max(1, (n - start - 1) / 2))));
                    end = std::min(end, n - 1);
                    if (end_kind < 0.85) {
                        orr.fixed = end;
                        range.events.push_back(
                            {Event::Kind::kFixed, pkg.ladder[static_cast<size_t>(end)]});
                        lo = end + 1;
                    } else if (end_kind < 0.95) {
                        orr.last_affected = end;
                        range.events.push_back(
                            {Event::Kind::kLastAffected, pkg.ladder[static_cast<size_t>(end)]});
                        lo = end + 1;
                    } else {
                        lo = n;  // open ended: nothing may follow
                    }
                    aff.ranges.push_back(std::move(range));
                    oe.ranges.push_back(orr);
                    ++ranges;
                }
                if (aff.ranges.empty()) {
                    continue;
                }
                (*by_package)[static_cast<size_t>(p)].push_back(std::move(oe));
                adv.affected.push_back(std::move(aff));
            }
            if (adv.affected.empty()) {
                continue;
            }
            adv.references.push_back("https://example.invalid/advisories/" + adv.id);
            out.push_back(std::move(adv));
        }
        *range_count = ranges;
        return out;
    }

    std::vector<Row> Rows(const std::vector<Package>& pkgs, int64_t* rows_named) {
        std::vector<Row> out;
        out.reserve(static_cast<size_t>(o_.rows));
        int64_t named = 0;
        for (int64_t i = 0; i < o_.rows; ++i) {
            Row row;
            if (Chance(0.65)) {
                int p = Popular(pkgs.size());
                const Package& pkg = pkgs[static_cast<size_t>(p)];
                row.package = p;
                row.version = static_cast<int>(Pick(pkg.ladder.size()));
                int e = static_cast<int>(pkg.eco);
                row.query.ecosystem = kPurlType[e];
                row.query.version = QueryVersion(pkg, static_cast<size_t>(row.version));
                if (pkg.eco == Eco::kDeb || pkg.eco == Eco::kRpm) {
                    row.other_distro = Chance(0.1);
                    row.query.distro = row.other_distro ? kOtherDistro[e] : kDistro[e];
                    if (Chance(0.5)) {
                        row.query.name = pkg.binary_name;
                        row.query.source_names.push_back(pkg.osv_name);
                    } else {
                        row.query.name = pkg.osv_name;
                    }
                } else {
                    row.query.name = pkg.query_name;
                }
                ++named;
            } else {
                // A package no advisory names (most of an SBOM): same ecosystems and versions.
                int e = static_cast<int>(PickEco());
                row.query.ecosystem = kPurlType[e];
                row.query.distro = kDistro[e];
                row.query.name = "unlisted-" + std::to_string(Pick(200000));
                row.query.version = e == static_cast<int>(Eco::kGolang) ? "v1.4.2" : "1.4.2";
                if (e == static_cast<int>(Eco::kDeb) || e == static_cast<int>(Eco::kRpm)) {
                    row.query.version += "-1";
                }
            }
            out.push_back(std::move(row));
        }
        *rows_named = named;
        return out;
    }

private:
    static constexpr const char* kSeverities[4] = {"CRITICAL", "HIGH", "MEDIUM", "LOW"};

    double Uniform() { return std::uniform_real_distribution<double>(0, 1)(rng_); }
    bool Chance(double p) { return Uniform() < p; }
    size_t Pick(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }
    // Skewed choice: index 0 is the most popular (openssl, lodash); density ~ 1/sqrt(x).
    int Popular(size_t n) {
        double u = Uniform();
        return static_cast<int>(std::min<double>(static_cast<double>(n) - 1,
                                                 std::floor(u * u * static_cast<double>(n))));
    }
    Eco PickEco() {
        int r = static_cast<int>(Pick(100));
        for (int e = 0; e < kEcoCount; ++e) {
            if (r < kEcoWeight[e]) {
                return static_cast<Eco>(e);
            }
            r -= kEcoWeight[e];
        }
        return Eco::kNpm;
    }

    Package MakePackage(int64_t p) {
        Package pkg;
        pkg.eco = PickEco();
        std::string n = std::to_string(p);
        switch (pkg.eco) {
            case Eco::kNpm:
                pkg.osv_name = pkg.query_name = "pkg-" + n + "-js";
                break;
            case Eco::kPypi:
                pkg.osv_name = "Py_Pkg." + n;  // advisories and SBOMs spell PyPI names differently
                pkg.query_name = "py-pkg-" + n;
                break;
            case Eco::kMaven:
                pkg.osv_name = "org.example" + std::to_string(p % 97) + ":artifact-" + n;
                pkg.query_name = "org.example" + std::to_string(p % 97) + "/artifact-" + n;
                break;
            case Eco::kGolang:
                pkg.osv_name = pkg.query_name =
                    "github.com/org" + std::to_string(p % 211) + "/mod" + n;
                break;
            case Eco::kDeb:
                pkg.osv_name = pkg.query_name = "src" + n;
                pkg.binary_name = "lib" + n + "-2";
                break;
            case Eco::kRpm:
                pkg.osv_name = pkg.query_name = "pkg" + n;
                pkg.binary_name = "pkg" + n + "-libs";
                break;
        }
        MakeLadder(&pkg);
        return pkg;
    }

    // 12-40 ascending versions: mostly patch bumps, some minor and major bumps, with the
    // ecosystem's pre-releases and distro revisions in between.
    void MakeLadder(Package* pkg) {
        int count = 12 + static_cast<int>(Pick(29));
        int major = static_cast<int>(Pick(6));
        int minor = static_cast<int>(Pick(10));
        int patch = 0;
        std::string epoch = Chance(0.15) ? "1:" : "";
        while (static_cast<int>(pkg->ladder.size()) < count) {
            std::string base =
                std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
            switch (pkg->eco) {
                case Eco::kNpm:
                case Eco::kGolang:
                    if (Chance(0.1)) {
                        pkg->ladder.push_back(base + "-rc.1");
                    }
                    pkg->ladder.push_back(base);
                    break;
                case Eco::kPypi:
                    if (Chance(0.1)) {
                        pkg->ladder.push_back(base + "rc1");
                    }
                    pkg->ladder.push_back(base);
                    if (Chance(0.05)) {
                        pkg->ladder.push_back(base + ".post1");
                    }
                    break;
                case Eco::kMaven:
                    pkg->ladder.push_back(base);
                    break;
                case Eco::kDeb: {
                    std::string v = epoch + base + "-" + std::to_string(1 + Pick(3));
                    pkg->ladder.push_back(v);
                    int updates = static_cast<int>(Pick(3));
                    for (int u = 1; u <= updates; ++u) {
                        pkg->ladder.push_back(v + "+deb12u" + std::to_string(u));
                    }
                    break;
                }
                case Eco::kRpm: {
                    std::string v = epoch + base + "-" + std::to_string(1 + Pick(30));
                    pkg->ladder.push_back(v + ".el9");
                    int updates = static_cast<int>(Pick(3));
                    for (int u = 1; u <= updates; ++u) {
                        pkg->ladder.push_back(v + ".el9_" + std::to_string(u));
                    }
                    break;
                }
            }
            double r = Uniform();
            if (r < 0.05) {
                ++major;
                minor = 0;
                patch = 0;
            } else if (r < 0.25) {
                ++minor;
                patch = 0;
            } else {
                ++patch;
            }
        }
    }

    static std::string QueryVersion(const Package& pkg, size_t i) {
        return pkg.eco == Eco::kGolang ? "v" + pkg.ladder[i] : pkg.ladder[i];
    }

    const Options& o_;
    std::mt19937_64 rng_;
};

bool OracleAffected(const OracleRange& r, int v) {
    bool in = r.introduced < 0 || v >= r.introduced;
    if (r.fixed >= 0 && v >= r.fixed) {
        in = false;
    }
    if (r.last_affected >= 0 && v > r.last_affected) {
        in = false;
    }
    return in;
}

int64_t ArgInt(const char* v, const char* name) {
    char* end = nullptr;
    long long n = std::strtoll(v, &end, 10);
    if (end == v || *end != '\0' || n < 0) {
        std::fprintf(
            stderr, "kensa-bench-match: %s wants a non-negative integer, got '%s'\n", name, v);
        std::exit(2);
    }
    return n;
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto next = [&]() -> const char* {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "kensa-bench-match: %s needs a value\n", a.c_str());
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "--ranges") {
            o.ranges = ArgInt(next(), "--ranges");
        } else if (a == "--packages") {
            o.packages = std::max<int64_t>(1, ArgInt(next(), "--packages"));
        } else if (a == "--rows") {
            o.rows = ArgInt(next(), "--rows");
        } else if (a == "--threads") {
            o.threads = static_cast<int>(std::max<int64_t>(1, ArgInt(next(), "--threads")));
        } else if (a == "--seed") {
            o.seed = static_cast<uint64_t>(ArgInt(next(), "--seed"));
        } else if (a == "--oracle-sample") {
            o.oracle_sample = ArgInt(next(), "--oracle-sample");
        } else {
            std::fprintf(
                stderr,
                "usage: kensa-bench-match [--ranges N] [--packages N] [--rows N] [--threads N] "
                "[--seed S]\n"
                "                         [--oracle-sample N]\n"
                "Prints one JSON object: index build and matching times, matches, peak RSS.\n");
            return a == "--help" || a == "-h" ? 0 : 2;
        }
    }

    // Order: packages, then the advisories and the index (RSS before and after is the index's
    // memory, advisories included since the index owns them), then the software rows.
    auto t0 = std::chrono::steady_clock::now();
    Generator gen(o);
    std::vector<Package> pkgs = gen.Packages();
    long rss_before_index = StatusKib("VmRSS");
    std::vector<std::vector<OracleEntry>> oracle;
    int64_t range_count = 0;
    std::vector<Advisory> advisories = gen.Advisories(pkgs, &oracle, &range_count);
    size_t advisory_count = advisories.size();
    size_t affected_count = 0;
    for (const auto& a : advisories) {
        affected_count += a.affected.size();
    }
    auto t1 = std::chrono::steady_clock::now();
    AdvisoryIndex index;
    for (auto& a : advisories) {
        index.Add(std::move(a));
    }
    auto t2 = std::chrono::steady_clock::now();
    advisories.clear();
    advisories.shrink_to_fit();
    long rss_after_index = StatusKib("VmRSS");
    int64_t rows_named = 0;
    std::vector<Row> rows = gen.Rows(pkgs, &rows_named);
    auto t_rows = std::chrono::steady_clock::now();

    // Matching: rows split in contiguous slices, one per thread; the index is shared.
    std::vector<int64_t> matches_per_thread(static_cast<size_t>(o.threads), 0);
    std::vector<int64_t> hit_rows_per_thread(static_cast<size_t>(o.threads), 0);
    auto t3 = std::chrono::steady_clock::now();
    auto work = [&](int t) {
        size_t begin = rows.size() * static_cast<size_t>(t) / static_cast<size_t>(o.threads);
        size_t end = rows.size() * static_cast<size_t>(t + 1) / static_cast<size_t>(o.threads);
        std::vector<Match> out;
        int64_t matches = 0;
        int64_t hit_rows = 0;
        for (size_t i = begin; i < end; ++i) {
            out.clear();
            index.MatchPackage(rows[i].query, &out);
            matches += static_cast<int64_t>(out.size());
            hit_rows += out.empty() ? 0 : 1;
        }
        matches_per_thread[static_cast<size_t>(t)] = matches;
        hit_rows_per_thread[static_cast<size_t>(t)] = hit_rows;
    };
    if (o.threads == 1) {
        work(0);
    } else {
        std::vector<std::thread> pool;
        for (int t = 0; t < o.threads; ++t) {
            pool.emplace_back(work, t);
        }
        for (auto& th : pool) {
            th.join();
        }
    }
    auto t4 = std::chrono::steady_clock::now();
    int64_t matches = 0;
    int64_t hit_rows = 0;
    for (int t = 0; t < o.threads; ++t) {
        matches += matches_per_thread[static_cast<size_t>(t)];
        hit_rows += hit_rows_per_thread[static_cast<size_t>(t)];
    }

    // Oracle over an evenly spread sample of rows (untimed).
    int64_t sample = 0;
    int64_t mismatched_rows = 0;
    std::string first_mismatch;
    if (o.oracle_sample > 0 && !rows.empty()) {
        size_t step = std::max<size_t>(1, rows.size() / static_cast<size_t>(o.oracle_sample));
        std::vector<Match> out;
        for (size_t i = 0; i < rows.size(); i += step) {
            const Row& row = rows[i];
            ++sample;
            std::multiset<std::string> expected;
            if (row.package >= 0 && !row.other_distro) {
                for (const auto& e : oracle[static_cast<size_t>(row.package)]) {
                    for (const auto& r : e.ranges) {
                        if (OracleAffected(r, row.version)) {
                            expected.insert("BENCH-" + std::to_string(2000 + e.advisory % 25) +
                                            "-" + std::to_string(e.advisory));
                            break;
                        }
                    }
                }
            }
            out.clear();
            index.MatchPackage(row.query, &out);
            std::multiset<std::string> got;
            for (const auto& m : out) {
                got.insert(m.advisory->id);
            }
            if (got != expected) {
                ++mismatched_rows;
                if (first_mismatch.empty()) {
                    first_mismatch = row.query.ecosystem + "/" + row.query.name + "@" +
                                     row.query.version + " expected " +
                                     std::to_string(expected.size()) + " got " +
                                     std::to_string(got.size());
                }
            }
        }
    }

    struct rusage ru {};
    getrusage(RUSAGE_SELF, &ru);
    double build_s = Seconds(t1, t2);
    double match_s = Seconds(t3, t4);
    std::printf(
        "{\"ranges\": %lld, \"packages\": %lld, \"advisories\": %zu, \"affected\": %zu, "
        "\"index_ranges\": %zu, "
        "\"rows\": %zu, \"rows_with_listed_name\": %lld, \"rows_matched\": %lld, \"matches\": "
        "%lld, "
        "\"threads\": %d, \"generate_seconds\": %.6f, \"build_seconds\": %.6f, \"match_seconds\": "
        "%.6f, "
        "\"rows_per_second\": %.1f, \"incomparable\": %lld, \"index_rss_kib\": %ld, "
        "\"peak_rss_kib\": %ld, "
        "\"oracle_sample\": %lld, \"oracle_mismatched_rows\": %lld, \"oracle_first_mismatch\": "
        "\"%s\"}\n",
        static_cast<long long>(range_count),
        static_cast<long long>(o.packages),
        advisory_count,
        affected_count,
        index.ranges(),
        rows.size(),
        static_cast<long long>(rows_named),
        static_cast<long long>(hit_rows),
        static_cast<long long>(matches),
        o.threads,
        Seconds(t0, t1) + Seconds(t2, t_rows),
        build_s,
        match_s,
        match_s > 0 ? static_cast<double>(rows.size()) / match_s : 0.0,
        static_cast<long long>(index.incomparable()),
        rss_after_index - rss_before_index,
        ru.ru_maxrss,
        static_cast<long long>(sample),
        static_cast<long long>(mismatched_rows),
        first_mismatch.c_str());
    return 0;
}
