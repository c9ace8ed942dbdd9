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

/// A step's error with its fix, for failures that are not AWS's.
domain::ScanError StepError(std::string code,
                            std::string step,
                            std::string message,
                            std::string hint);
/// The group's AWS clients could not be made (no integration, a secret that does not open).
domain::ScanError CredentialsError(const Error& error);
/// The store refused a job's write; `what_happened` says what was (not) changed.
domain::ScanError StorageError(const Error& error, const std::string& what_happened);

/// A job that threw (`job`: "scan", "SBOM export"): code internal, the cause, and that nothing
/// it had not finished was stored.
domain::ScanError BrokenJobError(const std::string& job, const std::string& cause);

/// An IAM policy statement (JSON) granting the given actions.
std::string IamPolicySnippet(const std::vector<std::string>& actions);

}  // namespace kensa::app
