#include "kensa/domain/scan_mode.h"

#include <gtest/gtest.h>

namespace kensa::domain {
namespace {

Server MakeServer(Id id, ServerKind kind, ScanMode mode) {
    Server s;
    s.id = id;
    s.kind = kind;
    s.scan_mode = mode;
    return s;
}

TEST(Roles, RankOwnerAdminMemberViewer) {
    EXPECT_TRUE(RoleAtLeast(Role::kOwner, Role::kAdmin));
    EXPECT_TRUE(RoleAtLeast(Role::kMember, Role::kMember));
    EXPECT_FALSE(RoleAtLeast(Role::kViewer, Role::kMember));
    EXPECT_FALSE(RoleAtLeast(Role::kAdmin, Role::kOwner));
}

TEST(ScanMode, SbomExportMovesInspectorServersAndNeverVuls) {
    for (auto kind : {ServerKind::kEc2, ServerKind::kPseudo, ServerKind::kEcrImage}) {
        EXPECT_EQ(ScanModeFor(kind, true), ScanMode::kInspectorSbom);
        EXPECT_EQ(ScanModeFor(kind, false), ScanMode::kNormal);
    }
    EXPECT_EQ(ScanModeFor(ServerKind::kVuls, true), ScanMode::kNormal);  // R19
}

TEST(ScanMode, PlanChangesOnlyServersWhoseModeDiffers) {
    std::vector<Server> servers = {MakeServer(1, ServerKind::kEc2, ScanMode::kNormal),
                                   MakeServer(2, ServerKind::kVuls, ScanMode::kNormal),
                                   MakeServer(3, ServerKind::kEcrImage, ScanMode::kInspectorSbom)};
    auto on = PlanScanModes(servers, true);
    ASSERT_EQ(on.size(), 1u);
    EXPECT_EQ(on[0].server_id, 1);
    EXPECT_EQ(on[0].mode, ScanMode::kInspectorSbom);
    EXPECT_FALSE(on[0].hand_back_sbom_rows);

    auto off = PlanScanModes(servers, false);
    ASSERT_EQ(off.size(), 1u);
    EXPECT_EQ(off[0].server_id, 3);
    EXPECT_EQ(off[0].mode, ScanMode::kNormal);
    EXPECT_TRUE(off[0].hand_back_sbom_rows);  // the SBOM's rows go back to the normal scan
}

TEST(ScanMode, SettingsNeedAFormatInspectorAccepts) {
    SbomExportSettings s;
    EXPECT_TRUE(ValidateSbomSettings(s).ok());
    s.format = "SPDX_2_3";
    EXPECT_TRUE(ValidateSbomSettings(s).ok());
    s.format = "XML";
    auto st = ValidateSbomSettings(s);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().code(), ErrorCode::kInvalidInput);
    EXPECT_EQ(st.error().Detail("field"), "format");
}

TEST(Takeover, MovesInspectorRowsButNotCodeFindingsAndCommentsOpenTasks) {
    TakeoverState state;
    state.inspector_software = {10, 11};
    Detection pkg;
    pkg.id = 20;
    pkg.vulnerability_id = "CVE-1";
    pkg.kind = "package";
    Detection code;
    code.id = 21;
    code.vulnerability_id = "CODE-1";
    code.kind = "code";
    state.inspector_detections = {pkg, code};
    Task open_task;
    open_task.id = 30;
    open_task.vulnerability_id = "CVE-1";
    Task closed = open_task;
    closed.id = 31;
    closed.status = TaskStatus::kNotAffected;
    Task code_task = open_task;
    code_task.id = 32;
    code_task.vulnerability_id = "CODE-1";
    state.tasks = {open_task, closed, code_task};

    TakeoverPlan plan = PlanSbomTakeover(state, "moved");
    EXPECT_TRUE(plan.take_over);
    EXPECT_EQ(plan.software, (std::vector<Id>{10, 11}));
    EXPECT_EQ(plan.detections, (std::vector<Id>{20}));
    EXPECT_EQ(plan.commented_tasks, (std::vector<Id>{30}));
    EXPECT_EQ(plan.comment, "moved");

    state.already_taken_over = true;
    EXPECT_FALSE(PlanSbomTakeover(state, "moved").take_over);
}

TEST(Takeover, TheTakeoverRunIsTheOneThatMovedTheServer) {
    EXPECT_TRUE(IsTakeoverRun(true, std::nullopt, 100));
    EXPECT_TRUE(IsTakeoverRun(false, EpochSeconds{100}, 100));  // a later function of the same run
    EXPECT_FALSE(IsTakeoverRun(false, EpochSeconds{90}, 100));
    EXPECT_FALSE(IsTakeoverRun(false, std::nullopt, 100));
}

}  // namespace
}  // namespace kensa::domain
