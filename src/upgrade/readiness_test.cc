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
