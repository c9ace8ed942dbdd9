// The EOL rules: the state of a cycle on a clock, the window a state covers, and how scans
// create, close and reopen EOL items while a user's status stands.
#include "kensa/domain/eol.h"

#include <gtest/gtest.h>

#include "kensa/domain/vex.h"

namespace kensa::domain {
namespace {

constexpr EpochSeconds kDay = 86400;

TEST(Eol, CivilDates) {
    EXPECT_EQ(ParseCivilDate("1970-01-01"), 0);
    EXPECT_EQ(ParseCivilDate("2026-06-30"), 1782777600);
    EXPECT_EQ(ParseCivilDate("2000-03-01"), 951868800);
    EXPECT_FALSE(ParseCivilDate("2026-13-01"));
    EXPECT_FALSE(ParseCivilDate("2026-6-30"));
    EXPECT_FALSE(ParseCivilDate("true"));
    EXPECT_FALSE(ParseCivilDate(""));
}

TEST(Eol, StateOnAnInjectedClock) {
    const EpochSeconds eol = *ParseCivilDate("2026-06-30");
    // 91 days before: supported; 90 days before: near; the day itself and after: EOL.
    EXPECT_EQ(EolStateAt(eol, false, eol - 91 * kDay, 90), EolState::kSupported);
    EXPECT_EQ(EolStateAt(eol, false, eol - 90 * kDay, 90), EolState::kNearEol);
    EXPECT_EQ(EolStateAt(eol, false, eol - 1, 90), EolState::kNearEol);
    EXPECT_EQ(EolStateAt(eol, false, eol, 90), EolState::kEol);
    EXPECT_EQ(EolStateAt(eol, false, eol + 400 * kDay, 90), EolState::kEol);
    // The group's window decides.
    EXPECT_EQ(EolStateAt(eol, false, eol - 100 * kDay, 90), EolState::kSupported);
    EXPECT_EQ(EolStateAt(eol, false, eol - 100 * kDay, 180), EolState::kNearEol);
    EXPECT_EQ(EolStateAt(eol, false, eol - 1, 0), EolState::kSupported);
    // No date: ended without one, or open-ended.
    EXPECT_EQ(EolStateAt(std::nullopt, true, 0, 90), EolState::kEol);
    EXPECT_EQ(EolStateAt(std::nullopt, false, 0, 90), EolState::kSupported);
}

TEST(Eol, TheQueryWindowIsTheSameRule) {
    const EpochSeconds now = *ParseCivilDate("2026-12-08") + 12345;
    for (EpochSeconds eol = now - 5 * kDay; eol < now + 100 * kDay; eol += 3607) {
        EolState state = EolStateAt(eol, false, now, 90);
        for (EolState s : {EolState::kSupported, EolState::kNearEol, EolState::kEol}) {
            EolStateWindow w = WindowOf(s, now, 90);
            bool in = (!w.from || eol >= *w.from) && (!w.to || eol < *w.to);
            EXPECT_EQ(in, s == state) << ToString(s) << " at " << eol;
        }
    }
    EXPECT_TRUE(WindowOf(EolState::kEol, now, 90).undated_ended);
    EXPECT_TRUE(WindowOf(EolState::kSupported, now, 90).open_ended);
}

ObservedEol Seen(const std::string& product, const std::string& cycle) {
    ObservedEol o;
    o.product = product;
    o.cycle = cycle;
    o.eol_at = 1000;
    o.evidence = product + " " + cycle;
    return o;
}

TEST(Eol, ScansCreateCloseAndReopenItems) {
    auto first = ReconcileEol({}, {Seen("python", "3.7"), Seen("amazon-linux", "2")}, 7, 100);
    ASSERT_EQ(first.insert.size(), 2u);
    EXPECT_TRUE(first.refresh.empty() && first.close.empty() && first.reopen.empty());
    EXPECT_EQ(first.insert[0].server_id, 7);
    EXPECT_EQ(first.insert[0].status, TaskStatus::kNew);

    // stored[0] is python 3.7, stored[1] amazon-linux 2, whatever order the changes come in.
    std::vector<EolItem> stored = first.insert;
    if (stored[0].product != "python") {
        std::swap(stored[0], stored[1]);
    }
    stored[0].id = 1;
    stored[1].id = 2;
    // The same scan again changes nothing.
    EXPECT_TRUE(
        ReconcileEol(stored, {Seen("python", "3.7"), Seen("amazon-linux", "2")}, 7, 200).empty());

    // A user works one; python 3.7 is upgraded away: closed at the scan's time.
    stored[1].status = TaskStatus::kOngoing;
    stored[1].user_status = true;
    auto upgraded = ReconcileEol(stored, {Seen("amazon-linux", "2")}, 7, 300);
    EXPECT_TRUE(upgraded.insert.empty() && upgraded.refresh.empty() && upgraded.reopen.empty());
    EXPECT_EQ(upgraded.close, std::vector<Id>{1});
    EXPECT_EQ(upgraded.at, 300);

    // It comes back: reopened. The other, still open, is not touched.
    stored[0].closed_at = 300;
    stored[0].status = TaskStatus::kPatchApplied;
    auto back = ReconcileEol(stored, {Seen("python", "3.7"), Seen("amazon-linux", "2")}, 7, 400);
    EXPECT_EQ(back.reopen, std::vector<Id>{1});
    EXPECT_TRUE(back.close.empty() && back.refresh.empty() && back.insert.empty());

    // New data (an end date moved) refreshes the item's data only: the change carries no
    // status for the store to write over the user's.
    ObservedEol moved = Seen("amazon-linux", "2");
    moved.eol_at = 2000;
    auto data = ReconcileEol({stored[1]}, {moved}, 7, 500);
    ASSERT_EQ(data.refresh.size(), 1u);
    EXPECT_EQ(data.refresh[0].id, 2);
    EXPECT_EQ(data.refresh[0].eol_at, 2000);
    EXPECT_TRUE(data.close.empty() && data.reopen.empty());
    EXPECT_FALSE(UserMaySetEolStatus(TaskStatus::kPatchApplied));
    EXPECT_TRUE(UserMaySetEolStatus(TaskStatus::kRiskAccepted));
}

TEST(Vex, StatusesMapToCycloneDxAnalysis) {
    EXPECT_EQ(VexAnalysisOf(TaskStatus::kNotAffected).state, "not_affected");
    EXPECT_EQ(VexAnalysisOf(TaskStatus::kWorkaround).state, "exploitable");
    EXPECT_EQ(VexAnalysisOf(TaskStatus::kWorkaround).response, "workaround_available");
    EXPECT_EQ(VexAnalysisOf(TaskStatus::kPatchApplied).state, "resolved");
    EXPECT_EQ(VexAnalysisOf(TaskStatus::kNew).state, "in_triage");
    EXPECT_EQ(VexAnalysisOf(TaskStatus::kRiskAccepted).response, "will_not_fix");
}

}  // namespace
}  // namespace kensa::domain
