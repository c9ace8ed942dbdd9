#pragma once
// The SBOM export's failures as scan-run errors, with the fix its set-up needs (R20): S3 and
// KMS permissions come from the kensa CloudFormation stack and the key policy.

#include <string>

#include "kensa/common/error.h"
#include "kensa/domain/model.h"

namespace kensa::app {

/// An AWS error at a step of the export, classified (scan_errors.h) with the SBOM hint.
domain::ScanError SbomAwsError(const Error& error, const std::string& step, const domain::SbomExportSettings& s);

/// How to fix an export that Inspector ended with `code` (GetSbomExport's errorCode).
std::string ExportFailureHint(const std::string& code, const domain::SbomExportSettings& s,
                              const std::string& region);

}  // namespace kensa::app
