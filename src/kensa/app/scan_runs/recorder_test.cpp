#include "kensa/app/scan_runs/recorder.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/mocks/store_mocks.h"

namespace kensa::app {
namespace {

using ::testing::_;
using ::testing::AllOf;
using ::testing::Field;
using ::testing::InSequence;
using ::testing::Return;
using ::testing::StrictMock;

TEST(ScanRunRecorder, StartsRunsAndRecordsHowTheyEnd) {
    StrictMock<testing::MockScanRunStore> runs;
    ManualClock clock(1000);
    ScanRunRecorder recorder(runs, clock);
    InSequence order;
    EXPECT_CALL(runs,
                CreateScanRun(AllOf(Field(&domain::ScanRun::status, domain::ScanStatus::kQueued),
                                    Field(&domain::ScanRun::started_at, 1000),
                                    Field(&domain::ScanRun::type, domain::ScanType::kSbom))))
        .WillOnce(Return(Result<domain::Id>(41)));
    EXPECT_CALL(runs, FinishScanRun(Field(&domain::ScanRun::status, domain::ScanStatus::kRunning)))
        .WillOnce(Return(Ok()));
    EXPECT_CALL(runs,
                FinishScanRun(AllOf(Field(&domain::ScanRun::status, domain::ScanStatus::kPartial),
                                    Field(&domain::ScanRun::finished_at, 1060))))
        .WillOnce(Return(Ok()));

    auto run = recorder.Start(2,
                              std::nullopt,
                              domain::ScanType::kSbom,
                              domain::ScanTrigger::kManual,
                              domain::ScanStatus::kQueued);
    ASSERT_TRUE(run.ok());
    EXPECT_EQ(run->id, 41);
    ASSERT_TRUE(recorder.MarkRunning(&*run).ok());
    clock.Advance(std::chrono::seconds(60));
    ASSERT_TRUE(recorder.Succeed(&*run, true).ok());
}

TEST(ScanRunRecorder, AFailedRunKeepsItsError) {
    StrictMock<testing::MockScanRunStore> runs;
    ManualClock clock(1000);
    ScanRunRecorder recorder(runs, clock);
    EXPECT_CALL(runs, CreateScanRun(_)).WillOnce(Return(Result<domain::Id>(5)));
    domain::ScanRun recorded;
    EXPECT_CALL(runs, FinishScanRun(_))
        .WillOnce(::testing::DoAll(::testing::SaveArg<0>(&recorded), Return(Ok())));
    auto run =
        recorder.Start(2, domain::Id{9}, domain::ScanType::kInspector, domain::ScanTrigger::kApi);
    ASSERT_TRUE(run.ok());
    EXPECT_EQ(run->status, domain::ScanStatus::kRunning);
    domain::ScanError error;
    error.code = "access_denied";
    error.step = "inspector2:ListFindings";
    ASSERT_TRUE(recorder.Fail(&*run, error).ok());
    EXPECT_EQ(recorded.status, domain::ScanStatus::kFailed);
    ASSERT_TRUE(recorded.error.has_value());
    EXPECT_EQ(recorded.error->step, "inspector2:ListFindings");
    EXPECT_EQ(recorded.server_id, std::optional<domain::Id>(9));
    EXPECT_EQ(recorded.finished_at, 1000);
}

TEST(ScanRunRecorder, ARunThatCannotBeRecordedIsAnError) {
    StrictMock<testing::MockScanRunStore> runs;
    ManualClock clock(1000);
    ScanRunRecorder recorder(runs, clock);
    EXPECT_CALL(runs, CreateScanRun(_))
        .WillOnce(Return(Result<domain::Id>(Error(ErrorCode::kUnavailable, "db down"))));
    EXPECT_EQ(
        recorder.Start(2, std::nullopt, domain::ScanType::kAdvisory, domain::ScanTrigger::kManual)
            .error()
            .code(),
        ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace kensa::app
