#include "upgrade/readiness.h"

#include <gtest/gtest.h>

#include "upgrade/upgrade_commands.h"

namespace iosup::upgrade {
namespace {

constexpr const char* kOld = "c2960-lanbasek9-mz.152-7.E6.bin";
constexpr const char* kNew = "c2960-lanbasek9-mz.152-7.E9.bin";

class ReadinessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    facts_.platform = *FindPlatform("C2960");
    facts_.version.config_register = "0xF";
    facts_.version.system_image = std::string("flash:") + kOld;
    facts_.file_system = "flash:";
    facts_.running_file = kOld;
    facts_.flash.files = {{kOld, 12582912}};
    facts_.flash.free_bytes = 40'000'000;
    facts_.running_boot = {std::string("flash:") + kOld};
    facts_.startup_boot = facts_.running_boot;
    facts_.server_ping_percent = 100;
    policy_.images = {{.family = "c2960", .file = kNew, .version = "15.2(7)E9",
                       .md5 = "216e0a5a9d13befaada86af64819d74a", .size = 12582912}};
    policy_.transfer.server = "192.168.1.100";
  }
  DeviceFacts facts_;
  Policy policy_;
};

TEST_F(ReadinessTest, ProceedsWithTargetAndFallbackPaths) {
  Readiness r = DecideReadiness(facts_, policy_);
  ASSERT_EQ(r.verdict, Readiness::Verdict::kProceed) << r.reason;
  EXPECT_EQ(r.target_path, std::string("flash:") + kNew);
  EXPECT_EQ(r.old_path, std::string("flash:") + kOld);
  EXPECT_FALSE(r.target_present);
  EXPECT_TRUE(r.delete_first.empty());
  EXPECT_EQ(r.space_needed, 12582912u + 1024 * 1024);
}

TEST_F(ReadinessTest, AlreadyAtTargetIsCurrent) {
  facts_.running_file = kNew;
  EXPECT_EQ(DecideReadiness(facts_, policy_).verdict, Readiness::Verdict::kCurrent);
}

TEST_F(ReadinessTest, BlocksOnPasswordRecoveryRegisterAndUnreachableServer) {
  facts_.version.config_register = "0x2142";
  Readiness r = DecideReadiness(facts_, policy_);
  EXPECT_EQ(r.verdict, Readiness::Verdict::kBlocked);
  EXPECT_NE(r.reason.find("0x2142"), std::string::npos);
  facts_.version.config_register = "0x2102";
  facts_.version.next_config_register = "0x2142";
  EXPECT_EQ(DecideReadiness(facts_, policy_).verdict, Readiness::Verdict::kBlocked);
  facts_.version.next_config_register.clear();
  facts_.server_ping_percent = 0;
  r = DecideReadiness(facts_, policy_);
  EXPECT_EQ(r.verdict, Readiness::Verdict::kBlocked);
  EXPECT_NE(r.reason.find("192.168.1.100"), std::string::npos);
}

TEST_F(ReadinessTest, BlocksWhenThePolicyHasNothingForThePlatform) {
  facts_.platform = *FindPlatform("ISR4321");
  Readiness r = DecideReadiness(facts_, policy_);
  EXPECT_EQ(r.verdict, Readiness::Verdict::kBlocked);
  EXPECT_NE(r.reason.find("no image for ISR4321"), std::string::npos) << r.reason;
  facts_.platform = *FindPlatform("C3750");  // boots two families: both are named
  EXPECT_EQ(DecideReadiness(facts_, policy_).reason,
            "the policy has no image for C3750 (families: c3750e, c3750)");
  facts_.platform = nullptr;
  EXPECT_EQ(DecideReadiness(facts_, policy_).verdict, Readiness::Verdict::kBlocked);
}

TEST_F(ReadinessTest, ReusesAFileOfTheRightSizeAndReplacesAWrongOne) {
  facts_.flash.files.push_back({kNew, 12582912});
  EXPECT_TRUE(DecideReadiness(facts_, policy_).target_present);
  facts_.flash.files.back().size = 4096;  // a partial copy
  Readiness r = DecideReadiness(facts_, policy_);
  EXPECT_FALSE(r.target_present);
  EXPECT_EQ(r.delete_first, std::vector<std::string>{kNew});
}

TEST_F(ReadinessTest, ShortOnSpaceDeletesOnlyWhatThePolicyAllowsLargestFirst) {
  facts_.flash.free_bytes = 3'000'000;
  facts_.flash.files.push_back({"c2960-lanbasek9-mz.150-2.SE.bin", 11'000'000});
  facts_.flash.files.push_back({"c2960-small.bin", 500'000});
  facts_.flash.files.push_back({"c2960-boot-target.bin", 20'000'000});
  facts_.startup_boot.push_back("flash:/c2960-boot-target.bin");
  Readiness blocked = DecideReadiness(facts_, policy_);
  EXPECT_EQ(blocked.verdict, Readiness::Verdict::kBlocked);
  EXPECT_NE(blocked.reason.find("not enough space on flash:"), std::string::npos) << blocked.reason;
  EXPECT_NE(blocked.reason.find("allows deleting no file"), std::string::npos) << blocked.reason;

  policy_.deletable = {"*.bin"};
  Readiness r = DecideReadiness(facts_, policy_);
  ASSERT_EQ(r.verdict, Readiness::Verdict::kProceed) << r.reason;
  // Never the running image nor a boot target; the largest allowed file is enough.
  EXPECT_EQ(r.delete_first, std::vector<std::string>{"c2960-lanbasek9-mz.150-2.SE.bin"});

  facts_.flash.files[1].size = 3'000'000;  // not enough even with every allowed file gone
  blocked = DecideReadiness(facts_, policy_);
  EXPECT_EQ(blocked.verdict, Readiness::Verdict::kBlocked);
  EXPECT_TRUE(blocked.delete_first.empty());
  EXPECT_NE(blocked.reason.find("would leave"), std::string::npos) << blocked.reason;
}

TEST(UpgradeCommands, BootLinesReplaceStatementsInOrder) {
  const std::vector<std::string> wanted = WantedBoot("flash:new.bin", "flash:old.bin", true);
  EXPECT_EQ(wanted, (std::vector<std::string>{"flash:new.bin", "flash:old.bin"}));
  EXPECT_EQ(WantedBoot("flash:new.bin", "flash:old.bin", false), std::vector<std::string>{"flash:new.bin"});
  EXPECT_EQ(BootLines({"flash:old.bin"}, wanted),
            (std::vector<std::string>{"no boot system flash:old.bin", "boot system flash:new.bin",
                                      "boot system flash:old.bin"}));
  EXPECT_TRUE(BootLines(wanted, wanted).empty());
}

TEST(UpgradeCommands, UrlsCarryCredentialsOnlyWhereTheProtocolUsesThemAndMaskThem) {
  TransferPolicy t{.protocol = TransferProtocol::kFtp, .server = "192.168.1.100", .path = "ios",
                   .username = "upg", .password = "s3cret"};
  TargetImage image{.file = "x.bin"};
  EXPECT_EQ(CopyCommand(t, image, "flash:x.bin"), "copy ftp://upg:s3cret@192.168.1.100/ios/x.bin flash:x.bin");
  EXPECT_EQ(MaskedUrl(t, "x.bin"), "ftp://upg:*@192.168.1.100/ios/x.bin");
  t.protocol = TransferProtocol::kTftp;
  EXPECT_EQ(SourceUrl(t, "x.bin"), "tftp://192.168.1.100/ios/x.bin");
  EXPECT_EQ(BackupCommand(t, "R1", "20261121-101500"), "copy running-config tftp://192.168.1.100/ios/R1-20261121-101500-confg");
  EXPECT_EQ(ReloadCommand({.mode = ReloadMode::kIn, .minutes = 5}), "reload in 5");
  EXPECT_EQ(ReloadCommand({.mode = ReloadMode::kWindow, .window_start = "02:00"}), "reload at 02:00");
}

}  // namespace
}  // namespace iosup::upgrade

namespace iosup::upgrade {
namespace {

constexpr const char* kXeNew = "cat9k_iosxe.17.09.04a.SPA.bin";
constexpr uint64_t kXeSize = 1'000'000'000;

InstallSummary Committed(const std::string& version) {
  return {.locations = {{.members = "Switch 1", .packages = {{"IMG", "C", version}}, .auto_abort_timer = "inactive"}}};
}

// A Catalyst 9300 in install mode on 17.06.05, with room for the image and its packages.
class InstallReadinessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    facts_.platform = *FindPlatform("C9300");
    facts_.version.config_register = "0x102";
    facts_.version.system_image = "flash:packages.conf";
    facts_.version.installation_mode = "INSTALL";
    facts_.version.version = "17.06.05";
    facts_.file_system = "flash:";
    facts_.running_file = "packages.conf";
    facts_.install_mode = true;
    facts_.install = Committed("17.06.05.0.7");
    facts_.flash.files = {{"packages.conf", 8000}};
    facts_.flash.free_bytes = 5'000'000'000;
    facts_.server_ping_percent = 100;
    policy_.images = {{.family = "cat9k", .file = kXeNew, .version = "17.09.04a",
                       .md5 = "216e0a5a9d13befaada86af64819d74a", .size = kXeSize}};
    policy_.transfer.server = "192.168.1.100";
  }
  DeviceFacts facts_;
  Policy policy_;
};

TEST_F(InstallReadinessTest, KeepsInstallModeAndNeedsRoomForThePackages) {
  Readiness r = DecideReadiness(facts_, policy_);
  ASSERT_EQ(r.verdict, Readiness::Verdict::kProceed) << r.reason;
  EXPECT_TRUE(r.install);
  EXPECT_FALSE(r.convert);
  EXPECT_EQ(r.target_path, std::string("flash:") + kXeNew);
  EXPECT_EQ(r.old_path, "flash:packages.conf");
  // The image, 120% of it in packages, and the default margin of 1%.
  EXPECT_EQ(r.space_needed, kXeSize + kXeSize / 100 * 120 + kXeSize / 100);
  facts_.flash.free_bytes = r.space_needed - 1;
  r = DecideReadiness(facts_, policy_);
  ASSERT_EQ(r.verdict, Readiness::Verdict::kBlocked);
  EXPECT_NE(r.reason.find("expanded packages"), std::string::npos) << r.reason;
}

TEST_F(InstallReadinessTest, AnotherStackMemberShortOfSpaceBlocksBeforeAnythingChanges) {
  facts_.members = {{1, "Active", "Ready"}, {2, "Standby", "Ready"}, {3, "Member", "Ready"}};
  facts_.member_flash[2].free_bytes = 5'000'000'000;
  facts_.member_flash[3].free_bytes = 900'000'000;
  Readiness r = DecideReadiness(facts_, policy_);
  ASSERT_EQ(r.verdict, Readiness::Verdict::kBlocked);
  EXPECT_NE(r.reason.find("switch 3 (flash-3: 900000000 bytes free"), std::string::npos) << r.reason;
  EXPECT_EQ(r.reason.find("switch 2"), std::string::npos) << r.reason;
}

TEST_F(InstallReadinessTest, APendingOperationBlocks) {
  facts_.install->locations[0].packages.push_back({"IMG", "U", "17.09.04a.0.6"});
  Readiness r = DecideReadiness(facts_, policy_);
  ASSERT_EQ(r.verdict, Readiness::Verdict::kBlocked);
  EXPECT_NE(r.reason.find("install operation is pending"), std::string::npos) << r.reason;
  facts_.install = Committed("17.06.05.0.7");
  facts_.install->locations[0].auto_abort_timer = "active on install_activate, time before rollback - 01:10:00";
  r = DecideReadiness(facts_, policy_);
  ASSERT_EQ(r.verdict, Readiness::Verdict::kBlocked);
  EXPECT_NE(r.reason.find("auto-abort timer"), std::string::npos) << r.reason;
}

TEST_F(InstallReadinessTest, CurrentWhenTheTargetIsCommittedEverywhere) {
  facts_.install = Committed("17.09.04a.0.6");
  EXPECT_EQ(DecideReadiness(facts_, policy_).verdict, Readiness::Verdict::kCurrent);
}

TEST_F(InstallReadinessTest, BundleDevicesConvertOnlyWhenThePolicySaysSo) {
  facts_.install_mode = false;
  facts_.install.reset();
  facts_.version.installation_mode = "BUNDLE";
  facts_.running_file = "cat9k_iosxe.17.06.05.SPA.bin";
  Readiness r = DecideReadiness(facts_, policy_);
  ASSERT_EQ(r.verdict, Readiness::Verdict::kProceed) << r.reason;
  EXPECT_FALSE(r.install);  // auto keeps bundle mode
  policy_.install.mode = BootModePolicy::kInstall;
  r = DecideReadiness(facts_, policy_);
  ASSERT_EQ(r.verdict, Readiness::Verdict::kBlocked);
  EXPECT_NE(r.reason.find("convert_to_install"), std::string::npos) << r.reason;
  policy_.install.convert_to_install = true;
  r = DecideReadiness(facts_, policy_);
  ASSERT_EQ(r.verdict, Readiness::Verdict::kProceed) << r.reason;
  EXPECT_TRUE(r.install);
  EXPECT_TRUE(r.convert);
  EXPECT_EQ(r.old_path, "flash:cat9k_iosxe.17.06.05.SPA.bin");
}

TEST_F(InstallReadinessTest, ClassicIosHasNoInstallMode) {
  facts_.platform = *FindPlatform("C2960");
  policy_.images.push_back({.family = "c2960", .file = kNew, .version = "15.2(7)E9",
                            .md5 = "216e0a5a9d13befaada86af64819d74a", .size = 12582912});
  policy_.install.mode = BootModePolicy::kInstall;
  Readiness r = DecideReadiness(facts_, policy_);
  ASSERT_EQ(r.verdict, Readiness::Verdict::kBlocked);
  EXPECT_EQ(r.reason, "C2960 runs classic IOS: it has no install mode");
}

}  // namespace
}  // namespace iosup::upgrade
