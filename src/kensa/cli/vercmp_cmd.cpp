#include "kensa/cli/vercmp_cmd.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>
#include <memory>
#include <string>

#include "kensa/knowledge/version.h"

namespace kensa::cli {
namespace {

constexpr int kExitInvalid = 2;

struct VercmpOptions {
    std::string ecosystem;
    std::string a;
    std::string b;
    bool batch = false;
};

const char* Symbol(int rc) {
    return rc < 0 ? "<" : (rc > 0 ? ">" : "=");
}

std::string_view Trim(std::string_view s) {
    const char* kSpace = " \t\r\n";
    size_t first = s.find_first_not_of(kSpace);
    if (first == std::string_view::npos) {
        return {};
    }
    size_t last = s.find_last_not_of(kSpace);
    return s.substr(first, last - first + 1);
}

int RunBatch(const VercmpOptions& opt, std::istream& in, std::ostream& out, std::ostream& err) {
    int exit_code = 0;
    std::string line;
    size_t line_no = 0;
    while (std::getline(in, line)) {
        ++line_no;
        std::string_view text = Trim(line);
        if (text.empty()) {
            continue;
        }
        size_t space = text.find_first_of(" \t");
        std::string_view a = text.substr(0, space);
        std::string_view b;
        if (space != std::string_view::npos) {
            b = Trim(text.substr(space));
        }
        if (b.empty() || b.find_first_of(" \t") != std::string_view::npos) {
            err << "error: line " << line_no << ": expected two versions separated by a space\n";
            out << "!\n";
            exit_code = kExitInvalid;
            continue;
        }
        auto rc = knowledge::CompareVersions(opt.ecosystem, a, b);
        if (!rc.ok()) {
            err << "error: line " << line_no << ": " << rc.error().message() << "\n";
            out << "!\n";
            exit_code = kExitInvalid;
            continue;
        }
        out << Symbol(*rc) << "\n";
    }
    out.flush();
    return exit_code;
}

int RunVercmp(const VercmpOptions& opt, const VercmpIo& io) {
    std::istream& in = io.in != nullptr ? *io.in : std::cin;
    std::ostream& out = io.out != nullptr ? *io.out : std::cout;
    std::ostream& err = io.err != nullptr ? *io.err : std::cerr;
    // Reject an unknown ecosystem before reading any input.
    auto names = knowledge::SupportedEcosystems();
    if (std::find(names.begin(), names.end(), opt.ecosystem) == names.end()) {
        err << "error: unknown version ecosystem '" << opt.ecosystem << "'\n";
        return kExitInvalid;
    }
    if (opt.batch) {
        if (!opt.a.empty() || !opt.b.empty()) {
            err << "error: --batch takes no versions on the command line\n";
            return kExitInvalid;
        }
        return RunBatch(opt, in, out, err);
    }
    if (opt.a.empty() || opt.b.empty()) {
        err << "error: expected two versions A B (or --batch)\n";
        return kExitInvalid;
    }
    auto rc = knowledge::CompareVersions(opt.ecosystem, opt.a, opt.b);
    if (!rc.ok()) {
        err << "error: " << rc.error().message() << "\n";
        return kExitInvalid;
    }
    out << Symbol(*rc) << "\n";
    return 0;
}

}  // namespace

void AddVercmpCommand(CLI::App& root, int* exit_code) {
    AddVercmpCommand(root, exit_code, VercmpIo{});
}

void AddVercmpCommand(CLI::App& root, int* exit_code, VercmpIo io) {
    std::string ecosystems;
    for (std::string_view name : knowledge::SupportedEcosystems()) {
        ecosystems += ecosystems.empty() ? "" : ", ";
        ecosystems += name;
    }
    auto* cmd = root.add_subcommand(
        "vercmp", "Compare two versions the way the ecosystem's own tool does: prints <, = or >");
    auto opt = std::make_shared<VercmpOptions>();
    cmd->add_option("ecosystem", opt->ecosystem, "Ecosystem (purl type): " + ecosystems)
        ->required();
    cmd->add_option("a", opt->a, "First version");
    cmd->add_option("b", opt->b, "Second version");
    cmd->add_flag("--batch",
                  opt->batch,
                  "Read \"A B\" pairs from stdin, one per line; print one result per line");
    cmd->callback([opt, exit_code, io] { *exit_code = RunVercmp(*opt, io); });
}

}  // namespace kensa::cli
