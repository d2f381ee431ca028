#include "upgrade/install_facts.h"

#include "catalog/platform_catalog.h"
#include "upgrade/device_facts.h"

#include <gtest/gtest.h>

namespace iosup::upgrade {
namespace {

// A 3-member stack half-way through an activation: members 1 and 2 committed on 17.06.05, member
// 3 already running 17.09.04a uncommitted, with the auto-abort timer running.
constexpr char kStackSummary[] =
    "[ Switch 1 2 ] Installed Package(s) Information:\n"
    "State (St): I - Inactive, U - Activated & Uncommitted,\n"
    "            C - Activated & Committed, D - Deactivated & Uncommitted\n"
    "--------------------------------------------------------------------------------\n"
    "Type  St   Filename/Version\n"
    "--------------------------------------------------------------------------------\n"
    "IMG   I    17.09.04a.0.6\n"
    "IMG   C    17.06.05.0.7\n"
    "\n"
    "\n"
    "[ Switch 3 ] Installed Package(s) Information:\n"
    "State (St): I - Inactive, U - Activated & Uncommitted,\n"
    "            C - Activated & Committed, D - Deactivated & Uncommitted\n"
    "--------------------------------------------------------------------------------\n"
    "Type  St   Filename/Version\n"
    "--------------------------------------------------------------------------------\n"
    "IMG   U    17.09.04a.0.6   \r\n"
    "\n"
    "--------------------------------------------------------------------------------\n"
    "Auto abort timer: active on install_activate, time before rollback - 01:54:12\n"
    "--------------------------------------------------------------------------------\n";

TEST(InstallSummaryTest, ReadsEveryLocationWithItsPackagesAndTimer) {
  Result<InstallSummary> s = ParseInstallSummary(kStackSummary);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  ASSERT_EQ(s->locations.size(), 2u);
  EXPECT_EQ(s->locations[0].members, "Switch 1 2");
  ASSERT_EQ(s->locations[0].packages.size(), 2u);
  EXPECT_EQ(s->locations[0].packages[1].state, "C");
  EXPECT_EQ(s->locations[0].packages[1].version, "17.06.05.0.7");
  EXPECT_EQ(s->locations[1].members, "Switch 3");
  ASSERT_EQ(s->locations[1].packages.size(), 1u);
  EXPECT_EQ(s->locations[1].packages[0].state, "U");
  EXPECT_TRUE(s->Uncommitted());
  EXPECT_TRUE(s->AutoAbortActive());
  EXPECT_FALSE(s->AllIn("17.09.04a", "C"));  // only member 3 runs it, uncommitted
  EXPECT_FALSE(s->AllIn("17.06.05", "C"));  // member 3 has no committed 17.06.05
  EXPECT_EQ(s->Describe(), "Switch 1 2: I 17.09.04a.0.6 C 17.06.05.0.7; Switch 3: U 17.09.04a.0.6");
}

TEST(InstallSummaryTest, CommittedEverywhereAndTimerInactive) {
  const std::string text =
      "[ R0 ] Installed Package(s) Information:\n"
      "State (St): I - Inactive, U - Activated & Uncommitted,\n"
      "            C - Activated & Committed, D - Deactivated & Uncommitted\n"
      "--------------------------------------------------------------------------------\n"
      "Type  St   Filename/Version\n"
      "--------------------------------------------------------------------------------\n"
      "IMG   C    16.12.4.0.3\n\n"
      "--------------------------------------------------------------------------------\n"
      "Auto abort timer: inactive\n"
      "--------------------------------------------------------------------------------\n";
  Result<InstallSummary> s = ParseInstallSummary(text);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_FALSE(s->Uncommitted());
  EXPECT_FALSE(s->AutoAbortActive());
  EXPECT_TRUE(s->AllIn("16.12.04", "C"));
  EXPECT_FALSE(s->AllIn("16.12.05", "C"));
  EXPECT_FALSE(s->AllIn("16.12.04", "U"));
}

TEST(InstallSummaryTest, ABundleModeAnswerIsAnErrorThatQuotesTheDevice) {
  Result<InstallSummary> s = ParseInstallSummary(
      "show install summary\n"
      "                     ^\n"
      "% Invalid input detected at '^' marker.\n");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("% Invalid input"), std::string::npos) << s.status().message();
}

TEST(SameReleaseTest, ComparesTheFirstThreePartsAsNumbersWithSuffix) {
  EXPECT_TRUE(SameRelease("17.09.04a", "17.9.4a.0.118"));
  EXPECT_TRUE(SameRelease("16.06.06", "16.6.6.0"));
  EXPECT_TRUE(SameRelease("17.15.03.0.5371", "17.15.03"));
  EXPECT_FALSE(SameRelease("17.09.04a", "17.09.04"));
  EXPECT_FALSE(SameRelease("17.09.04", "17.09.05"));
  EXPECT_FALSE(SameRelease("17.9", "17.9.1"));
  EXPECT_TRUE(SameRelease("15.2(7)E9", "15.2(7)E9"));
}

TEST(InstallFailureTest, PrefersTheMemberLineAndIgnoresSuccess) {
  const std::string full =
      "install_add_activate_commit: START Sat Dec  5 01:02:03 UTC 2026\n"
      "install_add: Adding IMG\n"
      " [2] Switch 2 FAILED: /flash requires 1238466 KB of free space, but only 402114 KB is available\n"
      "FAILED: add_activate_commit /flash/cat9k_iosxe.17.09.04a.SPA.bin Sat Dec  5 01:02:05 UTC 2026\n";
  EXPECT_EQ(InstallFailure(full),
            "[2] Switch 2 FAILED: /flash requires 1238466 KB of free space, but only 402114 KB is available");
  EXPECT_EQ(InstallFailure("FAILED: install_commit: no uncommitted operation\n"),
            "FAILED: install_commit: no uncommitted operation");
  EXPECT_EQ(InstallFailure("install_commit: START\nSUCCESS: install_commit Sat Dec  5 01:02:03 UTC 2026\n"), "");
}

TEST(ShowSwitchTest, ReadsMembersWithAndWithoutHardwareVersion) {
  const std::string text =
      "Switch/Stack Mac Address : 0c75.bd6e.db00 - Local Mac Address\n"
      "Mac persistency wait time: Indefinite\n"
      "                                             H/W   Current\n"
      "Switch#   Role    Mac Address     Priority Version  State \n"
      "-------------------------------------------------------------------------------------\n"
      "*1       Active   0c75.bd6e.db00     15     V02     Ready                \n"
      " 2       Standby  0c75.bd6e.dc80     14     V02     Ready                \n"
      " 3       Member   0000.0000.0000     0              Progressing          \n";
  std::vector<StackMember> m = ParseShowSwitch(text);
  ASSERT_EQ(m.size(), 3u);
  EXPECT_EQ(m[0].number, 1);
  EXPECT_EQ(m[0].role, "Active");
  EXPECT_EQ(m[1].state, "Ready");
  EXPECT_EQ(m[2].number, 3);
  EXPECT_EQ(m[2].state, "Progressing");
  EXPECT_TRUE(ParseShowSwitch("% Invalid input detected at '^' marker.\n").empty());
}

// A 3750-X stack (IOS 15.2) names its active switch Master.
TEST(ShowSwitchTest, ReadsAClassicCatalystStack) {
  const std::string text =
      "Switch/Stack Mac Address : 0025.8358.cf47\n"
      "                                           H/W   Current\n"
      "Switch#  Role   Mac Address     Priority Version  State \n"
      "----------------------------------------------------------\n"
      "*1       Master 0025.8358.cf47     15     4       Ready               \n"
      " 2       Member 0025.8358.cf48     14     4       Ready               \n"
      " 3       Member 0025.8358.cf49     1      4       Version Mismatch    \n";
  std::vector<StackMember> m = ParseShowSwitch(text);
  ASSERT_EQ(m.size(), 3u);
  EXPECT_TRUE(m[0].active());
  EXPECT_FALSE(m[1].active());
  EXPECT_EQ(m[1].state, "Ready");
  EXPECT_EQ(m[2].state, "V-Mismatch");
}

// Each member's flash as its platform names it: flash-2: on a 9300, flash2: on a 3750-X.
TEST(MemberFileSystemTest, FollowsThePlatformsSpelling) {
  DeviceFacts f;
  f.file_system = "flash:";
  f.platform = *FindPlatform("C9300");
  EXPECT_EQ(MemberFileSystem(f, 2), "flash-2:");
  f.platform = *FindPlatform("C3750");
  EXPECT_EQ(MemberFileSystem(f, 3), "flash3:");
}

TEST(RollbackIdsTest, ListsTheIdsInOrder) {
  const std::string text =
      "ID      Label                     Description\n"
      "-----------------------------------------------\n"
      "1       No Label                  No Description\n"
      "2       No Label                  No Description\n";
  EXPECT_EQ(ParseRollbackIds(text), (std::vector<int>{1, 2}));
}

}  // namespace
}  // namespace iosup::upgrade
