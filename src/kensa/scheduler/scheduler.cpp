#include "kensa/scheduler/scheduler.h"

#include "kensa/app/tasks/change_task.h"
#include "kensa/common/local_time.h"
#include "kensa/common/log.h"

namespace kensa::scheduler {

namespace {
constexpr int kLeaseSeconds = 2 * 24 * 3600;  // longer than a day: the date in the name ends it
}

Scheduler::Scheduler(const app::AppContext& ctx, SchedulerOptions options)
    : ctx_(ctx), options_(std::move(options)) {}

Scheduler::~Scheduler() {
    Stop();
}

void Scheduler::Start() {
    stop_ = false;
    thread_ = std::thread([this] { Loop(); });
}

void Scheduler::Stop() {
    stop_ = true;
    wake_.notify_all();
    if (thread_.joinable()) {
        thread_.join();
    }
}

void Scheduler::Loop() {
    while (!stop_) {
        // The loop outlives any one tick: a tick that throws is logged and the next one runs.
        try {
            RunDue();
        } catch (const std::exception& e) {
            log::Error("scheduler tick failed", {{"error", e.what()}});
        } catch (...) {
            log::Error("scheduler tick failed", {{"error", "an unknown exception"}});
        }
        std::unique_lock<std::mutex> lock(wake_mutex_);
        wake_.wait_for(lock, options_.tick, [this] { return stop_.load(); });
    }
}

std::vector<domain::Id> Scheduler::RunDue() {
    std::lock_guard<std::mutex> lock(run_mutex_);
    std::vector<domain::Id> ran;
    // Tasks whose "ignore until" has passed reopen (idempotent: any process may run it).
    if (auto reopened = app::EndIgnorePeriods(ctx_.store, ctx_.clock); !reopened.ok()) {
        log::Error("ending ignore periods failed", {{"error", reopened.error().ToString()}});
    } else if (*reopened > 0) {
        log::Info("ignore periods ended", {{"tasks", std::to_string(*reopened)}});
    }
    auto groups = ctx_.store.ListGroups();
    if (!groups.ok()) {
        log::Error("scheduler cannot list groups", {{"error", groups.error().ToString()}});
        return ran;
    }
    const int64_t now = app::Now(ctx_);
    for (const auto& g : *groups) {
        if (!g.daily_scan_enabled || g.aws.auth_type == domain::AwsAuthType::kNone) {
            continue;
        }
        auto local = ToLocal(now, g.timezone);
        if (!local.ok()) {
            log::Warn("group has an unknown timezone; daily scan skipped",
                      {{"group_id", std::to_string(g.id)}, {"timezone", g.timezone}});
            continue;
        }
        if (local->minute_of_day < g.daily_scan_minute) {
            continue;
        }
        std::string key = "daily-scan:" + std::to_string(g.id) + ":" + local->date;
        if (done_.count(key) != 0) {
            continue;
        }
        auto leased = ctx_.store.TryAcquireLease(key, options_.holder, now, kLeaseSeconds);
        if (!leased.ok() || !*leased) {
            done_.insert(key);  // another process has it
            continue;
        }
        done_.insert(key);
        log::Info("daily scan starting",
                  {{"group_id", std::to_string(g.id)}, {"local_date", local->date}});
        app::InspectorScan scan(ctx_);
        auto runs = scan.ScanGroup(g.id, domain::ScanTrigger::kScheduled);
        if (!runs.ok()) {
            log::Error("daily scan failed",
                       {{"group_id", std::to_string(g.id)}, {"error", runs.error().ToString()}});
        }
        if (g.sbom.enabled) {
            // R12: the daily run includes the SBOM export; the normal scan above already
            // skipped the servers in inspector_sbom mode.
            app::SbomExportJob job(ctx_, options_.sbom);
            auto sbom = job.Run(g.id, domain::ScanTrigger::kScheduled);
            if (!sbom.ok()) {
                log::Error(
                    "daily sbom export failed",
                    {{"group_id", std::to_string(g.id)}, {"error", sbom.error().ToString()}});
            }
        }
        ran.push_back(g.id);
    }
    return ran;
}

}  // namespace kensa::scheduler
