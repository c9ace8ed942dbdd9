#pragma once
// What the use cases need from the outside, bound by the composition root (server/, cli/).

#include <functional>
#include <string>

#include "kensa/app/scan_runs/scan_errors.h"
#include "kensa/app/secret_box.h"
#include "kensa/common/clock.h"
#include "kensa/ports/aws_factory.h"
#include "kensa/ports/sbom_file.h"
#include "kensa/ports/sbom_reader.h"
#include "kensa/ports/store.h"
#include "kensa/ports/vuls_result.h"

namespace kensa::app {

struct AppContext {
    ports::Store& store;
    ports::AwsClientsFactory aws_factory;
    const SecretBox& secrets;
    const Clock& clock;
    /// Servers a group scan reads from AWS at once ([scan] workers, KENSA_SCAN_WORKERS).
    int scan_workers = 4;
    /// The SBOM documents and export keys (formats/sbom); the SBOM export fails without it.
    const ports::SbomExportFormat* sbom_format = nullptr;
    /// The operator's rule for a group's custom endpoint URL ([aws] endpoint_allowlist): Ok or
    /// kInvalidInput naming endpoint_url. Unset: no custom endpoint is accepted.
    std::function<Status(const std::string& endpoint_url)> check_endpoint_url = nullptr;
    /// Vuls results (formats/vuls); the Vuls import fails without it.
    const ports::vuls::ResultFormat* vuls_format = nullptr;
    /// SBOM files of any tool (formats/sbom); `kensa import sbom` fails without it.
    const ports::SbomFileFormat* sbom_files = nullptr;
};

/// AWS clients acting for one group, with its own credentials (never the process's).
/// kInvalidInput when the group has no AWS integration configured.
Result<ports::AwsClients> ClientsForGroup(const AppContext& ctx, const domain::Group& group);

inline domain::EpochSeconds Now(const AppContext& ctx) {
    return ToEpochSeconds(ctx.clock.SystemNow());
}

}  // namespace kensa::app
