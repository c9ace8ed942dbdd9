#pragma once
// The `kensa` command groups, one file each (cli/<name>_cmd.cpp), assembled by cli_app.cpp.
// Each adds its subcommands to root; their callbacks open the runtime with the global options
// and store the process exit code in global.exit_code. `aws` and `vercmp` have their own
// headers (aws_cmd.h, vercmp_cmd.h) because they do not open the runtime.

#include "kensa/cli/cli_common.h"

namespace kensa::cli {

/// `serve` (the server) and `migrate` (schema only): serve_cmd.cpp.
void AddServeCommand(CLI::App& root, GlobalOptions& global);
/// `group create|list|aws-set|aws-test`: group_cmd.cpp.
void AddGroupCommand(CLI::App& root, GlobalOptions& global);
/// `user token`: user_cmd.cpp.
void AddUserCommand(CLI::App& root, GlobalOptions& global);
/// `server list|ec2-candidates|add-ec2|add-pseudo|add-sbom|lambda-candidates|add-lambda|add-ecr`:
/// server_cmd.cpp.
void AddServerCommand(CLI::App& root, GlobalOptions& global);
/// `scan server|group`: scan_cmd.cpp.
void AddScanCommand(CLI::App& root, GlobalOptions& global);
/// `task list|set-status`: task_cmd.cpp.
void AddTaskCommand(CLI::App& root, GlobalOptions& global);
/// `sbom settings|template|export|diagnose`: sbom_cmd.cpp.
void AddSbomCommand(CLI::App& root, GlobalOptions& global);
/// `advisories import|match`: advisories_cmd.cpp.
void AddAdvisoriesCommand(CLI::App& root, GlobalOptions& global);
/// `import vuls|sbom`: import_cmd.cpp.
void AddImportCommand(CLI::App& root, GlobalOptions& global);
/// `vuls token-create|tokens|token-revoke`: vuls_cmd.cpp.
void AddVulsCommand(CLI::App& root, GlobalOptions& global);
/// `software list`: inventory_cmd.cpp.
void AddSoftwareCommand(CLI::App& root, GlobalOptions& global);
/// `eol list|import|snapshot`: inventory_cmd.cpp.
void AddEolCommand(CLI::App& root, GlobalOptions& global);
/// `export cyclonedx`: inventory_cmd.cpp.
void AddExportCommand(CLI::App& root, GlobalOptions& global);

}  // namespace kensa::cli
