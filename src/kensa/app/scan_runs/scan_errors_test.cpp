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

}  // namespace
}  // namespace kensa::app
