// kensa-vercmp: only `kensa vercmp`, for the differential tests (a small binary that does not
// need the server's dependencies; the same command code as the real `kensa vercmp`).
#include <CLI/CLI.hpp>
#include <vector>

#include "kensa/cli/vercmp_cmd.h"

int main(int argc, char** argv) {
    CLI::App app{"kensa-vercmp: kensa vercmp alone, for tests", "kensa-vercmp"};
    app.require_subcommand(1);
    int exit_code = 0;
    kensa::cli::AddVercmpCommand(app, &exit_code);
    CLI11_PARSE(app, argc, argv);
    return exit_code;
}
