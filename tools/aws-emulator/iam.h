#pragma once
// Identity-policy evaluation: action patterns with '*' and '?' wildcards, role trust, bucket
// policies, and the exact AccessDenied wording AWS uses.

#include <string>
#include <string_view>
#include <vector>

#include "model.h"

namespace kensa::emulator {

/// Case-insensitive glob match of "service:Action" against one pattern ("inspector2:*", "*").
bool ActionMatches(std::string_view pattern, std::string_view action);
bool ActionAllowed(const std::vector<std::string>& patterns, std::string_view action);

/// True if the role's trust policy lets `caller` assume it with `external_id`.
bool TrustAllows(const Role& role, const Principal& caller, std::string_view external_id);

enum class PolicyDecision { kNotMentioned, kAllow, kDeny };
/// Evaluates a bucket policy for a principal ARN (or service principal) and an S3 action on key.
PolicyDecision EvaluateBucketPolicy(const Bucket& bucket,
                                    std::string_view principal_arn,
                                    std::string_view account_id,
                                    std::string_view action,
                                    std::string_view key);

/// "User: ARN is not authorized to perform: ACTION on resource: RES because no identity-based
/// policy allows the ACTION action"
std::string NotAuthorizedMessage(std::string_view principal_arn,
                                 std::string_view action,
                                 std::string_view resource);

}  // namespace kensa::emulator
