#include "kensa/app/scan_runs/scan_errors.h"

#include <gtest/gtest.h>

namespace kensa::app {
namespace {

TEST(ScanErrors, AccessDeniedNamesTheActionAndTheFix) {
    Error denied(ErrorCode::kPermissionDenied,
                 "User x is not authorized to perform: inspector2:ListFindings");
    denied.With("aws_action", "inspector2:ListFindings");
    auto e = ClassifyAwsError(denied, "inspector2:ListFindings");
    EXPECT_EQ(e.code, "access_denied");
    EXPECT_EQ(e.missing_permission, "inspector2:ListFindings");
    EXPECT_NE(e.hint.find("\"Action\": [\"inspector2:ListFindings\"]"), std::string::npos);
}

TEST(ScanErrors, KmsDenialNamesKmsDecrypt) {
    Error denied(ErrorCode::kPermissionDenied, "s3:GetObject: AccessDenied: kms");
    denied.With("aws_action", "s3:GetObject").With("kms_action", "kms:Decrypt");
    EXPECT_EQ(ClassifyAwsError(denied, "s3:GetObject").missing_permission, "kms:Decrypt");
}

TEST(ScanErrors, ReadsTheAdaptersMeaningsNotAwsCodes) {
    Error throttled(ErrorCode::kUnavailable, "Rate exceeded");
    throttled.With("throttling", "true");
    EXPECT_EQ(ClassifyAwsError(throttled, "inspector2:ListFindings").code, "throttled");
    Error down(ErrorCode::kUnavailable, "503");
    down.With("throttling", "false");
    EXPECT_EQ(ClassifyAwsError(down, "inspector2:ListFindings").code, "aws_unavailable");

    Error expired(ErrorCode::kUnauthenticated, "expired");
    expired.With("credentials_expired", "true");
    EXPECT_EQ(ClassifyAwsError(expired, "x").code, "expired_credentials");
    Error wrong_key(ErrorCode::kUnauthenticated, "sts:GetCallerIdentity: InvalidClientTokenId");
    EXPECT_EQ(ClassifyAwsError(wrong_key, "x").code, "invalid_credentials");
}

TEST(ScanErrors, WhatIsNotAwsAndWhatAwsDefersAreNamedAsSuch) {
    // The address policy's refusal is not an IAM problem: no IAM statement is offered.
    Error refused(ErrorCode::kPermissionDenied, "the endpoint resolves to a private address");
    refused.With("transport_error", "refused_address")
        .With("aws_action", "inspector2:ListFindings");
    auto endpoint = ClassifyAwsError(refused, "inspector2:ListFindings");
    EXPECT_EQ(endpoint.code, "endpoint_refused");
    EXPECT_TRUE(endpoint.missing_permission.empty());
    EXPECT_NE(endpoint.hint.find("endpoint_allowlist"), std::string::npos);
    Error html(ErrorCode::kNotFound, "HTTP 404");
    html.With("not_aws", "true").With("http_status", "404");
    EXPECT_EQ(ClassifyAwsError(html, "inspector2:ListFindings").code, "not_aws");
    Error busy(ErrorCode::kConflict, "An export is already in progress");
    busy.With("aws_code", "ConflictException");
    EXPECT_EQ(ClassifyAwsError(busy, "inspector2:CreateSbomExport").code, "conflict");
    Error quota(ErrorCode::kConflict, "quota");
    quota.With("aws_code", "ServiceQuotaExceededException");
    EXPECT_EQ(ClassifyAwsError(quota, "inspector2:CreateSbomExport").code, "quota_exceeded");
}

}  // namespace
}  // namespace kensa::app
