#pragma once
// The SBOM export's failures as scan-run errors, with the fix its set-up needs (R20): S3 and
// KMS permissions come from the kensa CloudFormation stack and the key policy.

#include <string>

#include "kensa/common/error.h"
#include "kensa/domain/model.h"
#include "kensa/ports/aws_api.h"

namespace kensa::app {

/// An AWS error at a step of the export, classified (scan_errors.h) with the SBOM hint.
domain::ScanError SbomAwsError(const Error& error,
                               const std::string& step,
                               const domain::SbomExportSettings& s);

/// The run's error code for an export Inspector failed or cancelled (export_bucket_not_found, ...).
std::string ExportFailureCode(const ports::SbomExportStatus& status);

/// How to fix an export that Inspector ended with `failure`.
std::string ExportFailureHint(ports::SbomExportFailure failure,
                              const domain::SbomExportSettings& s,
                              const std::string& region);

}  // namespace kensa::app
