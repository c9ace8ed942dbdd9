#pragma once
// gmock mocks of the AWS ports (src/kensa/ports/aws_api.h), and a factory that hands them to
// the use cases the way the composition root hands them the real clients.

#include <gmock/gmock.h>

#include <memory>

#include "kensa/ports/aws_api.h"
#include "kensa/ports/aws_factory.h"

namespace kensa::testing {

class MockInspectorApi : public ports::InspectorApi {
public:
    MOCK_METHOD(Status,
                ListFindings,
                (const ports::FindingFilter&, const ports::FindingPageFn&),
                (override));
    MOCK_METHOD(Status,
                ListCoverage,
                (const ports::CoverageFilter&, const ports::CoveragePageFn&),
                (override));
    MOCK_METHOD(Result<std::vector<ports::AccountState>>,
                BatchGetAccountStatus,
                (const std::vector<std::string>&),
                (override));
    MOCK_METHOD(Result<std::string>,
                CreateSbomExport,
                (const ports::SbomExportRequest&),
                (override));
    MOCK_METHOD(Result<ports::SbomExportStatus>, GetSbomExport, (const std::string&), (override));
    MOCK_METHOD(Status, CancelSbomExport, (const std::string&), (override));
};

class MockLambdaApi : public ports::LambdaApi {
public:
    using Page = std::vector<ports::LambdaFunctionInfo>;
    MOCK_METHOD(Status, ListFunctions, (const std::function<bool(Page&&)>&), (override));
    MOCK_METHOD(Result<ports::LambdaFunctionInfo>, GetFunction, (const std::string&), (override));
};

class MockStsApi : public ports::StsApi {
public:
    MOCK_METHOD(Result<ports::CallerIdentity>, GetCallerIdentity, (), (override));
};

class MockS3Api : public ports::S3Api {
public:
    using ObjectPage = std::vector<ports::S3Object>;
    MOCK_METHOD(Status,
                ListObjects,
                (const std::string&, const std::string&, const std::function<bool(ObjectPage&&)>&),
                (override));
    MOCK_METHOD(Status,
                GetObject,
                (const std::string&,
                 const std::string&,
                 const std::function<bool(std::string_view)>&),
                (override));
    MOCK_METHOD(Status,
                PutObject,
                (const std::string&, const std::string&, const std::string&),
                (override));
    MOCK_METHOD(Result<std::string>, GetBucketLocation, (const std::string&), (override));
};

/// Owns one mock of each AWS port and lends them to every AwsClients the factory makes (a use
/// case may build clients more than once: one per worker). The mocks outlive the clients.
class MockAws {
public:
    ::testing::NiceMock<MockInspectorApi> inspector;
    ::testing::NiceMock<MockLambdaApi> lambda;
    ::testing::NiceMock<MockStsApi> sts;
    ::testing::NiceMock<MockS3Api> s3;
    ports::AwsConnectSpec last_spec;  ///< what the last factory call was asked for

    ports::AwsClientsFactory Factory() {
        return [this](const ports::AwsConnectSpec& spec) -> Result<ports::AwsClients> {
            last_spec = spec;
            ports::AwsClients clients;
            clients.inspector = std::make_unique<ForwardInspector>(inspector);
            clients.lambda = std::make_unique<ForwardLambda>(lambda);
            clients.sts = std::make_unique<ForwardSts>(sts);
            clients.s3 = std::make_unique<ForwardS3>(s3);
            return clients;
        };
    }

private:
    class ForwardInspector final : public ports::InspectorApi {
    public:
        explicit ForwardInspector(ports::InspectorApi& to) : to_(to) {}
        Status ListFindings(const ports::FindingFilter& f,
                            const ports::FindingPageFn& fn) override {
            return to_.ListFindings(f, fn);
        }
        Status ListCoverage(const ports::CoverageFilter& f,
                            const ports::CoveragePageFn& fn) override {
            return to_.ListCoverage(f, fn);
        }
        Result<std::vector<ports::AccountState>> BatchGetAccountStatus(
            const std::vector<std::string>& ids) override {
            return to_.BatchGetAccountStatus(ids);
        }
        Result<std::string> CreateSbomExport(const ports::SbomExportRequest& r) override {
            return to_.CreateSbomExport(r);
        }
        Result<ports::SbomExportStatus> GetSbomExport(const std::string& id) override {
            return to_.GetSbomExport(id);
        }
        Status CancelSbomExport(const std::string& id) override { return to_.CancelSbomExport(id); }

    private:
        ports::InspectorApi& to_;
    };
    class ForwardLambda final : public ports::LambdaApi {
    public:
        explicit ForwardLambda(ports::LambdaApi& to) : to_(to) {}
        Status ListFunctions(
            const std::function<bool(std::vector<ports::LambdaFunctionInfo>&&)>& fn) override {
            return to_.ListFunctions(fn);
        }
        Result<ports::LambdaFunctionInfo> GetFunction(const std::string& name) override {
            return to_.GetFunction(name);
        }

    private:
        ports::LambdaApi& to_;
    };
    class ForwardSts final : public ports::StsApi {
    public:
        explicit ForwardSts(ports::StsApi& to) : to_(to) {}
        Result<ports::CallerIdentity> GetCallerIdentity() override {
            return to_.GetCallerIdentity();
        }

    private:
        ports::StsApi& to_;
    };
    class ForwardS3 final : public ports::S3Api {
    public:
        explicit ForwardS3(ports::S3Api& to) : to_(to) {}
        Status ListObjects(const std::string& b,
                           const std::string& p,
                           const std::function<bool(std::vector<ports::S3Object>&&)>& fn) override {
            return to_.ListObjects(b, p, fn);
        }
        Status GetObject(const std::string& b,
                         const std::string& k,
                         const std::function<bool(std::string_view)>& fn) override {
            return to_.GetObject(b, k, fn);
        }
        Status PutObject(const std::string& b,
                         const std::string& k,
                         const std::string& body) override {
            return to_.PutObject(b, k, body);
        }
        Result<std::string> GetBucketLocation(const std::string& b) override {
            return to_.GetBucketLocation(b);
        }

    private:
        ports::S3Api& to_;
    };
};

}  // namespace kensa::testing
