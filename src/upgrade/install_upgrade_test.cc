// DeviceUpgrade in IOS-XE install mode against a scripted Catalyst 9300 stack on a manual clock:
// add, activate and commit (separate or one-shot), FAILED: read at once, rollback by install
// abort, a member joining late, and a run killed between activation and commit, resumed.
#include <gtest/gtest.h>

#include "upgrade/device_upgrade.h"
#include "upgrade/scripted_cat9300_test_support.h"

namespace iosup::upgrade::scripted9k {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

using InstallUpgradeTest = ScriptedCat9300;

TEST_F(InstallUpgradeTest, SeparateStepsCommitOnlyAfterThePostChecks) {
  const DeviceRecord r = Upgrade();
  ASSERT_EQ(r.outcome, DeviceOutcome::kUpgraded) << r.failure;
  EXPECT_EQ(sw_.phase(), "committed");
  EXPECT_EQ(sw_.reboots(), 1);
  EXPECT_EQ(Sent(Q(InstallAddCommand(kNewPath))), 1);
  // The boot timeout (the C9300's 10-minute boot twice, plus 2 minutes) plus 30 minutes.
  EXPECT_EQ(Sent("install activate auto-abort-timer 52 prompt-level none"), 1);
  EXPECT_EQ(Sent("install commit"), 1);
  EXPECT_EQ(Sent("reload.*"), 0);
  EXPECT_TRUE(SentBefore(Q(InstallAddCommand(kNewPath)), "install activate.*"));
  // Committed only once the new version was seen activated on every member.
  bool summary_before_commit = false;
  for (const ScriptedDevice::Exchange& e : sw_.log()) {
    if (e.phase == "activated" && e.command == "show install summary") summary_before_commit = true;
    if (e.command == "install commit") break;
  }
  EXPECT_TRUE(summary_before_commit);
  EXPECT_EQ(r.to_version, "17.09.04a");
}

TEST_F(InstallUpgradeTest, OneShotSendsTheSingleCommandPyntcSends) {
  policy_.install.steps = InstallSteps::kOneShot;
  sw_.On("before", Q(InstallOneShotCommand(kNewPath)),
         ScriptedReply{.output = "install_add_activate_commit: START Thu Mar  5 09:30:00 UTC 2026\n",
                       .delay = seconds(500), .reboot_to = "committed"});
  const DeviceRecord r = Upgrade();
  ASSERT_EQ(r.outcome, DeviceOutcome::kUpgraded) << r.failure;
  EXPECT_EQ(Sent(Q(InstallOneShotCommand(kNewPath))), 1);
  EXPECT_EQ(Sent("install commit"), 0);
  EXPECT_EQ(Sent("install activate.*"), 0);
}

TEST_F(InstallUpgradeTest, AFailedAddOnOneMemberStopsAtOnceWithItsLine) {
  sw_.On("before", Q(InstallAddCommand(kNewPath)),
         ScriptedReply{.output = "install_add: START Thu Mar  5 09:30:00 UTC 2026\n"
                                 "install_add: Adding IMG\n"
                                 " [3] Switch 3 FAILED: /flash-3 requires 1403200 KB of free space, but only "
                                 "802112 KB is available\n"
                                 "FAILED: install_add /flash/cat9k_iosxe.17.09.04a.SPA.bin Thu Mar  5 09:30:09 UTC 2026\n",
                       .delay = seconds(9)});
  const WallTime before = clock_.Now();
  const DeviceRecord r = Upgrade();
  ASSERT_EQ(r.outcome, DeviceOutcome::kFailed);
  EXPECT_NE(r.failure.find("[3] Switch 3 FAILED: /flash-3 requires 1403200 KB"), std::string::npos) << r.failure;
  EXPECT_EQ(Sent("install activate.*"), 0);
  EXPECT_EQ(sw_.reboots(), 0);
  // Read when the command ended, never by waiting out the install timeout (about 20 minutes).
  EXPECT_LT(clock_.Now() - before, minutes(30));
}

TEST_F(InstallUpgradeTest, AMemberShortOfSpaceIsReportedBeforeAnythingChanges) {
  sw_.On(ScriptedDevice::kAnyPhase, "dir flash-3:", Dir("flash-3:", 700'000'000, false));
  const DeviceRecord r = Upgrade();
  ASSERT_EQ(r.outcome, DeviceOutcome::kFailed);
  EXPECT_NE(r.failure.find("switch 3 (flash-3: 700000000 bytes free"), std::string::npos) << r.failure;
  EXPECT_EQ(Sent("copy tftp:.*"), 0);
  EXPECT_EQ(Sent("install .*"), 0);
}

TEST_F(InstallUpgradeTest, AMemberThatJoinsLateIsWaitedFor) {
  sw_.On("activated", "show switch", ScriptedReply{.output = ShowSwitch(members_, "Progressing")}, 3);
  const DeviceRecord r = Upgrade();
  ASSERT_EQ(r.outcome, DeviceOutcome::kUpgraded) << r.failure;
  EXPECT_GE(Sent("show switch"), 4);
}

TEST_F(InstallUpgradeTest, AMemberThatNeverJoinsFailsWithoutCommitting) {
  sw_.On("activated", "show switch", ShowSwitch(members_, "V-Mismatch"));
  const DeviceRecord r = Upgrade();
  EXPECT_NE(r.outcome, DeviceOutcome::kUpgraded);
  EXPECT_NE(r.failure.find("switch 3 V-Mismatch"), std::string::npos) << r.failure;
  EXPECT_EQ(Sent("install commit"), 0);
}

TEST_F(InstallUpgradeTest, AFailedPostCheckAbortsTheActivation) {
  // Member 3 did not take the new version.
  sw_.On("activated", "show install summary",
         "[ Switch 1 2 ] Installed Package(s) Information:\n"
         "IMG   U    17.09.04a.0.6\nIMG   I    17.06.05.0.7\n\n"
         "[ Switch 3 ] Installed Package(s) Information:\n"
         "IMG   I    17.09.04a.0.6\nIMG   C    17.06.05.0.7\n\n"
         "Auto abort timer: active on install_activate, time before rollback - 02:59:40\n");
  const DeviceRecord r = Upgrade();
  ASSERT_EQ(r.outcome, DeviceOutcome::kRolledBack) << r.failure;
  EXPECT_NE(r.failure.find("not 17.09.04a activated on every member"), std::string::npos) << r.failure;
  EXPECT_NE(r.failure.find("rolled back to 17.06.05 (install abort)"), std::string::npos) << r.failure;
  EXPECT_EQ(Sent("install abort"), 1);
  EXPECT_EQ(Sent("install commit"), 0);
  EXPECT_EQ(sw_.phase(), "aborted");
}

TEST_F(InstallUpgradeTest, KilledAfterActivateResumesWithoutASecondActivation) {
  env_.crash_point = [](const std::string& point) {
    if (point == "reload:sent") throw Killed{};
  };
  EXPECT_THROW(Upgrade(), Killed);
  EXPECT_EQ(Sent("install activate.*"), 1);
  env_.crash_point = nullptr;
  const DeviceRecord previous = Journaled();
  ASSERT_EQ(previous.outcome, DeviceOutcome::kPending);
  const DeviceRecord r = Upgrade(&previous);
  ASSERT_EQ(r.outcome, DeviceOutcome::kUpgraded) << r.failure;
  EXPECT_EQ(Sent("install activate.*"), 1);
  EXPECT_EQ(Sent(Q(InstallAddCommand(kNewPath))), 1);
  EXPECT_EQ(Sent("install commit"), 1);
  EXPECT_EQ(sw_.phase(), "committed");
}

TEST_F(InstallUpgradeTest, KilledAfterActivateWithAbortPolicyAbortsOnResume) {
  policy_.install.uncommitted = ResumeUncommitted::kAbort;
  env_.crash_point = [](const std::string& point) {
    if (point == "reload:sent") throw Killed{};
  };
  EXPECT_THROW(Upgrade(), Killed);
  env_.crash_point = nullptr;
  const DeviceRecord previous = Journaled();
  const DeviceRecord r = Upgrade(&previous);
  ASSERT_EQ(r.outcome, DeviceOutcome::kRolledBack) << r.failure;
  EXPECT_NE(r.failure.find("resume_uncommitted: abort"), std::string::npos) << r.failure;
  EXPECT_EQ(Sent("install activate.*"), 1);
  EXPECT_EQ(Sent("install abort"), 1);
  EXPECT_EQ(Sent("install commit"), 0);
}

TEST_F(InstallUpgradeTest, KilledDuringTheAddDoesNotAddTwice) {
  env_.crash_point = [](const std::string& point) {
    if (point == "step:reload") throw Killed{};
  };
  EXPECT_THROW(Upgrade(), Killed);
  // The add went through on the device before the run died, but the journal never saw it.
  sw_.On("before", "show install summary", Summary(members_, {"IMG   I    17.09.04a.0.6", "IMG   C    17.06.05.0.7"}));
  sw_.On("before", "install activate auto-abort-timer \\d+ prompt-level none",
         ScriptedReply{.output = "install_activate: START\n", .reboot_to = "activated"});
  env_.crash_point = nullptr;
  const DeviceRecord previous = Journaled();
  const DeviceRecord r = Upgrade(&previous);
  ASSERT_EQ(r.outcome, DeviceOutcome::kUpgraded) << r.failure;
  EXPECT_EQ(Sent(Q(InstallAddCommand(kNewPath))), 0);
}

TEST_F(InstallUpgradeTest, PlanListsTheInstallCommands) {
  const DevicePlan plan = DeviceUpgrade(host_, 1, env_, nullptr).Plan();
  ASSERT_TRUE(plan.status.ok()) << plan.status.ToString();
  std::vector<std::string> all;
  for (const PlannedStep& s : plan.steps) all.insert(all.end(), s.commands.begin(), s.commands.end());
  EXPECT_NE(std::ranges::find(all, InstallAddCommand(kNewPath)), all.end());
  EXPECT_NE(std::ranges::find(all, "install activate auto-abort-timer 52 prompt-level none"), all.end());
  EXPECT_NE(std::ranges::find(all, "install commit"), all.end());
  EXPECT_EQ(std::ranges::find(all, "reload"), all.end());
  EXPECT_EQ(Sent("install .*"), 0);  // a plan changes nothing
}

}  // namespace
}  // namespace iosup::upgrade::scripted9k

namespace iosup::upgrade::scripted9k {
namespace {

constexpr char kOldBin[] = "cat9k_iosxe.17.06.05.SPA.bin";

// The same switch booted in bundle mode from its 17.06.05 .bin, converted by the upgrade.
class ConvertToInstallTest : public ScriptedCat9300 {
 protected:
  ConvertToInstallTest() {
    const std::string bundle_version = [] {
      std::string v = ShowVersion("17.06.05", "09:01:00 UTC Mon Mar 2 2026", 3);
      v.replace(v.find("flash:packages.conf"), 19, std::string("flash:") + kOldBin);
      for (size_t at; (at = v.find("INSTALL\n")) != std::string::npos;) v.replace(at, 7, "BUNDLE");
      return v;
    }();
    sw_.On("before", "show version", bundle_version)
        .On("before", "show running-config \\| include boot system", std::string("boot system flash:") + kOldBin + "\n")
        .On("before", "show install summary", "FAILED: Booted in bundle mode\n")
        .On(ScriptedDevice::kAnyPhase, "show startup-config",
            Config({"flash:packages.conf", std::string("flash:") + kOldBin}, true))
        .On(ScriptedDevice::kAnyPhase, "show startup-config \\| include boot system",
            std::string("boot system flash:packages.conf\nboot system flash:") + kOldBin + "\n")
        .On("before", Q(InstallOneShotCommand(kNewPath)),
            ScriptedReply{.output = "install_add_activate_commit: START\n", .delay = seconds(500),
                          .reboot_to = "committed"});
    policy_.install.convert_to_install = true;
  }
};

TEST_F(ConvertToInstallTest, ConvertsWithTheOneShotCommandAndKeepsTheBinAsFallback) {
  const DeviceRecord r = Upgrade();
  ASSERT_EQ(r.outcome, DeviceOutcome::kUpgraded) << r.failure;
  EXPECT_EQ(Sent(Q(InstallOneShotCommand(kNewPath))), 1);
  EXPECT_EQ(Sent("install activate.*"), 0);
  EXPECT_EQ(Sent("install commit"), 0);
  EXPECT_EQ(Sent("boot system flash:packages.conf"), 1);
  EXPECT_EQ(Sent(std::string("boot system flash:") + kOldBin), 1);
  EXPECT_TRUE(SentBefore("boot system flash:packages.conf", std::string("boot system flash:") + kOldBin));
}

TEST_F(ConvertToInstallTest, WithoutTheConversionTheDeviceStaysInBundleMode) {
  policy_.install.convert_to_install = false;
  sw_.On("before", "reload", ScriptedReply{.questions = {"Proceed with reload? [confirm]"}, .reboot_to = "committed"});
  const DeviceRecord r = Upgrade();
  EXPECT_EQ(Sent("install .*"), 0);
  EXPECT_EQ(Sent("boot system flash:packages.conf"), 0);
  EXPECT_EQ(Sent("boot system " + kNewPath), 1);
  // The device then boots packages.conf (the script's "committed" phase), not the .bin the
  // bundle path asked for: the post-check says so.
  EXPECT_NE(r.outcome, DeviceOutcome::kUpgraded);
}

}  // namespace
}  // namespace iosup::upgrade::scripted9k

namespace iosup::upgrade::scripted9k {
namespace {

TEST_F(InstallUpgradeTest, ACommitThatLeavesAMemberUncommittedFails) {
  sw_.On("committed", "show install summary",
         "[ Switch 1 2 ] Installed Package(s) Information:\n"
         "IMG   C    17.09.04a.0.6\n\n"
         "[ Switch 3 ] Installed Package(s) Information:\n"
         "IMG   U    17.09.04a.0.6\n\n"
         "Auto abort timer: inactive\n");
  const DeviceRecord r = Upgrade();
  ASSERT_EQ(r.outcome, DeviceOutcome::kFailed);
  EXPECT_NE(r.failure.find("Switch 3: U 17.09.04a.0.6"), std::string::npos) << r.failure;
}

}  // namespace
}  // namespace iosup::upgrade::scripted9k
