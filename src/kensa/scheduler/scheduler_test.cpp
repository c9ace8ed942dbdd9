#include "kensa/scheduler/scheduler.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "kensa/common/local_time.h"
#include "kensa/store/sql_store.h"

namespace kensa::scheduler {
namespace {

TEST(LocalTimeTest, ZonesAndOffsets) {
    // 2024-01-01T18:30:00Z
    const int64_t t = 1704133800;
    EXPECT_EQ(ToLocal(t, "UTC")->minute_of_day, 18 * 60 + 30);
    auto tokyo = ToLocal(t, "Asia/Tokyo");
    ASSERT_TRUE(tokyo.ok());
    EXPECT_EQ(tokyo->date, "2024-01-02");
    EXPECT_EQ(tokyo->minute_of_day, 3 * 60 + 30);
    EXPECT_EQ(ToLocal(t, "-05:30")->minute_of_day, 13 * 60);
    EXPECT_FALSE(ToLocal(t, "Mars/Olympus").ok());
    EXPECT_FALSE(ToLocal(t, "../../etc/passwd").ok());
}

TEST(SchedulerTest, DailyScanRunsOncePerLocalDayAcrossProcesses) {
    namespace fs = std::filesystem;
    fs::path dir = fs::temp_directory_path() / ("kensa-sched-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    auto store = std::move(store::MakeStore({"sqlite:" + (dir / "k.db").string()})).value();
    ASSERT_TRUE(store->Migrate().ok());
    domain::Group g;
    g.name = "tokyo";
    g.timezone = "Asia/Tokyo";
    domain::Id gid = *store->CreateGroup(g);
    domain::AwsIntegration aws;
    aws.auth_type = domain::AwsAuthType::kAccessKey;
    aws.region = "ap-northeast-1";
    ASSERT_TRUE(store->UpdateGroupAws(gid, aws).ok());
    auto box = std::move(app::SecretBox::FromRawKey(std::string(32, 'x'))).value();
    ManualClock clock(1704133800 - 3600);  // 02:30 in Tokyo: not yet due
    int factory_calls = 0;
    app::AppContext ctx{*store,
                        [&](const ports::AwsConnectSpec&) -> Result<ports::AwsClients> {
                            ++factory_calls;
                            return Error(ErrorCode::kUnavailable, "no AWS in this test");
                        },
                        box,
                        clock};
    Scheduler a(ctx, {std::chrono::seconds(30), "process-a", {}});
    Scheduler b(ctx, {std::chrono::seconds(30), "process-b", {}});
    EXPECT_TRUE(a.RunDue().empty());
    clock.Advance(std::chrono::hours(1));  // 03:30 local
    EXPECT_EQ(a.RunDue(), std::vector<domain::Id>{gid});
    EXPECT_TRUE(a.RunDue().empty());  // once per day
    EXPECT_TRUE(b.RunDue().empty());  // and not again in another process
    clock.Advance(std::chrono::hours(24));
    EXPECT_EQ(b.RunDue(), std::vector<domain::Id>{gid});
    store.reset();
    fs::remove_all(dir);
}

}  // namespace
}  // namespace kensa::scheduler
