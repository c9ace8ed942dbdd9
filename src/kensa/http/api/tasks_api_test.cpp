// /api/v1/groups/{group}/tasks: the list, one task, changes and comments.
#include "kensa/http/api/tasks_api.h"

#include <gtest/gtest.h>

#include "kensa/app/tasks/change_task.h"
#include "kensa/http/api/testing/api_harness.h"

namespace kensa::http::api::testing {
namespace {

class TasksApiTest : public ApiTest {
protected:
    TasksApiTest() {
        server = api.AddEc2Server(blue, "i-0aaaaaaaaaaaaaaa1");
        auto ids = api.AddTasks(server, {{"CVE-2024-0001", "openssl"}, {"CVE-2024-0002", "bash"}});
        task = ids[0];
        second = ids[1];
        red_task =
            api.AddTask(api.AddEc2Server(red, "i-0bbbbbbbbbbbbbbb2"), "CVE-2024-0003", "zlib");
    }
    std::string TaskPath(domain::Id group, domain::Id id, const std::string& suffix = "") {
        return GroupPath(group, "/tasks/" + std::to_string(id) + suffix);
    }
    domain::Id server = 0;
    domain::Id task = 0;
    domain::Id second = 0;
    domain::Id red_task = 0;
};

TEST_F(TasksApiTest, ListShowsTheGroupsTasksWithNamedSeverity) {
    auto r = api.Call("GET", GroupPath(blue, "/tasks"), blue_viewer);
    ASSERT_EQ(r.status, 200) << r.body;
    Json tasks = BodyJson(r)["tasks"];
    ASSERT_EQ(tasks.size(), 2u);
    EXPECT_EQ(tasks[0]["id"], task);
    EXPECT_EQ(tasks[0]["status"], "NEW");
    ASSERT_TRUE(tasks[0]["severity"].is_string());
    EXPECT_EQ(tasks[0]["severity"], "HIGH");
    EXPECT_EQ(tasks[0]["server_name"], "i-0aaaaaaaaaaaaaaa1");
    EXPECT_EQ(tasks[0]["title"], "CVE-2024-0001 in openssl");
    EXPECT_EQ(api.Call("GET", GroupPath(blue, "/tasks"), red_admin).status, 404);
}

TEST_F(TasksApiTest, ListFiltersAndPages) {
    auto first = BodyJson(api.Call("GET", GroupPath(blue, "/tasks?limit=1"), blue_viewer));
    ASSERT_EQ(first["tasks"].size(), 1u);
    EXPECT_EQ(first["next_after"], task);
    auto rest = BodyJson(api.Call(
        "GET", GroupPath(blue, "/tasks?limit=1&after=" + std::to_string(task)), blue_viewer));
    ASSERT_EQ(rest["tasks"].size(), 1u);
    EXPECT_EQ(rest["tasks"][0]["id"], second);
    auto by_vuln = BodyJson(
        api.Call("GET", GroupPath(blue, "/tasks?vulnerability_id=CVE-2024-0002"), blue_viewer));
    ASSERT_EQ(by_vuln["tasks"].size(), 1u);
    EXPECT_EQ(by_vuln["tasks"][0]["id"], second);
    auto by_status =
        BodyJson(api.Call("GET", GroupPath(blue, "/tasks?status=ONGOING"), blue_viewer));
    EXPECT_TRUE(by_status["tasks"].empty());
}

TEST_F(TasksApiTest, ListRejectsUnknownStatusAndBadNumbers) {
    auto status = api.Call("GET", GroupPath(blue, "/tasks?status=DONE"), blue_viewer);
    EXPECT_EQ(status.status, 400);
    EXPECT_EQ(ProblemField(status), "status");
    auto limit = api.Call("GET", GroupPath(blue, "/tasks?limit=-1"), blue_viewer);
    EXPECT_EQ(ProblemField(limit), "limit");
    auto server_id = api.Call("GET", GroupPath(blue, "/tasks?server_id=web"), blue_viewer);
    EXPECT_EQ(ProblemField(server_id), "server_id");
}

TEST_F(TasksApiTest, GetShowsCommentsAndHistoryAndIs404AcrossGroups) {
    ASSERT_EQ(
        api.Call("PATCH", TaskPath(blue, task), blue_member, R"({"status": "ONGOING"})").status,
        200);
    ASSERT_EQ(
        api.Call("POST", TaskPath(blue, task, "/comments"), blue_member, R"({"body": "on it"})")
            .status,
        201);
    auto r = api.Call("GET", TaskPath(blue, task), blue_viewer);
    ASSERT_EQ(r.status, 200) << r.body;
    Json t = BodyJson(r);
    EXPECT_EQ(t["status"], "ONGOING");
    bool user_comment = false;
    for (const auto& c : t["comments"]) {
        user_comment = user_comment || (c["body"] == "on it" && c["author"] == "blue-member");
    }
    EXPECT_TRUE(user_comment) << t["comments"].dump();
    bool status_history = false;
    for (const auto& h : t["history"]) {
        status_history = status_history || (h["field"] == "status" && h["new"] == "ONGOING");
    }
    EXPECT_TRUE(status_history) << t["history"].dump();
    EXPECT_EQ(api.Call("GET", TaskPath(blue, red_task), blue_admin).status, 404);
    EXPECT_EQ(api.Call("GET", TaskPath(red, task), red_admin).status, 404);
}

TEST_F(TasksApiTest, PatchChangesStatusAndPriority) {
    auto r = api.Call("PATCH",
                      TaskPath(blue, task),
                      blue_member,
                      R"({"status": "RISK_ACCEPTED", "priority": "LOW"})");
    ASSERT_EQ(r.status, 200) << r.body;
    Json t = BodyJson(r);
    EXPECT_EQ(t["status"], "RISK_ACCEPTED");
    EXPECT_EQ(t["priority"], "LOW");
    EXPECT_EQ(t["id"], task);
}

TEST_F(TasksApiTest, PatchSetsAndClearsAssigneeAndDeadlineInOneChange) {
    auto r = api.Call("PATCH",
                      TaskPath(blue, task),
                      blue_member,
                      R"({"status": "ONGOING", "assignee": "hana", "deadline": 1767225600})");
    ASSERT_EQ(r.status, 200) << r.body;
    Json t = BodyJson(r);
    EXPECT_EQ(t["status"], "ONGOING");
    EXPECT_EQ(t["assignee"], "hana");
    EXPECT_EQ(t["deadline"], 1767225600);
    Json got = BodyJson(api.Call("GET", TaskPath(blue, task), blue_viewer));
    EXPECT_EQ(got["assignee"], "hana");
    auto cleared = api.Call(
        "PATCH", TaskPath(blue, task), blue_member, R"({"assignee": "", "deadline": null})");
    ASSERT_EQ(cleared.status, 200) << cleared.body;
    EXPECT_EQ(BodyJson(cleared)["assignee"], "");
    EXPECT_TRUE(BodyJson(cleared)["deadline"].is_null());
    auto bad = api.Call("PATCH", TaskPath(blue, task), blue_member, R"({"deadline": "tomorrow"})");
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(ProblemField(bad), "deadline");
    auto negative = api.Call("PATCH", TaskPath(blue, task), blue_member, R"({"deadline": -5})");
    EXPECT_EQ(ProblemField(negative), "deadline");
}

TEST_F(TasksApiTest, PatchValidatesItsBodyAndTheCaller) {
    auto priority =
        api.Call("PATCH", TaskPath(blue, task), blue_member, R"({"priority": "URGENT"})");
    EXPECT_EQ(priority.status, 400);
    EXPECT_EQ(ProblemField(priority), "priority");
    auto status = api.Call("PATCH", TaskPath(blue, task), blue_member, R"({"status": 3})");
    EXPECT_EQ(ProblemField(status), "status");
    auto patched =
        api.Call("PATCH", TaskPath(blue, task), blue_member, R"({"status": "PATCH_APPLIED"})");
    EXPECT_EQ(patched.status, 400);  // only a scan sets PATCH_APPLIED
    EXPECT_EQ(ProblemField(patched), "status");
    EXPECT_EQ(api.Call("PATCH", TaskPath(blue, task), blue_member, "{\"status\":").status, 400);
    EXPECT_EQ(
        api.Call("PATCH", TaskPath(blue, task), blue_viewer, R"({"status": "ONGOING"})").status,
        403);
    EXPECT_EQ(
        api.Call("PATCH", TaskPath(blue, red_task), blue_member, R"({"status": "ONGOING"})").status,
        404);
    EXPECT_EQ(BodyJson(api.Call("GET", TaskPath(blue, task), blue_viewer))["status"], "NEW");
}

TEST_F(TasksApiTest, AddCommentAnswers201WithItsId) {
    auto r = api.Call(
        "POST", TaskPath(blue, task, "/comments"), blue_member, R"({"body": "patch on Friday"})");
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_GT(BodyJson(r)["id"], 0);
    auto missing = api.Call("POST", TaskPath(blue, task, "/comments"), blue_member, R"({})");
    EXPECT_EQ(missing.status, 400);
    EXPECT_EQ(ProblemField(missing), "body");
    auto misspelt =
        api.Call("POST", TaskPath(blue, task, "/comments"), blue_member, R"({"text": "x"})");
    EXPECT_EQ(misspelt.status, 400);
    EXPECT_EQ(ProblemField(misspelt), "text");  // an unknown member is named, not dropped
    EXPECT_EQ(
        api.Call("POST", TaskPath(blue, task, "/comments"), blue_viewer, R"({"body": "x"})").status,
        403);
    EXPECT_EQ(
        api.Call("POST", TaskPath(blue, red_task, "/comments"), blue_member, R"({"body": "x"})")
            .status,
        404);
}

TEST_F(TasksApiTest, PatchSetsTheSubAssigneeAndTakesDates) {
    auto r = api.Call("PATCH",
                      TaskPath(blue, task),
                      blue_member,
                      R"({"sub_assignee": "ken", "deadline": "2027-01-31", "comment": "on it"})");
    ASSERT_EQ(r.status, 200) << r.body;
    Json t = BodyJson(r);
    EXPECT_EQ(t["sub_assignee"], "ken");
    EXPECT_EQ(t["deadline"], 1801353600);  // 2027-01-31T00:00:00Z
    Json detail = BodyJson(api.Call("GET", TaskPath(blue, task), blue_viewer));
    ASSERT_EQ(detail["comments"].size(), 1u);
    EXPECT_EQ(detail["comments"][0]["body"], "on it");
    EXPECT_EQ(ProblemField(api.Call(
                  "PATCH", TaskPath(blue, task), blue_member, R"({"deadline": "2027-02-30"})")),
              "deadline");
}

TEST_F(TasksApiTest, IgnoreUntilParksTheTaskAndItReopensWhenTheDatePasses) {
    const int64_t now = app::Now(api.ctx());
    const int64_t until = now + 3 * 86400;
    auto r =
        api.Call("PATCH", TaskPath(blue, task), blue_member, Json{{"ignore_until", until}}.dump());
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(BodyJson(r)["status"], "DEFER");
    EXPECT_EQ(BodyJson(r)["ignore_until"], until);
    EXPECT_EQ(
        ProblemField(api.Call(
            "PATCH", TaskPath(blue, second), blue_member, Json{{"ignore_until", now - 1}}.dump())),
        "ignore_until");

    api.clock().Advance(std::chrono::hours(24 * 2));
    ASSERT_TRUE(app::EndIgnorePeriods(api.store(), api.clock()).ok());
    EXPECT_EQ(BodyJson(api.Call("GET", TaskPath(blue, task), blue_viewer))["status"], "DEFER");

    api.clock().Advance(std::chrono::hours(24 * 1));  // the date passes
    auto ended = app::EndIgnorePeriods(api.store(), api.clock());
    ASSERT_TRUE(ended.ok());
    EXPECT_EQ(*ended, 1);
    Json detail = BodyJson(api.Call("GET", TaskPath(blue, task), blue_viewer));
    EXPECT_EQ(detail["status"], "NEW");
    EXPECT_TRUE(detail["ignore_until"].is_null());
    ASSERT_FALSE(detail["comments"].empty());
    EXPECT_TRUE(detail["comments"].back()["system"].get<bool>());
    EXPECT_NE(detail["comments"].back()["body"].get<std::string>().find("ignore period"),
              std::string::npos);
    EXPECT_EQ(*app::EndIgnorePeriods(api.store(), api.clock()), 0);  // once
}

TEST_F(TasksApiTest, AnEndedIgnorePeriodLeavesALaterDecisionStanding) {
    const int64_t until = app::Now(api.ctx()) + 86400;
    ASSERT_EQ(
        api.Call("PATCH", TaskPath(blue, task), blue_member, Json{{"ignore_until", until}}.dump())
            .status,
        200);
    ASSERT_EQ(
        api.Call(
               "PATCH", TaskPath(blue, task), blue_member, Json{{"status", "NOT_AFFECTED"}}.dump())
            .status,
        200);
    api.clock().Advance(std::chrono::hours(25));
    ASSERT_EQ(*app::EndIgnorePeriods(api.store(), api.clock()), 1);
    Json t = BodyJson(api.Call("GET", TaskPath(blue, task), blue_viewer));
    EXPECT_EQ(t["status"], "NOT_AFFECTED");  // the user's decision stands
    EXPECT_TRUE(t["ignore_until"].is_null());
}

TEST_F(TasksApiTest, BulkChangesIdsOrAFilterInOneTransaction) {
    auto r = api.Call(
        "POST",
        GroupPath(blue, "/tasks/bulk"),
        blue_member,
        Json{{"ids", {task, second}}, {"set", {{"assignee", "hana"}, {"priority", "HIGH"}}}}
            .dump());
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(BodyJson(r)["updated"], 2);
    Json list = BodyJson(api.Call("GET", GroupPath(blue, "/tasks?assignee=hana"), blue_viewer));
    EXPECT_EQ(list["tasks"].size(), 2u);

    // One foreign id: nothing changes at all.
    auto mixed = api.Call("POST",
                          GroupPath(blue, "/tasks/bulk"),
                          blue_member,
                          Json{{"ids", {task, red_task}}, {"set", {{"status", "ONGOING"}}}}.dump());
    EXPECT_EQ(mixed.status, 404) << mixed.body;
    EXPECT_EQ(BodyJson(api.Call("GET", TaskPath(blue, task), blue_viewer))["status"], "NEW");

    auto by_filter = api.Call("POST",
                              GroupPath(blue, "/tasks/bulk"),
                              blue_member,
                              Json{{"filter", {{"vulnerability_id", "CVE-2024-0002"}}},
                                   {"set", {{"status", "INVESTIGATING"}}}}
                                  .dump());
    ASSERT_EQ(by_filter.status, 200) << by_filter.body;
    EXPECT_EQ(BodyJson(by_filter)["updated"], 1);
    EXPECT_EQ(BodyJson(api.Call("GET", TaskPath(blue, second), blue_viewer))["status"],
              "INVESTIGATING");
    EXPECT_EQ(BodyJson(api.Call("GET", TaskPath(red, red_task), red_admin))["status"], "NEW");

    EXPECT_EQ(api.Call("POST",
                       GroupPath(blue, "/tasks/bulk"),
                       blue_viewer,
                       Json{{"ids", {task}}, {"set", {{"status", "ONGOING"}}}}.dump())
                  .status,
              403);
    EXPECT_EQ(ProblemField(api.Call("POST",
                                    GroupPath(blue, "/tasks/bulk"),
                                    blue_member,
                                    Json{{"set", {{"status", "ONGOING"}}}}.dump())),
              "ids");
    EXPECT_EQ(ProblemField(api.Call("POST",
                                    GroupPath(blue, "/tasks/bulk"),
                                    blue_member,
                                    Json{{"ids", {task}}, {"set", {{"comment", "x"}}}}.dump())),
              "comment");
}

TEST_F(TasksApiTest, ListFiltersByPriorityAssigneeOverdueTextAndFix) {
    ASSERT_EQ(api.Call("PATCH",
                       TaskPath(blue, task),
                       blue_member,
                       Json{{"priority", "LOW"},
                            {"sub_assignee", "ken"},
                            {"deadline", app::Now(api.ctx()) - 60}}
                           .dump())
                  .status,
              200);
    auto ids = [&](const std::string& query) {
        Json tasks =
            BodyJson(api.Call("GET", GroupPath(blue, "/tasks" + query), blue_viewer))["tasks"];
        std::vector<int64_t> out;
        for (const auto& t : tasks) {
            out.push_back(t["id"]);
        }
        return out;
    };
    EXPECT_EQ(ids("?priority=LOW"), std::vector<int64_t>{task});
    EXPECT_EQ(ids("?assignee=ken"), std::vector<int64_t>{task});  // sub assignees count
    EXPECT_EQ(ids("?overdue=true"), std::vector<int64_t>{task});
    EXPECT_EQ(ids("?q=bash"), std::vector<int64_t>{second});  // the title names the package
    EXPECT_EQ(ids("?q=cve-2024-0001"), std::vector<int64_t>{task});
    EXPECT_EQ(ids("?severity=HIGH").size(), 2u);
    EXPECT_TRUE(ids("?severity=CRITICAL").empty());
    EXPECT_TRUE(ids("?q=%25").empty());  // a literal %, not a wildcard
    EXPECT_EQ(ProblemField(api.Call("GET", GroupPath(blue, "/tasks?epss_min=2"), blue_viewer)),
              "epss_min");
    EXPECT_EQ(ProblemField(api.Call("GET", GroupPath(blue, "/tasks?overdue=maybe"), blue_viewer)),
              "overdue");
    EXPECT_EQ(ProblemField(api.Call("GET", GroupPath(blue, "/tasks?sort=name"), blue_viewer)),
              "sort");
}

TEST_F(TasksApiTest, SortsPageByCursor) {
    ASSERT_EQ(api.Call("PATCH",
                       TaskPath(blue, second),
                       blue_member,
                       Json{{"deadline", "2027-01-01"}}.dump())
                  .status,
              200);
    Json first =
        BodyJson(api.Call("GET", GroupPath(blue, "/tasks?sort=deadline&limit=1"), blue_viewer));
    ASSERT_EQ(first["tasks"].size(), 1u);
    EXPECT_EQ(first["tasks"][0]["id"], second);  // the one with a deadline first
    ASSERT_TRUE(first["next_cursor"].is_string());
    Json next = BodyJson(api.Call(
        "GET",
        GroupPath(blue,
                  "/tasks?sort=deadline&limit=1&cursor=" + first["next_cursor"].get<std::string>()),
        blue_viewer));
    ASSERT_EQ(next["tasks"].size(), 1u);
    EXPECT_EQ(next["tasks"][0]["id"], task);
    Json newest = BodyJson(api.Call("GET", GroupPath(blue, "/tasks?sort=-id"), blue_viewer));
    EXPECT_EQ(newest["tasks"][0]["id"], second);
    EXPECT_EQ(
        ProblemField(api.Call(
            "GET",
            GroupPath(blue, "/tasks?sort=-id&cursor=" + first["next_cursor"].get<std::string>()),
            blue_viewer)),
        "cursor");  // a cursor of another sort
    EXPECT_EQ(
        ProblemField(api.Call(
            "GET", GroupPath(blue, "/tasks?sort=deadline&cursor=deadline~4.5~1"), blue_viewer)),
        "cursor");  // a forged key: deadlines are whole seconds
}

TEST_F(TasksApiTest, TheDashboardCountsOpenTasksAndTheirTrend) {
    ASSERT_EQ(
        api.Call(
               "PATCH", TaskPath(blue, task), blue_member, Json{{"status", "NOT_AFFECTED"}}.dump())
            .status,
        200);
    auto r = api.Call("GET", GroupPath(blue, "/dashboard"), blue_viewer);
    ASSERT_EQ(r.status, 200) << r.body;
    Json d = BodyJson(r);
    EXPECT_EQ(d["open_total"], 1);
    EXPECT_EQ(d["open_by_severity"]["HIGH"], 1);
    EXPECT_EQ(d["open_by_severity"]["CRITICAL"], 0);
    ASSERT_EQ(d["trend"].size(), 30u);
    EXPECT_EQ(d["trend"].back()["open"], 1);
    EXPECT_EQ(d["trend"].front()["open"], 0);  // before the tasks existed
    EXPECT_EQ(api.Call("GET", GroupPath(blue, "/dashboard"), red_admin).status, 404);
}

}  // namespace
}  // namespace kensa::http::api::testing
