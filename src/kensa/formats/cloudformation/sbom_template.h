#pragma once
// The CloudFormation template a customer deploys to let kensa run Amazon Inspector SBOM
// exports (R11): least-privilege IAM permissions for the user or role kensa signs in as.

#include <string>

namespace kensa::cloudformation {

enum class TemplateFormat { kJson, kYaml };

/// The complete template, in JSON (2-space indent) or block YAML; both render one tree, so
/// they always describe the same stack.
///
/// Parameters: S3BucketName and KmsKeyArn (the export destination, validated by
/// AllowedPattern so neither can widen the grant with a wildcard), IAMUserName and
/// IAMRoleName (default ""; a Rules section rejects the stack unless exactly one is set,
/// matching the group's auth method: access key -> user, assume role -> role).
///
/// Creates one AWS::IAM::ManagedPolicy attached to that user or role, granting:
/// - inspector2 CreateSbomExport, GetSbomExport, CancelSbomExport, BatchGetAccountStatus,
///   ListFindings on "*" (these actions have no resource-level permissions);
/// - s3 PutObject, PutObjectAcl, GetObject on the bucket's objects and GetBucketLocation,
///   ListBucket on the bucket, and nothing on any other bucket;
/// - kms Decrypt, Encrypt, GenerateDataKey on that one key.
///
/// The bucket and the key stay the customer's: the stack changes neither. Inspector itself
/// also needs the bucket-policy and key-policy statements AWS documents; the outputs
/// BucketPolicyStatement and KeyPolicyStatement carry them, filled in for the stack's
/// account, region and bucket, ready to paste.
std::string SbomExportTemplate(TemplateFormat format);

}  // namespace kensa::cloudformation
