// A job that throws (bad_alloc on a hostile answer, say) fails its own run with the cause, and
// the thread it ran on ends normally: the process keeps serving (issue 19).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <new>
#include <vector>

#include "kensa/app/inspector/inspector_scan.h"
#include "kensa/app/sbom/export_job.h"
#include "tests/mocks/aws_mocks.h"
#include "tests/mocks/groups.h"
#include "tests/mocks/store_mocks.h"

namespace kensa::app {
namespace {

using ::testing::_;
using ::testing::Invoke;
using ::testing::NiceMock;
using ::testing::Return;

constexpr domain::Id kGroup = 3;
constexpr domain::Id kServer = 30;

class BrokenJobs : public ::testing::Test {
protected:
    BrokenJobs() : box_(*SecretBox::FromRawKey(std::string(32, 'k'))), clock_(1700000000) {
        group_ = testing::GroupWithAccessKey(box_, kGroup, "blue");
        server_.id = kServer;
        server_.group_id = kGroup;
        server_.name = "web";
        server_.kind = domain::ServerKind::kEc2;
        server_.instance_id = "i-0abc";
        server_.account_id = "111122223333";
        ON_CALL(store_, GetGroup(kGroup)).WillByDefault(Return(Result<domain::Group>(group_)));
        ON_CALL(store_, GetServer(kServer)).WillByDefault(Return(Result<domain::Server>(server_)));
        ON_CALL(store_, CreateScanRun(_)).WillByDefault(Return(Result<domain::Id>(domain::Id{9})));
        ON_CALL(store_, FinishScanRun(_)).WillByDefault(Invoke([this](const domain::ScanRun& r) {
            recorded_.push_back(r);
            return Ok();
        }));
        ports::AccountState state;
        state.account_id = "111122223333";
        state.status = state.ec2_status = state.ecr_status = state.lambda_status = "ENABLED";
        ON_CALL(aws_.inspector, BatchGetAccountStatus(_))
            .WillByDefault(Return(Result<std::vector<ports::AccountState>>(std::vector{state})));
    }

    NiceMock<testing::MockStore> store_;
    testing::MockAws aws_;
    SecretBox box_;
    ManualClock clock_;
    domain::Group group_;
    domain::Server server_;
    AppContext ctx_{store_, aws_.Factory(), box_, clock_};
    std::vector<domain::ScanRun> recorded_;
};

TEST_F(BrokenJobs, AScanThatThrowsFailsItsRunWithTheCause) {
    ON_CALL(aws_.inspector, ListFindings(_, _))
        .WillByDefault(
            Invoke([](const ports::FindingFilter&, const ports::FindingPageFn&) -> Status {
                throw std::bad_alloc();
            }));
    auto run = InspectorScan(ctx_).ScanServer(kServer, domain::ScanTrigger::kManual);
    ASSERT_TRUE(run.ok()) << run.error().ToString();
    EXPECT_EQ(run->status, domain::ScanStatus::kFailed);
    ASSERT_TRUE(run->error);
    EXPECT_EQ(run->error->code, "internal");
    EXPECT_NE(run->error->message.find("bad_alloc"), std::string::npos) << run->error->message;
    ASSERT_FALSE(recorded_.empty());
    EXPECT_EQ(recorded_.back().status, domain::ScanStatus::kFailed);  // stored, not "running"
}

TEST_F(BrokenJobs, AnSbomJobThatThrowsFailsItsRunAndItsThreadEnds) {
    ON_CALL(store_, GetGroup(kGroup)).WillByDefault(Invoke([](domain::Id) -> Result<domain::Group> {
        throw std::bad_alloc();
    }));
    domain::ScanRun queued;
    queued.id = 9;
    queued.group_id = kGroup;
    queued.type = domain::ScanType::kSbom;
    queued.status = domain::ScanStatus::kQueued;
    {
        SbomJobRunner runner(ctx_, SbomJobOptions{});
        runner.Submit(queued);
    }  // joined: had the exception escaped, std::terminate would have ended the test binary
    ASSERT_FALSE(recorded_.empty());
    const domain::ScanRun& last = recorded_.back();
    EXPECT_EQ(last.id, 9);
    EXPECT_EQ(last.status, domain::ScanStatus::kFailed);
    ASSERT_TRUE(last.error);
    EXPECT_EQ(last.error->code, "internal");
    EXPECT_NE(last.error->message.find("bad_alloc"), std::string::npos) << last.error->message;
}

}  // namespace
}  // namespace kensa::app
