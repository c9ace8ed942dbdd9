#include "kensa/server/vuls_drop_folder.h"

#include <algorithm>
#include <fstream>
#include <optional>

#include "kensa/app/vuls/import_result.h"
#include "kensa/common/log.h"
#include "kensa/common/strings.h"

namespace kensa::server {
namespace {

namespace fs = std::filesystem;

constexpr auto kSettle = std::chrono::seconds(2);

std::optional<domain::Id> GroupOf(ports::Store& store, const std::string& dir_name) {
    if (!dir_name.empty() &&
        std::all_of(
            dir_name.begin(), dir_name.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
        dir_name.size() < 18) {
        auto g = store.GetGroup(std::stoll(dir_name));
        if (g.ok()) {
            return g->id;
        }
    }
    auto g = store.FindGroupByName(dir_name);
    if (g.ok() && g->has_value()) {
        return (*g)->id;
    }
    return std::nullopt;
}

// Moves `file` into `dir` (created) under a name that does not clash.
fs::path MoveInto(const fs::path& file, const fs::path& dir) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    fs::path target = dir / file.filename();
    for (int i = 1; fs::exists(target, ec); ++i) {
        target = dir / (file.stem().string() + "." + std::to_string(i) + file.extension().string());
    }
    fs::rename(file, target, ec);
    return target;
}

}  // namespace

std::vector<DropOutcome> VulsDropFolder::Poll() {
    std::vector<DropOutcome> out;
    std::error_code ec;
    if (!fs::is_directory(root_, ec)) {
        return out;
    }
    app::AdvisoryIndexOnce advisories(ctx_.store);
    const auto settled = fs::file_time_type::clock::now() - kSettle;
    for (const auto& group_dir : fs::directory_iterator(root_, ec)) {
        if (group_dir.is_symlink(ec) || !group_dir.is_directory(ec)) {
            continue;
        }
        std::string name = group_dir.path().filename().string();
        std::optional<domain::Id> group = GroupOf(ctx_.store, name);
        if (!group) {
            continue;  // not a group (yet): its files wait
        }
        for (const auto& entry : fs::directory_iterator(group_dir.path(), ec)) {
            const fs::path& file = entry.path();
            if (entry.is_symlink(ec) || !entry.is_regular_file(ec) || file.extension() != ".json" ||
                StartsWith(file.filename().string(), ".") || entry.last_write_time(ec) > settled) {
                continue;
            }
            DropOutcome outcome;
            outcome.file = file.string();
            std::ifstream in(file, std::ios::binary);
            auto r = app::ImportVulsStream(
                ctx_, *group, domain::ScanTrigger::kScheduled, file.string(), in, advisories);
            in.close();
            if (r.ok()) {
                outcome.imported = true;
                MoveInto(file, group_dir.path() / "imported");
                log::Info("imported a Vuls result",
                          {{"file", file.string()}, {"server", r->server_name}});
            } else if (r.error().code() == ErrorCode::kInvalidInput) {
                outcome.error = r.error().message();
                fs::path moved = MoveInto(file, group_dir.path() / "failed");
                std::ofstream(moved.string() + ".error.txt") << outcome.error << "\n";
                log::Warn("a Vuls result was not imported",
                          {{"file", file.string()}, {"error", outcome.error}});
            } else {
                log::Error("a Vuls result waits: the database failed",
                           {{"file", file.string()}, {"error", r.error().ToString()}});
                continue;
            }
            out.push_back(std::move(outcome));
        }
    }
    return out;
}

}  // namespace kensa::server
