#pragma once
// gmock mocks of every store port (src/kensa/ports/*_store.h, audit_log.h), and MockStore,
// one object that is all of them, for use cases that take the whole ports::Store. Tests set
// expectations on the port a use case should touch; an unexpected call fails the test.

#include <gmock/gmock.h>

#include "kensa/ports/store.h"

namespace kensa::testing {

using domain::EpochSeconds;
using domain::Id;

class MockStoreAdmin : public virtual ports::StoreAdmin {
public:
    MOCK_METHOD(Status, Migrate, (), (override));
    MOCK_METHOD(Result<int>, SchemaVersion, (), (override));
    MOCK_METHOD(std::string_view, Backend, (), (const, override));
    using Counts = std::map<std::string, int64_t>;
    MOCK_METHOD(Result<Counts>, TableCounts, (), (override));
};

class MockGroupStore : public virtual ports::GroupStore {
public:
    MOCK_METHOD(Result<Id>, CreateGroup, (const domain::Group&), (override));
    MOCK_METHOD(Result<domain::Group>, GetGroup, (Id), (override));
    MOCK_METHOD(Result<std::optional<domain::Group>>,
                FindGroupByName,
                (const std::string&),
                (override));
    MOCK_METHOD(Result<std::vector<domain::Group>>, ListGroups, (), (override));
    MOCK_METHOD(Status, UpdateGroupAws, (Id, const domain::AwsIntegration&), (override));
    MOCK_METHOD(Status, UpdateGroupSchedule, (Id, const std::string&, int, bool), (override));
    MOCK_METHOD(Result<int64_t>,
                UpdateGroupSbom,
                (Id, const domain::SbomExportSettings&, const std::vector<domain::ScanModeChange>&),
                (override));
    MOCK_METHOD(Result<std::optional<EpochSeconds>>,
                TryStartManualSbomExport,
                (Id, EpochSeconds, int),
                (override));
    MOCK_METHOD(Status, UpdateGroupInventory, (Id, int, const std::string&), (override));
};

class MockUserStore : public virtual ports::UserStore {
public:
    MOCK_METHOD(Result<Id>, CreateUser, (const domain::User&), (override));
    MOCK_METHOD(Result<std::optional<domain::User>>,
                FindUserByName,
                (const std::string&),
                (override));
    MOCK_METHOD(Result<domain::User>, GetUser, (Id), (override));
    MOCK_METHOD(Result<std::optional<ports::UserLogin>>,
                FindLogin,
                (const std::string&),
                (override));
    MOCK_METHOD(Result<std::vector<domain::User>>, ListUsers, (), (override));
    MOCK_METHOD(Status, SetPasswordHash, (Id, const std::string&), (override));
    MOCK_METHOD(Status, SetMembership, (Id, Id, domain::Role), (override));
    MOCK_METHOD(Status, RemoveMembership, (Id, Id), (override));
    MOCK_METHOD(Result<std::optional<domain::Role>>, GetRole, (Id, Id), (override));
    MOCK_METHOD(Result<std::vector<ports::Member>>, ListMembers, (Id), (override));
    MOCK_METHOD(Result<Id>, AddApiToken, (const domain::ApiToken&, const std::string&), (override));
    MOCK_METHOD(Result<std::optional<ports::TokenOwner>>,
                FindApiToken,
                (const std::string&),
                (override));
    MOCK_METHOD(Result<std::vector<domain::ApiToken>>, ListApiTokens, (Id), (override));
    MOCK_METHOD(Status, RevokeApiToken, (Id, Id, EpochSeconds), (override));
    MOCK_METHOD(Status, TouchApiToken, (Id, EpochSeconds), (override));
};

class MockSessionStore : public virtual ports::SessionStore {
public:
    MOCK_METHOD(Status, CreateSession, (const domain::Session&), (override));
    MOCK_METHOD(Result<std::optional<domain::Session>>,
                FindSession,
                (const std::string&),
                (override));
    MOCK_METHOD(Status, TouchSession, (const std::string&, EpochSeconds), (override));
    MOCK_METHOD(Status, DeleteSession, (const std::string&), (override));
    MOCK_METHOD(Status, DeleteUserSessions, (Id), (override));
    MOCK_METHOD(Result<std::vector<Id>>,
                RecordLoginFailure,
                (const std::vector<std::string>&, EpochSeconds),
                (override));
    MOCK_METHOD(Status, ForgetLoginFailures, (const std::vector<Id>&), (override));
    MOCK_METHOD(Result<int>, CountLoginFailures, (const std::string&, EpochSeconds), (override));
};

class MockServerStore : public virtual ports::ServerStore {
public:
    MOCK_METHOD(Result<Id>, CreateServer, (const domain::Server&), (override));
    MOCK_METHOD(Result<domain::Server>, GetServer, (Id), (override));
    MOCK_METHOD(Result<std::vector<domain::Server>>, ListServers, (Id), (override));
    MOCK_METHOD(Status, SetScanMode, (Id, domain::ScanMode), (override));
    MOCK_METHOD(Status, DeleteServer, (Id, const domain::AuditEvent&), (override));
    MOCK_METHOD(Result<Id>, AddLambdaFunction, (const domain::LambdaFunction&), (override));
    MOCK_METHOD(Result<std::vector<domain::LambdaFunction>>, ListLambdaFunctions, (Id), (override));
    MOCK_METHOD(Status,
                RecordSbomImport,
                (Id, const std::string&, int64_t, EpochSeconds),
                (override));
};

class MockInventoryStore : public virtual ports::InventoryStore {
public:
    MOCK_METHOD(Result<int64_t>,
                BulkInsertSoftware,
                (Id, std::span<const domain::Software>, EpochSeconds),
                (override));
    MOCK_METHOD(Result<std::vector<domain::Software>>, ListSoftware, (Id, bool), (override));
    MOCK_METHOD(Result<std::vector<domain::Software>>,
                ListSoftwarePage,
                (Id, bool, Id, int),
                (override));
    MOCK_METHOD(Result<std::vector<domain::Software>>,
                ListGroupSoftware,
                (Id, const ports::GroupSoftwareFilter&, Id, int),
                (override));
    MOCK_METHOD(Status,
                ForEachSoftware,
                (Id, bool, const std::function<void(domain::Software&&)>&),
                (override));
};

class MockEolStore : public virtual ports::EolStore {
public:
    MOCK_METHOD(Result<std::vector<domain::EolItem>>, ListServerEolItems, (Id), (override));
    MOCK_METHOD(Status, ApplyEolChanges, (Id, const domain::EolChanges&), (override));
    MOCK_METHOD(Result<std::vector<domain::EolItem>>, ListGroupEolItems, (Id, bool), (override));
    MOCK_METHOD(Result<std::optional<domain::EolItem>>, GetEolItem, (Id, Id), (override));
    MOCK_METHOD(Status, UpdateEolItemWork, (Id, const domain::EolItem&), (override));
    MOCK_METHOD(Result<std::optional<ports::EolSnapshotRecord>>, GetEolSnapshot, (), (override));
    MOCK_METHOD(Status, SaveEolSnapshot, (const ports::EolSnapshotRecord&), (override));
};

class MockScanStore : public virtual ports::ScanStore {
public:
    MOCK_METHOD(Result<ports::ScanApplyStats>,
                ApplyScan,
                (Id,
                 const domain::ScanObservation&,
                 const std::vector<ports::NetworkFinding>&,
                 EpochSeconds),
                (override));
    MOCK_METHOD(Result<std::vector<domain::Detection>>, ListDetections, (Id), (override));
    MOCK_METHOD(Result<std::optional<domain::Vulnerability>>,
                GetVulnerability,
                (Id, const std::string&),
                (override));
    MOCK_METHOD(Result<std::vector<ports::NetworkFinding>>, ListNetworkFindings, (Id), (override));
};

class MockTaskStore : public virtual ports::TaskStore {
public:
    MOCK_METHOD(Result<std::vector<ports::TaskView>>,
                ListTasks,
                (const ports::TaskFilter&),
                (override));
    MOCK_METHOD(Result<domain::Task>, GetTask, (Id), (override));
    MOCK_METHOD(Result<domain::Task>,
                ChangeTask,
                (Id, const ports::TaskChangePlan&, Id*),
                (override));
    MOCK_METHOD(Result<std::vector<domain::TaskComment>>, ListComments, (Id), (override));
    MOCK_METHOD(Result<std::vector<domain::TaskHistoryEntry>>, ListHistory, (Id), (override));
    MOCK_METHOD(Result<int64_t>,
                ChangeTasks,
                (const std::vector<Id>&, const ports::TaskChangePlan&),
                (override));
    MOCK_METHOD(Result<std::vector<Id>>, ListIgnoreEnded, (EpochSeconds), (override));
    MOCK_METHOD(Result<std::vector<ports::OpenTaskCount>>, CountOpenTasks, (Id), (override));
    MOCK_METHOD(Result<std::vector<domain::TaskDayCounts>>,
                TaskDays,
                (Id, EpochSeconds),
                (override));
};

class MockScanRunStore : public virtual ports::ScanRunStore {
public:
    MOCK_METHOD(Result<Id>, CreateScanRun, (const domain::ScanRun&), (override));
    MOCK_METHOD(Status, FinishScanRun, (const domain::ScanRun&), (override));
    MOCK_METHOD(Result<domain::ScanRun>, GetScanRun, (Id), (override));
    MOCK_METHOD(Result<std::vector<domain::ScanRun>>, ListScanRuns, (Id, int), (override));
};

class MockAdvisoryStore : public virtual ports::AdvisoryStore {
public:
    MOCK_METHOD(Result<ports::AdvisoryUpsertStats>,
                UpsertAdvisories,
                (std::span<const ports::AdvisoryRecord>, EpochSeconds),
                (override));
    MOCK_METHOD(Status,
                ForEachAdvisory,
                (const std::function<void(ports::AdvisoryRecord&&)>&),
                (override));
};

class MockLeaseStore : public virtual ports::LeaseStore {
public:
    MOCK_METHOD(Result<bool>,
                TryAcquireLease,
                (const std::string&, const std::string&, EpochSeconds, int),
                (override));
};

class MockAuditLog : public virtual ports::AuditLog {
public:
    MOCK_METHOD(Status, AppendAudit, (const domain::AuditEvent&), (override));
    MOCK_METHOD(Result<std::vector<domain::AuditEvent>>,
                ListAudit,
                (Id, std::optional<Id>, int),
                (override));
};

class MockVulsHostStore : public virtual ports::VulsHostStore {
public:
    MOCK_METHOD(Result<std::optional<domain::Server>>,
                FindVulsServer,
                (Id, const domain::VulsServerKey&),
                (override));
    MOCK_METHOD(Status, SaveVulsHost, (const domain::VulsHost&), (override));
    MOCK_METHOD(Result<std::vector<domain::VulsHost>>, ListVulsHosts, (Id), (override));
};

class MockUploadAuthStore : public virtual ports::UploadAuthStore {
public:
    MOCK_METHOD(Result<Id>,
                AddUploadToken,
                (const domain::UploadToken&, const std::string&),
                (override));
    MOCK_METHOD(Result<std::optional<domain::UploadToken>>,
                FindUploadToken,
                (const std::string&),
                (override));
    MOCK_METHOD(Result<std::vector<domain::UploadToken>>, ListUploadTokens, (Id), (override));
    MOCK_METHOD(Status, RevokeUploadToken, (Id, Id, EpochSeconds), (override));
    MOCK_METHOD(Status, TouchUploadToken, (Id, EpochSeconds), (override));
    MOCK_METHOD(Status,
                AddUploadCredential,
                (const domain::UploadCredential&, EpochSeconds),
                (override));
    MOCK_METHOD(Result<std::optional<domain::UploadCredential>>,
                FindUploadCredential,
                (const std::string&),
                (override));
};

/// Every port at once: a use case that takes ports::Store gets this, and a test sets
/// expectations on the methods of the ports it exercises.
class MockStore : public ports::Store,
                  public MockStoreAdmin,
                  public MockGroupStore,
                  public MockUserStore,
                  public MockSessionStore,
                  public MockServerStore,
                  public MockInventoryStore,
                  public MockEolStore,
                  public MockScanStore,
                  public MockTaskStore,
                  public MockScanRunStore,
                  public MockAdvisoryStore,
                  public MockLeaseStore,
                  public MockAuditLog,
                  public MockVulsHostStore,
                  public MockUploadAuthStore {};

}  // namespace kensa::testing
