#include "kensa/cli/cli_app.h"

#include <gtest/gtest.h>

#include <functional>
#include <sstream>

namespace kensa::cli {
namespace {

// A root with the real global options and a small tree shaped like kensa's: `serve --listen`
// and the nested `group create NAME --timezone TZ`.
struct ShapedCli {
    ShapedCli() {
        AddGlobalOptions(app, global);
        auto* serve = app.add_subcommand("serve");
        serve->add_option("--listen", listen);
        auto* group = app.add_subcommand("group");
        group->require_subcommand(1);
        auto* create = group->add_subcommand("create");
        create->add_option("name", name)->required();
        create->add_option("--timezone", timezone);
    }
    void Parse(const std::string& command_line) { app.parse(command_line, false); }

    CLI::App app{"kensa", "kensa"};
    GlobalOptions global;
    std::string listen;
    std::string name;
    std::string timezone;
};

TEST(CliGlobalOptions, AcceptedBeforeTheSubcommand) {
    ShapedCli cli;
    cli.Parse("--db sqlite:k.db --config kensa.toml serve --listen 127.0.0.1:8080");
    EXPECT_EQ(cli.global.db, "sqlite:k.db");
    EXPECT_EQ(cli.global.config_file, "kensa.toml");
    EXPECT_EQ(cli.listen, "127.0.0.1:8080");
}

TEST(CliGlobalOptions, AcceptedAfterTheSubcommand) {
    ShapedCli cli;
    cli.Parse("serve --db sqlite:k.db --listen 127.0.0.1:8080 --config kensa.toml");
    EXPECT_EQ(cli.global.db, "sqlite:k.db");
    EXPECT_EQ(cli.global.config_file, "kensa.toml");
    EXPECT_EQ(cli.listen, "127.0.0.1:8080");
}

TEST(CliGlobalOptions, AcceptedAtAnyDepthOfNestedSubcommands) {
    ShapedCli after;
    after.Parse("group create blue --db sqlite:x.db --timezone Europe/Paris");
    EXPECT_EQ(after.global.db, "sqlite:x.db");
    EXPECT_EQ(after.name, "blue");
    EXPECT_EQ(after.timezone, "Europe/Paris");

    ShapedCli between;
    between.Parse("group --db sqlite:y.db create --config k.toml blue");
    EXPECT_EQ(between.global.db, "sqlite:y.db");
    EXPECT_EQ(between.global.config_file, "k.toml");
    EXPECT_EQ(between.name, "blue");
}

TEST(CliGlobalOptions, UnknownOptionsAreStillRejected) {
    ShapedCli cli;
    EXPECT_THROW(cli.Parse("serve --bogus 1"), CLI::ExtrasError);
    ShapedCli nested;
    EXPECT_THROW(nested.Parse("group create blue --bogus"), CLI::ExtrasError);
}

// Every subcommand of the real tree hands unknown options to its parent, so no command
// (however deep) refuses --db or --config after its name.
TEST(CliApp, EverySubcommandOfTheRealTreeFallsThroughToTheRoot) {
    GlobalOptions global;
    auto app = MakeCliApp(global);
    int subcommands = 0;
    std::function<void(const CLI::App&, const std::string&)> walk = [&](const CLI::App& cmd,
                                                                        const std::string& path) {
        for (const CLI::App* sub : cmd.get_subcommands({})) {
            std::string sub_path = path + " " + sub->get_name();
            EXPECT_TRUE(sub->get_fallthrough()) << sub_path;
            ++subcommands;
            walk(*sub, sub_path);
        }
    };
    walk(*app, "kensa");
    EXPECT_GT(subcommands, 30);
}

// The real tree, on a command that touches no database: `sbom template` prints the template.
TEST(CliApp, RealTreeParsesGlobalOptionsInBothOrders) {
    for (const std::string command_line : {"--db sqlite:k.db sbom template --format json",
                                           "sbom template --db sqlite:k.db --format json",
                                           "sbom template --format json --db sqlite:k.db"}) {
        GlobalOptions global;
        auto app = MakeCliApp(global);
        std::ostringstream out;
        std::streambuf* saved = std::cout.rdbuf(out.rdbuf());
        try {
            app->parse(command_line, false);
        } catch (...) {
            std::cout.rdbuf(saved);
            throw;
        }
        std::cout.rdbuf(saved);
        EXPECT_EQ(global.db, "sqlite:k.db") << command_line;
        EXPECT_EQ(global.exit_code, 0) << command_line;
        EXPECT_EQ(out.str().rfind("{", 0), 0u) << command_line;  // the JSON template
    }
}

}  // namespace
}  // namespace kensa::cli
