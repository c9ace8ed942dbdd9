#pragma once
// Periodic jobs: the daily scan of each group at its configured local time (R12; default
// 03:00 in the group's timezone). Several kensa processes may share one PostgreSQL: a job
// runs only where its lease "daily-scan:<group>:<local date>" was taken, so it runs once.
//
// Time is injected (Clock); RunDue() lets tests and the API run the scheduler's decision now
// (userver's PeriodicTaskControl idea) without sleeping.

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "kensa/app/context.h"
#include "kensa/app/inspector/inspector_scan.h"
#include "kensa/app/sbom/export_job.h"

namespace kensa::scheduler {

struct SchedulerOptions {
    std::chrono::seconds tick{30};  ///< how often due jobs are checked
    std::string holder;             ///< lease holder id; unique per process
    app::SbomJobOptions sbom;       ///< the daily SBOM export (R12)
};

class Scheduler {
public:
    Scheduler(const app::AppContext& ctx, SchedulerOptions options);
    ~Scheduler();
    Scheduler(const Scheduler&) = delete;
    Scheduler& operator=(const Scheduler&) = delete;

    /// Starts the background thread.
    void Start();
    /// Stops it and waits for a running job to finish.
    void Stop();

    /// Runs every job that is due at the clock's current time; returns the ids of the groups
    /// whose daily scan ran. Safe to call concurrently with the background thread.
    std::vector<domain::Id> RunDue();

private:
    void Loop();

    const app::AppContext& ctx_;
    SchedulerOptions options_;
    std::mutex run_mutex_;  ///< one RunDue at a time
    std::set<std::string> done_;
    std::thread thread_;
    std::mutex wake_mutex_;
    std::condition_variable wake_;
    std::atomic<bool> stop_{false};
};

}  // namespace kensa::scheduler
