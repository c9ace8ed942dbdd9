#pragma once
// inspector2 wire shapes (Finding, CoveredResource, resource details) and filter evaluation.
// Shapes follow aws-models/inspector2 and the real samples; timestamps are epoch seconds.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "findings.h"
#include "kensa/common/error.h"
#include "model.h"

namespace kensa::emulator {

/// Inspector's spelling of a Lambda runtime: "python3.12" -> "PYTHON_3_12",
/// "java8.al2" -> "JAVA_8_AL2", "nodejs18.x" -> "NODEJS_18_X".
std::string InspectorRuntimeName(const std::string& lambda_runtime);
/// The same, restricted to the model's Runtime enum (API responses): anything else is
/// "UNSUPPORTED", even python3.12 and nodejs20.x, which real findings spell PYTHON_3_12 /
/// NODEJS_20_X but the botocore model does not list (see README "Limits").
std::string InspectorRuntime(const std::string& lambda_runtime);
/// What a lambdaFunctionRuntime filter matches: the response spelling, and the real name when
/// the model has none for it (a client asking for PYTHON_3_12 finds python3.12 functions).
std::vector<std::string> RuntimeFilterValues(const Resource& resource);
/// Inspector's Ec2Platform: LINUX | WINDOWS | MACOS | UNKNOWN.
std::string Ec2PlatformFamily(const std::string& platform);
/// The fixedInVersion of one listed package ("0:4.19.232-1" for OS packages, or
/// "NotAvailable" when there is no fix for it).
std::string FixedInVersion(const Vulnerability& vuln, const Package& pkg);
/// fixAvailable of a package finding: YES (every listed package has a fix), NO (none has),
/// PARTIAL (some have).
std::string FixAvailable(const Vulnerability& vuln, const std::vector<Package>& listed);
/// "CVE-2015-8035 - libxml2, libxml2-python": Inspector names every listed package.
std::string FindingTitle(const Vulnerability& vuln, const FindingRecord& rec);

nlohmann::json ResourceJson(const Resource& resource);
nlohmann::json FindingJson(const FindingRecord& rec,
                           const Resource& resource,
                           const Vulnerability& vuln);

/// Values a finding/coverage entry has for one filter field (may be several, e.g. tags).
struct FieldValues {
    std::vector<std::string> strings;
};

/// Checks a list of StringFilter objects against the values of a field. Validates comparison
/// operators against `allowed` ("EQUALS", "PREFIX", "NOT_EQUALS").
Result<bool> MatchStringFilters(const nlohmann::json& filters,
                                const std::vector<std::string>& values,
                                const std::vector<std::string>& allowed);
/// NumberFilter list {lowerInclusive, upperInclusive}.
bool MatchNumberFilters(const nlohmann::json& filters, double value);
/// DateFilter list {startInclusive, endInclusive} (epoch seconds).
bool MatchDateFilters(const nlohmann::json& filters, double value);
/// MapFilter list {comparison: EQUALS, key, value} against tags.
bool MatchMapFilters(const nlohmann::json& filters, const std::map<std::string, std::string>& tags);

/// The element shape of filter list `field` in `criteria_shape` ("StringFilter",
/// "NumberFilter", ...; "" when the model has no such criterion).
std::string FilterElementShape(std::string_view criteria_shape, std::string_view field);

/// Finding filter evaluation; returns ValidationException text on a bad filter.
Result<bool> FindingMatches(const nlohmann::json& criteria,
                            const FindingRecord& rec,
                            const Resource& resource,
                            const Vulnerability& vuln);

/// Opaque paging tokens.
std::string EncodeToken(size_t offset);
bool DecodeToken(const std::string& token, size_t* offset);

}  // namespace kensa::emulator
