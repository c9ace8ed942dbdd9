#include "generator.h"

#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "kensa/common/crypto.h"

namespace kensa::emulator {

std::string_view CatalogueJson();  // embedded data/emulator/catalogue.json

namespace {

using nlohmann::json;

struct Pools {
    std::vector<std::pair<std::string, std::vector<json>>> os;  ///< platform -> packages
    std::vector<json> pip;
    std::vector<json> go;
    std::vector<json> npm;
    std::unordered_map<std::string, std::string> fixed;  ///< package -> a fixed version
    json vulnerabilities;
};

Pools LoadPools() {
    json cat = json::parse(CatalogueJson());
    Pools p;
    for (const auto& [platform, pkgs] : cat["osPackages"].items()) {
        p.os.emplace_back(platform, pkgs.get<std::vector<json>>());
    }
    p.pip = cat["languagePackages"]["PIP"].get<std::vector<json>>();
    p.go = cat["languagePackages"]["GOBINARY"].get<std::vector<json>>();
    p.npm = cat["languagePackages"]["NPM"].get<std::vector<json>>();
    for (const auto& v : cat["vulnerabilities"]) {
        for (const auto& r : v.value("ranges", json::array())) {
            if (r.contains("fixed")) {
                p.fixed[v["package"].get<std::string>()] = r["fixed"].get<std::string>();
            }
        }
    }
    p.vulnerabilities = cat["vulnerabilities"];
    return p;
}

class Writer {
public:
    Writer(const GeneratorOptions& o, std::ostream& out) : o_(o), out_(out), rng_(o.seed) {}

    // Copies a package, patching it past its known fix with probability 0.4.
    json Vary(const json& pkg, const Pools& pools) {
        json out = pkg;
        auto it = pools.fixed.find(pkg.value("name", ""));
        if (it != pools.fixed.end() && Chance(0.4)) {
            std::string fixed = it->second;
            // "1:2.06-27.el9": the epoch goes to its own field, as the catalogue keeps it.
            auto colon = fixed.find(':');
            if (colon != std::string::npos && colon > 0 && pkg.contains("release") &&
                fixed.find_first_not_of("0123456789") == colon) {
                out["epoch"] = std::stoi(fixed.substr(0, colon));
                fixed = fixed.substr(colon + 1);
            }
            auto dash = fixed.rfind('-');
            if (pkg.contains("release") && dash != std::string::npos) {
                out["version"] = fixed.substr(0, dash);
                out["release"] = fixed.substr(dash + 1);
            } else {
                out["version"] = fixed;
            }
        }
        return out;
    }

    // Fills `software` up to the requested component count.
    json Software(const std::vector<const std::vector<json>*>& sources, const Pools& pools) {
        json sw = json::array();
        size_t natural = 0;
        for (const auto* src : sources) {
            natural += src->size();
        }
        size_t want = o_.components > 0 ? static_cast<size_t>(o_.components) : natural;
        std::unordered_map<std::string, bool> names;
        for (const auto* src : sources) {
            for (const auto& pkg : *src) {
                if (sw.size() >= want) {
                    return sw;
                }
                if (!names.emplace(pkg.value("name", ""), true).second) {
                    continue;
                }
                sw.push_back(Vary(pkg, pools));
            }
        }
        // Beyond the real catalogue: synthetic, never-vulnerable filler packages.
        for (size_t i = 0; sw.size() < want; ++i) {
            sw.push_back({{"name", "kensa-filler-" + std::to_string(i)},
                          {"version",
                           std::to_string(1 + i % 9) + "." + std::to_string(i % 17) + "." +
                               std::to_string(i % 5)},
                          {"packageManager", "PIP"},
                          {"filePath", "opt/app/vendor/filler-" + std::to_string(i)}});
        }
        return sw;
    }

    bool Chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
    size_t Pick(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }

    std::string Hex(const std::string& seed, size_t n) {
        return crypto::Sha256Hex(std::to_string(o_.seed) + seed).substr(0, n);
    }

    Status Run() {
        Pools pools = LoadPools();
        const std::string& acct = o_.account_id;
        json head = {{"settings", {{"region", o_.region}, {"sbomExportSeconds", 2}}},
                     {"accounts", {{{"id", acct}, {"region", o_.region}}}},
                     {"users",
                      {{{"name", "kensa-demo"},
                        {"accessKeyId", "AKIAIOSFODNN7EXAMPLE"},
                        {"secretAccessKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"},
                        {"actions", {"*"}}},
                       {{"name", "auditor"},
                        {"accessKeyId", "AKIAI44QH8DHBEXAMPLE"},
                        {"secretAccessKey", "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY"},
                        {"actions", {"inspector2:ListCoverage", "sts:GetCallerIdentity"}}}}},
                     {"roles",
                      {{{"arn", "arn:aws:iam::" + acct + ":role/kensa-inspector"},
                        {"trust",
                         {{"principals", {"arn:aws:iam::" + acct + ":user/kensa-demo"}},
                          {"externalId", "kensa-demo-external-id"}}},
                        {"actions", {"*"}},
                        {"maxSessionDuration", 43200}}}},
                     {"kmsKeys",
                      {{{"arn",
                         "arn:aws:kms:" + o_.region + ":" + acct + ":key/" + Hex("k", 8) +
                             "-0000-4000-8000-" + Hex("k2", 12)}}}}};
        head["buckets"] = {{{"name", "kensa-sbom-exports"},
                            {"region", o_.region},
                            {"kmsKeyArn", head["kmsKeys"][0]["arn"]}}};
        std::string text = head.dump();
        text.pop_back();  // reopen the object to stream the big arrays
        out_ << text;

        out_ << ",\n\"ec2Instances\":[";
        for (int i = 0; i < o_.instances; ++i) {
            const auto& [platform, pkgs] = pools.os[Pick(pools.os.size())];
            json inst = {{"instanceId", "i-" + Hex("i" + std::to_string(i), 17)},
                         {"name", "host-" + std::to_string(i)},
                         {"platform", platform},
                         {"tags", {{"fleet", "generated"}}},
                         {"software", Software({&pkgs, &pools.pip, &pools.npm}, pools)}};
            out_ << (i == 0 ? "\n" : ",\n") << inst.dump();
        }
        out_ << "],\n\"lambdaFunctions\":[";
        static const char* kRuntimes[] = {"python3.12",
                                          "python3.11",
                                          "python3.9",
                                          "python3.7",
                                          "nodejs20.x",
                                          "nodejs18.x",
                                          "java17"};
        for (int i = 0; i < o_.lambdas; ++i) {
            std::string runtime = kRuntimes[Pick(7)];
            bool node = runtime.rfind("nodejs", 0) == 0;
            bool image = Chance(0.1);
            json fn = {{"name", "fn-" + std::to_string(i)},
                       {"packageType", image ? "Image" : "Zip"},
                       {"software", Software({node ? &pools.npm : &pools.pip, &pools.go}, pools)}};
            if (!image) {
                fn["runtime"] = runtime;
                fn["handler"] = node ? "index.handler" : "app.handler";
            }
            out_ << (i == 0 ? "\n" : ",\n") << fn.dump();
        }
        out_ << "],\n\"ecrRepositories\":[";
        const int per_repo = 5;
        for (int i = 0; i < o_.images; ++i) {
            if (i % per_repo == 0) {
                out_ << (i == 0 ? "\n" : "]},\n") << "{\"name\":\"repo-" << i / per_repo
                     << "\",\"images\":[";
            }
            const auto& [platform, pkgs] = pools.os[Pick(pools.os.size())];
            json img = {
                {"digest",
                 "sha256:" +
                     crypto::Sha256Hex(std::to_string(o_.seed) + "img" + std::to_string(i))},
                {"tags", {"v" + std::to_string(i % per_repo), "build-" + std::to_string(i)}},
                {"platform", platform},
                {"software", Software({&pkgs, &pools.pip}, pools)}};
            out_ << (i % per_repo == 0 ? "" : ",") << img.dump();
        }
        if (o_.images > 0) {
            out_ << "]}";
        }
        out_ << "],\n\"vulnerabilities\":" << pools.vulnerabilities.dump() << "}\n";
        if (!out_) {
            return Error(ErrorCode::kUnavailable, "write failed");
        }
        return Ok();
    }

private:
    const GeneratorOptions& o_;
    std::ostream& out_;
    std::mt19937_64 rng_;
};

}  // namespace

Status GenerateFleet(const GeneratorOptions& options, std::ostream& out) {
    if (options.instances < 0 || options.lambdas < 0 || options.images < 0 ||
        options.components < 0) {
        return Error(ErrorCode::kInvalidInput, "counts must be >= 0");
    }
    Writer writer(options, out);
    return writer.Run();
}

}  // namespace kensa::emulator
