#pragma once
// The watched directory of Vuls results (R19): `kensa serve` imports each result dropped in
// <root>/<group id or name>/*.json and moves it to imported/, or to failed/ beside a
// <name>.error.txt that says why. Files still being written (changed in the last two seconds),
// hidden files (rsync's temporaries) and symbolic links are left alone.

#include <filesystem>
#include <string>
#include <vector>

#include "kensa/app/context.h"

namespace kensa::server {

struct DropOutcome {
    std::string file;
    bool imported = false;
    std::string error;  ///< why it failed
};

class VulsDropFolder {
public:
    VulsDropFolder(const app::AppContext& ctx, std::filesystem::path root)
        : ctx_(ctx), root_(std::move(root)) {}

    /// One pass over the folder. A storage failure leaves the file for the next pass.
    std::vector<DropOutcome> Poll();

private:
    const app::AppContext& ctx_;
    std::filesystem::path root_;
};

}  // namespace kensa::server
