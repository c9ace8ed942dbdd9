// The unsigned control API under /_emulator/: change the fleet at runtime, move the clock,
// configure faults, read a summary. Documented in README.md.

#include <mutex>

#include "emulator.h"
#include "fleet_json.h"
#include "kensa/common/strings.h"
#include "versions.h"

namespace kensa::emulator {
namespace {

using nlohmann::json;

Response Reply(int status, const json& body) {
    Response r;
    r.status = status;
    r.body = body.dump();
    r.content_type = "application/json";
    return r;
}

Response Fail(int status, const std::string& message) {
    return Reply(status, json{{"error", message}});
}

}  // namespace

Response Emulator::HandleControl(const aws::HttpRequest& req) {
    std::string path = req.path.substr(std::string("/_emulator").size());
    json body = json::object();
    if (!req.body.empty()) {
        body = json::parse(req.body, nullptr, false);
        if (body.is_discarded()) {
            return Fail(400, "body is not valid JSON");
        }
    }
    const std::string& method = req.method;
    if (path == "/health" && method == "GET") {
        return Reply(200, json{{"status", "ok"}});
    }
    if (path == "/clock") {
        if (method == "POST") {
            AdvanceClock(body.value("advanceSeconds", int64_t{0}));
        }
        if (pending_exports_.load() > 0) {
            AdvanceExports();
        }
        return Reply(200, json{{"now", Now()}, {"offsetSeconds", clock_offset_.load()}});
    }
    if (path == "/faults") {
        if (method == "DELETE") {
            faults_.Reset();
        } else if (method == "POST") {
            auto status = faults_.ApplyJson(req.body);
            if (!status.ok()) {
                return Fail(400, status.error().message());
            }
        }
        return Reply(200, json::parse(faults_.ToJson()));
    }
    if (path == "/faults/reset" && method == "POST") {
        faults_.Reset();
        return Reply(200, json::object());
    }
    if (path == "/fleet" && method == "GET") {
        std::shared_lock lock(mu_);
        json resources = json::array();
        for (const auto& r : fleet_.resources) {
            size_t active = 0;
            size_t suppressed = 0;
            size_t closed = 0;
            if (const auto* idx = findings_.ForResource(r.id)) {
                for (size_t i : *idx) {
                    const auto& status = findings_.records()[i].status;
                    active += status == "ACTIVE" ? 1 : 0;
                    suppressed += status == "SUPPRESSED" ? 1 : 0;
                    closed += status == "CLOSED" ? 1 : 0;
                }
            }
            resources.push_back({{"resourceId", r.id},
                                 {"resourceType", ResourceTypeName(r.type)},
                                 {"accountId", r.account_id},
                                 {"packages", r.packages.size()},
                                 {"activeFindings", active},
                                 {"suppressedFindings", suppressed},
                                 {"closedFindings", closed}});
        }
        return Reply(200,
                     json{{"region", region_},
                          {"now", Now()},
                          {"accounts", fleet_.accounts.size()},
                          {"users", fleet_.users.size()},
                          {"roles", fleet_.roles.size()},
                          {"sessions", sessions_.size()},
                          {"vulnerabilities", fleet_.vulnerabilities.size()},
                          {"findings",
                           {{"total", findings_.records().size()},
                            {"ACTIVE", findings_.CountStatus("ACTIVE")},
                            {"SUPPRESSED", findings_.CountStatus("SUPPRESSED")},
                            {"CLOSED", findings_.CountStatus("CLOSED")}}},
                          {"exports", exports_.size()},
                          {"resources", resources}});
    }
    if (method != "POST") {
        return Fail(404, "unknown control endpoint " + method + " " + req.path);
    }
    std::unique_lock lock(mu_);
    int64_t now = Now();
    if (path == "/packages" || path == "/packages/install" || path == "/packages/remove" ||
        path == "/packages/upgrade") {
        Resource* res = fleet_.FindResource(body.value("resourceId", ""));
        if (res == nullptr) {
            return Fail(404, "no resource " + body.value("resourceId", ""));
        }
        if (path == "/packages/remove") {
            std::string name = body.value("name", "");
            auto before = res->packages.size();
            std::erase_if(res->packages, [&](const Package& p) { return p.name == name; });
            if (before == res->packages.size()) {
                return Fail(404, "package " + name + " is not installed on " + res->id);
            }
        } else if (path == "/packages/upgrade") {
            std::string name = body.value("name", "");
            Package* pkg = nullptr;
            for (auto& p : res->packages) {
                pkg = p.name == name ? &p : pkg;
            }
            if (pkg == nullptr || body.value("version", "").empty()) {
                return Fail(404,
                            "package " + name + " is not installed on " + res->id +
                                " (or no version given)");
            }
            pkg->version = body.value("version", "");
            pkg->release = body.value("release", pkg->release);
            pkg->epoch = body.value("epoch", pkg->epoch);
            pkg->purl.clear();
        } else {
            auto pkg = PackageFromJson(body.value("package", json::object()));
            if (!pkg.ok()) {
                return Fail(400, pkg.error().message());
            }
            std::erase_if(res->packages, [&](const Package& p) { return p.name == pkg->name; });
            res->packages.push_back(*pkg);
        }
        res->last_scanned_at = now;
        AfterSoftwareChange(*res);
        return Reply(200, json{{"resourceId", res->id}, {"packages", res->packages.size()}});
    }
    if (path == "/vulnerabilities") {
        auto v = VulnerabilityFromJson(body, now);
        if (!v.ok()) {
            return Fail(400, v.error().message());
        }
        bool replaced = false;
        for (auto& existing : fleet_.vulnerabilities) {
            if (existing.id == v->id && existing.package_name == v->package_name) {
                existing = *v;
                replaced = true;
            }
        }
        if (!replaced) {
            fleet_.vulnerabilities.push_back(*v);
        }
        findings_.RecomputeAll(fleet_, now);
        return Reply(200, json{{"id", v->id}, {"findingsActive", findings_.CountStatus("ACTIVE")}});
    }
    if (path == "/vulnerabilities/close") {
        std::string id = body.value("id", "");
        std::string pkg = body.value("package", "");
        size_t n = 0;
        for (auto& v : fleet_.vulnerabilities) {
            if (v.id == id && (pkg.empty() || v.package_name == pkg)) {
                v.closed = true;
                ++n;
            }
        }
        if (n == 0) {
            return Fail(404, "no vulnerability " + id);
        }
        findings_.RecomputeAll(fleet_, now);
        return Reply(200, json{{"id", id}, {"closed", n}});
    }
    if (path == "/instances" || path == "/functions" || path == "/images") {
        ResourceType type = path == "/instances"   ? ResourceType::kEc2Instance
                            : path == "/functions" ? ResourceType::kLambdaFunction
                                                   : ResourceType::kEcrImage;
        std::string account_id = body.value("accountId", fleet_.accounts.front().id);
        const Account* account = fleet_.FindAccount(account_id);
        if (account == nullptr) {
            return Fail(400, "unknown account " + account_id);
        }
        auto res = ResourceFromJson(body, type, *account, now);
        if (!res.ok()) {
            return Fail(400, res.error().message());
        }
        if (ResourceById(res->id) != nullptr) {
            return Fail(409, "resource " + res->id + " already exists");
        }
        fleet_.resources.push_back(*res);
        ReindexResources();
        AfterSoftwareChange(fleet_.resources.back());
        return Reply(200, json{{"resourceId", res->id}});
    }
    return Fail(404, "unknown control endpoint POST " + req.path);
}

}  // namespace kensa::emulator
