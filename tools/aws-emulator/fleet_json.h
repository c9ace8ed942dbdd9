#pragma once
// Fleet file <-> model. The format is documented in tools/aws-emulator/README.md.
// This header pulls in nlohmann/json; include it only from .cpp files that need it.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "kensa/common/error.h"
#include "model.h"

namespace kensa::emulator {

/// Parses a whole fleet document. Relative timestamps use `now` (epoch seconds).
Result<Fleet> ParseFleet(std::string_view text, int64_t now);
Result<Fleet> LoadFleetFile(const std::string& path, int64_t now);
/// The built-in demo fleet (data/fleets/demo-fleet.json, embedded at build time).
Result<Fleet> DemoFleet(int64_t now);
std::string_view DemoFleetJson();

/// Pieces, for the control API. `defaults` supplies accountId/region when absent.
Result<Package> PackageFromJson(const nlohmann::json& j);
Result<Vulnerability> VulnerabilityFromJson(const nlohmann::json& j, int64_t now);
Result<Resource> ResourceFromJson(const nlohmann::json& j,
                                  ResourceType type,
                                  const Account& defaults,
                                  int64_t now);

/// Timestamps in fleet files: epoch seconds (number) or ISO-8601 string.
int64_t TimestampFromJson(const nlohmann::json& j, int64_t fallback);

}  // namespace kensa::emulator
