#include "kensa/cli/vercmp_cmd.h"

#include <gtest/gtest.h>

#include <CLI/CLI.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace kensa::cli {
namespace {

TEST(VercmpCommand, PrintsSymbolsAndBatchContinuesAfterBadLines) {
    int exit_code = -1;
    std::istringstream in("1.0 1.0.0\n1.0a1 1.0\n\nbogus 1.0\n2.0 1.0\nonlyone\n");
    std::ostringstream out;
    std::ostringstream err;
    CLI::App app("test");
    AddVercmpCommand(app, &exit_code, VercmpIo{&in, &out, &err});
    std::vector<std::string> args = {"--batch", "pypi", "vercmp"};  // CLI11 wants reverse order
    app.parse(args);
    EXPECT_EQ(out.str(), "=\n<\n!\n>\n!\n");
    EXPECT_EQ(exit_code, 2);
    EXPECT_NE(err.str().find("error: line 4:"), std::string::npos) << err.str();
    EXPECT_NE(err.str().find("error: line 6:"), std::string::npos) << err.str();
}

TEST(VercmpCommand, SinglePairAndErrors) {
    struct Run {
        std::vector<std::string> argv;  ///< in order
        std::string out;
        int exit_code;
    };
    const std::vector<Run> runs = {
        {{"vercmp", "deb", "1.0~rc1", "1.0"}, "<\n", 0},
        {{"vercmp", "maven", "1.0", "1-ga"}, "=\n", 0},
        {{"vercmp", "npm", "1.10.0", "1.9.0"}, ">\n", 0},
        {{"vercmp", "npm", "1.0", "1.0.0"}, "", 2},
        {{"vercmp", "apk", "1.0_rc1-r0", "1.0-r0"}, "<\n", 0},
        {{"vercmp", "nuget", "1.0.0.0", "1.0.0-beta"}, ">\n", 0},
        {{"vercmp", "cargo", "1.0.0+b", "1.0.0"}, ">\n", 0},
        {{"vercmp", "cobol", "1", "2"}, "", 2},
    };
    for (const Run& run : runs) {
        int exit_code = -1;
        std::istringstream in;
        std::ostringstream out;
        std::ostringstream err;
        CLI::App app("test");
        AddVercmpCommand(app, &exit_code, VercmpIo{&in, &out, &err});
        std::vector<std::string> args(run.argv.rbegin(), run.argv.rend());
        app.parse(args);
        EXPECT_EQ(out.str(), run.out) << run.argv[1];
        EXPECT_EQ(exit_code, run.exit_code) << run.argv[1];
        if (run.exit_code != 0) {
            EXPECT_NE(err.str().find("error: "), std::string::npos);
        }
    }
}

}  // namespace
}  // namespace kensa::cli
