// The Inspector SBOM export CloudFormation template (R11) and the YAML writer it is rendered
// with. Structure is checked on the parsed JSON; YAML validity with PyYAML (python3-yaml), which
// the tests that need it skip without.
#include "kensa/formats/cloudformation/sbom_template.h"

#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "kensa/formats/cloudformation/yaml_emit.h"

namespace kensa::cloudformation {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using ordered_json = nlohmann::ordered_json;

json ParsedTemplate() {
    return json::parse(SbomExportTemplate(TemplateFormat::kJson));
}

// ---------------------------------------------------------------------------------------------
// Helpers over the parsed template

/// Every statement of every IAM policy the template creates.
std::vector<json> PolicyStatements(const json& tmpl) {
    std::vector<json> statements;
    for (const auto& [name, resource] : tmpl.at("Resources").items()) {
        const std::string type = resource.value("Type", "");
        if (type != "AWS::IAM::ManagedPolicy" && type != "AWS::IAM::Policy") {
            continue;
        }
        const json& listed = resource.at("Properties").at("PolicyDocument").at("Statement");
        if (listed.is_array()) {
            statements.insert(statements.end(), listed.begin(), listed.end());
        } else {
            statements.push_back(listed);
        }
    }
    return statements;
}

/// A statement's Action or Resource as a list, whether written as one value or an array.
std::vector<json> AsList(const json& value) {
    if (value.is_array()) {
        return value.get<std::vector<json>>();
    }
    return {value};
}

std::string Lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) {
        return static_cast<char>(std::tolower(c));
    });
    return text;
}

/// A Resource entry as text: a string, the template of {"Fn::Sub": text}, or "${name}" for
/// {"Ref": name}. Any other form (Fn::Join, Fn::Sub with variables, ...) could hide a wildcard
/// from this check, so it has no text.
std::optional<std::string> ResourceText(const json& resource) {
    if (resource.is_string()) {
        return resource.get<std::string>();
    }
    if (resource.is_object() && resource.size() == 1 && resource.contains("Fn::Sub") &&
        resource.at("Fn::Sub").is_string()) {
        return resource.at("Fn::Sub").get<std::string>();
    }
    if (resource.is_object() && resource.size() == 1 && resource.contains("Ref") &&
        resource.at("Ref").is_string()) {
        return "${" + resource.at("Ref").get<std::string>() + "}";
    }
    return std::nullopt;
}

/// Why `text`, a resource of an S3 or KMS grant, is not scoped to the one bucket or key; empty
/// when it is. The single '*' allowed is the object suffix of the export bucket.
std::string WildcardProblem(const std::string& text) {
    static const std::string kObjectSuffix = "${S3BucketName}/*";
    std::string rest = text;
    const bool object_arn =
        rest.size() >= kObjectSuffix.size() &&
        rest.compare(rest.size() - kObjectSuffix.size(), kObjectSuffix.size(), kObjectSuffix) == 0;
    if (object_arn) {
        rest.pop_back();
    }
    if (rest.find('*') != std::string::npos || rest.find('?') != std::string::npos) {
        return "wildcard resource '" + text + "'";
    }
    return {};
}

/// The least-privilege rule of R11, as a list of violations (empty = none): a statement that
/// grants any s3: or kms: action must name its resources, with no wildcard but the object
/// suffix `${S3BucketName}/*`; no statement may use NotResource / NotAction or a wildcard action.
std::vector<std::string> WildcardViolations(const json& tmpl) {
    std::vector<std::string> violations;
    for (const json& statement : PolicyStatements(tmpl)) {
        const std::string sid = statement.value("Sid", "<no Sid>");
        if (statement.contains("NotResource") || statement.contains("NotAction")) {
            violations.push_back(sid + ": NotResource/NotAction");
            continue;
        }
        bool storage_grant = false;
        for (const json& action : AsList(statement.at("Action"))) {
            const std::string name = Lower(action.get<std::string>());
            if (name.find('*') != std::string::npos || name.find('?') != std::string::npos) {
                violations.push_back(sid + ": wildcard action '" + name + "'");
            }
            storage_grant =
                storage_grant || name.rfind("s3:", 0) == 0 || name.rfind("kms:", 0) == 0;
        }
        if (!storage_grant) {
            continue;
        }
        for (const json& resource : AsList(statement.at("Resource"))) {
            const std::optional<std::string> text = ResourceText(resource);
            if (!text) {
                violations.push_back(sid + ": unverifiable resource " + resource.dump());
            } else if (std::string problem = WildcardProblem(*text); !problem.empty()) {
                violations.push_back(sid + ": " + problem);
            }
        }
    }
    return violations;
}

json& StatementWithSid(json& tmpl, const std::string& sid) {
    for (auto& [name, resource] : tmpl.at("Resources").items()) {
        for (json& statement : resource["Properties"]["PolicyDocument"]["Statement"]) {
            if (statement.value("Sid", "") == sid) {
                return statement;
            }
        }
    }
    throw std::out_of_range("no statement " + sid);
}

using ParameterValues = std::map<std::string, std::string>;

/// Evaluates the condition and rule functions the template uses (Ref, Fn::Equals, Fn::Not,
/// Fn::And, Fn::Or) for given parameter values, the way CloudFormation would.
json Evaluate(const json& node, const ParameterValues& values) {
    if (!node.is_object()) {
        return node;
    }
    if (node.contains("Ref")) {
        return values.at(node["Ref"].get<std::string>());
    }
    if (node.contains("Condition")) {
        ADD_FAILURE() << "named conditions are not evaluated here: " << node.dump();
        return false;
    }
    const std::string function = node.begin().key();
    const json& args = node.begin().value();
    if (function == "Fn::Equals") {
        return Evaluate(args.at(0), values) == Evaluate(args.at(1), values);
    }
    if (function == "Fn::Not") {
        return !Evaluate(args.at(0), values).get<bool>();
    }
    if (function == "Fn::And" || function == "Fn::Or") {
        const bool is_and = function == "Fn::And";
        bool result = is_and;
        for (const json& arg : args) {
            const bool value = Evaluate(arg, values).get<bool>();
            result = is_and ? (result && value) : (result || value);
        }
        return result;
    }
    ADD_FAILURE() << "unexpected function " << function;
    return false;
}

/// The AssertDescriptions of the rules that reject these parameter values (empty = accepted).
std::vector<std::string> FailedRules(const json& tmpl, const ParameterValues& values) {
    std::vector<std::string> failed;
    for (const auto& [name, rule] : tmpl.at("Rules").items()) {
        EXPECT_FALSE(rule.contains("RuleCondition")) << name << " applies only sometimes";
        for (const json& assertion : rule.at("Assertions")) {
            if (!Evaluate(assertion.at("Assert"), values).get<bool>()) {
                failed.push_back(assertion.at("AssertDescription").get<std::string>());
            }
        }
    }
    return failed;
}

/// CloudFormation matches AllowedPattern against the whole value (Java regex); the patterns
/// use only syntax ECMAScript reads the same way.
bool Allowed(const json& parameter, const std::string& value) {
    const std::regex pattern(parameter.at("AllowedPattern").get<std::string>());
    return std::regex_match(value, pattern);
}

/// Fn::Sub text with the pseudo parameters and S3BucketName filled in.
std::string Substitute(std::string text) {
    const std::map<std::string, std::string> values = {{"${AWS::Partition}", "aws"},
                                                       {"${AWS::Region}", "eu-west-1"},
                                                       {"${AWS::AccountId}", "123456789012"},
                                                       {"${S3BucketName}", "kensa-exports"}};
    for (const auto& [variable, value] : values) {
        for (std::size_t pos = text.find(variable); pos != std::string::npos;
             pos = text.find(variable, pos + value.size())) {
            text.replace(pos, variable.size(), value);
        }
    }
    return text;
}

// ---------------------------------------------------------------------------------------------
// Template structure

TEST(SbomTemplate, IsACompleteTemplate) {
    const json tmpl = ParsedTemplate();
    EXPECT_EQ(tmpl.at("AWSTemplateFormatVersion"), "2010-09-09");
    for (const char* section : {"Parameters", "Rules", "Conditions", "Resources", "Outputs"}) {
        EXPECT_TRUE(tmpl.contains(section)) << section;
    }
    const std::string description = tmpl.at("Description");
    EXPECT_LE(description.size(), 1024U) << "CloudFormation's limit on the template Description";
    EXPECT_NE(description.find("bucket policy"), std::string::npos);
    EXPECT_NE(description.find("key policy"), std::string::npos);
    EXPECT_NE(
        description.find("https://docs.aws.amazon.com/inspector/latest/user/sbom-export.html"),
        std::string::npos);
}

TEST(SbomTemplate, DeclaresTheFourParameters) {
    const json params = ParsedTemplate().at("Parameters");
    ASSERT_EQ(params.size(), 4U);
    for (const char* name : {"S3BucketName", "KmsKeyArn", "IAMUserName", "IAMRoleName"}) {
        ASSERT_TRUE(params.contains(name)) << name;
        EXPECT_EQ(params[name].at("Type"), "String") << name;
        EXPECT_TRUE(params[name].contains("AllowedPattern")) << name;
    }
    EXPECT_FALSE(params["S3BucketName"].contains("Default"));
    EXPECT_FALSE(params["KmsKeyArn"].contains("Default"));
    EXPECT_EQ(params["IAMUserName"].at("Default"), "");
    EXPECT_EQ(params["IAMRoleName"].at("Default"), "");
}

TEST(SbomTemplate, ParameterPatternsAdmitNoWildcard) {
    const json params = ParsedTemplate().at("Parameters");
    const json& bucket = params["S3BucketName"];
    for (const char* ok : {"kensa-123456789012-7-us-east-1", "abc", "a.b-c", "0ab"}) {
        EXPECT_TRUE(Allowed(bucket, ok)) << ok;
    }
    for (const std::string& bad : std::vector<std::string>{
             "", "ab", "*", "kensa-*", "My-Bucket", "-abc", "abc-", "a_b", std::string(64, 'a')}) {
        EXPECT_FALSE(Allowed(bucket, bad)) << bad;
    }

    const json& key = params["KmsKeyArn"];
    for (const char* ok :
         {"arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
          "arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
          "arn:aws-cn:kms:cn-north-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab"}) {
        EXPECT_TRUE(Allowed(key, ok)) << ok;
    }
    for (const char* bad :
         {"*",
          "arn:aws:kms:us-east-1:123456789012:key/*",
          "arn:aws:kms:*:*:key/*",
          "arn:aws:kms:us-east-1:123456789012:alias/kensa",
          "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab/x",
          "arn:aws:s3:::bucket",
          "1234abcd-12ab-34cd-56ef-1234567890ab"}) {
        EXPECT_FALSE(Allowed(key, bad)) << bad;
    }

    for (const char* name : {"IAMUserName", "IAMRoleName"}) {
        EXPECT_TRUE(Allowed(params[name], ""));
        EXPECT_TRUE(Allowed(params[name], "kensa.scanner+ci@example_1=x,y-z"));
        EXPECT_FALSE(Allowed(params[name], "*"));
        EXPECT_FALSE(Allowed(params[name], "path/kensa"));
        EXPECT_FALSE(Allowed(params[name], std::string(65, 'a')));
    }
}

TEST(SbomTemplate, RulesAcceptExactlyOneOfUserAndRole) {
    const json tmpl = ParsedTemplate();
    EXPECT_TRUE(FailedRules(tmpl, {{"IAMUserName", "kensa"}, {"IAMRoleName", ""}}).empty());
    EXPECT_TRUE(FailedRules(tmpl, {{"IAMUserName", ""}, {"IAMRoleName", "kensa"}}).empty());

    const auto neither = FailedRules(tmpl, {{"IAMUserName", ""}, {"IAMRoleName", ""}});
    ASSERT_EQ(neither.size(), 1U);
    EXPECT_NE(neither[0].find("both are empty"), std::string::npos) << neither[0];

    const auto both = FailedRules(tmpl, {{"IAMUserName", "u"}, {"IAMRoleName", "r"}});
    ASSERT_EQ(both.size(), 1U);
    EXPECT_NE(both[0].find("only one"), std::string::npos) << both[0];
}

TEST(SbomTemplate, ConditionsPickTheIdentityThePolicyIsAttachedTo) {
    const json tmpl = ParsedTemplate();
    const json& conditions = tmpl.at("Conditions");
    const ParameterValues user = {{"IAMUserName", "kensa"}, {"IAMRoleName", ""}};
    const ParameterValues role = {{"IAMUserName", ""}, {"IAMRoleName", "kensa"}};
    EXPECT_EQ(Evaluate(conditions.at("UseUser"), user), true);
    EXPECT_EQ(Evaluate(conditions.at("UseRole"), user), false);
    EXPECT_EQ(Evaluate(conditions.at("UseUser"), role), false);
    EXPECT_EQ(Evaluate(conditions.at("UseRole"), role), true);

    const json& properties = tmpl.at("Resources").at("SbomExportPolicy").at("Properties");
    EXPECT_EQ(properties.at("Users"), json::parse(R"({"Fn::If": ["UseUser",
        [{"Ref": "IAMUserName"}], {"Ref": "AWS::NoValue"}]})"));
    EXPECT_EQ(properties.at("Roles"), json::parse(R"({"Fn::If": ["UseRole",
        [{"Ref": "IAMRoleName"}], {"Ref": "AWS::NoValue"}]})"));
}

TEST(SbomTemplate, GrantsEveryRequiredActionOnItsResource) {
    const json tmpl = ParsedTemplate();
    ASSERT_EQ(tmpl.at("Resources").at("SbomExportPolicy").at("Type"), "AWS::IAM::ManagedPolicy");
    std::map<std::string, std::vector<json>> granted;  // action -> resources
    for (const json& statement : PolicyStatements(tmpl)) {
        EXPECT_EQ(statement.at("Effect"), "Allow");
        for (const json& action : AsList(statement.at("Action"))) {
            auto& resources = granted[action.get<std::string>()];
            for (const json& resource : AsList(statement.at("Resource"))) {
                resources.push_back(resource);
            }
        }
    }
    const json objects = json{{"Fn::Sub", "arn:${AWS::Partition}:s3:::${S3BucketName}/*"}};
    const json bucket = json{{"Fn::Sub", "arn:${AWS::Partition}:s3:::${S3BucketName}"}};
    const json key = json{{"Ref", "KmsKeyArn"}};
    const std::map<std::string, json> expected = {
        // no resource-level permissions exist for these, so "*" is the only valid resource
        {"inspector2:CreateSbomExport", "*"},
        {"inspector2:GetSbomExport", "*"},
        {"inspector2:CancelSbomExport", "*"},
        {"inspector2:BatchGetAccountStatus", "*"},
        {"inspector2:ListFindings", "*"},
        {"inspector2:ListCoverage", "*"},
        {"s3:PutObject", objects},
        {"s3:PutObjectAcl", objects},
        {"s3:GetObject", objects},
        {"s3:GetBucketLocation", bucket},
        {"s3:ListBucket", bucket},
        {"kms:Decrypt", key},
        {"kms:Encrypt", key},
        {"kms:GenerateDataKey", key}};
    for (const auto& [action, resource] : expected) {
        ASSERT_TRUE(granted.count(action)) << action << " is not granted";
        EXPECT_EQ(granted[action], std::vector<json>{resource}) << action;
    }
    EXPECT_EQ(granted.size(), expected.size()) << "an action beyond R11's list is granted";
}

TEST(SbomTemplate, S3AndKmsGrantsHaveNoWildcardResource) {
    const std::vector<std::string> violations = WildcardViolations(ParsedTemplate());
    EXPECT_TRUE(violations.empty()) << testing::PrintToString(violations);
}

/// The checker above must be able to fail: each mutation widens one grant.
TEST(SbomTemplate, WildcardCheckerCatchesWidenedGrants) {
    const std::vector<std::pair<std::string, std::function<void(json&)>>> mutations = {
        {"object resource '*'",
         [](json& t) { StatementWithSid(t, "ExportBucketObjects")["Resource"] = "*"; }},
        {"bucket resource '*'",
         [](json& t) { StatementWithSid(t, "ExportBucket")["Resource"] = "*"; }},
        {"any bucket's objects",
         [](json& t) {
             StatementWithSid(t, "ExportBucketObjects")["Resource"] =
                 json{{"Fn::Sub", "arn:${AWS::Partition}:s3:::*/*"}};
         }},
        {"bucket name prefix",
         [](json& t) {
             StatementWithSid(t, "ExportBucket")["Resource"] =
                 json{{"Fn::Sub", "arn:${AWS::Partition}:s3:::${S3BucketName}*"}};
         }},
        {"'*' in a resource list",
         [](json& t) {
             StatementWithSid(t, "ExportBucket")["Resource"] = json::array(
                 {json{{"Fn::Sub", "arn:${AWS::Partition}:s3:::${S3BucketName}"}}, "*"});
         }},
        {"key resource '*'", [](json& t) { StatementWithSid(t, "ExportKey")["Resource"] = "*"; }},
        {"any key",
         [](json& t) { StatementWithSid(t, "ExportKey")["Resource"] = "arn:aws:kms:*:*:key/*"; }},
        {"resource hidden in Fn::Join",
         [](json& t) {
             StatementWithSid(t, "ExportKey")["Resource"] =
                 json{{"Fn::Join", json::array({"", json::array({"*"})})}};
         }},
        {"NotResource",
         [](json& t) {
             json& statement = StatementWithSid(t, "ExportKey");
             statement["NotResource"] = statement["Resource"];
             statement.erase("Resource");
         }},
        {"s3:* action",
         [](json& t) { StatementWithSid(t, "ExportBucket")["Action"] = json::array({"s3:*"}); }},
        {"s3 action in the inspector statement",
         [](json& t) {
             StatementWithSid(t, "InspectorSbomExport")["Action"].push_back("s3:GetObject");
         }},
    };
    for (const auto& [name, mutate] : mutations) {
        SCOPED_TRACE(name);
        json tmpl = ParsedTemplate();
        mutate(tmpl);
        EXPECT_FALSE(WildcardViolations(tmpl).empty());
    }
}

TEST(SbomTemplate, OutputsNameThePolicyAndCarryInspectorsStatements) {
    const json outputs = ParsedTemplate().at("Outputs");
    EXPECT_EQ(outputs.at("PolicyArn").at("Value"), (json{{"Ref", "SbomExportPolicy"}}));
    EXPECT_TRUE(outputs.contains("PolicyName"));
    EXPECT_TRUE(outputs.contains("AttachedTo"));

    const std::string report_arn = "arn:aws:inspector2:eu-west-1:123456789012:report/*";
    const json bucket = json::parse(Substitute(
        outputs.at("BucketPolicyStatement").at("Value").at("Fn::Sub").get<std::string>()));
    EXPECT_EQ(bucket.at("Principal"), (json{{"Service", "inspector2.amazonaws.com"}}));
    EXPECT_EQ(bucket.at("Action"),
              json::array({"s3:PutObject", "s3:PutObjectAcl", "s3:AbortMultipartUpload"}));
    EXPECT_EQ(bucket.at("Resource"), "arn:aws:s3:::kensa-exports/*");
    EXPECT_EQ(bucket.at("Condition").at("StringEquals").at("aws:SourceAccount"), "123456789012");
    EXPECT_EQ(bucket.at("Condition").at("ArnLike").at("aws:SourceArn"), report_arn);

    const json key = json::parse(
        Substitute(outputs.at("KeyPolicyStatement").at("Value").at("Fn::Sub").get<std::string>()));
    EXPECT_EQ(key.at("Principal"), (json{{"Service", "inspector2.amazonaws.com"}}));
    EXPECT_EQ(key.at("Action"), json::array({"kms:Decrypt", "kms:GenerateDataKey*"}));
    EXPECT_EQ(key.at("Resource"), "*") << "in a key policy, '*' is the key itself";
    EXPECT_EQ(key.at("Condition").at("ArnLike").at("aws:SourceArn"), report_arn);
}

// ---------------------------------------------------------------------------------------------
// YAML writer, exact output

TEST(YamlEmit, WritesBlockStyleInMemberOrder) {
    const ordered_json tree = ordered_json::parse(R"({"b": "x", "a": [1, {"c": true, "d": null},
        [2.5, []]], "e": {}, "Fn::Sub": "s", "yes": 1e100, "k v": {"aws:SourceArn": -3}})");
    EXPECT_EQ(ToYaml(tree),
              "b: \"x\"\n"
              "a:\n"
              "  - 1\n"
              "  - c: true\n"
              "    d: null\n"
              "  - - 2.5\n"
              "    - []\n"
              "e: {}\n"
              "Fn::Sub: \"s\"\n"
              "\"yes\": 1.0e+100\n"
              "\"k v\":\n"
              "  aws:SourceArn: -3\n");
}

TEST(YamlEmit, WritesScalarsAndEmptyContainersAlone) {
    EXPECT_EQ(ToYaml(ordered_json("no")), "\"no\"\n");
    EXPECT_EQ(ToYaml(ordered_json(nullptr)), "null\n");
    EXPECT_EQ(ToYaml(ordered_json::array()), "[]\n");
    EXPECT_EQ(ToYaml(ordered_json::object()), "{}\n");
}

TEST(YamlEmit, EscapesWhatADoubleQuotedScalarCannotHold) {
    EXPECT_EQ(YamlQuote(R"(say "hi" \ bye)"), R"("say \"hi\" \\ bye")");
    EXPECT_EQ(YamlQuote("a\nb\tc\rd"), R"("a\nb\tc\rd")");
    EXPECT_EQ(YamlQuote(std::string("nul\0x\x1b\x7f", 7)), R"("nul\x00x\x1B\x7F")");
    EXPECT_EQ(YamlQuote("nel\u0085 ls\u2028 ps\u2029 bom\ufeff"),
              R"("nel\x85 ls\u2028 ps\u2029 bom\uFEFF")");
    EXPECT_EQ(YamlQuote("caf\u00e9 \u65e5\u672c \U0001F600"),
              "\"caf\u00e9 \u65e5\u672c \U0001F600\"");
}

TEST(YamlEmit, ReplacesInvalidUtf8) {
    const std::string replacement = "\xEF\xBF\xBD";
    EXPECT_EQ(YamlQuote("a\xff"
                        "b"),
              "\"a" + replacement + "b\"");
    EXPECT_EQ(YamlQuote("\xC0\xAF"), "\"" + replacement + replacement + "\"") << "overlong '/'";
    EXPECT_EQ(YamlQuote("\xED\xA0\x80"), "\"" + replacement + replacement + replacement + "\"")
        << "surrogate";
    EXPECT_EQ(YamlQuote("\xE6\x97"), "\"" + replacement + replacement + "\"") << "truncated";
}

TEST(YamlEmit, WritesAnOverlongKeyExplicitly) {
    const std::string key(1200, 'k');
    ordered_json tree;
    tree["list"] = ordered_json::array({ordered_json::object({{key + " ", 1}})});
    EXPECT_EQ(ToYaml(tree), "list:\n  - ? \"" + key + " \"\n    : 1\n");
    EXPECT_EQ(ToYaml(ordered_json::object({{key, 1}})), "? " + key + "\n: 1\n") << "plain key";
}

// ---------------------------------------------------------------------------------------------
// YAML writer against PyYAML

/// Loads argv[1] with json and argv[2] with every PyYAML safe loader (pure Python, and libyaml
/// when built in); exits 1 naming the first difference. Types are compared strictly: in
/// Python True == 1, so a YAML "1" loaded for a JSON true would otherwise pass.
constexpr const char* kCompareScript = R"py(
import json, sys, yaml

def short(value):
    text = repr(value)
    return text if len(text) <= 120 else text[:117] + "..."

def same(a, b, path):
    if type(a) is not type(b):
        sys.exit(f"{path}: {type(a).__name__} {short(a)} != {type(b).__name__} {short(b)}")
    if isinstance(a, dict):
        if list(a) != list(b):
            diff = [(x, y) for x, y in zip(a, b) if x != y][:1]
            sys.exit(f"{path}: {len(a)} keys != {len(b)}, first difference {short(diff)}")
        for k in a:
            same(a[k], b[k], f"{path}.{short(k)}")
    elif isinstance(a, list):
        if len(a) != len(b):
            sys.exit(f"{path}: {len(a)} items != {len(b)}")
        for i, (x, y) in enumerate(zip(a, b)):
            same(x, y, f"{path}[{i}]")
    elif a != b:
        sys.exit(f"{path}: {short(a)} != {short(b)}")

with open(sys.argv[1], encoding="utf-8") as f:
    expected = json.load(f)
with open(sys.argv[2], encoding="utf-8") as f:
    text = f.read()
loaders = [yaml.SafeLoader] + ([yaml.CSafeLoader] if hasattr(yaml, "CSafeLoader") else [])
for loader in loaders:
    same(expected, yaml.load(text, Loader=loader), loader.__name__)
)py";

/// Runs python3 with `args` and no shell (the insecure-API gate bans system()). Returns its
/// exit code, or -1 when it could not start or died of a signal.
int RunPython(const std::vector<std::string>& args) {
    std::vector<std::string> all = {"python3"};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& arg : all) {
        argv.push_back(arg.data());
    }
    argv.push_back(nullptr);
    pid_t pid = -1;
    if (posix_spawnp(&pid, "python3", nullptr, nullptr, argv.data(), environ) != 0) {
        return -1;
    }
    int status = 0;
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) {
        return -1;
    }
    return WEXITSTATUS(status);
}

bool PyYamlAvailable() {
    static const bool available = RunPython({"-c", "import yaml"}) == 0;
    return available;
}

class YamlAgainstPyYaml : public testing::Test {
protected:
    void SetUp() override {
        if (!PyYamlAvailable()) {
            GTEST_SKIP() << "python3 with PyYAML (Debian package python3-yaml) not found";
        }
        dir_ = fs::temp_directory_path() / ("kensa-yaml-" + std::to_string(::getpid()));
        fs::create_directories(dir_);
    }
    void TearDown() override {
        std::error_code ignored;
        fs::remove_all(dir_, ignored);
    }

    /// True when PyYAML loads `yaml_text` to exactly what json.loads makes of `json_text`.
    bool LoadsAlike(const std::string& json_text, const std::string& yaml_text) {
        const fs::path json_file = dir_ / "doc.json";
        const fs::path yaml_file = dir_ / "doc.yaml";
        std::ofstream(json_file, std::ios::binary) << json_text;
        std::ofstream(yaml_file, std::ios::binary) << yaml_text;
        return RunPython({"-c", kCompareScript, json_file.string(), yaml_file.string()}) == 0;
    }

    fs::path dir_;
};

TEST_F(YamlAgainstPyYaml, TemplateLoadsToTheSameTreeAsItsJson) {
    EXPECT_TRUE(LoadsAlike(SbomExportTemplate(TemplateFormat::kJson),
                           SbomExportTemplate(TemplateFormat::kYaml)));
}

/// Strings each of which a naive writer gets wrong: indicators, comments, YAML 1.1 booleans,
/// null and numbers, timestamps and sexagesimals, document markers, whitespace, escapes,
/// Unicode line breaks and non-ASCII text.
std::vector<std::string> TrickyStrings() {
    return {"",
            " ",
            "  leading",
            "trailing  ",
            "a: b",
            "a:b",
            "key:",
            "#comment",
            "a #b",
            "- dash",
            "-",
            "?",
            "? q",
            ":",
            "!tag",
            "!!str x",
            "&anchor",
            "*alias",
            "|",
            ">",
            "%TAG",
            "@at",
            "`tick",
            "{flow: 1}",
            "[seq]",
            ",",
            "'single'",
            "\"double\"",
            "a\"b'c",
            "back\\slash",
            "\\n literally",
            "line1\nline2",
            "trailing newline\n",
            "\n",
            "  \n  ",
            "cr\r\nlf",
            "tab\there",
            std::string("nul\0byte", 8),
            "\x01\x1f\x7f",
            "bell\a esc\x1b",
            "yes",
            "no",
            "Yes",
            "NO",
            "on",
            "Off",
            "y",
            "n",
            "true",
            "False",
            "null",
            "Null",
            "~",
            "0",
            "0123",
            "0x1F",
            "0o17",
            "1e3",
            "1.5",
            ".5",
            "-1",
            "+1",
            "1_000",
            ".inf",
            "-.inf",
            ".nan",
            "12:30:00",
            "1:20",
            "2001-12-14",
            "2001-12-14t21:59:43.10-05:00",
            "<<",
            "=",
            "---",
            "...",
            "--- x",
            "%",
            "Fn::Sub",
            "aws:SourceArn",
            "a-b_c",
            "caf\u00e9",
            "\u65e5\u672c\u8a9e",
            "emoji \U0001F600",
            "\u00a0nbsp",
            "nel\u0085",
            "ls\u2028ps\u2029",
            "bom\ufeff",
            "c1 \u0080\u009f",
            "\ufffd",
            std::string(300, 'x') + ": " + std::string(300, 'y')};
}

ordered_json TrickyTree() {
    ordered_json tree;
    ordered_json keys = ordered_json::object();
    int index = 0;
    for (const std::string& text : TrickyStrings()) {
        tree["values"].push_back(text);
        keys[text] = index++;
    }
    keys[std::string(1100, 'k')] = "an over-long key";
    tree["keys"] = keys;
    tree["numbers"] = ordered_json::array({0,
                                           -1,
                                           42,
                                           std::numeric_limits<std::int64_t>::min(),
                                           std::numeric_limits<std::uint64_t>::max(),
                                           1.5,
                                           -0.25,
                                           3.0,
                                           0.1,
                                           1e100,
                                           1e-7,
                                           -2.5e-300});
    tree["literals"] = ordered_json::array({true, false, nullptr});
    tree["nesting"] = ordered_json::parse(R"([[], {}, [[1, [2]], {"a": []}],
        [{"k": {"m": [{}]}}], {"deep": {"er": {"est": ["x", {"": [[["y"]]]}]}}}])");
    return tree;
}

TEST_F(YamlAgainstPyYaml, TrickyStringsNumbersAndNestingRoundTrip) {
    const ordered_json tree = TrickyTree();
    EXPECT_TRUE(LoadsAlike(tree.dump(), ToYaml(tree)));
}

TEST_F(YamlAgainstPyYaml, ComparisonFailsOnADifferentTree) {
    // Guards the check itself: a YAML that loads differently must be reported.
    EXPECT_FALSE(LoadsAlike(R"({"a": true})", "a: 1\n"));
    EXPECT_FALSE(LoadsAlike(R"({"a": "yes"})", "a: yes\n"));
    EXPECT_FALSE(LoadsAlike(R"({"a": 1, "b": 2})", "b: 2\na: 1\n"));
}

}  // namespace
}  // namespace kensa::cloudformation
