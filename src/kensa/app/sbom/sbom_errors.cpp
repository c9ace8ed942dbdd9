#include "kensa/app/sbom/sbom_errors.h"

#include <cctype>

#include "kensa/app/scan_runs/scan_errors.h"

namespace kensa::app {

// An AWS error at a step, with the fix the SBOM set-up needs (R20): S3 and KMS permissions come
// from the kensa CloudFormation stack and the key policy, not from a hand-written statement.
domain::ScanError SbomAwsError(const Error& error,
                               const std::string& step,
                               const domain::SbomExportSettings& s) {
    domain::ScanError e = ClassifyAwsError(error, step);
    const std::string& perm = e.missing_permission;
    if (perm.rfind("kms:", 0) == 0) {
        e.hint = "kensa may not use the KMS key " + s.kms_key_arn + " (" + perm +
                 "). Re-run the kensa CloudFormation stack with KmsKeyArn=" + s.kms_key_arn +
                 ", or update the key policy to allow " + perm + " for kensa's IAM user or role.";
    } else if (perm.rfind("s3:", 0) == 0) {
        e.hint = "kensa may not read the SBOM bucket " + s.bucket + " (" + perm +
                 "). Re-run the kensa CloudFormation stack with S3BucketName=" + s.bucket + ".";
    } else if (perm.rfind("inspector2:", 0) == 0 && e.code == "access_denied") {
        e.hint +=
            " The kensa CloudFormation stack grants every inspector2 action the SBOM export needs.";
    }
    return e;
}

std::string ExportFailureCode(const ports::SbomExportStatus& status) {
    using F = ports::SbomExportFailure;
    if (status.state == ports::SbomExportState::kCancelled) {
        return "export_cancelled";
    }
    switch (status.failure) {
        case F::kInvalidPermissions:
            return "export_invalid_permissions";
        case F::kBucketNotFound:
            return "export_bucket_not_found";
        case F::kIncompatibleBucketRegion:
            return "export_incompatible_bucket_region";
        case F::kMalformedKmsKey:
            return "export_malformed_kms_key";
        case F::kNoFindingsFound:
            return "export_no_findings_found";
        case F::kOther:
        case F::kNone:
            break;
    }
    // A code kensa does not know yet keeps its name, so runs stay distinguishable
    // (export_internal_error, ...); only letters, digits and '_' pass into the code.
    std::string code = "export_";
    for (char c : status.error_code) {
        if (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_') {
            code += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
    }
    return code == "export_" ? "export_failed" : code;
}

std::string ExportFailureHint(ports::SbomExportFailure failure,
                              const domain::SbomExportSettings& s,
                              const std::string& region) {
    using F = ports::SbomExportFailure;
    switch (failure) {
        case F::kInvalidPermissions:
            return "Amazon Inspector could not write to s3://" + s.bucket +
                   " or use the KMS key: the bucket policy must allow inspector2.amazonaws.com "
                   "s3:PutObject and "
                   "s3:PutObjectAcl, and the key policy must allow it kms:GenerateDataKey. Re-run "
                   "the kensa "
                   "CloudFormation stack and apply the bucket and key policy statements shown in "
                   "its outputs.";
        case F::kBucketNotFound:
            return "Create the bucket " + s.bucket + " in " + region +
                   ", or correct the bucket name in the group's SBOM export settings.";
        case F::kIncompatibleBucketRegion:
            return "The bucket and the KMS key must both be in " + region +
                   ", the region of the group's AWS integration.";
        case F::kMalformedKmsKey:
            return "Correct the KMS key ARN in the group's SBOM export settings "
                   "(arn:aws:kms:REGION:ACCOUNT:key/ID).";
        case F::kNoFindingsFound:
            return "Inspector has no active resources to export for the registered servers; check "
                   "Inspector "
                   "coverage.";
        case F::kOther:
        case F::kNone:
            break;
    }
    return "Amazon Inspector failed the export; run the bulk export again later.";
}

}  // namespace kensa::app
