#include "kensa/domain/upload_credentials.h"

#include <gtest/gtest.h>

namespace kensa::domain {
namespace {

TEST(UploadTokenRule, UsableUntilRevokedOrExpired) {
    UploadToken t;
    EXPECT_TRUE(UploadTokenUsable(t, 100));
    t.expires_at = 200;
    EXPECT_TRUE(UploadTokenUsable(t, 199));
    EXPECT_FALSE(UploadTokenUsable(t, 200));
    t.expires_at.reset();
    t.revoked_at = 50;
    EXPECT_FALSE(UploadTokenUsable(t, 100));
}

TEST(UploadKeyRule, OnlyAFileDirectlyInTheResultsDirectoryBeforeExpiry) {
    UploadCredential c;
    c.results_dir = "vuls/7/20261207T201000Z";
    c.expires_at = 1000;
    EXPECT_EQ(CheckUploadKey(c, "vuls/7/20261207T201000Z/u-1.json", 999),
              UploadKeyVerdict::kAllowed);
    EXPECT_EQ(CheckUploadKey(c, "vuls/7/20261207T201000Z/c-9@u-1.json", 999),
              UploadKeyVerdict::kAllowed);
    EXPECT_EQ(CheckUploadKey(c, "vuls/7/20261207T201000Z/u-1.json", 1000),
              UploadKeyVerdict::kExpired);
    for (const char* outside : {"vuls/7/other/u-1.json",
                                "vuls/8/20261207T201000Z/u-1.json",
                                "vuls/7/20261207T201000Z",
                                "vuls/7/20261207T201000Z/",
                                "vuls/7/20261207T201000Zx/u.json",
                                "vuls/7/20261207T201000Z/../../8/x.json",
                                "vuls/7/20261207T201000Z/sub/u.json",
                                "vuls/7/20261207T201000Z/.."}) {
        EXPECT_EQ(CheckUploadKey(c, outside, 999), UploadKeyVerdict::kOutsideResultsDir) << outside;
    }
    c.results_dir.clear();
    EXPECT_EQ(CheckUploadKey(c, "/u.json", 999), UploadKeyVerdict::kOutsideResultsDir);
}

}  // namespace
}  // namespace kensa::domain
