#include <gtest/gtest.h>

#include "kensa/domain/scan_reconcile.h"
#include "kensa/domain/task_lifecycle.h"

namespace kensa::domain {
namespace {

Task MakeTask(TaskStatus status, bool user = false, std::string vuln = "CVE-2024-0001") {
    Task t;
    t.id = 7;
    t.vulnerability_id = std::move(vuln);
    t.status = status;
    t.user_status = user;
    return t;
}

TEST(TaskLifecycle, VanishedVulnerabilityIsPatchAppliedWithSystemComment) {
    auto t = OnVulnerabilityVanished(MakeTask(TaskStatus::kOngoing, true), "Inspector");
    ASSERT_TRUE(t.changed());
    EXPECT_EQ(*t.new_status, TaskStatus::kPatchApplied);
    ASSERT_TRUE(t.system_comment.has_value());
    EXPECT_NE(t.system_comment->find("ONGOING to PATCH_APPLIED"), std::string::npos);
    EXPECT_FALSE(
        OnVulnerabilityVanished(MakeTask(TaskStatus::kPatchApplied), "Inspector").changed());
}

TEST(TaskLifecycle, ReappearanceReopensAsNew) {
    auto t = OnVulnerabilityObserved(MakeTask(TaskStatus::kPatchApplied));
    ASSERT_TRUE(t.changed());
    EXPECT_EQ(*t.new_status, TaskStatus::kNew);
    EXPECT_TRUE(t.system_comment.has_value());
}

TEST(TaskLifecycle, UserStatusSurvivesScansThatStillSeeTheVulnerability) {
    for (TaskStatus s : {TaskStatus::kNew,
                         TaskStatus::kInvestigating,
                         TaskStatus::kOngoing,
                         TaskStatus::kDefer,
                         TaskStatus::kWorkaround,
                         TaskStatus::kNotAffected,
                         TaskStatus::kRiskAccepted}) {
        EXPECT_FALSE(OnVulnerabilityObserved(MakeTask(s, true)).changed()) << ToString(s);
    }
}

TEST(TaskLifecycle, UsersMaySetAnyStatusButPatchApplied) {
    auto bad = OnUserSetStatus(MakeTask(TaskStatus::kNew), TaskStatus::kPatchApplied);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code(), ErrorCode::kInvalidInput);
    for (TaskStatus s : {TaskStatus::kInvestigating,
                         TaskStatus::kOngoing,
                         TaskStatus::kDefer,
                         TaskStatus::kWorkaround,
                         TaskStatus::kNotAffected,
                         TaskStatus::kRiskAccepted,
                         TaskStatus::kNew}) {
        auto ok = OnUserSetStatus(MakeTask(TaskStatus::kPatchApplied), s);
        ASSERT_TRUE(ok.ok());
        EXPECT_EQ(*ok->new_status, s);
        EXPECT_TRUE(ok->user_status);
    }
}

TEST(EnumSpellings, RoundTrip) {
    TaskStatus s;
    ASSERT_TRUE(Parse("RISK_ACCEPTED", &s));
    EXPECT_EQ(s, TaskStatus::kRiskAccepted);
    EXPECT_FALSE(Parse("risk_accepted", &s));
    ServerKind k;
    ASSERT_TRUE(Parse("ecr_image", &k));
    EXPECT_EQ(ToString(k), "ecr_image");
}

Software Sw(Id id, std::string name, std::string version) {
    Software s;
    s.id = id;
    s.key.name = std::move(name);
    s.key.version = std::move(version);
    return s;
}

TEST(Reconcile, FirstScanInsertsEverythingAndOpensTasks) {
    ScanObservation obs;
    obs.software = {Sw(0, "openssl", "3.0.1"), Sw(0, "openssl", "3.0.1")};
    obs.detections = {{"CVE-1", obs.software[0].key, "arn:f1", "3.0.2", "package"},
                      {"CVE-2", obs.software[0].key, "arn:f2", "", "package"}};
    ScanChanges c = Reconcile({}, obs);
    EXPECT_EQ(c.software_insert.size(), 1u);  // duplicate key collapsed
    EXPECT_EQ(c.detection_insert.size(), 2u);
    ASSERT_EQ(c.task_create.size(), 2u);
    EXPECT_EQ(c.task_create[0].vulnerability_id, "CVE-1");
    EXPECT_EQ(c.task_create[1].vulnerability_id, "CVE-2");
}

TEST(Reconcile, UnchangedRescanIsEmptyAndPatchStoryWorks) {
    ServerState state;
    state.software = {Sw(1, "openssl", "3.0.1"), Sw(2, "curl", "7.0")};
    Detection d1;
    d1.id = 10;
    d1.vulnerability_id = "CVE-1";
    d1.software_id = 1;
    d1.source_ref = "arn:f1";
    Detection d2 = d1;
    d2.id = 11;
    d2.vulnerability_id = "CVE-2";
    d2.software_id = 2;
    d2.source_ref = "arn:f2";
    state.detections = {d1, d2};
    state.tasks = {MakeTask(TaskStatus::kNew, false, "CVE-1"),
                   MakeTask(TaskStatus::kOngoing, true, "CVE-2")};

    ScanObservation same;
    same.software = {Sw(0, "openssl", "3.0.1"), Sw(0, "curl", "7.0")};
    same.detections = {{"CVE-1", same.software[0].key, "arn:f1", "", "package"},
                       {"CVE-2", same.software[1].key, "arn:f2", "", "package"}};
    EXPECT_TRUE(Reconcile(state, same).empty());

    // openssl removed: its detection closes and CVE-1 is patched; the user's ONGOING stays.
    ScanObservation patched;
    patched.software = {Sw(0, "curl", "7.0")};
    patched.detections = {same.detections[1]};
    ScanChanges c = Reconcile(state, patched);
    EXPECT_EQ(c.software_remove, std::vector<Id>{1});
    EXPECT_EQ(c.detection_close, std::vector<Id>{10});
    ASSERT_EQ(c.task_change.size(), 1u);
    EXPECT_EQ(c.task_change[0].task.vulnerability_id, "CVE-1");
    EXPECT_EQ(*c.task_change[0].transition.new_status, TaskStatus::kPatchApplied);

    // Reinstall after the patch: restore the row, reopen the detection and the task.
    state.software[0].removed_at = 100;
    state.detections[0].active = false;
    state.tasks[0].status = TaskStatus::kPatchApplied;
    ScanChanges back = Reconcile(state, same);
    EXPECT_EQ(back.software_restore, std::vector<Id>{1});
    EXPECT_EQ(back.detection_reopen, std::vector<Id>{10});
    ASSERT_EQ(back.task_change.size(), 1u);
    EXPECT_EQ(*back.task_change[0].transition.new_status, TaskStatus::kNew);
}

TEST(Reconcile, OtherSourcesKeepATaskOpen) {
    ServerState state;
    Detection advisory;
    advisory.id = 5;
    advisory.vulnerability_id = "CVE-9";
    advisory.source = DetectionSource::kAdvisory;
    state.detections = {advisory};
    state.tasks = {MakeTask(TaskStatus::kNew, false, "CVE-9")};
    ScanChanges c = Reconcile(state, ScanObservation{});
    EXPECT_TRUE(c.empty());
}

}  // namespace
}  // namespace kensa::domain

namespace kensa::domain {
namespace {

// A pseudo server's SBOM is imported one Lambda function at a time: function 1's observation
// must neither remove function 2's software nor close its detections or its task.
TEST(ReconcileScope, OneFunctionLeavesTheOthersAlone) {
    auto sw = [](Id id, Id fn, std::string name) {
        Software s;
        s.id = id;
        s.key.lambda_function_id = fn;
        s.key.name = std::move(name);
        s.key.version = "1";
        s.source = SoftwareSource::kSbom;
        return s;
    };
    auto det = [](Id id, Id software, std::string vuln) {
        Detection d;
        d.id = id;
        d.software_id = software;
        d.vulnerability_id = std::move(vuln);
        d.source = DetectionSource::kSbom;
        d.source_ref = "inspector-sbom";
        return d;
    };
    ServerState state;
    state.software = {sw(1, 1, "requests")};  // the scope's rows only (the store filters)
    state.detections = {det(10, 1, "CVE-A"), det(20, 2, "CVE-B")};  // CVE-B is on function 2
    Task a;
    a.id = 100;
    a.vulnerability_id = "CVE-A";
    Task b = a;
    b.id = 200;
    b.vulnerability_id = "CVE-B";
    state.tasks = {a, b};

    ScanObservation obs;
    obs.source = DetectionSource::kSbom;
    obs.software_source = SoftwareSource::kSbom;
    obs.lambda_scope = 1;
    obs.software = {sw(0, 1, "urllib3")};  // requests is gone from function 1
    ScanChanges changes = Reconcile(state, obs);
    EXPECT_EQ(changes.software_remove, std::vector<Id>{1});
    EXPECT_EQ(changes.detection_close, std::vector<Id>{10});  // only function 1's detection
    ASSERT_EQ(changes.task_change.size(), 1u);
    EXPECT_EQ(changes.task_change[0].task.id, 100);  // CVE-A patched; CVE-B's task untouched
    EXPECT_EQ(*changes.task_change[0].transition.new_status, TaskStatus::kPatchApplied);

    obs.lambda_scope.reset();  // without the scope, function 2's detection would be closed
    EXPECT_EQ(Reconcile(state, obs).detection_close.size(), 2u);

    // The store may load only function 1's detections and name what the rest keeps active.
    obs.lambda_scope = 1;
    ServerState scoped = state;
    std::erase_if(scoped.detections, [](const Detection& d) { return d.id != 10; });
    auto unscoped = Reconcile(scoped, obs);
    ASSERT_EQ(unscoped.task_change.size(), 2u);  // without the ids, CVE-B's task would close too
    scoped.active_elsewhere = {"CVE-B"};
    auto same = Reconcile(scoped, obs);
    EXPECT_EQ(same.detection_close, changes.detection_close);
    ASSERT_EQ(same.task_change.size(), 1u);
    EXPECT_EQ(same.task_change[0].task.id, 100);
}

}  // namespace
}  // namespace kensa::domain
