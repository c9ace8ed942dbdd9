#pragma once
// The composition root: wires the store, the secret box, the AWS adapter and the clock into an
// AppContext. Shared by `kensa serve` and the CLI commands, so both run the same use cases.

#include <memory>

#include "kensa/app/context.h"
#include "kensa/app/sbom/export_job.h"
#include "kensa/aws/address_policy.h"
#include "kensa/formats/sbom/inspector_export.h"
#include "kensa/formats/sbom/sbom_file_format.h"
#include "kensa/formats/vuls/vuls_reader.h"
#include "kensa/server/config.h"

namespace kensa::server {

class Runtime {
public:
    /// Opens and migrates the database and loads the master key. Errors name what failed.
    static Result<std::unique_ptr<Runtime>> Open(const Config& config);

    app::AppContext& ctx() { return *ctx_; }
    ports::Store& store() { return *store_; }
    const app::SbomJobOptions& sbom_options() const { return sbom_options_; }

private:
    Runtime() = default;
    ports::StorePtr store_;
    sbom::InspectorSbomExport sbom_format_;
    sbom::SbomFiles sbom_files_;
    vuls::VulsResultFormat vuls_format_;
    std::unique_ptr<app::SecretBox> secrets_;
    std::unique_ptr<app::AppContext> ctx_;
    app::SbomJobOptions sbom_options_;
};

/// The AWS adapter bound as the application's factory. Each group's spec is used on its own:
/// the process environment is not consulted (no ambient credentials or endpoints).
ports::AwsClientsFactory MakeAwsFactory(const Config& config, aws::EndpointAllowlist allowlist);

/// `kensa serve`: HTTP API, /healthz, /metrics and the scheduler until SIGTERM/SIGINT.
int RunServe(const Config& config);

}  // namespace kensa::server
