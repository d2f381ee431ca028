// DeviceUpgrade's reload, the wait for the device, post-checks, rollback, `reload in`, a
// maintenance window and the soak before clean-up, against a scripted ISR4321 on a manual clock:
// hours of device time pass in milliseconds.
#include <gtest/gtest.h>

#include "upgrade/device_upgrade.h"
#include "upgrade/scripted_isr4321_test_support.h"

namespace iosup::upgrade::scripted {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

using DeviceUpgradeReloadTest = ScriptedIsr4321;

const std::string kOldPath = std::string("bootflash:") + kOld;
const std::string kNewPath = std::string("bootflash:") + kNew;

TEST_F(DeviceUpgradeReloadTest, LostInterfaceAfterTheReloadRollsBackToTheOldImage) {
  r1_.On("after", "show ip interface brief", IpInterfaceBrief("down"));
  const DeviceRecord r = Upgrade();
  ASSERT_EQ(r.outcome, DeviceOutcome::kRolledBack) << r.failure;
  EXPECT_NE(r.failure.find("post-check: lost interface GigabitEthernet0/0/1 up/up -> down/down"),
            std::string::npos)
      << r.failure;
  EXPECT_NE(r.failure.find("rolled back to " + kOldPath), std::string::npos) << r.failure;
  EXPECT_EQ(OutcomeOf(r, "post-check"), StepOutcome::kFailed);
  EXPECT_EQ(OutcomeOf(r, "rollback"), StepOutcome::kDone);
  EXPECT_EQ(r1_.reboots(), 2);
  EXPECT_EQ(r1_.phase(), "rolled-back");
  // On the new image: only the old image is left to boot, saved, then the second reload.
  std::vector<std::string> on_new;
  for (const ScriptedDevice::Exchange& e : r1_.log()) {
    if (e.phase == "after" && e.command.find("boot system") != std::string::npos)
      on_new.push_back(e.command);
  }
  EXPECT_EQ(on_new, (std::vector<std::string>{
                        "show running-config | include boot system", "no boot system " + kNewPath,
                        "no boot system " + kOldPath, "boot system " + kOldPath,
                        "show startup-config | include boot system"}));
  EXPECT_EQ(r.facts_after.at("version"), "16.09.06");
}

// The times the post-check asked `show ip ospf neighbor` on the new image.
std::vector<WallTime> OspfAsked(const ScriptedDevice& d) {
  std::vector<WallTime> at;
  for (const ScriptedDevice::Exchange& e : d.log()) {
    if (e.phase == "after" && e.command == "show ip ospf neighbor") at.push_back(e.at);
  }
  return at;
}

TEST_F(DeviceUpgradeReloadTest, FailedPostCheckWithoutRollbackLeavesTheDeviceAndFails) {
  policy_.rollback = false;
  r1_.On("after", "show ip ospf neighbor", "");
  const DeviceRecord r = Upgrade();
  EXPECT_EQ(r.outcome, DeviceOutcome::kFailed);
  EXPECT_EQ(r.failure,
            "post-check: lost OSPF neighbour 2.2.2.2 on GigabitEthernet0/0/1 FULL/DR -> missing "
            "(not back within 90 s)");
  EXPECT_EQ(r1_.reboots(), 1);
  EXPECT_EQ(StepOf(r, "rollback"), nullptr);
  // It looked again every 5 s for the policy's 90 s before calling the neighbour lost.
  const std::vector<WallTime> asked = OspfAsked(r1_);
  ASSERT_GE(asked.size(), 2u);
  EXPECT_GE(asked.back() - asked.front(), seconds(85));
  EXPECT_LE(asked.back() - asked.front(), seconds(95));
  EXPECT_GE(asked.size(), 18u);
}

// An adjacency that forms a while after the boot (the wait timer of a broadcast segment, a
// hello still to come) is not a loss: the post-check looks again until it is there.
TEST_F(DeviceUpgradeReloadTest, ANeighbourThatReturnsWithinTheWaitIsNoLoss) {
  r1_.On("after", "show ip ospf neighbor", ScriptedReply{.output = ""}, /*times=*/3);
  const DeviceRecord r = Upgrade();
  EXPECT_EQ(r.outcome, DeviceOutcome::kUpgraded) << r.failure;
  EXPECT_EQ(OspfAsked(r1_).size(), 4u);
  EXPECT_TRUE(r.changes.empty());
  EXPECT_EQ(r1_.reboots(), 1);
}

// An interface down is not waited for: nothing brings it back, the check fails at once.
TEST_F(DeviceUpgradeReloadTest, ALostInterfaceIsNotWaitedForEvenWithANeighbourMissing) {
  policy_.rollback = false;
  r1_.On("after", "show ip interface brief", IpInterfaceBrief("down"));
  r1_.On("after", "show ip ospf neighbor", "");
  const DeviceRecord r = Upgrade();
  EXPECT_EQ(r.outcome, DeviceOutcome::kFailed);
  EXPECT_EQ(OspfAsked(r1_).size(), 1u);
  EXPECT_EQ(r.failure.find("not back within"), std::string::npos) << r.failure;
}

// With no wait in the policy the neighbours are compared once.
TEST_F(DeviceUpgradeReloadTest, NoNeighbourWaitComparesOnce) {
  policy_.rollback = false;
  policy_.neighbor_wait_seconds = 0;
  r1_.On("after", "show ip ospf neighbor", ScriptedReply{.output = ""}, /*times=*/1);
  const DeviceRecord r = Upgrade();
  EXPECT_EQ(r.outcome, DeviceOutcome::kFailed);
  EXPECT_EQ(r.failure, "post-check: lost OSPF neighbour 2.2.2.2 on GigabitEthernet0/0/1 FULL/DR -> missing");
  EXPECT_EQ(OspfAsked(r1_).size(), 1u);
}

// --plan says how long the post-check looks for missing neighbours.
TEST_F(DeviceUpgradeReloadTest, PlanSaysHowLongTheNeighboursAreWaitedFor) {
  auto post_note = [&] {
    const DevicePlan plan = DeviceUpgrade(host_, 1, env_, nullptr).Plan();
    EXPECT_TRUE(plan.status.ok()) << plan.status.ToString();
    for (const PlannedStep& s : plan.steps) {
      if (s.step == "post-check") return s.note;
    }
    return std::string("(no post-check)");
  };
  EXPECT_EQ(post_note(), "neighbours and routes still missing are looked for again for up to 90 s; "
                         "on failure: boot " + kOldPath + " again, save, read back, reload");
  policy_.neighbor_wait_seconds = 0;
  EXPECT_EQ(post_note(), "on failure: boot " + kOldPath + " again, save, read back, reload");
  EXPECT_FALSE(Reloaded());
}

TEST_F(DeviceUpgradeReloadTest, NewImageThatFellBackToTheOldOneFailsTheVersionCheckAndRollsBack) {
  // The new image did not boot; ROMMON tried the next boot statement, the old image.
  r1_.On("after", "show version",
         ShowVersion("R1", "16.09.06", "16.9.6", "Fuji", kOld, "09:31:40 UTC Thu Mar 5 2026"));
  const DeviceRecord r = Upgrade();
  EXPECT_EQ(r.outcome, DeviceOutcome::kRolledBack) << r.failure;
  EXPECT_NE(r.failure.find("runs " + kOldPath + ", not " + kNewPath), std::string::npos)
      << r.failure;
}

TEST_F(DeviceUpgradeReloadTest, RollbackThatBootsTheNewImageAgainFails) {
  r1_.On("after", "show ip interface brief", IpInterfaceBrief("down"));
  r1_.On(
      "rolled-back", "show version",
      ShowVersion("R1", "16.12.04", "16.12.4", "Gibraltar", kNew, "09:45:12 UTC Thu Mar 5 2026"));
  const DeviceRecord r = Upgrade();
  EXPECT_EQ(r.outcome, DeviceOutcome::kFailed);
  EXPECT_NE(r.failure.find("rollback booted " + kNewPath), std::string::npos) << r.failure;
  EXPECT_EQ(OutcomeOf(r, "rollback"), StepOutcome::kFailed);
}

TEST_F(DeviceUpgradeReloadTest, ReloadThatKeepsTheSessionIsAFailure) {
  r1_.On("before", "reload",
         ScriptedReply{.questions = {"Proceed with reload? [confirm]"},
                       .output = "%Reload aborted\n"});
  const DeviceRecord r = Upgrade();
  EXPECT_EQ(r.outcome, DeviceOutcome::kFailed);
  EXPECT_TRUE(r.failure.starts_with("reload: the device did not reload")) << r.failure;
  EXPECT_EQ(r1_.reboots(), 0);
}

TEST_F(DeviceUpgradeReloadTest, DeviceThatNeverComesBackIsLostAfterTheBootTimeout) {
  r1_.set_boot_time(hours(48));
  const DeviceRecord r = Upgrade();
  EXPECT_EQ(r.outcome, DeviceOutcome::kLost);
  // Twice the ISR4321's 300 s boot, plus 120 s.
  EXPECT_TRUE(r.failure.starts_with("reload: did not come back within 720 s")) << r.failure;
  EXPECT_NE(r.failure.find("connection refused (reloading)"), std::string::npos) << r.failure;
  const WallTime reload_at = r1_.log().back().at;
  EXPECT_EQ(r1_.log().back().command, "reload");
  EXPECT_GE(clock_.Now() - reload_at, seconds(720));
  EXPECT_LT(clock_.Now() - reload_at, seconds(730));
}

TEST_F(DeviceUpgradeReloadTest, ReloadInThirtyMinutesWaitsForTheScheduledReload) {
  policy_.reload = {.mode = ReloadMode::kIn, .minutes = 30};
  env_.timing.reconnect_interval = seconds(10);
  r1_.On("before", "reload in 30",
         ScriptedReply{
             .questions =
                 {"Reload scheduled for 09:57:03 UTC Thu Mar 5 2026 (in 30 minutes) by admin on "
                  "vty0 (192.0.2.10)\nProceed with reload? [confirm]"},
             .reboot_to = "after",
             .reboot_after = minutes(30)});
  const DeviceRecord r = Upgrade();
  ASSERT_EQ(r.outcome, DeviceOutcome::kUpgraded) << r.failure;
  const ScriptedDevice::Exchange* reload = Last("reload in 30");
  ASSERT_NE(reload, nullptr);
  EXPECT_EQ(reload->answers, std::vector<std::string>{""});
  // Until the reload took effect the device answered on the old image, and the run kept asking.
  int polls_before = 0;
  WallTime first_after{};
  for (const ScriptedDevice::Exchange& e : r1_.log()) {
    if (e.at <= reload->at) continue;
    if (e.phase == "before" && e.command == "show version") ++polls_before;
    if (e.phase == "after" && first_after == WallTime{}) first_after = e.at;
  }
  EXPECT_GT(polls_before, 100);
  EXPECT_GE(first_after - reload->at, minutes(30) + minutes(4));  // scheduled, then the boot
  EXPECT_LT(first_after - reload->at, minutes(35));
}

TEST_F(DeviceUpgradeReloadTest, MaintenanceWindowReloadsAtItsStart) {
  policy_.reload = {.mode = ReloadMode::kWindow, .window_start = "02:00", .window_end = "04:00"};
  env_.timing.reconnect_interval = minutes(5);
  // The clock starts at 09:14:22 UTC on 5 March; the window opens at 02:00 the next day.
  const WallTime window =
      WallTime(ManualClock::kDefaultStart) + hours(16) + minutes(45) + seconds(38);
  r1_.On("before", "reload at 02:00",
         ScriptedReply{
             .questions =
                 {"Reload scheduled for 02:00:00 UTC Fri Mar 6 2026 (in 16 hours 24 minutes) by "
                  "admin on vty0 (192.0.2.10)\nProceed with reload? [confirm]"},
             .reboot_to = "after",
             .reboot_at = window});
  const DeviceRecord r = Upgrade();
  ASSERT_EQ(r.outcome, DeviceOutcome::kUpgraded) << r.failure;
  ASSERT_NE(Last("reload at 02:00"), nullptr);
  WallTime last_before{}, first_after{};
  for (const ScriptedDevice::Exchange& e : r1_.log()) {
    if (e.phase == "before") last_before = e.at;
    if (e.phase == "after" && first_after == WallTime{}) first_after = e.at;
  }
  EXPECT_LT(last_before, window);
  EXPECT_GE(last_before, window - minutes(5));  // the run watched it until the window opened
  EXPECT_GE(first_after, window + minutes(4));  // then the boot
  EXPECT_LT(first_after, window + minutes(10));
}

TEST_F(DeviceUpgradeReloadTest, CleanupWaitsForTheSoakThenDropsTheFallback) {
  policy_.soak_hours = 48;
  const DeviceRecord upgraded = Upgrade();
  ASSERT_EQ(upgraded.outcome, DeviceOutcome::kUpgraded) << upgraded.failure;
  r1_.On("after", Q("show startup-config | include boot system"), BootLines({kNewPath}));
  r1_.On("after", Q("delete /force " + kOldPath), ScriptedReply{.then_phase = "cleaned"});
  r1_.On("cleaned", "dir bootflash:",
         "Directory of bootflash:/\n\n"
         "   14  -rw-        521347072   Mar 5 2026 09:26:02 +00:00  "
         "isr4300-universalk9.16.12.04.SPA.bin\n\n"
         "7194652672 bytes total (6449936384 bytes free)\n");

  clock_.Advance(hours(47));
  Result<std::string> early = DeviceUpgrade(host_, 1, env_, &upgraded).Cleanup(clock_.Now(), false);
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.status().code(), ErrorCode::kAborted);
  EXPECT_NE(early.status().message().find("soaking until"), std::string::npos)
      << early.status().message();
  EXPECT_EQ(Sent("delete .*"), 0);

  clock_.Advance(hours(1));
  Result<std::string> done = DeviceUpgrade(host_, 1, env_, &upgraded).Cleanup(clock_.Now(), false);
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_EQ(*done, "boot system " + kNewPath + " only; deleted " + kOldPath);
  EXPECT_EQ(Sent(Q("no boot system " + kOldPath)), 2);  // once at the upgrade, once now
  EXPECT_EQ(r1_.phase(), "cleaned");
}

}  // namespace
}  // namespace iosup::upgrade::scripted
