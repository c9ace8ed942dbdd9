// The software inventory (R18) through the route table: EOL items of Lambda runtimes and of an
// OS on an injected clock, every real SBOM of ../shared/data/sboms imported (components counted
// independently), licenses normalised and filtered, the group software list and "where is X
// used", the CycloneDX export re-imported to the same components, the VEX, the license policy
// and the supply-chain summary, and tenancy: another group sees none of it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "kensa/app/inventory/software_facts.h"
#include "kensa/domain/eol.h"
#include "kensa/http/api/testing/api_harness.h"

namespace kensa::http::api::testing {
namespace {

namespace fs = std::filesystem;

fs::path SbomsDir() {
    return fs::path(KENSA_SOURCE_DIR) / ".." / "shared" / "data" / "sboms";
}

std::string ReadFile(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

int64_t Epoch(const char* date) {
    return *domain::ParseCivilDate(date);
}

// Components counted the way a jq count over the file does: CycloneDX components with their
// nested ones, or SPDX packages.
int64_t CountComponents(const Json& doc) {
    if (doc.contains("packages")) {
        return static_cast<int64_t>(doc["packages"].size());
    }
    int64_t n = 0;
    std::function<void(const Json&)> walk = [&](const Json& list) {
        for (const auto& c : list) {
            ++n;
            if (c.contains("components")) {
                walk(c["components"]);
            }
        }
    };
    if (doc.contains("components")) {
        walk(doc["components"]);
    }
    return n;
}

std::string Bom(const Json& components, const Json& vulnerabilities = Json::array()) {
    return Json{{"bomFormat", "CycloneDX"},
                {"specVersion", "1.5"},
                {"version", 1},
                {"components", components},
                {"vulnerabilities", vulnerabilities}}
        .dump();
}

class InventoryApiTest : public ApiTest {
protected:
    Json Upload(domain::Id server, const std::string& body, int want = 200) {
        auto r = api.Call("POST",
                          GroupPath(blue, "/servers/" + std::to_string(server) + "/sbom"),
                          blue_member,
                          body);
        EXPECT_EQ(r.status, want) << r.body.substr(0, 400);
        return BodyJson(r);
    }
    // A server for SBOM files, through the API as an admin would make it.
    domain::Id SbomServer(const std::string& name) {
        auto r = api.Call(
            "POST", GroupPath(blue, "/servers/sbom"), blue_admin, Json{{"name", name}}.dump());
        EXPECT_EQ(r.status, 201) << r.body;
        return BodyJson(r)["server_id"].get<domain::Id>();
    }
    Json Get(const std::string& suffix, const std::string& token = "") {
        auto r = api.Call("GET", GroupPath(blue, suffix), token.empty() ? blue_viewer : token);
        EXPECT_EQ(r.status, 200) << suffix << ": " << r.body.substr(0, 400);
        return BodyJson(r);
    }
    // Every row of the group software list, page by page.
    std::vector<Json> AllSoftware(const std::string& query, int limit = 7) {
        std::vector<Json> rows;
        std::string after = "0";
        for (int pages = 0; pages < 10000; ++pages) {
            Json page = Get("/software?limit=" + std::to_string(limit) + "&after=" + after +
                            (query.empty() ? "" : "&" + query));
            for (auto& r : page["software"]) {
                rows.push_back(r);
            }
            if (!page.contains("next_after")) {
                break;
            }
            after = std::to_string(page["next_after"].get<int64_t>());
        }
        return rows;
    }
};

TEST_F(InventoryApiTest, LambdaRuntimesPastDeprecationAreEolWithTheirDate) {
    domain::Id pseudo = api.AddPseudoServer(blue, "lambdas");
    for (auto [name, runtime] : {std::pair{"old-py", "python3.7"},
                                 std::pair{"old-node", "nodejs14.x"},
                                 std::pair{"new-py", "python3.14"}}) {
        domain::LambdaFunction fn;
        fn.server_id = pseudo;
        fn.arn = std::string("arn:aws:lambda:us-east-1:123456789012:function:") + name;
        fn.name = name;
        fn.runtime = runtime;
        ASSERT_TRUE(api.store().AddLambdaFunction(fn).ok());
    }
    api.clock().Set(Epoch("2026-12-08"));
    ASSERT_TRUE(app::RefreshServerEol(api.store(), pseudo, Epoch("2026-12-08")).ok());
    Json eol = Get("/eol");
    std::map<std::string, Json> by_cycle;
    for (const auto& item : eol["items"]) {
        by_cycle[item["cycle"]] = item;
    }
    ASSERT_EQ(by_cycle.count("python3.7"), 1u) << eol.dump();
    EXPECT_EQ(by_cycle["python3.7"]["product"], "aws-lambda");
    EXPECT_EQ(by_cycle["python3.7"]["state"], "EOL");
    EXPECT_EQ(by_cycle["python3.7"]["eol_date"], "2023-12-04");
    EXPECT_EQ(by_cycle["python3.7"]["evidence"], "old-py");
    EXPECT_EQ(by_cycle["nodejs14.x"]["state"], "EOL");
    EXPECT_EQ(by_cycle["nodejs14.x"]["eol_date"], "2023-12-04");
    EXPECT_EQ(by_cycle["python3.14"]["state"], "SUPPORTED");
    EXPECT_EQ(eol["counts"]["EOL"], 2);
    // Filters, and another group sees nothing of it.
    Json only_eol = Get("/eol?state=EOL");
    EXPECT_EQ(only_eol["items"].size(), 2u);
    EXPECT_EQ(only_eol["counts"], eol["counts"]);  // the cards count every state still
    auto red_view = api.Call("GET", GroupPath(red, "/eol"), red_admin);
    EXPECT_EQ(BodyJson(red_view)["items"].size(), 0u);
    EXPECT_EQ(api.Call("GET", GroupPath(blue, "/eol"), red_admin).status, 404);
}

TEST_F(InventoryApiTest, AnOsEolDateFromTheDataAndTheNearWindowOnTheClock) {
    domain::Id host = SbomServer("al2-image");
    api.clock().Set(Epoch("2026-04-15"));
    const std::string al2_bom =
        Bom({{{"type", "operating-system"}, {"name", "Amazon Linux"}, {"version", "2"}},
             {{"type", "library"},
              {"name", "openssl"},
              {"version", "1.0.2k-24.amzn2.0.6"},
              {"purl", "pkg:rpm/amazon/openssl@1.0.2k-24.amzn2.0.6?arch=x86_64&epoch=1"}}});
    Upload(host, al2_bom);
    // The same file on an EC2 instance adds its software, but the instance's OS stays what
    // Inspector says (AMAZON_LINUX_2023): a file does not rewrite another source's server.
    domain::Id ec2 = api.AddEc2Server(blue, "i-0al2023");
    Upload(ec2, al2_bom);
    Json ec2_eol = Get("/eol?server_id=" + std::to_string(ec2));
    std::set<std::string> ec2_os;
    for (const auto& item : ec2_eol["items"]) {
        if (item["product"] == "amazon-linux") {
            ec2_os.insert(item["cycle"]);
        }
    }
    EXPECT_EQ(ec2_os, std::set<std::string>{"2023"});
    auto al2 = [&] {
        Json eol = Get("/eol?server_id=" + std::to_string(host));
        for (const auto& item : eol["items"]) {
            if (item["product"] == "amazon-linux" && item["cycle"] == "2") {
                return item;
            }
        }
        return Json();
    };
    ASSERT_FALSE(al2().is_null()) << Get("/eol").dump();
    EXPECT_EQ(al2()["eol_date"], "2026-06-30");
    EXPECT_EQ(al2()["days_left"], 76);
    EXPECT_EQ(al2()["state"], "NEAR_EOL");  // within the default 90 days
    auto put = api.Call(
        "PUT", GroupPath(blue, "/inventory-settings"), blue_admin, R"({"eol_near_days": 30})");
    ASSERT_EQ(put.status, 200) << put.body;
    EXPECT_EQ(al2()["state"], "SUPPORTED");  // 76 days is outside a 30-day window
    EXPECT_EQ(api.Call("PUT",
                       GroupPath(blue, "/inventory-settings"),
                       blue_member,
                       R"({"eol_near_days": 30})")
                  .status,
              403);
    EXPECT_EQ(
        ProblemField(api.Call(
            "PUT", GroupPath(blue, "/inventory-settings"), blue_admin, R"({"eol_near_days": -1})")),
        "eol_near_days");
    api.clock().Set(Epoch("2026-07-01"));
    EXPECT_EQ(al2()["state"], "EOL");
    EXPECT_EQ(al2()["days_left"], -1);
    // openssl 1.0.2 is of a cycle too, and the software list says so.
    auto rows = AllSoftware("name=openssl&server_id=" + std::to_string(host));
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0]["eol_product"], "openssl");
    EXPECT_EQ(rows[0]["eol_cycle"], "1.0.2");
    EXPECT_EQ(rows[0]["eol_state"], "EOL");
    EXPECT_EQ(AllSoftware("eol_state=EOL").size(), 2u);  // openssl 1.0.2 on both servers
    EXPECT_EQ(AllSoftware("eol_state=SUPPORTED").size(), 0u);
}

TEST_F(InventoryApiTest, EolItemsAreWorkedAndScansCloseAndReopenThem) {
    domain::Id host = api.AddEc2Server(blue, "i-0py");
    Json py = {{"type", "library"},
               {"name", "python3.7"},
               {"version", "3.7.3-2+deb10u3"},
               {"purl", "pkg:deb/debian/python3.7@3.7.3-2%2Bdeb10u3?arch=amd64"}};
    Upload(host, Bom(Json::array({py})));
    Json item;
    Json eol = Get("/eol");
    for (const auto& i : eol["items"]) {
        if (i["product"] == "python") {
            item = i;
        }
    }
    ASSERT_FALSE(item.is_null());
    EXPECT_EQ(item["cycle"], "3.7");
    const std::string path = "/eol/" + std::to_string(item["id"].get<int64_t>());
    auto patched =
        api.Call("PATCH",
                 GroupPath(blue, path),
                 blue_member,
                 R"({"status": "ONGOING", "deadline": "2027-01-31", "assignee": "ann"})");
    ASSERT_EQ(patched.status, 200) << patched.body;
    EXPECT_EQ(BodyJson(patched)["status"], "ONGOING");
    EXPECT_EQ(BodyJson(patched)["deadline"], Epoch("2027-01-31"));
    EXPECT_EQ(ProblemField(api.Call(
                  "PATCH", GroupPath(blue, path), blue_member, R"({"status": "PATCH_APPLIED"})")),
              "status");
    EXPECT_EQ(api.Call("PATCH", GroupPath(blue, path), blue_viewer, R"({"status": "NEW"})").status,
              403);
    EXPECT_EQ(api.Call("PATCH", GroupPath(red, path), red_admin, R"({"status": "NEW"})").status,
              404);
    // Upgraded away: the item closes; back again: it reopens as NEW.
    Upload(host, Bom(Json::array()));
    EXPECT_EQ(Get("/eol?product=python")["items"].size(), 0u);
    Json closed = Get("/eol?product=python&closed=true")["items"];
    ASSERT_EQ(closed.size(), 1u);
    EXPECT_EQ(closed[0]["status"], "PATCH_APPLIED");
    Upload(host, Bom(Json::array({py})));
    Json reopened = Get("/eol?product=python")["items"];
    ASSERT_EQ(reopened.size(), 1u);
    EXPECT_EQ(reopened[0]["status"], "NEW");
    EXPECT_EQ(reopened[0]["id"], item["id"]);
}

TEST_F(InventoryApiTest, EveryRealSbomImportsWithEveryComponent) {
    if (!fs::is_directory(SbomsDir())) {
        GTEST_SKIP() << "../shared/data/sboms is not beside the repository";
    }
    int files = 0;
    for (const auto& sub : {"cyclonedx", "spdx"}) {
        for (const auto& entry : fs::directory_iterator(SbomsDir() / sub)) {
            const std::string text = ReadFile(entry.path());
            const int64_t expected = CountComponents(Json::parse(text));
            domain::Id server = api.AddEc2Server(blue, "i-" + entry.path().stem().string());
            Json r = Upload(server, text);
            EXPECT_EQ(r["components"], expected) << entry.path().filename();
            EXPECT_EQ(r["format"], std::string(sub)) << entry.path().filename();
            EXPECT_GT(r["software"].get<int64_t>(), 0) << entry.path().filename();
            // No license statement is dropped: every row that states one has an expression.
            auto rows = AllSoftware("server_id=" + std::to_string(server), 1000);
            EXPECT_EQ(static_cast<int64_t>(rows.size()), r["software"].get<int64_t>());
            for (const auto& row : rows) {
                if (!row["license"].get<std::string>().empty()) {
                    EXPECT_FALSE(row["license_expression"].get<std::string>().empty())
                        << entry.path().filename() << " " << row.dump();
                }
            }
            ++files;
        }
    }
    EXPECT_EQ(files, 17);
    // The vulnerabilities of the trivy and jake files became detections and tasks.
    EXPECT_FALSE(AllSoftware("vulnerable=true", 1000).empty());
}

TEST_F(InventoryApiTest, LicensesNormaliseAndFilter) {
    domain::Id server = SbomServer("licensed-app");
    Upload(server,
           Bom({{{"name", "a"},
                 {"version", "1"},
                 {"purl", "pkg:maven/org.x/a@1"},
                 {"licenses", {{{"expression", "GPL-2.0-only WITH Classpath-exception-2.0"}}}}},
                {{"name", "b"},
                 {"version", "1"},
                 {"purl", "pkg:npm/b@1"},
                 {"licenses",
                  {{{"license", {{"name", "The Apache Software License, Version 2.0"}}}}}}},
                {{"name", "c"},
                 {"version", "1"},
                 {"purl", "pkg:npm/c@1"},
                 {"licenses", {{{"license", {{"name", "Our Own Terms v3"}}}}}}},
                {{"name", "d"},
                 {"version", "1"},
                 {"purl", "pkg:npm/d@1"},
                 {"licenses",
                  {{{"license", {{"id", "mit"}}}}, {{"license", {{"id", "GPL-3.0-only"}}}}}}}}));
    std::map<std::string, Json> by_name;
    for (const auto& row : AllSoftware("")) {
        by_name[row["name"]] = row;
    }
    EXPECT_EQ(by_name["org.x:a"]["license_expression"],
              "GPL-2.0-only WITH Classpath-exception-2.0");
    EXPECT_EQ(by_name["org.x:a"]["license_category"], "weak_copyleft");
    EXPECT_EQ(by_name["b"]["license_expression"], "Apache-2.0");
    EXPECT_EQ(by_name["b"]["license_category"], "permissive");
    // An unknown license is kept as a LicenseRef, never dropped.
    EXPECT_EQ(by_name["c"]["license_expression"].get<std::string>().rfind("LicenseRef-", 0), 0u);
    EXPECT_EQ(by_name["d"]["license_expression"], "MIT AND GPL-3.0-only");
    EXPECT_EQ(by_name["d"]["license_category"], "strong_copyleft");

    EXPECT_EQ(AllSoftware("license=MIT").size(), 1u);
    EXPECT_EQ(AllSoftware("license=GPL-2.0-only").size(), 1u);
    EXPECT_EQ(AllSoftware("license=GPL").size(), 0u);  // whole ids only
    EXPECT_EQ(AllSoftware("license_category=permissive").size(), 1u);
    EXPECT_EQ(ProblemField(
                  api.Call("GET", GroupPath(blue, "/software?license_category=nice"), blue_viewer)),
              "license_category");

    Json overview = Get("/licenses");
    EXPECT_EQ(overview["rows"], 4);
    std::map<std::string, int64_t> rows_of;
    for (const auto& u : overview["licenses"]) {
        rows_of[u["license"]] = u["rows"];
        EXPECT_EQ(u["server_ids"], Json::array({server}));
    }
    EXPECT_EQ(rows_of["MIT"], 1);
    EXPECT_EQ(rows_of["GPL-2.0-only"], 1);
    EXPECT_EQ(rows_of.count("Classpath-exception-2.0"), 0u);  // an exception is not a license
    EXPECT_EQ(overview["by_category"]["strong_copyleft"], 1);

    // The policy: deny strong copyleft; the choice-free AND with GPL-3.0 is denied.
    auto put =
        api.Call("PUT",
                 GroupPath(blue, "/inventory-settings"),
                 blue_admin,
                 R"({"license_policy": {"deny": ["strong_copyleft"], "warn": ["unknown"]}})");
    ASSERT_EQ(put.status, 200) << put.body;
    Json violations = Get("/license-violations")["violations"];
    ASSERT_EQ(violations.size(), 2u) << violations.dump();
    EXPECT_EQ(violations[0]["decision"], "deny");
    EXPECT_EQ(violations[0]["software"]["name"], "d");
    EXPECT_EQ(violations[1]["decision"], "warn");
    EXPECT_EQ(violations[1]["software"]["name"], "c");
    EXPECT_EQ(ProblemField(api.Call("PUT",
                                    GroupPath(blue, "/inventory-settings"),
                                    blue_admin,
                                    R"({"license_policy": {"deny": ["MIT"], "allow": ["MIT"]}})")),
              "license_policy");
    Json risk = Get("/supply-chain")["servers"];
    ASSERT_EQ(risk.size(), 1u);
    EXPECT_EQ(risk[0]["license_denied"], 1);
    EXPECT_EQ(risk[0]["license_warned"], 1);
    EXPECT_EQ(risk[0]["software"], 4);
    EXPECT_EQ(risk[0]["sbom_age_days"], 0);
}

TEST_F(InventoryApiTest, TheGroupListPagesAcrossServersAndAnswersWhereXIsUsed) {
    domain::Id a = api.AddEc2Server(blue, "i-0a");
    domain::Id b = api.AddEc2Server(blue, "i-0b");
    domain::Id r = api.AddEc2Server(red, "i-0red");
    auto log4j = [](const std::string& version) {
        return Json{{"name", "log4j-core"},
                    {"group", "org.apache.logging.log4j"},
                    {"version", version},
                    {"purl", "pkg:maven/org.apache.logging.log4j/log4j-core@" + version}};
    };
    Json many = Json::array();
    for (int i = 0; i < 20; ++i) {
        many.push_back({{"name", "lib" + std::to_string(i)},
                        {"version", "1.0." + std::to_string(i)},
                        {"purl", "pkg:npm/lib" + std::to_string(i) + "@1.0." + std::to_string(i)}});
    }
    many.push_back(log4j("2.14.1"));
    Upload(a, Bom(many));
    Upload(b, Bom({log4j("2.17.1"), log4j("2.3")}));
    auto red_upload = api.Call("POST",
                               GroupPath(red, "/servers/" + std::to_string(r) + "/sbom"),
                               red_admin,
                               Bom(Json::array({log4j("2.0")})));
    ASSERT_EQ(red_upload.status, 200);

    auto all = AllSoftware("", 7);
    EXPECT_EQ(all.size(), 23u);
    std::set<int64_t> ids;
    for (const auto& row : all) {
        EXPECT_NE(row["server_id"], r);  // never another group's row
        ids.insert(row["id"].get<int64_t>());
    }
    EXPECT_EQ(ids.size(), 23u);  // keyset pages neither repeat nor skip
    EXPECT_EQ(AllSoftware("server_id=" + std::to_string(b)).size(), 2u);
    EXPECT_EQ(
        api.Call("GET", GroupPath(blue, "/software?server_id=" + std::to_string(r)), blue_viewer)
            .status,
        404);
    EXPECT_EQ(AllSoftware("ecosystem=maven").size(), 3u);
    EXPECT_EQ(AllSoftware("name_prefix=lib1").size(), 11u);  // lib1, lib10..lib19

    // Where is log4j-core < 2.17.0 used?
    auto vulnerable = AllSoftware(
        "name=org.apache.logging.log4j:log4j-core&version_range=%3E%3D2.0,%3C2.17.0", 1);
    std::set<std::string> versions;
    for (const auto& row : vulnerable) {
        versions.insert(row["version"]);
    }
    EXPECT_EQ(versions, (std::set<std::string>{"2.14.1", "2.3"}));
    EXPECT_EQ(
        ProblemField(api.Call("GET", GroupPath(blue, "/software?version_range=%3E1"), blue_viewer)),
        "version_range");
    EXPECT_EQ(ProblemField(api.Call("GET", GroupPath(blue, "/software?limit=0"), blue_viewer)),
              "limit");
    EXPECT_EQ(ProblemField(api.Call("GET", GroupPath(blue, "/software?colour=red"), blue_viewer)),
              "colour");

    auto csv =
        api.Call("GET",
                 GroupPath(blue, "/software/export?format=csv&server_id=" + std::to_string(b)),
                 blue_viewer);
    ASSERT_EQ(csv.status, 200);
    EXPECT_EQ(std::count(csv.body.begin(), csv.body.end(), '\n'), 3);  // header and two rows
    EXPECT_NE(csv.body.find("org.apache.logging.log4j:log4j-core,2.17.1"), std::string::npos);
    auto json = api.Call("GET", GroupPath(blue, "/software/export?format=json"), blue_viewer);
    ASSERT_EQ(json.status, 200);
    EXPECT_EQ(BodyJson(json).size(), 23u);
}

TEST_F(InventoryApiTest, TheCycloneDxExportReimportsToTheSameComponents) {
    domain::Id source = api.AddEc2Server(blue, "i-0src");
    domain::Id copy = api.AddEc2Server(blue, "i-0copy");
    fs::path file = SbomsDir() / "cyclonedx" / "trivy-fluentd-multiple-lockfiles.cdx15.json";
    std::string text =
        fs::exists(file)
            ? ReadFile(file)
            : Bom(Json::array({{{"name", "x"}, {"version", "1"}, {"purl", "pkg:npm/x@1"}}}));
    Upload(source, text);
    auto exported = api.Call(
        "GET", GroupPath(blue, "/servers/" + std::to_string(source) + "/cyclonedx"), blue_viewer);
    ASSERT_EQ(exported.status, 200);
    EXPECT_EQ(exported.content_type, "application/vnd.cyclonedx+json");
    Json doc = BodyJson(exported);
    EXPECT_EQ(doc["specVersion"], "1.5");
    Upload(copy, exported.body);
    auto keys = [&](domain::Id server) {
        std::multiset<std::string> out;
        for (const auto& row : AllSoftware("server_id=" + std::to_string(server), 1000)) {
            out.insert(row["name"].get<std::string>() + "|" + row["version"].get<std::string>() +
                       "|" + row["release"].get<std::string>() + "|" +
                       std::to_string(row["epoch"].get<int>()) + "|" +
                       row["arch"].get<std::string>() + "|" + row["path"].get<std::string>() + "|" +
                       row["license_expression"].get<std::string>());
        }
        return out;
    };
    EXPECT_FALSE(keys(source).empty());
    EXPECT_EQ(keys(source), keys(copy));
}

TEST_F(InventoryApiTest, TheVexStatesEachTasksAnalysis) {
    domain::Id server = api.AddEc2Server(blue, "i-0vex");
    Upload(
        server,
        Bom(Json::array(
                {{{"bom-ref", "pkg-a"}, {"name", "a"}, {"version", "1"}, {"purl", "pkg:npm/a@1"}}}),
            {{{"id", "CVE-2024-0001"}, {"affects", {{{"ref", "pkg-a"}}}}},
             {{"id", "CVE-2024-0002"}, {"affects", {{{"ref", "pkg-a"}}}}}}));
    Json tasks = BodyJson(api.Call("GET", GroupPath(blue, "/tasks"), blue_viewer))["tasks"];
    ASSERT_EQ(tasks.size(), 2u) << tasks.dump();
    for (const auto& t : tasks) {
        if (t["vulnerability_id"] == "CVE-2024-0001") {
            auto r = api.Call("PATCH",
                              GroupPath(blue, "/tasks/" + std::to_string(t["id"].get<int64_t>())),
                              blue_member,
                              R"({"status": "NOT_AFFECTED"})");
            ASSERT_EQ(r.status, 200) << r.body;
        }
    }
    Json vex = BodyJson(api.Call(
        "GET", GroupPath(blue, "/servers/" + std::to_string(server) + "/vex"), blue_viewer));
    ASSERT_EQ(vex["vulnerabilities"].size(), 2u);
    std::map<std::string, std::string> state;
    for (const auto& v : vex["vulnerabilities"]) {
        state[v["id"]] = v["analysis"]["state"];
        EXPECT_EQ(v["affects"][0]["ref"], vex["components"][0]["bom-ref"]);
    }
    EXPECT_EQ(state["CVE-2024-0001"], "not_affected");
    EXPECT_EQ(state["CVE-2024-0002"], "in_triage");
}

TEST_F(InventoryApiTest, BadFilesAreRefusedNamingTheProblemAndChangeNothing) {
    domain::Id server = api.AddEc2Server(blue, "i-0bad");
    Upload(server,
           Bom(Json::array({{{"name", "keep"}, {"version", "1"}, {"purl", "pkg:npm/keep@1"}}})));
    for (const std::string& bad :
         {std::string("not an sbom"),
          std::string(R"({"bomFormat": "CycloneDX", "specVersion": "1.5", "components": [)"),
          std::string("<?xml version=\"1.0\"?><!DOCTYPE bom [<!ENTITY a \"a\">]><bom/>"),
          std::string("SPDXVersion: SPDX-9.0\n")}) {
        auto r = api.Call("POST",
                          GroupPath(blue, "/servers/" + std::to_string(server) + "/sbom"),
                          blue_member,
                          bad);
        EXPECT_EQ(r.status, 400) << bad;
        EXPECT_EQ(ProblemCode(r), "invalid_input") << r.body;
    }
    auto rows = AllSoftware("server_id=" + std::to_string(server));
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0]["name"], "keep");
    EXPECT_EQ(api.Call("POST",
                       GroupPath(blue, "/servers/" + std::to_string(server) + "/sbom"),
                       blue_viewer,
                       Bom(Json::array()))
                  .status,
              403);
}

}  // namespace
}  // namespace kensa::http::api::testing
