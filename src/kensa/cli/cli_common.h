#pragma once
// Shared by the CLI subcommands: global options, opening the runtime, output helpers.

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <string>

#include "kensa/common/version.h"
#include "kensa/dto/json.h"
#include "kensa/server/runtime.h"

namespace kensa::cli {

struct GlobalOptions {
    std::string config_file;
    std::string db;
    int exit_code = 0;
};

/// Loads the configuration (flags override env and file) and opens the runtime.
Result<std::unique_ptr<server::Runtime>> OpenRuntime(const GlobalOptions& global);

/// Prints the error to stderr and returns the process exit code for it.
int ReportError(const Error& error);

/// Resolves a group given by numeric id or by name.
Result<domain::Id> ResolveGroup(ports::Store& store, const std::string& id_or_name);

/// Prints a JSON view (dto/) indented, as every command's output.
inline void PrintJson(const dto::Json& j) {
    std::cout << j.dump(2) << "\n";
}

/// Opens the runtime and runs body with it; any error is printed and sets the exit code.
template <class Fn>
void WithRuntime(GlobalOptions& global, Fn body) {
    auto rt = OpenRuntime(global);
    if (!rt.ok()) {
        global.exit_code = ReportError(rt.error());
        return;
    }
    Status st = body(**rt);
    if (!st.ok()) {
        global.exit_code = ReportError(st.error());
    }
}

}  // namespace kensa::cli
