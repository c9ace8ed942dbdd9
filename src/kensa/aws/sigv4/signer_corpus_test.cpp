// Runs every case of the AWS SigV4 test suite (see tests/corpus/sigv4/README.md).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "kensa/aws/sigv4/signer.h"
#include "kensa/common/strings.h"

namespace kensa::aws {
namespace {

namespace fs = std::filesystem;

fs::path SuiteDir() {
    if (const char* env = std::getenv("KENSA_SIGV4_SUITE")) {
        return env;
    }
    return fs::path(KENSA_SOURCE_DIR) / ".." / "shared" / "reference" / "sigv4-testsuite";
}

std::string ReadFile(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::vector<fs::path> Cases() {
    std::vector<fs::path> cases;
    if (!fs::exists(SuiteDir())) {
        return cases;
    }
    for (const auto& entry : fs::recursive_directory_iterator(SuiteDir())) {
        if (entry.path().extension() == ".req") {
            cases.push_back(entry.path().parent_path());
        }
    }
    std::sort(cases.begin(), cases.end());
    return cases;
}

// Parses the suite's raw request format: request line, headers (continuation lines start with
// whitespace), blank line, body.
HttpRequest ParseRaw(const std::string& raw) {
    HttpRequest req;
    std::istringstream in(raw);
    std::string line;
    std::getline(in, line);
    size_t sp = line.find(' ');
    size_t http = line.rfind(" HTTP/");
    req.method = line.substr(0, sp);
    std::string target = line.substr(sp + 1, http - sp - 1);
    size_t q = target.find('?');
    req.path = target.substr(0, q);
    req.query = q == std::string::npos ? "" : target.substr(q + 1);
    while (std::getline(in, line)) {
        if (line.empty()) {
            break;
        }
        if (line[0] == ' ' || line[0] == '\t') {
            req.headers.back().second += "\n" + line;
            continue;
        }
        size_t colon = line.find(':');
        req.headers.emplace_back(line.substr(0, colon), line.substr(colon + 1));
    }
    std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    req.body = body;
    return req;
}

class SigV4CorpusTest : public ::testing::TestWithParam<fs::path> {};

TEST_P(SigV4CorpusTest, MatchesByteForByte) {
    const fs::path dir = GetParam();
    const std::string name = dir.filename().string();
    HttpRequest req = ParseRaw(ReadFile(dir / (name + ".req")));
    const std::string creq = ReadFile(dir / (name + ".creq"));
    const std::string token_prefix = "x-amz-security-token:";
    size_t token_pos = creq.find(token_prefix);
    if (token_pos != std::string::npos && !req.HasHeader("x-amz-security-token")) {
        size_t end = creq.find('\n', token_pos);
        req.headers.emplace_back(
            "X-Amz-Security-Token",
            creq.substr(token_pos + token_prefix.size(), end - token_pos - token_prefix.size()));
    }
    Credentials creds{
        "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "", std::nullopt, "test"};
    SigningParams params;
    params.service = "service";
    params.region = "us-east-1";
    ASSERT_TRUE(ParseIso8601("2015-08-30T12:36:00Z", &params.time));

    SignatureParts parts = SigV4Signer::Compute(req, creds, params);
    EXPECT_EQ(parts.canonical_request, creq);
    EXPECT_EQ(parts.string_to_sign, ReadFile(dir / (name + ".sts")));
    EXPECT_EQ(parts.authorization, ReadFile(dir / (name + ".authz")));
}

std::string CaseName(const ::testing::TestParamInfo<fs::path>& info) {
    std::string name = fs::relative(info.param, SuiteDir()).string();
    for (char& c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c))) {
            c = '_';
        }
    }
    return name;
}

INSTANTIATE_TEST_SUITE_P(Suite, SigV4CorpusTest, ::testing::ValuesIn(Cases()), CaseName);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(SigV4CorpusTest);

TEST(SigV4CorpusPresence, SuiteIsPresentBesideCheckout) {
    if (!fs::exists(SuiteDir())) {
        GTEST_SKIP() << "sigv4 suite not found at " << SuiteDir();
    }
    EXPECT_GE(Cases().size(), 30u);
}

}  // namespace
}  // namespace kensa::aws
