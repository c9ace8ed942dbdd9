// kensa: server and CLI in one binary. The command tree is assembled in cli_app.cpp.
#include <CLI/CLI.hpp>

#include "kensa/cli/cli_app.h"

int main(int argc, char** argv) {
    kensa::cli::GlobalOptions global;
    auto app = kensa::cli::MakeCliApp(global);
    CLI11_PARSE(*app, argc, argv);
    return global.exit_code;
}
