#include "kensa/formats/cloudformation/sbom_template.h"

#include <nlohmann/json.hpp>
#include <vector>

#include "kensa/formats/cloudformation/yaml_emit.h"

// The template is built once as a JSON tree and rendered to either format. Intrinsic
// functions use their long form ({"Fn::Sub": ...}) so the YAML needs no tags. Every array is
// built with Json::array(): a braced list of two strings would otherwise become an object.

namespace kensa::cloudformation {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kSbomExportDocUrl =
    "https://docs.aws.amazon.com/inspector/latest/user/sbom-export.html";
// The SBOM export uses the bucket and key set-up of the findings-report export; that page holds
// the statements (steps 2 and 3).
constexpr const char* kBucketAndKeyDocUrl =
    "https://docs.aws.amazon.com/inspector/latest/user/findings-managing-exporting-reports.html";

constexpr const char* kInspectorPrincipal = "inspector2.amazonaws.com";

// S3 bucket naming rules: 3-63 of lower-case letters, digits, '.' and '-', starting and
// ending with a letter or digit.
constexpr const char* kBucketNamePattern = "^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$";
// A key ARN whose key id is a UUID or a multi-Region "mrk-" id: never a wildcard, and never
// an alias ARN, because an IAM grant on an alias ARN does not cover the key behind it.
constexpr const char* kKmsKeyArnPattern =
    "^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/"
    "(mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$";
// IAM user and role names (1-64 of [A-Za-z0-9_+=,.@-]); empty means "not this one".
constexpr const char* kIamNamePattern = "^[\\w+=,.@-]{0,64}$";

constexpr const char* kBucketArn = "arn:${AWS::Partition}:s3:::${S3BucketName}";
constexpr const char* kBucketObjectsArn = "arn:${AWS::Partition}:s3:::${S3BucketName}/*";
constexpr const char* kInspectorReportArn =
    "arn:${AWS::Partition}:inspector2:${AWS::Region}:${AWS::AccountId}:report/*";

constexpr const char* kPolicyLogicalId = "SbomExportPolicy";

Json Ref(const std::string& name) {
    return Json::object({{"Ref", name}});
}

Json Sub(const std::string& text) {
    return Json::object({{"Fn::Sub", text}});
}

Json Fn(const std::string& function, Json arguments) {
    return Json::object({{"Fn::" + function, std::move(arguments)}});
}

Json IsEmpty(const std::string& parameter) {
    return Fn("Equals", Json::array({Ref(parameter), ""}));
}

Json StringParameter(const std::string& description,
                     const std::string& pattern,
                     const std::string& constraint) {
    return Json::object({{"Type", "String"},
                         {"Description", description},
                         {"AllowedPattern", pattern},
                         {"ConstraintDescription", constraint}});
}

Json OptionalStringParameter(const std::string& description,
                             const std::string& pattern,
                             const std::string& constraint) {
    Json parameter = StringParameter(description, pattern, constraint);
    parameter["Default"] = "";
    return parameter;
}

Json Parameters() {
    return Json::object(
        {{"S3BucketName",
          StringParameter("Bucket Amazon Inspector writes the SBOM exports to (shown in kensa's "
                          "group settings). It must already exist; this stack does not change it.",
                          kBucketNamePattern,
                          "an S3 bucket name: 3-63 lower-case letters, digits, '.' or '-'")},
         {"KmsKeyArn",
          StringParameter("ARN of the symmetric customer managed KMS key the exports are "
                          "encrypted with (same Region as the bucket). Not an alias ARN.",
                          kKmsKeyArnPattern,
                          "a KMS key ARN: arn:aws:kms:<region>:<account>:key/<key id>")},
         {"IAMUserName",
          OptionalStringParameter("IAM user whose access key kensa uses (auth method: access "
                                  "key). Leave empty when kensa assumes a role.",
                                  kIamNamePattern,
                                  "an IAM user name, or empty")},
         {"IAMRoleName",
          OptionalStringParameter("IAM role kensa assumes (auth method: assume role). Leave "
                                  "empty when kensa uses an IAM user's access key.",
                                  kIamNamePattern,
                                  "an IAM role name, or empty")}});
}

Json Assertion(Json condition, const std::string& description) {
    return Json::object({{"Assert", std::move(condition)}, {"AssertDescription", description}});
}

/// Conditions alone cannot stop a stack; a rule fails it before anything is created, with a
/// message the console shows. Both-empty would create a policy attached to nobody, both-set
/// would grant the export to an identity kensa does not use.
Json Rules() {
    Json both_empty = Fn("And", Json::array({IsEmpty("IAMUserName"), IsEmpty("IAMRoleName")}));
    Json one_empty = Fn("Or", Json::array({IsEmpty("IAMUserName"), IsEmpty("IAMRoleName")}));
    Json assertions = Json::array(
        {Assertion(Fn("Not", Json::array({std::move(both_empty)})),
                   "Set IAMUserName (kensa uses an IAM user's access key) or IAMRoleName (kensa "
                   "assumes a role): both are empty."),
         Assertion(
             std::move(one_empty),
             "Set only one of IAMUserName and IAMRoleName: the identity kensa signs in as.")});
    return Json::object({{"ExactlyOneIdentity", Json::object({{"Assertions", assertions}})}});
}

Json Conditions() {
    return Json::object({{"UseUser", Fn("Not", Json::array({IsEmpty("IAMUserName")}))},
                         {"UseRole", Fn("Not", Json::array({IsEmpty("IAMRoleName")}))}});
}

Json Statement(const std::string& sid, const std::vector<std::string>& actions, Json resource) {
    return Json::object({{"Sid", sid},
                         {"Effect", "Allow"},
                         {"Action", Json(actions)},
                         {"Resource", std::move(resource)}});
}

/// R11's grant. GetObject, ListBucket and Decrypt are what kensa needs to find and read the
/// export back; the write actions are R11's list for the same bucket and key.
Json PolicyDocument() {
    // The inspector2 actions have no resource-level permissions, so "*" is the only resource
    // IAM accepts for them. S3 and KMS are scoped to the one bucket and the one key.
    Json statements = Json::array(
        {Statement("InspectorSbomExport",
                   {"inspector2:CreateSbomExport",
                    "inspector2:GetSbomExport",
                    "inspector2:CancelSbomExport",
                    "inspector2:BatchGetAccountStatus",
                    "inspector2:ListFindings",
                    // Beyond R11's list: the export names images by digest, and kensa reads
                    // the digest's tags from Inspector's coverage to find the registered tag.
                    "inspector2:ListCoverage"},
                   "*"),
         Statement("ExportBucketObjects",
                   {"s3:PutObject", "s3:PutObjectAcl", "s3:GetObject"},
                   Sub(kBucketObjectsArn)),
         Statement("ExportBucket", {"s3:GetBucketLocation", "s3:ListBucket"}, Sub(kBucketArn)),
         Statement("ExportKey",
                   {"kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"},
                   Ref("KmsKeyArn"))});
    return Json::object({{"Version", "2012-10-17"}, {"Statement", std::move(statements)}});
}

/// [name] when the condition holds, else no property at all (AWS::NoValue).
Json AttachIf(const std::string& condition, const std::string& parameter) {
    return Fn("If", Json::array({condition, Json::array({Ref(parameter)}), Ref("AWS::NoValue")}));
}

Json Resources() {
    Json properties =
        Json::object({{"Description", "kensa: Amazon Inspector SBOM export and reading it back"},
                      {"PolicyDocument", PolicyDocument()},
                      {"Users", AttachIf("UseUser", "IAMUserName")},
                      {"Roles", AttachIf("UseRole", "IAMRoleName")}});
    return Json::object({{kPolicyLogicalId,
                          Json::object({{"Type", "AWS::IAM::ManagedPolicy"},
                                        {"Properties", std::move(properties)}})}});
}

/// The statement AWS documents for the bucket policy (step 2 of kBucketAndKeyDocUrl), as
/// Fn::Sub text. The conditions keep Inspector from being a confused deputy: it may write
/// only reports of this account and Region.
std::string BucketPolicyStatementText() {
    Json statement = Json::object(
        {{"Sid", "AllowInspectorSbomExport"},
         {"Effect", "Allow"},
         {"Principal", Json::object({{"Service", kInspectorPrincipal}})},
         {"Action", Json::array({"s3:PutObject", "s3:PutObjectAcl", "s3:AbortMultipartUpload"})},
         {"Resource", kBucketObjectsArn},
         {"Condition",
          Json::object(
              {{"StringEquals", Json::object({{"aws:SourceAccount", "${AWS::AccountId}"}})},
               {"ArnLike", Json::object({{"aws:SourceArn", kInspectorReportArn}})}})}});
    return statement.dump();
}

/// The statement AWS documents for the key policy (step 3). In a key policy, Resource "*"
/// means the key the policy belongs to.
std::string KeyPolicyStatementText() {
    Json statement = Json::object(
        {{"Sid", "AllowInspectorSbomExportKey"},
         {"Effect", "Allow"},
         {"Principal", Json::object({{"Service", kInspectorPrincipal}})},
         {"Action", Json::array({"kms:Decrypt", "kms:GenerateDataKey*"})},
         {"Resource", "*"},
         {"Condition",
          Json::object(
              {{"StringEquals", Json::object({{"aws:SourceAccount", "${AWS::AccountId}"}})},
               {"ArnLike", Json::object({{"aws:SourceArn", kInspectorReportArn}})}})}});
    return statement.dump();
}

Json Output(const std::string& description, Json value) {
    return Json::object({{"Description", description}, {"Value", std::move(value)}});
}

Json Outputs() {
    const std::string docs = std::string(" See ") + kBucketAndKeyDocUrl;
    Json attached_to =
        Fn("If",
           Json::array({"UseUser",
                        Sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:user/${IAMUserName}"),
                        Sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${IAMRoleName}")}));
    // A managed policy has no name attribute; its ARN ends in "policy/<name>" (default path).
    Json policy_name = Fn(
        "Select", Json::array({1, Fn("Split", Json::array({":policy/", Ref(kPolicyLogicalId)}))}));
    return Json::object(
        {{"PolicyArn",
          Output("ARN of the managed policy granting kensa the SBOM export",
                 Ref(kPolicyLogicalId))},
         {"PolicyName", Output("Name of that managed policy", std::move(policy_name))},
         {"AttachedTo", Output("The IAM user or role the policy is attached to", attached_to)},
         {"BucketPolicyStatement",
          Output("Add this statement to the bucket policy of S3BucketName so Amazon Inspector "
                 "can write the SBOM export." +
                     docs,
                 Sub(BucketPolicyStatementText()))},
         {"KeyPolicyStatement",
          Output("Add this statement to the key policy of KmsKeyArn so Amazon Inspector can "
                 "encrypt the SBOM export." +
                     docs,
                 Sub(KeyPolicyStatementText()))}});
}

Json ParameterGroup(const std::string& label, Json parameters) {
    return Json::object(
        {{"Label", Json::object({{"default", label}})}, {"Parameters", std::move(parameters)}});
}

Json Metadata() {
    Json groups = Json::array(
        {ParameterGroup("Export destination", Json::array({"S3BucketName", "KmsKeyArn"})),
         ParameterGroup("Identity kensa signs in as (set exactly one)",
                        Json::array({"IAMUserName", "IAMRoleName"}))});
    Json notes = Json::array(
        {"Deploy this stack in the Region kensa runs the export in: the bucket, the key and the "
         "outputs' statements use that Region.",
         "The key must be a symmetric customer managed key in the bucket's Region.",
         "In a Region that must be opted into, the service principal in both statements is "
         "inspector2.<region>.amazonaws.com instead of inspector2.amazonaws.com.",
         "The bucket and key policies are not created here: the bucket and the key belong to the "
         "customer. Paste the BucketPolicyStatement and KeyPolicyStatement outputs into them."});
    return Json::object(
        {{"AWS::CloudFormation::Interface", Json::object({{"ParameterGroups", std::move(groups)}})},
         {"Kensa::InspectorServiceAccess",
          Json::object({{"Documentation", Json::array({kSbomExportDocUrl, kBucketAndKeyDocUrl})},
                        {"Notes", std::move(notes)}})}});
}

// CloudFormation caps the template Description at 1024 bytes; the details live in Metadata
// and in the outputs.
constexpr const char* kDescription =
    "kensa: IAM permissions for Amazon Inspector SBOM export (R11). Grants the IAM user or "
    "role kensa signs in as (set exactly one of IAMUserName, IAMRoleName) the inspector2 SBOM "
    "export actions, S3 access to the export bucket only and use of the export KMS key only. "
    "The bucket and the key are not changed: Amazon Inspector itself must also be allowed to "
    "write to the bucket (bucket policy) and to use the key (key policy). Add the statements "
    "in the outputs BucketPolicyStatement and KeyPolicyStatement, as documented in "
    "https://docs.aws.amazon.com/inspector/latest/user/findings-managing-exporting-reports.html "
    "(steps 2 and 3) for https://docs.aws.amazon.com/inspector/latest/user/sbom-export.html";

Json TemplateTree() {
    return Json::object({{"AWSTemplateFormatVersion", "2010-09-09"},
                         {"Description", kDescription},
                         {"Metadata", Metadata()},
                         {"Parameters", Parameters()},
                         {"Rules", Rules()},
                         {"Conditions", Conditions()},
                         {"Resources", Resources()},
                         {"Outputs", Outputs()}});
}

}  // namespace

std::string SbomExportTemplate(TemplateFormat format) {
    const Json tree = TemplateTree();
    if (format == TemplateFormat::kYaml) {
        return ToYaml(tree);
    }
    return tree.dump(2) + "\n";
}

}  // namespace kensa::cloudformation
