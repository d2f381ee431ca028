// DeviceUpgrade's steps against a scripted ISR4321 (real IOS-XE wording, no socket, a manual
// clock): the happy path end to end, and a failure of each step that must stop the upgrade
// before anything irreversible (the reload and the rollback are in device_upgrade_reload_test.cc).
#include "upgrade/device_upgrade.h"

#include <gtest/gtest.h>

#include "upgrade/scripted_isr4321_test_support.h"

namespace iosup::upgrade::scripted {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

using DeviceUpgradeTest = ScriptedIsr4321;

TEST_F(DeviceUpgradeTest, HappyPathUpgradesWithFallbackAndWaitsOnTheClock) {
  const WallTime start = clock_.Now();
  const DeviceRecord r = Upgrade();
  ASSERT_EQ(r.outcome, DeviceOutcome::kUpgraded) << r.failure;
  EXPECT_EQ(r.from_version, "16.09.06");
  EXPECT_EQ(r.to_version, "16.12.04");
  EXPECT_EQ(r.platform, "ISR4321");
  for (const char* step : {"connect", "facts", "readiness", "backup", "stage", "verify", "boot",
                           "snapshot", "reload", "post-check"}) {
    EXPECT_EQ(OutcomeOf(r, step), StepOutcome::kDone) << step << ": " << StepOf(r, step)->detail;
  }
  EXPECT_EQ(StepOf(r, "rollback"), nullptr);
  EXPECT_EQ(r1_.reboots(), 1);
  EXPECT_EQ(r1_.phase(), "after");
  // The order of seed 001: stage, verify, boot statements (new first, the old as fallback), save,
  // read back, reload.
  EXPECT_TRUE(SentBefore("copy tftp:.*", "verify /md5 .*"));
  EXPECT_TRUE(SentBefore("verify /md5 .*", "boot system .*"));
  EXPECT_TRUE(SentBefore(Q(std::string("boot system bootflash:") + kNew),
                         Q(std::string("boot system bootflash:") + kOld)));
  EXPECT_TRUE(SentBefore(Q(SaveCommand()), "reload"));
  EXPECT_EQ(Sent(Q(std::string("no boot system bootflash:") + kOld)), 1);
  // Every dialog answered as the prompt table says; reload confirmed with Enter.
  ASSERT_NE(Last("reload"), nullptr);
  EXPECT_EQ(Last("reload")->answers, std::vector<std::string>{""});
  EXPECT_EQ(Last(Q(SaveCommand()))->answers, std::vector<std::string>{""});
  EXPECT_NE(StepOf(r, "stage")->detail.find("521347072 bytes copied in 689.0 s"), std::string::npos)
      << StepOf(r, "stage")->detail;
  EXPECT_NE(StepOf(r, "verify")->detail.find(kNewMd5), std::string::npos);
  EXPECT_NE(StepOf(r, "post-check")->detail.find(kNew), std::string::npos);
  // The copy (689 s), the hash (170 s) and the boot (4 min) passed on the manual clock.
  EXPECT_GE(clock_.Now() - start, seconds(689 + 170) + minutes(4));
  EXPECT_LT(clock_.Now() - start, minutes(30));
  EXPECT_EQ(r.facts_after.at("version"), "16.12.04");
  // Journaled as it went: a later load sees the same end.
  Result<RunRecord> run = journal_->LoadRun(env_.run_id);
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  ASSERT_EQ(run->devices.size(), 1u);
  EXPECT_EQ(run->devices[0].outcome, DeviceOutcome::kUpgraded);
}

TEST_F(DeviceUpgradeTest, AlreadyOnTheTargetIsCurrentAndNothingChanges) {
  r1_.On(
      "before", "show version",
      ShowVersion("R1", "16.12.04", "16.12.4", "Gibraltar", kNew, "11:04:51 UTC Mon Feb 2 2026"));
  const DeviceRecord r = Upgrade();
  EXPECT_EQ(r.outcome, DeviceOutcome::kCurrent) << r.failure;
  EXPECT_EQ(Sent("copy tftp:.*|verify .*|configure terminal|reload.*"), 0);
}

TEST_F(DeviceUpgradeTest, ConnectRetriesWithBackOffOnTheClock) {
  r1_.RefuseConnections(2);
  const WallTime start = clock_.Now();
  env_.timing.retry_backoff = seconds(5);
  const DeviceRecord r = Upgrade();
  EXPECT_EQ(r.outcome, DeviceOutcome::kUpgraded) << r.failure;
  EXPECT_GE(clock_.Now() - start, seconds(5 + 10));  // 5 s, then doubled
}

TEST_F(DeviceUpgradeTest, ConnectRefusedEveryTimeFailsTheDevice) {
  r1_.RefuseConnections(3);
  const DeviceRecord r = Upgrade();
  EXPECT_EQ(r.outcome, DeviceOutcome::kFailed);
  EXPECT_TRUE(r.failure.starts_with("connect: ")) << r.failure;
  EXPECT_TRUE(r1_.log().empty());
}

TEST_F(DeviceUpgradeTest, UnreadableShowVersionStopsAtFacts) {
  r1_.On("before", "show version", "% Permission denied\n");
  const DeviceRecord r = Upgrade();
  EXPECT_EQ(r.outcome, DeviceOutcome::kFailed);
  EXPECT_TRUE(r.failure.starts_with("facts: ")) << r.failure;
  EXPECT_EQ(Sent("copy .*|configure terminal|reload.*"), 0);
}

TEST_F(DeviceUpgradeTest, DirErrorStopsAtFacts) {
  r1_.On("before", "dir bootflash:", "%Error opening bootflash:/ (Device or resource busy)\n");
  const DeviceRecord r = Upgrade();
  EXPECT_EQ(r.outcome, DeviceOutcome::kFailed);
  EXPECT_TRUE(r.failure.starts_with("facts: ")) << r.failure;
  EXPECT_NE(r.failure.find("Device or resource busy"), std::string::npos) << r.failure;
}

TEST_F(DeviceUpgradeTest, PasswordRecoveryRegisterBlocksAtReadiness) {
  r1_.On("before", "show version",
         ShowVersion("R1", "16.09.06", "16.9.6", "Fuji", kOld, "11:04:51 UTC Mon Feb 2 2026",
                     "0x2142"));
  const DeviceRecord r = Upgrade();
  EXPECT_EQ(r.outcome, DeviceOutcome::kFailed);
  EXPECT_TRUE(r.failure.starts_with("readiness: ")) << r.failure;
  EXPECT_NE(r.failure.find("0x2142"), std::string::npos) << r.failure;
  EXPECT_EQ(Sent("copy .*|configure terminal|reload.*|delete .*"), 0);
}

TEST_F(DeviceUpgradeTest, UnreachableServerBlocksAtReadiness) {
  r1_.On(ScriptedDevice::kAnyPhase, "ping 192\\.168\\.1\\.100",
         "Type escape sequence to abort.\n"
         "Sending 5, 100-byte ICMP Echos to 192.168.1.100, timeout is 2 seconds:\n.....\n"
         "Success rate is 0 percent (0/5)\n");
  const DeviceRecord r = Upgrade();
  EXPECT_EQ(r.outcome, DeviceOutcome::kFailed);
  EXPECT_TRUE(r.failure.starts_with("readiness: ")) << r.failure;
  EXPECT_EQ(Sent("copy tftp:.*"), 0);
}

TEST_F(DeviceUpgradeTest, CopyTimedOutOnTheServerIsRetriedThenFailsWithoutBooting) {
  r1_.On("before", "copy tftp:.*",
         ScriptedReply{.questions = {"Destination filename [" + std::string(kNew) + "]? "},
                       .output = "Accessing tftp://192.168.1.100/" + std::string(kNew) +
                                 "...\n"
                                 "%Error opening tftp://192.168.1.100/" +
                                 kNew + " (Timed out)\n",
                       .delay = seconds(30)});
  const WallTime start = clock_.Now();
  const DeviceRecord r = Upgrade();
  EXPECT_EQ(r.outcome, DeviceOutcome::kFailed);
  EXPECT_TRUE(r.failure.starts_with("stage: copy failed: %Error opening")) << r.failure;
  EXPECT_EQ(Sent("copy tftp:.*"), 3);
  EXPECT_EQ(Sent(Q(std::string("delete /force bootflash:") + kNew)),
            3);  // a broken copy never stays
  EXPECT_EQ(Sent("boot system .*|reload.*|verify .*"), 0);
  EXPECT_GE(clock_.Now() - start, 3 * seconds(30) + seconds(5 + 10));  // back-off on the clock
}

TEST_F(DeviceUpgradeTest, NotEnoughSpaceIsNotRetried) {
  r1_.On("before", "copy tftp:.*",
         ScriptedReply{.questions = {"Destination filename [" + std::string(kNew) + "]? "},
                       .output = "Accessing tftp://192.168.1.100/" + std::string(kNew) +
                                 "...\n"
                                 "Loading " +
                                 kNew +
                                 " from 192.168.1.100 (via GigabitEthernet0/0/0): !!!!!!\n"
                                 "%Error copying tftp://192.168.1.100/" +
                                 kNew + " (Not enough space on device)\n"});
  const DeviceRecord r = Upgrade();
  EXPECT_EQ(r.outcome, DeviceOutcome::kFailed);
  EXPECT_NE(r.failure.find("Not enough space on device"), std::string::npos) << r.failure;
  EXPECT_EQ(Sent("copy tftp:.*"), 1);
}

TEST_F(DeviceUpgradeTest, CopySlowerThanItsTimeoutTimesOutOnTheClock) {
  env_.timing.copy_attempts = 1;
  r1_.On("before", "copy tftp:.*",
         ScriptedReply{.questions = {"Destination filename [" + std::string(kNew) + "]? "},
                       .output = "521347072 bytes copied\n",
                       .delay = std::chrono::hours(10)});
  const WallTime start = clock_.Now();
  const DeviceRecord r = Upgrade();
  EXPECT_EQ(r.outcome, DeviceOutcome::kFailed);
  EXPECT_NE(r.failure.find("TimedOut: `copy tftp:"), std::string::npos) << r.failure;
  // The copy's timeout: the size at 64 KiB/s plus 2 minutes, not the 10 hours the copy wanted.
  const Duration timeout = seconds(kNewSize / (64 * 1024)) + minutes(2);
  EXPECT_GE(clock_.Now() - start, timeout);
  EXPECT_LT(clock_.Now() - start, timeout + minutes(10));
}

TEST_F(DeviceUpgradeTest, Md5MismatchDeletesTheImageAndNeverBoots) {
  r1_.On("before", "verify /md5 .*",
         "..........................................Done!\n"
         "verify /md5 (bootflash:" +
             std::string(kNew) + ") = 7f3c0e52d1a8f4e6b9d2c1a0e3f4b5c6\n");
  const DeviceRecord r = Upgrade();
  EXPECT_EQ(r.outcome, DeviceOutcome::kFailed);
  EXPECT_TRUE(r.failure.starts_with("verify: MD5 mismatch")) << r.failure;
  EXPECT_TRUE(SentBefore("verify /md5 .*", Q(std::string("delete /force bootflash:") + kNew)));
  EXPECT_EQ(Sent("boot system .*|reload.*|configure terminal"), 0);
}

TEST_F(DeviceUpgradeTest, Sha512MismatchAfterAMatchingMd5DeletesTheImage) {
  policy_.images[0].sha512 = std::string(128, 'a');
  r1_.On("before", "verify /sha512 .*",
         "Done!\nverify /sha512 (bootflash:" + std::string(kNew) + ") = " + std::string(128, 'b') +
             "\n");
  const DeviceRecord r = Upgrade();
  EXPECT_EQ(r.outcome, DeviceOutcome::kFailed);
  EXPECT_TRUE(r.failure.starts_with("verify: SHA-512 mismatch")) << r.failure;
  EXPECT_EQ(Sent(Q(std::string("delete /force bootflash:") + kNew)), 1);
  EXPECT_FALSE(Reloaded());
}

TEST_F(DeviceUpgradeTest, HashSlowerThanItsTimeoutFailsVerify) {
  r1_.On("before", "verify /md5 .*",
         ScriptedReply{.output = "Done!\n", .delay = std::chrono::hours(1)});
  const DeviceRecord r = Upgrade();
  EXPECT_EQ(r.outcome, DeviceOutcome::kFailed);
  EXPECT_TRUE(r.failure.starts_with("verify: ")) << r.failure;
  EXPECT_NE(r.failure.find("gave no prompt in time"), std::string::npos) << r.failure;
  EXPECT_FALSE(Reloaded());
}

TEST_F(DeviceUpgradeTest, ImageAlreadyInFlashWithTheMd5IsNotCopiedAgain) {
  r1_.On("before", "dir bootflash:", Dir(true));
  const DeviceRecord r = Upgrade();
  EXPECT_EQ(r.outcome, DeviceOutcome::kUpgraded) << r.failure;
  EXPECT_EQ(Sent("copy tftp:.*"), 0);
  EXPECT_EQ(OutcomeOf(r, "stage"), StepOutcome::kSkipped);
  EXPECT_EQ(Sent("verify /md5 .*"), 1);  // computed while staging, not twice
}

TEST_F(DeviceUpgradeTest, ImageAlreadyInFlashIsStillJudgedBySha512BeforeBooting) {
  const std::string sha512 = std::string(64, 'c') + std::string(64, '4');
  policy_.images[0].sha512 = sha512;
  r1_.On("before", "dir bootflash:", Dir(true));
  r1_.On("before", Q(std::string("verify /sha512 bootflash:") + kNew),
         ScriptedReply{.output = "..........................................Done!\n"
                                 "verify /sha512 (bootflash:" +
                                 std::string(kNew) + ") = " + sha512 + "\n",
                       .delay = seconds(240)});
  const DeviceRecord r = Upgrade();
  ASSERT_EQ(r.outcome, DeviceOutcome::kUpgraded) << r.failure;
  EXPECT_EQ(Sent("copy tftp:.*"), 0);
  EXPECT_TRUE(SentBefore("verify /sha512 .*", "boot system .*"));
  EXPECT_NE(StepOf(r, "verify")->detail.find("SHA-512 matches"), std::string::npos)
      << StepOf(r, "verify")->detail;
}

TEST_F(DeviceUpgradeTest, RefusedBootStatementStopsBeforeSaving) {
  r1_.On(ScriptedDevice::kAnyPhase, Q(std::string("boot system bootflash:") + kNew),
         "                   ^\n% Invalid input detected at '^' marker.\n\n");
  const DeviceRecord r = Upgrade();
  EXPECT_EQ(r.outcome, DeviceOutcome::kFailed);
  EXPECT_TRUE(r.failure.starts_with("boot: the device refused")) << r.failure;
  EXPECT_EQ(Sent("end"), 1);  // back out of configuration mode
  EXPECT_EQ(Sent(Q(SaveCommand())), 0);
  EXPECT_FALSE(Reloaded());
}

TEST_F(DeviceUpgradeTest, SaveWithoutOkStopsBeforeTheReload) {
  r1_.On(ScriptedDevice::kAnyPhase, Q(SaveCommand()),
         ScriptedReply{
             .questions = {"Destination filename [startup-config]? "},
             .output =
                 "Building configuration...\n%Error writing nvram:startup-config (I/O error)\n"});
  const DeviceRecord r = Upgrade();
  EXPECT_EQ(r.outcome, DeviceOutcome::kFailed);
  EXPECT_TRUE(r.failure.starts_with("boot: copy running-config startup-config did not answer [OK]"))
      << r.failure;
  EXPECT_FALSE(Reloaded());
}

TEST_F(DeviceUpgradeTest, UnexpectedQuestionOnSaveIsRefusedNotAnswered) {
  // Older releases ask before overwriting a startup-config written by another version.
  r1_.On(ScriptedDevice::kAnyPhase, Q(SaveCommand()),
         ScriptedReply{.questions = {"Destination filename [startup-config]? ",
                                     "Overwrite the previous NVRAM configuration?[confirm]"},
                       .output = "Building configuration...\n[OK]\n"});
  const DeviceRecord r = Upgrade();
  EXPECT_EQ(r.outcome, DeviceOutcome::kFailed);
  EXPECT_EQ(r.failure, "boot: Overwrite the previous NVRAM configuration?[confirm]");
  EXPECT_FALSE(Reloaded());
}

TEST_F(DeviceUpgradeTest, StartupConfigReadBackWithoutTheFallbackStopsBeforeTheReload) {
  r1_.On("before", Q("show startup-config | include boot system"),
         BootLines({std::string("bootflash:") + kNew}));
  const DeviceRecord r = Upgrade();
  EXPECT_EQ(r.outcome, DeviceOutcome::kFailed);
  EXPECT_TRUE(r.failure.starts_with("boot: the startup-config boots")) << r.failure;
  EXPECT_FALSE(Reloaded());
}

TEST_F(DeviceUpgradeTest, SessionDroppedDuringTheCopyReconnectsAndCopiesAgain) {
  r1_.On("before", "copy tftp:.*", ScriptedReply{.drop = true}, /*times=*/1);
  const int connects_before = r1_.connects();
  const DeviceRecord r = Upgrade();
  ASSERT_EQ(r.outcome, DeviceOutcome::kUpgraded) << r.failure;
  EXPECT_EQ(Sent("copy tftp:.*"), 2);
  EXPECT_TRUE(SentBefore(Q(std::string("delete /force bootflash:") + kNew), "verify .*"));
  EXPECT_NE(StepOf(r, "stage")->detail.find("(attempt 2)"), std::string::npos)
      << StepOf(r, "stage")->detail;
  EXPECT_GE(r1_.connects() - connects_before, 3);  // first login, after the drop, after the reload
}

TEST_F(DeviceUpgradeTest, SessionDroppedDuringVerifyStopsWithoutBooting) {
  r1_.On("before", "verify /md5 .*", ScriptedReply{.drop = true}, /*times=*/1);
  const DeviceRecord r = Upgrade();
  EXPECT_EQ(r.outcome, DeviceOutcome::kFailed);
  EXPECT_TRUE(r.failure.starts_with("verify: ")) << r.failure;
  EXPECT_NE(r.failure.find("session closed"), std::string::npos) << r.failure;
  EXPECT_EQ(Sent("boot system .*|reload.*"), 0);
}

}  // namespace
}  // namespace iosup::upgrade::scripted
