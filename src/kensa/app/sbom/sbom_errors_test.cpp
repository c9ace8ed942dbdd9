#include "kensa/app/sbom/sbom_errors.h"

#include <gtest/gtest.h>

namespace kensa::app {
namespace {

ports::SbomExportStatus Ended(ports::SbomExportState state,
                              ports::SbomExportFailure failure,
                              std::string code) {
    ports::SbomExportStatus s;
    s.state = state;
    s.failure = failure;
    s.error_code = std::move(code);
    return s;
}

TEST(ExportFailureCode, KnownFailuresHaveTheirOwnCode) {
    EXPECT_EQ(ExportFailureCode(Ended(ports::SbomExportState::kFailed,
                                      ports::SbomExportFailure::kBucketNotFound,
                                      "BUCKET_NOT_FOUND")),
              "export_bucket_not_found");
}

TEST(ExportFailureCode, AnUnknownCodeKeepsItsNameSanitised) {
    EXPECT_EQ(
        ExportFailureCode(Ended(
            ports::SbomExportState::kFailed, ports::SbomExportFailure::kOther, "INTERNAL_ERROR")),
        "export_internal_error");
    EXPECT_EQ(ExportFailureCode(Ended(
                  ports::SbomExportState::kFailed, ports::SbomExportFailure::kOther, "<b>x y</b>")),
              "export_bxyb");
    EXPECT_EQ(ExportFailureCode(
                  Ended(ports::SbomExportState::kFailed, ports::SbomExportFailure::kOther, "")),
              "export_failed");
}

TEST(ExportFailureCode, CancelledWinsOverTheFailureKind) {
    // A cancelled export may still carry an error code; the run says it was cancelled.
    EXPECT_EQ(ExportFailureCode(Ended(ports::SbomExportState::kCancelled,
                                      ports::SbomExportFailure::kNoFindingsFound,
                                      "NO_FINDINGS_FOUND")),
              "export_cancelled");
}

}  // namespace
}  // namespace kensa::app
