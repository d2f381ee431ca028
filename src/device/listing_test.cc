// `dir` and `show flash:` in the layouts the ntc-templates `dir` template, Netmiko, pyntc and
// Ansible parse, with exact free-space figures.
#include "device/flash_listing.h"

#include <gtest/gtest.h>

#include <regex>

#include "testing/device_fixture.h"

namespace iosup {
namespace {

TEST_F(DeviceFixture, CatalystDirMatchesRealLayoutAndTotals) {
  auto sw = MakeDevice("C2960", {.name = "SW1"});
  PutImage(*sw, "flash:c2960-lanbasek9-mz.152-7.E6.bin");
  SetStartup(*sw, {"hostname NetsTuts_SW1"});
  auto listing = DirListing(*sw->file_systems().Resolve("flash:"), sw->platform());
  ASSERT_TRUE(listing.ok());
  const std::string& out = *listing;
  EXPECT_TRUE(out.starts_with("Directory of flash:/\n\n")) << out;
  EXPECT_NE(out.find("    1  -rwx       65536   Mar 5 2026 09:14:22 +00:00  "
                     "c2960-lanbasek9-mz.152-7.E6.bin\n"),
            std::string::npos)
      << out;
  const uint64_t config = Store("flash").Stat("config.text")->size;
  const uint64_t used = 65536 + (config + 511) / 512 * 512;
  EXPECT_TRUE(out.ends_with("\n64016384 bytes total (" + std::to_string(64016384 - used) +
                            " bytes free)\n"))
      << out;
  // The ntc template's row and total regexes.
  std::regex row(R"(^\s*(\d+)\s+(.+?)\s+(\d+)\s+(.+?)\s+(\S+)\s*$)");
  std::regex total(R"(^(\d+)\s+\S+\s+\S+\s\((\d+) bytes free\))");
  int rows = 0, totals = 0;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) {
    rows += std::regex_match(line, row);
    totals += std::regex_search(line, total);
  }
  EXPECT_EQ(rows, 2);
  EXPECT_EQ(totals, 1);
}

TEST_F(DeviceFixture, IsrShowFlashUsesSeedLayout) {
  auto r1 = MakeDevice("ISR4321", {.name = "R1"});
  PutImage(*r1, "bootflash:isr4300-universalk9.16.09.06.SPA.bin");
  ASSERT_TRUE(Store("bootflash").MakeDir(".installer").ok());
  auto out = ShowFlash(r1->file_systems().primary(), r1->platform());
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(*out,
            "-#- --length-- -----date/time------ path\n"
            "1        65536 Mar 05 2026 09:14:22 isr4300-universalk9.16.09.06.SPA.bin\n"
            "2         4096 Mar 05 2026 09:14:22 .installer/\n"
            "\n" +
                std::to_string(7697408ULL * 1024 - 65536 - 4096) + " bytes available (69632 bytes used)\n");
  auto dir = DirListing(*r1->file_systems().Resolve("flash:/"), r1->platform());
  ASSERT_TRUE(dir.ok());
  EXPECT_TRUE(dir->starts_with("Directory of bootflash:/\n\n"));  // flash: is an alias
  EXPECT_NE(dir->find("    1  -rw-            65536  "), std::string::npos) << *dir;
}

TEST_F(DeviceFixture, EmptyDirectoryAndMissingDirectory) {
  auto r1 = MakeDevice("ISR4321", {.name = "R1"});
  auto out = DirListing(r1->file_systems().primary(), r1->platform());
  ASSERT_TRUE(out.ok());
  EXPECT_NE(out->find("No files in directory\n"), std::string::npos);
  auto missing = r1->file_systems().Resolve("bootflash:nodir");
  ASSERT_TRUE(missing.ok());
  EXPECT_EQ(DirListing(*missing, r1->platform()).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(r1->file_systems().Resolve("disk9:x").status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(r1->file_systems().Resolve("flash:../x").status().code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace iosup
