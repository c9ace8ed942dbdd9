#pragma once
// AWS failures as the structured errors of scan runs: the failing step, the missing
// permission and how to fix it (R2, R20). A failed scan never reads as "0 vulnerabilities".

#include <string>
#include <vector>

#include "kensa/common/error.h"
#include "kensa/domain/model.h"

namespace kensa::app {

/// Structured scan-run error for an AWS failure at a step: names the missing permission and
/// how to fix it. Reads only the details the AWS adapter sets, never AWS's own error codes.
domain::ScanError ClassifyAwsError(const Error& error, const std::string& step);

/// An IAM policy statement (JSON) granting the given actions.
std::string IamPolicySnippet(const std::vector<std::string>& actions);

}  // namespace kensa::app
