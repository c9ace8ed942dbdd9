#pragma once
// The whole `kensa` command line: the root with its global options and every command group.
// main.cpp only runs it; the parser tests build the same tree.

#include <memory>

#include "kensa/cli/cli_common.h"

namespace kensa::cli {

/// Adds the global options (--config, --db) and the --version flag to the root, and makes every
/// subcommand added afterwards hand options it does not know to its parent (CLI11
/// fallthrough). So the global options are accepted before and after the subcommand, at any
/// depth: `kensa --db D serve`, `kensa serve --db D` and `kensa group create blue --db D` parse
/// alike. Call before adding subcommands: CLI11 copies the setting when a subcommand is created.
void AddGlobalOptions(CLI::App& root, GlobalOptions& global);

/// The root app with the global options and every command group. `global` must outlive it
/// (the callbacks write the exit code there).
std::unique_ptr<CLI::App> MakeCliApp(GlobalOptions& global);

}  // namespace kensa::cli
