#include "catalog/image_name.h"
#include "catalog/platform_catalog.h"

#include <gtest/gtest.h>

namespace iosup {
namespace {

TEST(ImageName, IsrXe) {
  auto n = ParseImageName("isr4300-universalk9.16.12.04.SPA.bin");
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  EXPECT_EQ(n->platform, "isr4300");
  EXPECT_EQ(n->feature_set, "universal");
  EXPECT_TRUE(n->k9);
  EXPECT_EQ(n->software_type, "SPA");
  EXPECT_EQ(n->version.Long(), "16.12.04");
  EXPECT_EQ(n->version.Short(), "16.12.4");
  EXPECT_EQ(n->version.scheme, SoftwareVersion::Scheme::kXe);
}

TEST(ImageName, CatalystClassic) {
  auto n = ParseImageName("flash:/c2960-lanbasek9-mz.152-7.E9.bin");
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n->file, "c2960-lanbasek9-mz.152-7.E9.bin");
  EXPECT_EQ(n->platform, "c2960");
  EXPECT_EQ(n->feature_set, "lanbase");
  EXPECT_TRUE(n->k9);
  EXPECT_EQ(n->format, "mz");
  EXPECT_EQ(n->version.Short(), "15.2(7)E9");
  EXPECT_EQ(n->version.train, "E");
  EXPECT_EQ(n->version.rebuild, 9);
}

TEST(ImageName, IsrG2WithSpaBeforeVersion) {
  auto n = ParseImageName("c1900-universalk9-mz.SPA.154-3.M2.bin");
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n->platform, "c1900");
  EXPECT_EQ(n->software_type, "SPA");
  EXPECT_EQ(n->version.Short(), "15.4(3)M2");
}

TEST(ImageName, Cat9k) {
  auto n = ParseImageName("cat9k_iosxe.17.09.04a.SPA.bin");
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n->platform, "cat9k");
  EXPECT_EQ(n->feature_set, "iosxe");
  EXPECT_EQ(n->version.Long(), "17.09.04a");
  EXPECT_EQ(n->version.Short(), "17.9.4a");
}

TEST(ImageName, AsrXe3WithIosVersion) {
  auto n = ParseImageName("asr1001-universalk9.03.08.02.S.153-1.S2.bin");
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n->platform, "asr1001");
  EXPECT_EQ(n->version.Long(), "03.08.02.S");
  EXPECT_EQ(n->version.Short(), "3.8.2S");
  ASSERT_TRUE(n->ios_version.has_value());
  EXPECT_EQ(n->ios_version->Short(), "15.3(1)S2");
}

TEST(ImageName, AsrExtendedSignedBundle) {
  auto n = ParseImageName("asr1001-universalk9.03.16.08.S.155-3.S8-ext.SPA.bin");
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n->version.Short(), "3.16.8S");
  EXPECT_EQ(n->ios_version->Short(), "15.5(3)S8");
  EXPECT_EQ(n->software_type, "SPA");
}

// Every platform's factory image must be a name the parser knows, or the device cannot ship.
TEST(ImageName, EveryPlatformDefaultImageParses) {
  for (const PlatformSpec& p : AllPlatforms()) {
    auto n = ParseImageName(p.default_image);
    ASSERT_TRUE(n.ok()) << p.id << ": " << p.default_image;
    EXPECT_TRUE(p.Boots(n->platform)) << p.id;
  }
}

TEST(ImageName, SeedOneNames) {
  EXPECT_EQ(ParseImageName("c2960-lanbasek9-mz.150-2.SE11.bin")->version.Short(), "15.0(2)SE11");
  EXPECT_EQ(ParseImageName("c1900-universalk9-mz.SPA.151-4.M4.bin")->version.Short(),
            "15.1(4)M4");
  EXPECT_TRUE(ParseImageName("isr4300-universalk9_npe.16.09.06.SPA.bin")->npe);
}

TEST(ImageName, UnknownNamesAreNotGuessed) {
  for (const char* bad : {"config.text", "vlan.dat", "isr4300-universalk9.bin", "image.bin",
                          "c2960-lanbasek9-mz.152-7.E9.tar", "packages.conf", ""}) {
    auto n = ParseImageName(bad);
    EXPECT_FALSE(n.ok()) << bad;
    EXPECT_EQ(n.status().code(), ErrorCode::kInvalidArgument);
  }
}

TEST(SoftwareVersion, OrdersNumerically) {
  auto a = *ParseSoftwareVersion("16.9.6");
  auto b = *ParseSoftwareVersion("16.12.04");
  EXPECT_LT(a, b);
  EXPECT_EQ(a.Long(), "16.09.06");
  EXPECT_LT(*ParseSoftwareVersion("15.2(7)E6"), *ParseSoftwareVersion("15.2(7)E9"));
  EXPECT_FALSE(ParseSoftwareVersion("16.x").ok());
}

}  // namespace
}  // namespace iosup
