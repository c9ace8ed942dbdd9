// ServerStore: servers, the Lambda functions of pseudo servers, deletion with its audit event,
// and the SBOM import bookkeeping.
#include "kensa/store/conformance/store_contract_fixture.h"

namespace kensa::store::contract {
namespace {

class ServerStoreContract : public StoreContract {};

TEST_P(ServerStoreContract, ServersAndLambdaFunctions) {
    Id g = MakeGroup();
    Id s = MakeServer(g);
    domain::Server again;
    again.group_id = g;
    again.kind = domain::ServerKind::kEc2;
    again.name = "dup";
    again.account_id = "123456789012";
    again.region = "us-east-1";
    again.instance_id = "i-0123456789abcdef0";
    EXPECT_EQ(store_->CreateServer(again).error().code(), ErrorCode::kConflict);

    domain::Server pseudo;
    pseudo.group_id = g;
    pseudo.kind = domain::ServerKind::kPseudo;
    pseudo.name = "lambdas";
    Id p = *store_->CreateServer(pseudo);
    domain::LambdaFunction fn;
    fn.server_id = p;
    fn.arn = "arn:aws:lambda:us-east-1:123456789012:function:a";
    fn.name = "a";
    fn.runtime = "python3.12";
    ASSERT_TRUE(store_->AddLambdaFunction(fn).ok());
    EXPECT_EQ(store_->AddLambdaFunction(fn).error().code(), ErrorCode::kConflict);
    EXPECT_EQ(store_->ListLambdaFunctions(p)->size(), 1u);
    EXPECT_EQ(store_->ListServers(g)->size(), 2u);
    ASSERT_TRUE(store_->SetScanMode(s, domain::ScanMode::kInspectorSbom).ok());
    EXPECT_EQ(store_->GetServer(s)->scan_mode, domain::ScanMode::kInspectorSbom);
    domain::AuditEvent audit;
    audit.group_id = g;
    audit.actor = "alice";
    audit.action = "server.delete";
    const int64_t audits = Count("audit_events");
    ASSERT_TRUE(store_->DeleteServer(p, audit).ok());
    EXPECT_EQ(Count("audit_events"), audits + 1);  // in the same transaction
    EXPECT_EQ(store_->DeleteServer(p, audit).error().code(), ErrorCode::kNotFound);
    EXPECT_EQ(Count("audit_events"), audits + 1);
    EXPECT_EQ(store_->GetServer(p).error().code(), ErrorCode::kNotFound);
    EXPECT_EQ(Count("lambda_functions"), 0);
}

TEST_P(ServerStoreContract, DeleteServerTakesItsSoftwareDetectionsAndTasksOnly) {
    Id g = MakeGroup();
    Id gone = MakeServer(g, "i-0aaaaaaaaaaaaaaa1");
    Id kept = MakeServer(g, "i-0bbbbbbbbbbbbbbb2");
    ASSERT_TRUE(
        store_->ApplyScan(gone, Scan({{"CVE-1", "openssl"}, {"CVE-2", "curl"}}), {}, 1000).ok());
    ASSERT_TRUE(store_->ApplyScan(kept, Scan({{"CVE-1", "openssl"}}), {}, 1000).ok());
    ASSERT_TRUE(store_->ApplyScan(gone, Scan({{"CVE-2", "curl"}}), {}, 2000).ok());  // a comment
    ASSERT_EQ(Count("tasks"), 3);
    ASSERT_GT(Count("task_comments"), 0);

    domain::AuditEvent audit;
    audit.group_id = g;
    audit.actor = "alice";
    audit.action = "server.delete";
    audit.target = std::to_string(gone);
    audit.at = 3000;
    const int64_t audits = Count("audit_events");
    ASSERT_TRUE(store_->DeleteServer(gone, audit).ok());
    EXPECT_EQ(Count("audit_events"), audits + 1);
    EXPECT_EQ(Count("software"), 1);
    EXPECT_EQ(Count("detections"), 1);
    EXPECT_EQ(Count("tasks"), 1);
    EXPECT_EQ(Count("task_comments"), 0);
    EXPECT_TRUE(store_->ListSoftware(gone, true)->empty());
    EXPECT_TRUE(store_->ListDetections(gone)->empty());
    auto tasks = *store_->ListTasks(Filter(g));
    ASSERT_EQ(tasks.size(), 1u);
    EXPECT_EQ(tasks[0].task.server_id, kept);
    EXPECT_EQ(store_->ListSoftware(kept, false)->size(), 1u);
    auto servers = *store_->ListServers(g);
    ASSERT_EQ(servers.size(), 1u);
    EXPECT_EQ(servers[0].id, kept);
}

TEST_P(ServerStoreContract, ServersAreListedPerGroup) {
    Id blue = MakeGroup("blue");
    Id red = MakeGroup("red");
    Id b1 = MakeServer(blue, "i-0aaaaaaaaaaaaaaa1");
    Id b2 = MakeServer(blue, "i-0aaaaaaaaaaaaaaa2");
    MakeServer(red, "i-0aaaaaaaaaaaaaaa1");  // the same instance may be registered in two groups
    auto listed = *store_->ListServers(blue);
    ASSERT_EQ(listed.size(), 2u);
    EXPECT_EQ(listed[0].id, b1);
    EXPECT_EQ(listed[1].id, b2);
    for (const auto& s : listed) {
        EXPECT_EQ(s.group_id, blue);
    }
    EXPECT_EQ(store_->ListServers(red)->size(), 1u);
    EXPECT_EQ(store_->SetScanMode(b2 + 100, domain::ScanMode::kNormal).error().code(),
              ErrorCode::kNotFound);
}

TEST_P(ServerStoreContract, RecordsTheLastSbomImport) {
    Id g = MakeGroup();
    Id s = MakeServer(g);
    ASSERT_TRUE(store_->RecordSbomImport(s, "exports/a.json", 120, 1000).ok());
    ASSERT_TRUE(store_->RecordSbomImport(s, "exports/b.json exports/c.json", 340, 2000).ok());
    auto got = *store_->GetServer(s);
    EXPECT_EQ(got.sbom_object_key, "exports/b.json exports/c.json");
    EXPECT_EQ(got.sbom_components, 340);
    EXPECT_EQ(got.sbom_imported_at, 2000);
    EXPECT_EQ(store_->RecordSbomImport(s + 100, "x", 1, 3000).error().code(), ErrorCode::kNotFound);
}

INSTANTIATE_TEST_SUITE_P(Backends,
                         ServerStoreContract,
                         ::testing::ValuesIn(kBackends),
                         BackendName);

}  // namespace
}  // namespace kensa::store::contract
