// Vuls coexistence (R19) through the route table: the real results of ../shared/data/vuls
// (read from there, never copied), the task lifecycle of a Vuls server, identity and linking,
// the upload tokens, and both upload protocols of unmodified scanners: `vuls report -to-http`
// and the `vuls saas` handshake followed by an S3 PutObject signed with its credentials.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "kensa/aws/sigv4/signer.h"
#include "kensa/common/crypto.h"
#include "kensa/common/strings.h"
#include "kensa/http/api/testing/api_harness.h"

namespace kensa::http::api::testing {
namespace {

namespace fs = std::filesystem;

fs::path SamplesDir() {
    return fs::path(KENSA_SOURCE_DIR) / ".." / "shared" / "data" / "vuls";
}

std::string ReadFile(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// A report-stage result of host `uuid` (empty: identified by name) that lists `cves` on
// openssl, installed at 3.0.2-0ubuntu1.7.
std::string Reported(const std::string& name,
                     const std::string& uuid,
                     const std::vector<std::string>& cves,
                     const std::string& instance_id = "") {
    Json scanned = Json::object();
    for (const auto& id : cves) {
        scanned[id] = {
            {"cveID", id},
            {"affectedPackages", {{{"name", "openssl"}, {"fixedIn", "3.0.2-0ubuntu1.8"}}}},
            {"cveContents",
             {{"nvd",
               {{{"type", "nvd"},
                 {"cvss3Score", 7.5},
                 {"cvss3Severity", "HIGH"},
                 {"summary", "a flaw in openssl"}}}}}}};
    }
    Json doc = {
        {"jsonVersion", 4},
        {"serverUUID", uuid},
        {"serverName", name},
        {"family", "ubuntu"},
        {"release", "22.04"},
        {"platform",
         {{"name", instance_id.empty() ? "other" : "aws"}, {"instanceID", instance_id}}},
        {"runningKernel", {{"release", "5.15.0-69-generic"}, {"rebootRequired", true}}},
        {"ipv4Addrs", {"10.0.0.5"}},
        {"scannedCves", scanned},
        {"packages",
         {{"openssl", {{"name", "openssl"}, {"version", "3.0.2-0ubuntu1.7"}, {"arch", "amd64"}}},
          {"bash", {{"name", "bash"}, {"version", "5.1-6ubuntu1"}, {"arch", "amd64"}}}}}};
    return doc.dump();
}

class VulsApiTest : public ApiTest {
protected:
    Json Upload(domain::Id group, const std::string& body, int want = 200) {
        auto r = api.Call("POST", GroupPath(group, "/vuls/results"), blue_member, body);
        EXPECT_EQ(r.status, want) << r.body;
        return BodyJson(r);
    }
    Json ServerOf(domain::Id group, domain::Id id) {
        auto r = api.Call("GET", GroupPath(group, "/servers/" + std::to_string(id)), blue_admin);
        EXPECT_EQ(r.status, 200) << r.body;
        return BodyJson(r);
    }
    std::vector<ports::TaskView> Tasks(domain::Id group, domain::Id server) {
        ports::TaskFilter f;
        f.group_id = group;
        f.server_id = server;
        return std::move(api.store().ListTasks(f)).value();
    }
    std::string UploadToken(domain::Id group, const std::string& admin) {
        auto r = api.Call(
            "POST", GroupPath(group, "/vuls/upload-tokens"), admin, R"({"label":"scanners"})");
        EXPECT_EQ(r.status, 201) << r.body;
        return BodyJson(r)["token"];
    }
};

TEST_F(VulsApiTest, EveryRealResultImportsWithThePackagesOsAndHostItsFileSays) {
    ASSERT_TRUE(fs::is_directory(SamplesDir())) << SamplesDir();
    int files = 0;
    for (const auto& entry : fs::directory_iterator(SamplesDir())) {
        std::string doc = ReadFile(entry.path());
        Json want = Json::parse(doc);
        SCOPED_TRACE(entry.path().filename().string());
        ++files;
        Json got = Upload(blue, doc);
        size_t packages = want.value("packages", Json::object()).size();
        EXPECT_EQ(got["packages"], packages);
        EXPECT_EQ(got["software"], packages);
        EXPECT_EQ(got["family"], want["family"]);
        EXPECT_EQ(got["release"], want["release"]);
        EXPECT_EQ(got["identified_by"], "server_name");  // every sample has an empty serverUUID
        EXPECT_EQ(got["created"], true);
        domain::Id id = got["server_id"];
        EXPECT_EQ(api.store().ListSoftware(id, false)->size(), packages);
        Json server = ServerOf(blue, id);
        EXPECT_EQ(server["kind"], "vuls");
        EXPECT_EQ(server["name"], want["serverName"]);
        EXPECT_EQ(server["vuls"]["identified_by"], "server_name");
        EXPECT_EQ(server["vuls"]["family"], want["family"]);
        if (want.contains("runningKernel")) {
            EXPECT_EQ(server["vuls"]["kernel_release"], want["runningKernel"]["release"]);
        }
        if (want.contains("ipv4Addrs")) {
            EXPECT_EQ(server["vuls"]["ipv4_addrs"], want["ipv4Addrs"]);
        }
        EXPECT_NE(server["manual_scan"], "available");
        // The same file again is the same server, and changes nothing.
        Json again = Upload(blue, doc);
        EXPECT_EQ(again["server_id"], got["server_id"]);
        EXPECT_EQ(again["created"], false);
        EXPECT_EQ(api.store().ListSoftware(id, false)->size(), packages);
    }
    EXPECT_EQ(files, 14);
    // The OS release the scans say: the advisory matcher's distro.
    auto servers = BodyJson(api.Call("GET", GroupPath(blue, "/servers"), blue_viewer))["servers"];
    std::map<std::string, std::string> distro;
    for (const auto& s : servers) {
        distro[s["name"]] = s["distro"];
    }
    EXPECT_EQ(distro["alma_9"], "almalinux-9.0");
    EXPECT_EQ(distro["amazon_2"], "amzn-2");
    EXPECT_EQ(distro["ubuntu_2204"], "ubuntu-22.04");
    EXPECT_EQ(distro["sles15"], "sles-15.3");
    EXPECT_EQ(distro["windows_server_2022"], "");
}

TEST_F(VulsApiTest, ARescanWithoutTheCveSetsPatchAppliedAndItsReturnReopensTheTask) {
    Json first = Upload(blue, Reported("web1", "u-1", {"CVE-2023-0286", "CVE-2023-0464"}));
    domain::Id id = first["server_id"];
    EXPECT_EQ(first["cves"], 2);
    EXPECT_EQ(first["tasks_created"], 2);
    auto tasks = Tasks(blue, id);
    ASSERT_EQ(tasks.size(), 2u);
    EXPECT_EQ(tasks[0].severity, domain::Severity::kHigh);
    EXPECT_DOUBLE_EQ(tasks[0].cvss3_score, 7.5);

    Json second = Upload(blue, Reported("web1", "u-1", {"CVE-2023-0286"}));
    EXPECT_EQ(second["tasks_patched"], 1);
    for (const auto& t : Tasks(blue, id)) {
        EXPECT_EQ(t.task.status,
                  t.task.vulnerability_id == "CVE-2023-0464" ? domain::TaskStatus::kPatchApplied
                                                             : domain::TaskStatus::kNew);
    }
    Json third = Upload(blue, Reported("web1", "u-1", {"CVE-2023-0286", "CVE-2023-0464"}));
    EXPECT_EQ(third["tasks_reopened"], 1);
    for (const auto& t : Tasks(blue, id)) {
        EXPECT_NE(t.task.status, domain::TaskStatus::kPatchApplied) << t.task.vulnerability_id;
    }
    // The detection is on the installed package, at the version `packages` says.
    auto detections = api.store().ListDetections(id);
    ASSERT_TRUE(detections.ok());
    bool on_openssl = false;
    for (const auto& d : *detections) {
        EXPECT_EQ(d.source, domain::DetectionSource::kVuls);
        EXPECT_EQ(d.fixed_in, "3.0.2-0ubuntu1.8");
        on_openssl = on_openssl || d.software_id.has_value();
    }
    EXPECT_TRUE(on_openssl);
    auto vuln = api.Call("GET", GroupPath(blue, "/vulnerabilities/CVE-2023-0286"), blue_viewer);
    EXPECT_EQ(BodyJson(vuln)["description"], "a flaw in openssl");
}

TEST_F(VulsApiTest, ServersAreIdentifiedByUuidByContainerUuidAtUuidOrByNameWithinTheGroup) {
    Json host = Upload(blue, Reported("web1", "u-1", {}));
    EXPECT_EQ(host["identified_by"], "server_uuid");
    Json renamed = Upload(blue, Reported("web1-renamed", "u-1", {}));
    EXPECT_EQ(renamed["server_id"], host["server_id"]);  // the uuid identifies it

    Json box = Json::parse(Reported("web1", "u-1", {}));
    box["container"] = {{"containerID", "3f2a"}, {"name", "nginx"}, {"uuid", "c-9"}};
    Json container = Upload(blue, box.dump());
    EXPECT_EQ(container["identified_by"], "container_uuid");
    EXPECT_NE(container["server_id"], host["server_id"]);
    EXPECT_EQ(container["server_name"], "nginx@web1");
    EXPECT_EQ(ServerOf(blue, container["server_id"])["vuls_uuid"], "c-9@u-1");

    Json by_name = Upload(blue, Reported("web1", "", {}));
    EXPECT_EQ(by_name["identified_by"], "server_name");
    EXPECT_NE(by_name["server_id"], host["server_id"]);

    // Another group's identical result is another server.
    auto red_result =
        api.Call("POST", GroupPath(red, "/vuls/results"), red_admin, Reported("web1", "u-1", {}));
    ASSERT_EQ(red_result.status, 200) << red_result.body;
    EXPECT_NE(BodyJson(red_result)["server_id"], host["server_id"]);
    // And a member of blue cannot upload into red.
    EXPECT_EQ(api.Call("POST", GroupPath(red, "/vuls/results"), blue_member, Reported("x", "", {}))
                  .status,
              404);
    EXPECT_EQ(api.Call("POST", GroupPath(blue, "/vuls/results"), blue_viewer, Reported("x", "", {}))
                  .status,
              403);
}

TEST_F(VulsApiTest, AnUnreadableResultChangesNothingAndIsAFailedRunWithTheReason) {
    auto r = api.Call("POST",
                      GroupPath(blue, "/vuls/results"),
                      blue_member,
                      R"({"jsonVersion":4,"serverName":"x","packages":{"a":)");
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(api.store().ListServers(blue)->size(), 0u);
    auto runs = api.store().ListScanRuns(blue, 10);
    ASSERT_TRUE(runs.ok());
    ASSERT_EQ(runs->size(), 1u);
    EXPECT_EQ(runs->front().type, domain::ScanType::kVuls);
    EXPECT_EQ(runs->front().status, domain::ScanStatus::kFailed);
    ASSERT_TRUE(runs->front().error.has_value());
    EXPECT_EQ(runs->front().error->code, "invalid_result");
    EXPECT_NE(runs->front().error->message.find("Vuls result: "), std::string::npos);
}

TEST_F(VulsApiTest, AVulsHostWithAnEc2ServersInstanceIdShowsAsTheSameMachineOnBoth) {
    domain::Id ec2 = api.AddEc2Server(blue, "i-0123456789abcdef0");
    Json vuls = Upload(blue, Reported("web1", "u-1", {"CVE-2023-0286"}, "i-0123456789abcdef0"));
    Upload(blue, Reported("db1", "u-2", {}, "i-0fedcba9876543210"));  // no such EC2 server
    Json on_ec2 = ServerOf(blue, ec2);
    ASSERT_EQ(on_ec2["also_seen_by"].size(), 1u);
    EXPECT_EQ(on_ec2["also_seen_by"][0]["server_id"], vuls["server_id"]);
    EXPECT_EQ(on_ec2["also_seen_by"][0]["kind"], "vuls");
    EXPECT_EQ(on_ec2["also_seen_by"][0]["reason"], "instance id i-0123456789abcdef0");
    Json on_vuls = ServerOf(blue, vuls["server_id"]);
    ASSERT_EQ(on_vuls["also_seen_by"].size(), 1u);
    EXPECT_EQ(on_vuls["also_seen_by"][0]["server_id"], ec2);
    EXPECT_EQ(on_vuls["vuls"]["instance_id"], "i-0123456789abcdef0");
    // Nothing was merged: both keep their own rows.
    EXPECT_EQ(api.store().ListSoftware(ec2, false)->size(), 0u);
    auto list = BodyJson(api.Call("GET", GroupPath(blue, "/servers"), blue_viewer))["servers"];
    size_t linked = 0;
    for (const auto& s : list) {
        linked += s["also_seen_by"].size();
    }
    EXPECT_EQ(linked, 2u);
    // The task list says it too.
    auto tasks = BodyJson(api.Call("GET", GroupPath(blue, "/tasks"), blue_viewer))["tasks"];
    ASSERT_EQ(tasks.size(), 1u);
    ASSERT_EQ(tasks[0]["server_also_seen_by"].size(), 1u);
    EXPECT_EQ(tasks[0]["server_also_seen_by"][0]["server_id"], ec2);
}

TEST_F(VulsApiTest, UploadTokensAreShownOnceListedAndRevokedByGroupAdmins) {
    auto created = api.Call("POST",
                            GroupPath(blue, "/vuls/upload-tokens"),
                            blue_admin,
                            R"({"label":"scanners","expires_in_days":30})");
    ASSERT_EQ(created.status, 201) << created.body;
    Json token = BodyJson(created);
    EXPECT_EQ(token["scope"], "upload");
    EXPECT_TRUE(std::string(token["token"]).rfind("kensa_up_", 0) == 0);
    EXPECT_NE(token["expires_at"], nullptr);
    auto list = BodyJson(api.Call("GET", GroupPath(blue, "/vuls/upload-tokens"), blue_admin));
    ASSERT_EQ(list["tokens"].size(), 1u);
    EXPECT_FALSE(list["tokens"][0].contains("token"));  // never shown again
    EXPECT_EQ(api.Call("GET", GroupPath(blue, "/vuls/upload-tokens"), blue_member).status, 403);
    EXPECT_EQ(api.Call("GET", GroupPath(blue, "/vuls/upload-tokens"), red_admin).status, 404);
    EXPECT_EQ(api.Call("POST",
                       GroupPath(blue, "/vuls/upload-tokens"),
                       blue_admin,
                       R"({"expires_in_days":0})")
                  .status,
              400);
    std::string id = std::to_string(int64_t(token["id"]));
    EXPECT_EQ(api.Call("DELETE", GroupPath(red, "/vuls/upload-tokens/" + id), red_admin).status,
              404);
    EXPECT_EQ(api.Call("DELETE", GroupPath(blue, "/vuls/upload-tokens/" + id), blue_admin).status,
              204);
    auto after = BodyJson(api.Call("GET", GroupPath(blue, "/vuls/upload-tokens"), blue_admin));
    EXPECT_NE(after["tokens"][0]["revoked_at"], nullptr);
    // A revoked token uploads nothing.
    auto refused =
        api.Call("POST", "/vuls/http/" + std::string(token["token"]), "", Reported("web1", "", {}));
    EXPECT_EQ(refused.status, 401);
}

TEST_F(VulsApiTest, ReportToHttpTakesTheTokenInThePathOrAsBasicAuthAndAnswers200) {
    std::string blue_token = UploadToken(blue, blue_admin);
    std::string red_token = UploadToken(red, red_admin);
    auto by_path = api.Call("POST", "/vuls/http/" + blue_token, "", Reported("web1", "", {}));
    ASSERT_EQ(by_path.status, 200) << by_path.body;  // Vuls's writer takes nothing else
    EXPECT_EQ(api.store().ListServers(blue)->size(), 1u);

    // http://vuls:<token>@kensa/vuls/http: Go sends the user-info as Basic auth.
    Request basic;
    basic.method = "POST";
    basic.path = "/vuls/http";
    basic.headers = {{"Content-Type", "application/json; charset=utf-8"},
                     {"Authorization", "Basic " + crypto::Base64Encode("vuls:" + red_token)}};
    basic.body = Reported("web2", "", {});
    auto r = api.Send(basic);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(api.store().ListServers(red)->size(), 1u);  // the token's group, not another
    EXPECT_EQ(api.store().ListServers(blue)->size(), 1u);
    basic.headers[1].second = "Basic " + crypto::Base64Encode(red_token);  // as the user name
    EXPECT_EQ(api.Send(basic).status, 200);

    EXPECT_EQ(api.Call("POST", "/vuls/http/kensa_up_nope", "", Reported("x", "", {})).status, 401);
    EXPECT_EQ(api.Call("POST", "/vuls/http", "", Reported("x", "", {})).status, 401);
    EXPECT_EQ(api.Call("POST", "/vuls/http/" + blue_token, "", "{not json").status, 400);
}

// A client of `vuls saas` written from its request and response shapes: the handshake, then
// PutObject signed with the temporary credentials, as the AWS SDK for Go signs it (path style,
// region ap-northeast-1, the body's SHA-256, the session token).
class SaasTest : public VulsApiTest {
protected:
    struct Answer {
        int status = 0;
        Json body;
    };
    Answer Handshake(domain::Id group, const std::string& token) {
        Json req = {{"GroupID", group},
                    {"Token", token},
                    {"ScannedBy", "scanner1"},
                    {"ScannedIPv4s", "10.0.0.9"},
                    {"ScannedIPv6s", ""}};
        auto r = api.Call("POST", "/vuls/saas", "", req.dump());
        return {r.status, BodyJson(r)};
    }
    Response Put(const Json& answer,
                 const std::string& key,
                 const std::string& body,
                 const std::string& secret_override = "") {
        aws::HttpRequest signed_req;
        signed_req.method = "PUT";
        signed_req.path = "/" + std::string(answer["S3Bucket"]) + "/" + UriEncode(key, false);
        signed_req.query = "x-id=PutObject";
        signed_req.headers = {{"Host", "127.0.0.1:8080"},
                              {"Content-Type", "application/octet-stream"}};
        signed_req.body = body;
        aws::Credentials creds;
        creds.access_key_id = answer["Credential"]["AccessKeyId"];
        creds.secret_access_key = secret_override.empty()
                                      ? std::string(answer["Credential"]["SecretAccessKey"])
                                      : secret_override;
        creds.session_token = answer["Credential"]["SessionToken"];
        aws::SigningParams params;
        params.service = "s3";
        params.region = "ap-northeast-1";
        params.time = api.clock().SystemNow();
        params.s3 = true;
        aws::SigV4Signer::Sign(signed_req, creds, params);
        Request req;
        req.method = "PUT";
        req.path = UriDecode(signed_req.path);
        req.query = {{"x-id", "PutObject"}};
        req.headers = signed_req.headers;
        req.body = body;
        return api.Send(req);
    }
};

TEST_F(SaasTest, TheHandshakeGivesCredentialsThatPutResultsIntoTheTokensGroupOnly) {
    std::string token = UploadToken(blue, blue_admin);
    Answer a = Handshake(blue, token);
    ASSERT_EQ(a.status, 200) << a.body.dump();
    for (const char* field : {"AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"}) {
        EXPECT_TRUE(a.body["Credential"][field].is_string()) << field;
    }
    EXPECT_EQ(a.body["S3Bucket"], "kensa-vuls-results");
    std::string dir = a.body["S3ResultsDir"];
    auto put = Put(a.body, dir + "/u-1.json", Reported("web1", "u-1", {"CVE-2023-0286"}));
    ASSERT_EQ(put.status, 200) << put.body;
    EXPECT_FALSE(put.Header("ETag").empty());
    auto servers = api.store().ListServers(blue);
    ASSERT_EQ(servers->size(), 1u);
    EXPECT_EQ(servers->front().vuls_uuid, "u-1");
    EXPECT_EQ(Tasks(blue, servers->front().id).size(), 1u);
    // A container's result: <containerUUID>@<serverUUID>.json.
    Json box = Json::parse(Reported("web1", "u-1", {}));
    box["container"] = {{"containerID", "3f2a"}, {"name", "nginx"}, {"uuid", "c-9"}};
    EXPECT_EQ(Put(a.body, dir + "/c-9@u-1.json", box.dump()).status, 200);
    EXPECT_EQ(api.store().ListServers(blue)->size(), 2u);
    EXPECT_TRUE(api.store().ListServers(red)->empty());
}

TEST_F(SaasTest, AnotherGroupsTokenAnExpiredCredentialAndAKeyOutsideTheDirectoryAreRefused) {
    std::string blue_token = UploadToken(blue, blue_admin);
    EXPECT_EQ(Handshake(red, blue_token).status, 401);  // blue's token for red's GroupID
    EXPECT_EQ(Handshake(blue, "kensa_up_nope").status, 401);
    EXPECT_EQ(api.Call("POST", "/vuls/saas", "", R"({"Token":"x"})").status, 400);

    Answer a = Handshake(blue, blue_token);
    ASSERT_EQ(a.status, 200);
    std::string dir = a.body["S3ResultsDir"];
    std::string result = Reported("web1", "u-1", {});

    auto outside = Put(a.body, "vuls/" + std::to_string(red) + "/x/u-1.json", result);
    EXPECT_EQ(outside.status, 403);
    EXPECT_NE(outside.body.find("<Code>AccessDenied</Code>"), std::string::npos) << outside.body;
    EXPECT_EQ(Put(a.body, dir + "/../u-1.json", result).status, 403);

    auto forged = Put(a.body, dir + "/u-1.json", result, "not-the-secret");
    EXPECT_EQ(forged.status, 403);
    EXPECT_NE(forged.body.find("<Code>SignatureDoesNotMatch</Code>"), std::string::npos);

    auto garbage = Put(a.body, dir + "/u-1.json", "{\"jsonVersion\":");
    EXPECT_EQ(garbage.status, 400);
    EXPECT_NE(garbage.body.find("<Code>InvalidArgument</Code>"), std::string::npos);
    EXPECT_TRUE(api.store().ListServers(blue)->empty());  // nothing refused was imported

    api.clock().Advance(std::chrono::seconds(3601));
    auto expired = Put(a.body, dir + "/u-1.json", result);
    EXPECT_EQ(expired.status, 400);
    EXPECT_NE(expired.body.find("<Code>ExpiredToken</Code>"), std::string::npos) << expired.body;

    // Revoking the token ends the credentials it obtained.
    Answer b = Handshake(blue, blue_token);
    ASSERT_EQ(b.status, 200);
    auto tokens = BodyJson(api.Call("GET", GroupPath(blue, "/vuls/upload-tokens"), blue_admin));
    std::string id = std::to_string(int64_t(tokens["tokens"][0]["id"]));
    ASSERT_EQ(api.Call("DELETE", GroupPath(blue, "/vuls/upload-tokens/" + id), blue_admin).status,
              204);
    auto revoked = Put(b.body, std::string(b.body["S3ResultsDir"]) + "/u-1.json", result);
    EXPECT_EQ(revoked.status, 403);
    EXPECT_NE(revoked.body.find("<Code>InvalidAccessKeyId</Code>"), std::string::npos);
    EXPECT_TRUE(api.store().ListServers(blue)->empty());
}

TEST_F(SaasTest, UnsignedOrAnonymousPutsAreAccessDenied) {
    Request req;
    req.method = "PUT";
    req.path = "/kensa-vuls-results/vuls/1/x/u.json";
    req.body = "{}";
    auto r = api.Send(req);
    EXPECT_EQ(r.status, 403);
    EXPECT_NE(r.body.find("<Code>AccessDenied</Code>"), std::string::npos);
    EXPECT_EQ(r.content_type, "application/xml");
}

}  // namespace
}  // namespace kensa::http::api::testing
