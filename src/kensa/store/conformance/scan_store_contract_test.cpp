// ScanStore: applying a scan (domain::PlanScan's changes in one transaction), with the R13
// take-over, detect-only sources, concurrent writers and network findings.
#include <atomic>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "kensa/domain/scan_mode.h"
#include "kensa/store/conformance/store_contract_fixture.h"

namespace kensa::store::contract {
namespace {

class ScanStoreContract : public StoreContract {};

TEST_P(ScanStoreContract, ScanLifecycleAndUnchangedRescanWritesNothing) {
    Id g = MakeGroup();
    Id s = MakeServer(g);
    auto first = store_->ApplyScan(s, Scan({{"CVE-1", "openssl"}, {"CVE-2", "curl"}}), {}, 1000);
    ASSERT_TRUE(first.ok()) << first.error().ToString();
    EXPECT_EQ(first->tasks_created, 2);
    EXPECT_EQ(first->active_detections, 2);

    auto tasks = store_->ListTasks(Filter(g));
    ASSERT_TRUE(tasks.ok());
    ASSERT_EQ(tasks->size(), 2u);
    Id curl_task =
        (*tasks)[1].task.vulnerability_id == "CVE-2" ? (*tasks)[1].task.id : (*tasks)[0].task.id;
    Id openssl_task = curl_task == (*tasks)[0].task.id ? (*tasks)[1].task.id : (*tasks)[0].task.id;
    EXPECT_EQ((*tasks)[0].severity, domain::Severity::kHigh);
    EXPECT_EQ((*tasks)[0].task.priority, domain::TaskPriority::kHigh);
    ASSERT_TRUE(
        Edit(*store_, curl_task, StatusEdit(domain::TaskStatus::kOngoing), "alice", 1001).ok());

    auto before = store_->TableCounts();
    auto same = store_->ApplyScan(s, Scan({{"CVE-1", "openssl"}, {"CVE-2", "curl"}}), {}, 2000);
    ASSERT_TRUE(same.ok());
    EXPECT_EQ(same->rows_written, 0);
    EXPECT_EQ(*store_->TableCounts(), *before);

    // openssl patched.
    auto patched = store_->ApplyScan(s, Scan({{"CVE-2", "curl"}}), {}, 3000);
    ASSERT_TRUE(patched.ok());
    EXPECT_EQ(patched->tasks_patched, 1);
    EXPECT_EQ(store_->GetTask(openssl_task)->status, domain::TaskStatus::kPatchApplied);
    EXPECT_EQ(store_->GetTask(curl_task)->status, domain::TaskStatus::kOngoing);
    auto comments = store_->ListComments(openssl_task);
    ASSERT_EQ(comments->size(), 1u);
    EXPECT_TRUE((*comments)[0].system);
    EXPECT_EQ(store_->ListSoftware(s, false)->size(), 1u);
    EXPECT_EQ(store_->ListSoftware(s, true)->size(), 2u);

    // openssl reinstalled: the task reopens, the user's ONGOING stays.
    auto back = store_->ApplyScan(s, Scan({{"CVE-1", "openssl"}, {"CVE-2", "curl"}}), {}, 4000);
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back->tasks_reopened, 1);
    EXPECT_EQ(store_->GetTask(openssl_task)->status, domain::TaskStatus::kNew);
    EXPECT_EQ(store_->GetTask(curl_task)->status, domain::TaskStatus::kOngoing);
    EXPECT_EQ(store_->ListComments(openssl_task)->size(), 2u);
    EXPECT_EQ(store_->ListSoftware(s, false)->size(), 2u);
    EXPECT_EQ(Count("tasks"), 2);
}

TEST_P(ScanStoreContract, TheDistroAScanNamesStaysUntilAnotherNamesOne) {
    Id g = MakeGroup();
    Id s = MakeServer(g);
    EXPECT_EQ(store_->GetServer(s)->distro, "");
    auto scan = Scan({{"CVE-1", "openssl"}});
    scan.distro = "almalinux-9";
    ASSERT_TRUE(store_->ApplyScan(s, scan, {}, 1000).ok());
    EXPECT_EQ(store_->GetServer(s)->distro, "almalinux-9");
    auto silent = Scan({{"CVE-1", "openssl"}});  // a scan that names no OS
    auto same = store_->ApplyScan(s, silent, {}, 2000);
    ASSERT_TRUE(same.ok());
    EXPECT_EQ(same->rows_written, 0);
    EXPECT_EQ(store_->GetServer(s)->distro, "almalinux-9");
    EXPECT_EQ((*store_->ListServers(g))[0].distro, "almalinux-9");
    silent.distro = "almalinux-9.4";
    ASSERT_TRUE(store_->ApplyScan(s, silent, {}, 3000).ok());
    EXPECT_EQ(store_->GetServer(s)->distro, "almalinux-9.4");
}

TEST_P(ScanStoreContract, SharedVulnerabilitiesDoNotFlapBetweenServers) {
    Id g = MakeGroup();
    Id a = MakeServer(g, "i-0aaaaaaaaaaaaaaa1");
    Id b = MakeServer(g, "i-0bbbbbbbbbbbbbbb2");
    // The same CVE seen through different packages: Inspector's titles differ per finding.
    ASSERT_TRUE(store_->ApplyScan(a, Scan({{"CVE-1", "openssl"}}), {}, 1000).ok());
    auto on_b = Scan({{"CVE-1", "openssl-libs"}});
    on_b.vulnerabilities[0].epss = 0.5;
    ASSERT_TRUE(store_->ApplyScan(b, on_b, {}, 1001).ok());
    auto v = store_->GetVulnerability(g, "CVE-1");
    ASSERT_TRUE(v.ok() && v->has_value());
    EXPECT_EQ((*v)->title, "CVE-1 in openssl");  // the first description stays
    EXPECT_EQ((*v)->epss, 0.5);                  // global facts are updated
    auto again_a = store_->ApplyScan(a, Scan({{"CVE-1", "openssl"}}), {}, 1002);
    ASSERT_TRUE(again_a.ok());
    EXPECT_EQ(again_a->rows_written, 0);
    auto again_b = store_->ApplyScan(b, on_b, {}, 1003);
    EXPECT_EQ(again_b->rows_written, 0);
}

// Issue 19: a fake Inspector in group blue describes CVE-2024-3094 as LOW 0.1, "safe to
// ignore", with a link elsewhere. Red's own scan says CRITICAL 10.0, and red sees only that;
// blue keeps its own story; the shared row holds no tenant's words.
TEST_P(ScanStoreContract, OneGroupsScanNeverRewritesWhatAnotherGroupSees) {
    Id blue = MakeGroup("blue");
    Id red = MakeGroup("red");
    Id on_blue = MakeServer(blue, "i-0aaaaaaaaaaaaaaa1");
    Id on_red = MakeServer(red, "i-0bbbbbbbbbbbbbbb2");
    auto poison = Scan({{"CVE-2024-3094", "xz"}});
    poison.vulnerabilities[0].severity = domain::Severity::kLow;
    poison.vulnerabilities[0].cvss3_score = 0.1;
    poison.vulnerabilities[0].title = "safe to ignore";
    poison.vulnerabilities[0].references = {"https://attacker.example/"};
    ASSERT_TRUE(store_->ApplyScan(on_blue, poison, {}, 1000).ok());
    auto truth = Scan({{"CVE-2024-3094", "xz"}});
    truth.vulnerabilities[0].severity = domain::Severity::kCritical;
    truth.vulnerabilities[0].cvss3_score = 10.0;
    truth.vulnerabilities[0].title = "xz backdoor";
    ASSERT_TRUE(store_->ApplyScan(on_red, truth, {}, 1001).ok());

    auto red_view = store_->GetVulnerability(red, "CVE-2024-3094");
    ASSERT_TRUE(red_view.ok() && red_view->has_value());
    EXPECT_EQ((*red_view)->title, "xz backdoor");
    EXPECT_EQ((*red_view)->severity, domain::Severity::kCritical);
    EXPECT_DOUBLE_EQ((*red_view)->cvss3_score, 10.0);
    EXPECT_TRUE((*red_view)->references.empty());
    auto blue_view = store_->GetVulnerability(blue, "CVE-2024-3094");
    ASSERT_TRUE(blue_view.ok() && blue_view->has_value());
    EXPECT_EQ((*blue_view)->title, "safe to ignore");
    // The task lists read the same views.
    ports::TaskFilter red_tasks;
    red_tasks.group_id = red;
    auto listed = store_->ListTasks(red_tasks);
    ASSERT_TRUE(listed.ok());
    ASSERT_EQ(listed->size(), 1u);
    EXPECT_EQ((*listed)[0].severity, domain::Severity::kCritical);
    EXPECT_EQ((*listed)[0].title, "xz backdoor");
    // A group that has no task of it is told nothing, not even that someone has seen it.
    Id green = MakeGroup("green");
    auto green_view = store_->GetVulnerability(green, "CVE-2024-3094");
    ASSERT_TRUE(green_view.ok());
    EXPECT_FALSE(green_view->has_value());
}

TEST_P(ScanStoreContract, AGroupsWordsStayInItsOwnRow) {
    Id g = MakeGroup();
    Id s = MakeServer(g);
    ASSERT_TRUE(store_->ApplyScan(s, Scan({{"CVE-9", "bash"}}), {}, 1000).ok());
    EXPECT_EQ(Count("group_vulnerabilities"), 1);
    Id other = MakeGroup("other");
    Id t = MakeServer(other, "i-0ccccccccccccccc3");
    auto bare = Scan({{"CVE-9", "bash"}});
    bare.vulnerabilities.clear();  // a source that names the id only
    ASSERT_TRUE(store_->ApplyScan(t, bare, {}, 1001).ok());
    auto other_view = store_->GetVulnerability(other, "CVE-9");
    ASSERT_TRUE(other_view.ok() && other_view->has_value());
    EXPECT_EQ((*other_view)->title, "");  // the shared row: only an id, no tenant's words
    EXPECT_EQ((*other_view)->severity, domain::Severity::kUnknown);
}

TEST_P(ScanStoreContract, FailedScanChangesNothing) {
    Id g = MakeGroup();
    Id s = MakeServer(g);
    auto obs = Scan({{"CVE-1", "openssl"}, {"CVE-2", "curl"}});
    obs.detections[1].software = Pkg("not-in-the-scan", "9").key;  // inconsistent observation
    auto r = store_->ApplyScan(s, obs, {}, 1000);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(Count("software"), 0);
    EXPECT_EQ(Count("vulnerabilities"), 0);
    EXPECT_EQ(Count("tasks"), 0);
    EXPECT_EQ(Count("detections"), 0);
}

TEST_P(ScanStoreContract, ConcurrentWritersNeverDuplicateATask) {
    Id g = MakeGroup();
    Id s = MakeServer(g);
    // Separate store instances stand for separate kensa processes.
    std::vector<ports::StorePtr> stores;
    for (int store_idx = 0; store_idx < 4; ++store_idx) {
        stores.push_back(Open());
    }
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int thread_idx = 0; thread_idx < 8; ++thread_idx) {
        threads.emplace_back([&, thread_idx] {
            auto& st = stores[static_cast<size_t>(thread_idx) % stores.size()];
            for (int round = 0; round < 5; ++round) {
                auto r = st->ApplyScan(
                    s,
                    Scan({{"CVE-1", "openssl"}, {"CVE-" + std::to_string(round), "curl"}}),
                    {},
                    1000 + round);
                if (!r.ok()) {
                    ++failures;
                }
            }
        });
    }
    for (auto& t : threads) {
        t.join();
    }
    EXPECT_EQ(failures.load(), 0);
    auto tasks = store_->ListTasks(Filter(g, "CVE-1"));
    EXPECT_EQ(tasks->size(), 1u);
    EXPECT_EQ(Count("tasks"), 5);  // CVE-0..CVE-4 (CVE-1 shared)
}

TEST_P(ScanStoreContract, SbomTakeOverMovesRowsCommentsOnceAndClosesNothing) {
    Id g = MakeGroup();
    Id s = MakeServer(g);
    ASSERT_TRUE(
        store_->ApplyScan(s, Scan({{"CVE-1", "openssl"}, {"CVE-2", "curl"}}), {}, 1000).ok());
    domain::Server vuls;
    vuls.group_id = g;
    vuls.kind = domain::ServerKind::kVuls;
    vuls.name = "vuls-host";
    vuls.vuls_uuid = "u-1";
    Id v = *store_->CreateServer(vuls);

    domain::SbomExportSettings on;
    on.enabled = true;
    on.bucket = "b";
    on.kms_key_arn = "arn:aws:kms:us-east-1:123456789012:key/k";
    auto switched =
        store_->UpdateGroupSbom(g, on, domain::PlanScanModes(*store_->ListServers(g), on.enabled));
    ASSERT_TRUE(switched.ok()) << switched.error().ToString();
    EXPECT_EQ(*switched, 1);
    EXPECT_EQ(store_->GetServer(s)->scan_mode, domain::ScanMode::kInspectorSbom);
    EXPECT_EQ(store_->GetServer(v)->scan_mode, domain::ScanMode::kNormal);  // R19
    EXPECT_TRUE(store_->GetGroup(g)->sbom.enabled);

    // The SBOM lists openssl (same key) with a purl and a new package; curl's CVE is gone.
    domain::ScanObservation sbom = Scan({{"CVE-1", "openssl"}});
    sbom.source = domain::DetectionSource::kSbom;
    sbom.software_source = domain::SoftwareSource::kSbom;
    sbom.takeover_comment = "moved";
    for (auto& sw : sbom.software) {
        sw.source = domain::SoftwareSource::kSbom;
        sw.managed_by = domain::ManagedBy::kSbom;
        sw.purl = "pkg:rpm/openssl@1.0";
    }
    sbom.software.push_back(Pkg("zlib", "1.2"));
    sbom.software.back().managed_by = domain::ManagedBy::kSbom;
    Id openssl_id = store_->ListSoftware(s, false)->at(0).id;
    auto applied = store_->ApplyScan(s, sbom, {}, 2000);
    ASSERT_TRUE(applied.ok()) << applied.error().ToString();
    auto tasks = *store_->ListTasks(Filter(g));
    ASSERT_EQ(tasks.size(), 2u);
    for (const auto& t : tasks) {
        auto comments = *store_->ListComments(t.task.id);
        int moved = 0;
        for (const auto& c : comments) {
            moved += c.system && c.body == "moved" ? 1 : 0;
        }
        EXPECT_EQ(moved, 1) << t.task.vulnerability_id;
    }
    auto software = *store_->ListSoftware(s, false);
    ASSERT_EQ(software.size(), 2u);  // openssl kept (same row), zlib added, curl removed
    EXPECT_EQ(software[0].id, openssl_id);
    EXPECT_EQ(software[0].first_seen, 1000);
    EXPECT_EQ(software[0].purl, "pkg:rpm/openssl@1.0");
    EXPECT_EQ(software[0].managed_by, domain::ManagedBy::kSbom);
    EXPECT_EQ(software[0].source, domain::SoftwareSource::kSbom);
    EXPECT_EQ(store_->ListSoftware(s, true)->size(), 3u);  // curl kept as removed history

    for (const auto& t : tasks) {
        EXPECT_NE(t.task.status, domain::TaskStatus::kPatchApplied)
            << "the move closed " << t.task.vulnerability_id;
    }

    // The next import takes nothing over again; now CVE-2, which the SBOM does not list, closes.
    auto again = store_->ApplyScan(s, sbom, {}, 3000);
    ASSERT_TRUE(again.ok()) << again.error().ToString();
    EXPECT_EQ(again->tasks_patched, 1);
    auto unchanged = store_->ApplyScan(s, sbom, {}, 4000);
    ASSERT_TRUE(unchanged.ok());
    EXPECT_EQ(unchanged->rows_written, 0);
    EXPECT_TRUE(store_->GetServer(s)->sbom_migrated_at.has_value());

    // Turning export off hands the server back; the Vuls server never moved.
    on.enabled = false;
    on.format = "SPDX_2_3";
    EXPECT_EQ(
        *store_->UpdateGroupSbom(g, on, domain::PlanScanModes(*store_->ListServers(g), on.enabled)),
        1);
    EXPECT_EQ(store_->GetServer(s)->scan_mode, domain::ScanMode::kNormal);
    EXPECT_FALSE(store_->GetServer(s)->sbom_migrated_at.has_value());
    EXPECT_EQ(store_->GetGroup(g)->sbom.format, "SPDX_2_3");
    auto handed_back = *store_->ListSoftware(s, true);
    for (const auto& sw : handed_back) {  // handed back to the normal scan
        EXPECT_EQ(sw.source, domain::SoftwareSource::kInspector) << sw.key.name;
        EXPECT_EQ(sw.managed_by, domain::ManagedBy::kNormal) << sw.key.name;
    }
    // The normal scan reconciles them again, and a re-enable takes them over without a clash.
    ASSERT_TRUE(store_->ApplyScan(s, Scan({{"CVE-1", "openssl"}}), {}, 5000).ok());
    on.enabled = true;
    ASSERT_TRUE(
        store_->UpdateGroupSbom(g, on, domain::PlanScanModes(*store_->ListServers(g), on.enabled))
            .ok());
    auto retaken = store_->ApplyScan(s, sbom, {}, 6000);
    ASSERT_TRUE(retaken.ok()) << retaken.error().ToString();
}

TEST_P(ScanStoreContract, DetectOnlySourceMergesIntoOneTaskAndTouchesNoSoftware) {
    Id g = MakeGroup();
    Id s = MakeServer(g);
    ASSERT_TRUE(store_->ApplyScan(s, Scan({{"CVE-1", "openssl"}}), {}, 1000).ok());
    domain::ScanObservation adv;
    adv.source = domain::DetectionSource::kAdvisory;
    adv.manages_software = false;
    adv.detections.push_back({"CVE-1", Pkg("openssl", "1.0").key, "ALSA-1", "1.1", "package"});
    adv.detections.push_back({"CVE-9", Pkg("openssl", "1.0").key, "ALSA-2", "", "package"});
    auto before = *store_->ListSoftware(s, true);
    // The detections must name the stored rows they refer to.
    auto unlisted = store_->ApplyScan(s, adv, {}, 2000);
    ASSERT_FALSE(unlisted.ok());
    EXPECT_EQ(unlisted.error().code(), ErrorCode::kInternal);
    for (const auto& sw : before) {
        if (sw.key == Pkg("openssl", "1.0").key) {
            adv.software.push_back(sw);
        }
    }
    ASSERT_EQ(adv.software.size(), 1u);
    auto applied = store_->ApplyScan(s, adv, {}, 2000);
    ASSERT_TRUE(applied.ok()) << applied.error().ToString();
    EXPECT_EQ(applied->tasks_created, 1);  // CVE-9 only: CVE-1 already has Inspector's task
    EXPECT_EQ(store_->ListTasks(Filter(g))->size(), 2u);
    EXPECT_EQ(store_->ListSoftware(s, true)->size(), before.size());
    // Re-applied unchanged, the matcher writes nothing.
    auto again = store_->ApplyScan(s, adv, {}, 2500);
    ASSERT_TRUE(again.ok()) << again.error().ToString();
    EXPECT_EQ(again->rows_written, 0);
    // The matcher stops matching CVE-9: its detection closes although the observation lists no
    // software for it (the row is found through the stored detection).
    domain::ScanObservation fewer = adv;
    fewer.software.clear();
    fewer.detections.clear();
    auto closed = store_->ApplyScan(s, fewer, {}, 2600);
    ASSERT_TRUE(closed.ok()) << closed.error().ToString();
    auto detections = *store_->ListDetections(s);
    int active_advisory = 0;
    for (const auto& d : detections) {
        active_advisory += d.source == domain::DetectionSource::kAdvisory && d.active ? 1 : 0;
    }
    EXPECT_EQ(active_advisory, 0);
    ASSERT_TRUE(store_->ApplyScan(s, adv, {}, 2700).ok());  // both match again
    // Inspector no longer sees CVE-1, the advisory still does: the task stays open.
    ASSERT_TRUE(store_->ApplyScan(s, Scan({{"CVE-5", "zlib"}}), {}, 3000).ok());
    auto filter = Filter(g);
    filter.vulnerability_id = "CVE-1";
    EXPECT_NE(store_->ListTasks(filter)->at(0).task.status, domain::TaskStatus::kPatchApplied);
    // Inspector's scan removed openssl. The matcher read it before that: its detections are
    // dropped, not an error, and keep no task open.
    auto late = store_->ApplyScan(s, adv, {}, 3900);
    ASSERT_TRUE(late.ok()) << late.error().ToString();
    EXPECT_EQ(late->tasks_created, 0);
    auto tasks = *store_->ListTasks(Filter(g));
    ASSERT_EQ(tasks.size(), 3u);
    for (const auto& t : tasks) {
        if (t.task.vulnerability_id != "CVE-5") {
            EXPECT_EQ(t.task.status, domain::TaskStatus::kPatchApplied) << t.task.vulnerability_id;
        }
    }
}

TEST_P(ScanStoreContract, ManyNewRowsGetTheirOwnIds) {
    // 700 new rows go in batches of 256, 256, 128, 32, 16, 8 and 4; every detection must point
    // at the row of its own package whatever order the database returns the ids in.
    Id g = MakeGroup();
    Id s = MakeServer(g);
    domain::ScanObservation obs;
    for (int i = 0; i < 700; ++i) {
        obs.software.push_back(Pkg("pkg-" + std::to_string(i), std::to_string(i % 7) + ".0"));
        if (i % 50 == 3) {
            std::string vuln = "CVE-2024-" + std::to_string(1000 + i);
            obs.vulnerabilities.push_back({});
            obs.vulnerabilities.back().id = vuln;
            obs.detections.push_back({vuln, obs.software.back().key, "arn:" + vuln, "", "package"});
        }
    }
    auto applied = store_->ApplyScan(s, obs, {}, 1000);
    ASSERT_TRUE(applied.ok()) << applied.error().ToString();
    auto rows = *store_->ListSoftware(s, false);
    ASSERT_EQ(rows.size(), 700u);
    std::map<Id, std::string> name_of;
    for (const auto& r : rows) {
        name_of[r.id] = r.key.name;
    }
    auto detections = *store_->ListDetections(s);
    ASSERT_EQ(detections.size(), 14u);
    for (const auto& d : detections) {
        ASSERT_TRUE(d.software_id.has_value());
        EXPECT_EQ("CVE-2024-" + std::to_string(1000 + std::stoi(name_of[*d.software_id].substr(4))),
                  d.vulnerability_id);
    }
    EXPECT_EQ(store_->ApplyScan(s, obs, {}, 2000)->rows_written, 0);  // and nothing changes again
}

TEST_P(ScanStoreContract, NetworkFindingsFollowTheLatestInspectorScan) {
    Id g = MakeGroup();
    Id s = MakeServer(g, "i-0aaaaaaaaaaaaaaa1");
    Id other = MakeServer(g, "i-0bbbbbbbbbbbbbbb2");
    const ports::NetworkFinding ssh{"arn:finding/net-1", "SSH open", "MEDIUM", "TCP", 22, 22};
    const ports::NetworkFinding rdp{"arn:finding/net-2", "RDP open", "HIGH", "TCP", 3389, 3389};
    const auto obs = Scan({{"CVE-1", "openssl"}});
    ASSERT_TRUE(store_->ApplyScan(s, obs, {ssh, rdp}, 1000).ok());
    ASSERT_TRUE(store_->ApplyScan(other, obs, {ssh}, 1000).ok());
    auto listed = *store_->ListNetworkFindings(s);
    ASSERT_EQ(listed.size(), 2u);
    EXPECT_EQ(listed[0].finding_arn, "arn:finding/net-1");
    EXPECT_EQ(listed[0].title, "SSH open");
    EXPECT_EQ(listed[0].severity, "MEDIUM");
    EXPECT_EQ(listed[0].protocol, "TCP");
    EXPECT_EQ(listed[0].port_begin, 22);
    EXPECT_EQ(listed[1].port_end, 3389);

    auto same = store_->ApplyScan(s, obs, {ssh, rdp}, 2000);
    ASSERT_TRUE(same.ok());
    EXPECT_EQ(same->rows_written, 0);
    // RDP closed, SSH's severity changed: the list follows the scan.
    ports::NetworkFinding ssh_high = ssh;
    ssh_high.severity = "HIGH";
    auto changed = store_->ApplyScan(s, obs, {ssh_high}, 3000);
    ASSERT_TRUE(changed.ok());
    EXPECT_GT(changed->rows_written, 0);
    listed = *store_->ListNetworkFindings(s);
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0].severity, "HIGH");
    // RDP open again comes back; a scan with none closes all; the other server keeps its own.
    ASSERT_TRUE(store_->ApplyScan(s, obs, {ssh_high, rdp}, 4000).ok());
    EXPECT_EQ(store_->ListNetworkFindings(s)->size(), 2u);
    ASSERT_TRUE(store_->ApplyScan(s, obs, {}, 5000).ok());
    EXPECT_TRUE(store_->ListNetworkFindings(s)->empty());
    auto others = *store_->ListNetworkFindings(other);
    ASSERT_EQ(others.size(), 1u);
    EXPECT_EQ(others[0].severity, "MEDIUM");
}

INSTANTIATE_TEST_SUITE_P(Backends, ScanStoreContract, ::testing::ValuesIn(kBackends), BackendName);

}  // namespace
}  // namespace kensa::store::contract
