// Issue 17, the orchestrator on a faulty network: each fault kind is injected into a running lab
// the way people do it (`iosup fault`'s request over the lab's control socket, or curl against
// the HTTP API of `iosup lab --http`) and `iosup upgrade`'s body is run against the lab over real
// SSH. Asserted: what the orchestrator did (stopped before any reload, retried, rolled back,
// reported the device lost, or carried on) and that the record and the report files say why.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <functional>
#include <future>
#include <sstream>
#include <thread>

#include "lab/control_socket.h"
#include "lab/fault_cli.h"
#include "lab/networked_lab.h"
#include "tests/integration/upgrade_lab_fixture.h"
#include "upgrade/sqlite_journal.h"
#include "upgrade/upgrade_run.h"

namespace iosup {
namespace {

using upgrade::DeviceOutcome;

// The orchestrator's lab, with 8 KiB TFTP blocks: a lost datagram costs the client one second
// before it sends again, so a lossy path stays a matter of seconds.
constexpr const char* kFaultsLab = R"(
devices:
  - {name: R1, platform: ISR4321, hostname: R1, image_size: 300000, address: 192.168.1.1,
     config: ["ip scp server enable", "ip tftp blocksize 8192"]}
  - {name: SW1, platform: C2960, hostname: SW1, image_size: 200000, address: 192.168.1.2,
     interface: Vlan1, config: ["ip scp server enable", "ip tftp blocksize 8192"]}
servers:
  - type: tftp
    address: 192.168.1.100
    files:
      - {name: isr4300-universalk9.16.12.04.SPA.bin, size: 400000}
      - {name: c2960-lanbasek9-mz.152-7.E9.bin, size: 250000}
)";

// R1 and R2 cabled back to back and OSPF neighbours over the cable (point-to-point, a 1 s hello
// and so a 4 s dead interval), with R1's new image on the server.
constexpr const char* kOspfLab = R"(
devices:
  - {name: R1, platform: ISR4321, hostname: R1, image_size: 300000, address: 192.168.1.1,
     config: ["ip scp server enable", "ip tftp blocksize 8192",
              "interface Loopback0\n ip address 1.1.1.1 255.255.255.255",
              "interface GigabitEthernet0/0/1\n ip address 10.0.12.1 255.255.255.252\n ip ospf network point-to-point\n ip ospf hello-interval 1\n no shutdown",
              "router ospf 1\n network 10.0.12.0 0.0.0.3 area 0\n network 1.1.1.1 0.0.0.0 area 0"]}
  - {name: R2, platform: ISR4321, hostname: R2, image_size: 300000, address: 192.168.1.2,
     config: ["ip scp server enable", "ip tftp blocksize 8192",
              "interface Loopback0\n ip address 2.2.2.2 255.255.255.255",
              "interface GigabitEthernet0/0/1\n ip address 10.0.12.2 255.255.255.252\n ip ospf network point-to-point\n ip ospf hello-interval 1\n no shutdown",
              "router ospf 1\n network 10.0.12.0 0.0.0.3 area 0\n network 2.2.2.2 0.0.0.0 area 0"]}
links:
  - endpoints: ["R1:Gi0/0/1", "R2:Gi0/0/1"]
servers:
  - type: tftp
    address: 192.168.1.100
    files:
      - {name: isr4300-universalk9.16.12.04.SPA.bin, size: 400000}
)";

std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

class UpgradeFaultsTest : public OrchestratorLab {
 protected:
  void SetUp() override { StartLab(kFaultsLab); }

  // The commands the run sent `device` that start with `prefix`.
  static std::vector<upgrade::CommandRecord> Sent(const upgrade::DeviceRecord& d, const std::string& prefix) {
    std::vector<upgrade::CommandRecord> out;
    for (const auto& c : d.commands) {
      if (c.command.starts_with(prefix)) out.push_back(c);
    }
    return out;
  }
  // The step's record ("verify", "post-check", ...).
  static upgrade::StepRecord Step(const upgrade::DeviceRecord& d, const std::string& step) {
    for (const auto& s : d.steps) {
      if (s.step == step) return s;
    }
    return {};
  }

  // Whether R1 and R2 have each other as FULL OSPF neighbours.
  bool OspfAdjacent() {
    return OnLab([&](LabHost& h) {
      auto full = [](const Device& d) {
        return std::ranges::any_of(d.ospf().rows(), [](const OspfNeighbor& n) {
          return n.state == OspfState::kFull && !n.lost_at;
        });
      };
      return full(Dev(h, "R1")) && full(Dev(h, "R2"));
    });
  }
  // Whether `done` holds within 5 s.
  static bool Eventually(const std::function<bool()>& done) {
    for (int i = 0; i < 100 && !done(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    return done();
  }
  static constexpr const char* kOspfPolicy = "post_checks: [version, boot, config_register, interfaces, ospf]\n";
  // The reasons the report files give: junit.xml's failure messages, report.html whole.
  std::string Junit() { return ReadText(work_ + "/report/junit.xml"); }
  std::string Html() { return ReadText(work_ + "/report/report.html"); }
};

// --- path faults --------------------------------------------------------------------------

// Loss and delay on SW1's path to the server: TFTP sends again what is lost (the server, and
// the device after a second's silence), the copy lands whole, the verify passes and the upgrade
// goes on. (The path's RNG is seeded: the same datagrams are lost each run.)
TEST_F(UpgradeFaultsTest, LossAndDelayOnThePathAreRiddenOutByTftpRetries) {
  EXPECT_NE(Fault({"SW1->192.168.1.100", "loss", "15"}).find("fault #1"), std::string::npos);
  EXPECT_NE(Fault({"SW1->192.168.1.100", "delay", "5"}).find("fault #2"), std::string::npos);
  Outcome o = Upgrade(WritePolicy("failure_budget: 1\n"));
  EXPECT_EQ(o.exit_code, 0) << o.out;
  const auto& sw = Rec(o, "SW1");
  EXPECT_EQ(sw.outcome, DeviceOutcome::kUpgraded) << sw.failure;
  const auto copies = Sent(sw, "copy tftp:");
  ASSERT_FALSE(copies.empty());
  ASSERT_LE(copies.size(), 3u);
  // A copy stalled on a retry is waited for, never taken for a question it cannot answer.
  for (const auto& c : copies) EXPECT_EQ(c.output.find("Unsupported"), std::string::npos) << c.output;
  EXPECT_NE(copies.back().output.find("[OK - 250000 bytes]"), std::string::npos) << copies.back().output;
  EXPECT_NE(Step(sw, "verify").detail.find("matches"), std::string::npos) << Step(sw, "verify").detail;
  EXPECT_EQ(View("SW1", kNewSw).image, kNewSw);
  // Both faults stay until cleared.
  const std::string list = Fault({"list"});
  EXPECT_NE(list.find("loss"), std::string::npos) << list;
  EXPECT_NE(list.find("delay"), std::string::npos) << list;
}

// All of SW1's datagrams lost: each copy times out after IOS's retries, the orchestrator tries
// again (three times), deletes what is left, and stops before touching the boot statements.
TEST_F(UpgradeFaultsTest, ACopyThatKeepsTimingOutIsRetriedThenTheDeviceStops) {
  Fault({"SW1", "loss", "100"});
  Outcome o = Upgrade(WritePolicy("failure_budget: 1\n"));
  EXPECT_EQ(o.exit_code, 1) << o.out;
  const auto& sw = Rec(o, "SW1");
  EXPECT_EQ(sw.outcome, DeviceOutcome::kFailed);
  EXPECT_NE(sw.failure.find("copy failed"), std::string::npos) << sw.failure;
  EXPECT_NE(sw.failure.find("Timed out"), std::string::npos) << sw.failure;
  EXPECT_EQ(Sent(sw, "copy tftp:").size(), 3u);
  EXPECT_TRUE(Sent(sw, "boot system").empty());
  EXPECT_EQ(Reloads("SW1"), 0);
  EXPECT_FALSE(View("SW1", kNewSw).has_file_new);
  EXPECT_NE(Junit().find("Timed out"), std::string::npos);
  EXPECT_EQ(Rec(o, "R1").outcome, DeviceOutcome::kUpgraded) << Rec(o, "R1").failure;
}

// --- device faults before the reload ----------------------------------------------------------

// A corrupt copy onto SW1: the orchestrator's verify catches it, deletes the file, never sets a
// boot statement nor reloads, and says so; R1 (the canary) is upgraded.
TEST_F(UpgradeFaultsTest, CorruptCopyIsCaughtByVerifyAndNeverBooted) {
  Fault({"SW1", "corrupt"});
  Outcome o = Upgrade(WritePolicy("failure_budget: 1\n"));
  EXPECT_EQ(o.exit_code, 1) << o.out;
  const auto& sw = Rec(o, "SW1");
  EXPECT_EQ(sw.outcome, DeviceOutcome::kFailed);
  EXPECT_NE(sw.failure.find("MD5 mismatch"), std::string::npos) << sw.failure;
  EXPECT_NE(sw.failure.find("the file was deleted and nothing else changed"), std::string::npos) << sw.failure;
  EXPECT_TRUE(Sent(sw, "boot system").empty());
  EXPECT_EQ(Reloads("SW1"), 0);
  EXPECT_FALSE(View("SW1", kNewSw).has_file_new) << "the bad copy is deleted";
  EXPECT_NE(Junit().find("MD5 mismatch"), std::string::npos);
  EXPECT_NE(Events().find("consumed: the copy of tftp://192.168.1.100/" + std::string(kNewSw)),
            std::string::npos) << Events();
  EXPECT_EQ(Rec(o, "R1").outcome, DeviceOutcome::kUpgraded);
}

// A full flash on SW1, declared in the topology: the image cannot go there, the device is not
// reloaded.
TEST_F(UpgradeFaultsTest, FullFlashStopsTheDeviceBeforeAnyReload) {
  StopLab();
  StartLab(std::string(kFaultsLab) + "faults:\n  - {target: SW1, kind: flash-full}\n");
  EXPECT_NE(Fault({"list"}).find("topology"), std::string::npos);
  Outcome o = Upgrade(WritePolicy("failure_budget: 1\n"));
  EXPECT_EQ(o.exit_code, 1) << o.out;
  const auto& sw = Rec(o, "SW1");
  EXPECT_EQ(sw.outcome, DeviceOutcome::kFailed);
  EXPECT_NE(sw.failure.find("space"), std::string::npos) << sw.failure;
  EXPECT_TRUE(Sent(sw, "boot system").empty());
  EXPECT_EQ(Reloads("SW1"), 0);
  EXPECT_EQ(View("SW1", kNewSw).image, kOldSw);
}

// Writes to SW1's flash fail: every copy attempt ends in the device's error, none is left in
// flash, the device is not reloaded.
TEST_F(UpgradeFaultsTest, FlashWriteErrorsFailEveryCopyAndTheDeviceStops) {
  Fault({"SW1", "flash-write-error"});
  Outcome o = Upgrade(WritePolicy("failure_budget: 1\n"));
  EXPECT_EQ(o.exit_code, 1) << o.out;
  const auto& sw = Rec(o, "SW1");
  EXPECT_EQ(sw.outcome, DeviceOutcome::kFailed);
  EXPECT_NE(sw.failure.find("copy failed: %Error"), std::string::npos) << sw.failure;
  EXPECT_NE(sw.failure.find("(I/O error)"), std::string::npos) << sw.failure;
  EXPECT_EQ(Sent(sw, "copy tftp:").size(), 3u) << "tried again: a write error may pass";
  EXPECT_TRUE(Sent(sw, "boot system").empty());
  EXPECT_EQ(Reloads("SW1"), 0);
  EXPECT_FALSE(View("SW1", kNewSw).has_file_new);
}

// `verify /md5` at 25 KB/s on SW1 (ten seconds for its image, longer than a fixed 10 s read
// timeout): the orchestrator sizes its wait from the platform's hash rate, so it waits it out.
TEST_F(UpgradeFaultsTest, ASlowHashIsWaitedFor) {
  Fault({"SW1", "slow-hash", "25000"});
  Outcome o = Upgrade(WritePolicy("failure_budget: 1\n"));
  EXPECT_EQ(o.exit_code, 0) << o.out;
  const auto& sw = Rec(o, "SW1");
  EXPECT_EQ(sw.outcome, DeviceOutcome::kUpgraded) << sw.failure;
  const auto verifies = Sent(sw, "verify /md5");
  ASSERT_FALSE(verifies.empty());
  EXPECT_NE(verifies.back().output.find(" = "), std::string::npos) << verifies.back().output;
}

// A hash far slower than the platform's (2.5 KB/s: 100 s for SW1's image) outlasts even that
// wait: the verify times out, the device is never booted onto an unverified image.
TEST_F(UpgradeFaultsTest, AHashSlowerThanThePlatformTimesTheVerifyOut) {
  Fault({"SW1", "slow-hash", "rate=2500"});
  Outcome o = Upgrade(WritePolicy("failure_budget: 1\n"));
  EXPECT_EQ(o.exit_code, 1) << o.out;
  const auto& sw = Rec(o, "SW1");
  EXPECT_EQ(sw.outcome, DeviceOutcome::kFailed);
  EXPECT_TRUE(sw.failure.starts_with("verify: ")) << sw.failure;
  EXPECT_NE(sw.failure.find("gave no prompt in time"), std::string::npos) << sw.failure;
  EXPECT_TRUE(Sent(sw, "boot system").empty());
  EXPECT_EQ(Reloads("SW1"), 0);
}

// --- faults at and after the reload -----------------------------------------------------------

// The new image crashes at its first boot on R1: ROMMON falls back to the next boot statement
// (the old image), the post-check sees the wrong version, and the orchestrator rolls back.
TEST_F(UpgradeFaultsTest, ANewImageThatCrashesFallsBackAndIsRolledBack) {
  Fault({"R1", "boot-crash", kNewR1});
  Outcome o = Upgrade(WritePolicy(""));
  EXPECT_EQ(o.exit_code, 1) << o.out;
  const auto& r1 = Rec(o, "R1");
  EXPECT_EQ(r1.outcome, DeviceOutcome::kRolledBack) << r1.failure;
  EXPECT_NE(r1.failure.find("post-check: runs"), std::string::npos) << r1.failure;
  EXPECT_NE(r1.failure.find(std::string("not bootflash:") + kNewR1), std::string::npos) << r1.failure;
  EXPECT_NE(r1.failure.find(std::string("rolled back to bootflash:") + kOldR1), std::string::npos) << r1.failure;
  DeviceView v = View("R1", kNewR1);
  EXPECT_EQ(v.image, kOldR1);
  EXPECT_EQ(v.startup_boot, (std::vector<std::string>{std::string("bootflash:") + kOldR1}));
  EXPECT_EQ(Reloads("R1"), 2) << "the upgrade's reload and the rollback's";
  EXPECT_NE(Events().find("consumed: the boot of R1 crashed"), std::string::npos) << Events();
  // R1 was the canary: over a budget of 0, SW1 is never touched.
  EXPECT_EQ(Rec(o, "SW1").outcome, DeviceOutcome::kPending);
  EXPECT_EQ(Reloads("SW1"), 0);
}

// An interface that stays down after R1's boot: the interfaces post-check sees the loss, the
// orchestrator rolls back and names the interface.
TEST_F(UpgradeFaultsTest, AnInterfaceDownAfterTheBootFailsThePostCheckAndRollsBack) {
  EXPECT_NE(Fault({"R1:Gi0/0/0", "link-down-after-boot"}).find("fault #1"), std::string::npos);
  Outcome o = Upgrade(WritePolicy(""));
  EXPECT_EQ(o.exit_code, 1) << o.out;
  const auto& r1 = Rec(o, "R1");
  EXPECT_EQ(r1.outcome, DeviceOutcome::kRolledBack) << r1.failure;
  EXPECT_NE(r1.failure.find("post-check: lost interface GigabitEthernet0/0/0 up/up -> down/down"), std::string::npos) << r1.failure;
  EXPECT_TRUE(std::ranges::any_of(r1.changes, [](const upgrade::ChangeRecord& c) {
    return c.loss && c.what.find("GigabitEthernet0/0/0") != std::string::npos;
  }));
  EXPECT_EQ(View("R1", kNewR1).image, kOldR1);
  EXPECT_EQ(Reloads("R1"), 2);
  EXPECT_NE(Junit().find("GigabitEthernet0/0/0"), std::string::npos);
  EXPECT_NE(Events().find("R1 GigabitEthernet0/0/0 stays down after its boot"), std::string::npos) << Events();
}

// R1's new image no longer forms its OSPF adjacency with R2 (hellos over Gi0/0/1 are heard in
// neither direction; the link stays up): the OSPF post-check waits the policy's neighbour wait
// for 2.2.2.2 to come back, then fails the device naming the neighbour and the interface, and
// the orchestrator rolls back. Cleared, the adjacency forms again.
TEST_F(UpgradeFaultsTest, AnOspfNeighbourThatDoesNotReturnFailsThePostCheckAndRollsBack) {
  StopLab();
  StartLab(kOspfLab);
  ASSERT_TRUE(Eventually([&] { return OspfAdjacent(); })) << "R1 and R2 are OSPF neighbours before the upgrade";
  EXPECT_NE(Fault({"R1:Gi0/0/1", "ospf-neighbor-lost"}).find("fault #1"), std::string::npos);
  Outcome o = Upgrade(WritePolicy(std::string(kOspfPolicy) + "neighbor_wait_seconds: 6\n"));
  EXPECT_EQ(o.exit_code, 1) << o.out;
  const auto& r1 = Rec(o, "R1");
  EXPECT_EQ(r1.outcome, DeviceOutcome::kRolledBack) << r1.failure;
  EXPECT_NE(r1.failure.find("post-check: lost OSPF neighbour 2.2.2.2 on GigabitEthernet0/0/1 FULL/- -> missing "
                            "(not back within 6 s)"),
            std::string::npos) << r1.failure;
  EXPECT_NE(r1.failure.find(std::string("rolled back to bootflash:") + kOldR1), std::string::npos) << r1.failure;
  EXPECT_TRUE(std::ranges::any_of(r1.changes, [](const upgrade::ChangeRecord& c) {
    return c.loss && c.what == "OSPF neighbour 2.2.2.2 on GigabitEthernet0/0/1";
  }));
  // The interface itself is fine: only the adjacency is lost.
  EXPECT_FALSE(std::ranges::any_of(r1.changes, [](const upgrade::ChangeRecord& c) {
    return c.what.starts_with("interface GigabitEthernet0/0/1");
  }));
  // The neighbour was waited for, not judged at the first look.
  const upgrade::StepRecord post = Step(r1, "post-check");
  EXPECT_EQ(post.outcome, upgrade::StepOutcome::kFailed);
  EXPECT_GE(post.finished - post.started, std::chrono::seconds(6));
  EXPECT_EQ(View("R1", kNewR1).image, kOldR1);
  EXPECT_EQ(Reloads("R1"), 2) << "the upgrade's reload and the rollback's";
  EXPECT_EQ(Rec(o, "R2").outcome, DeviceOutcome::kPending);
  EXPECT_EQ(Reloads("R2"), 0);
  EXPECT_NE(Junit().find("OSPF neighbour 2.2.2.2 on GigabitEthernet0/0/1"), std::string::npos);
  EXPECT_NE(Html().find("OSPF neighbour 2.2.2.2 on GigabitEthernet0/0/1"), std::string::npos);
  EXPECT_NE(Events().find("R1 GigabitEthernet0/0/1 hears no OSPF hellos and sends none from this boot on (fault #1)"),
            std::string::npos) << Events();
  // The fault lasts until cleared, through the rollback's boot too; cleared, R1 and R2 are
  // neighbours again.
  EXPECT_FALSE(OspfAdjacent());
  Fault({"clear", "1"});
  EXPECT_TRUE(Eventually([&] { return OspfAdjacent(); }));
}

// The same neighbour missing after the boot, back 2 s later (the fault cleared meanwhile, as an
// adjacency that takes its time to form): within the policy's wait, so no loss, and the upgrade
// completes.
TEST_F(UpgradeFaultsTest, AnOspfNeighbourThatReturnsWithinTheWaitIsNoLoss) {
  StopLab();
  StartLab(kOspfLab);
  ASSERT_TRUE(Eventually([&] { return OspfAdjacent(); }));
  Fault({"R1:Gi0/0/1", "ospf-neighbor-lost"});
  std::atomic<bool> cleared = false;
  std::thread clearer([&] {
    // Once R1 runs the new image without its neighbour: 2 s later, the neighbour is back.
    for (int i = 0; i < 600 && !cleared; ++i) {
      const bool booted = OnLab([&](LabHost& h) {
        const Device& r1 = Dev(h, "R1");
        return r1.state() == DeviceState::kRunning && r1.image().file == kNewR1;
      });
      if (booted) {
        std::this_thread::sleep_for(std::chrono::seconds(2));
        Fault({"clear", "1"});
        cleared = true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  });
  Outcome o = Upgrade(WritePolicy(std::string(kOspfPolicy) + "neighbor_wait_seconds: 60\n"));
  clearer.join();
  ASSERT_TRUE(cleared);
  const auto& r1 = Rec(o, "R1");
  EXPECT_EQ(r1.outcome, DeviceOutcome::kUpgraded) << r1.failure << "\n" << o.out;
  const upgrade::StepRecord post = Step(r1, "post-check");
  EXPECT_EQ(post.outcome, upgrade::StepOutcome::kDone) << post.detail;
  EXPECT_GE(post.finished - post.started, std::chrono::seconds(1)) << "it waited for the neighbour";
  EXPECT_LT(post.finished - post.started, std::chrono::seconds(30));
  EXPECT_FALSE(std::ranges::any_of(r1.changes, [](const upgrade::ChangeRecord& c) { return c.loss; }));
  EXPECT_EQ(Reloads("R1"), 1);
  // R2 is upgraded after it (its own reload just ended): the two are neighbours again.
  EXPECT_TRUE(Eventually([&] { return OspfAdjacent(); }));
}

// SW1 loses power at the upgrade's reload: the orchestrator waits its boot timeout and reports
// the device lost, saying it did not come back.
TEST_F(UpgradeFaultsTest, DeviceThatLosesPowerAtItsReloadIsReportedLost) {
  Fault({"SW1", "power-lost"});
  Outcome o = Upgrade(WritePolicy("failure_budget: 1\nboot_timeout_seconds: 4\n"));
  EXPECT_EQ(o.exit_code, 1) << o.out;
  const auto& sw = Rec(o, "SW1");
  EXPECT_EQ(sw.outcome, DeviceOutcome::kLost) << sw.failure;
  EXPECT_NE(sw.failure.find("reload: did not come back within 4 s"), std::string::npos) << sw.failure;
  EXPECT_EQ(View("SW1", kNewSw).state, DeviceState::kOff);
  EXPECT_NE(Junit().find("did not come back within 4 s"), std::string::npos);
  EXPECT_EQ(Rec(o, "R1").outcome, DeviceOutcome::kUpgraded);
}

// SW1 comes back 3 s after its reload, within the boot timeout: the orchestrator keeps trying
// and the upgrade completes.
TEST_F(UpgradeFaultsTest, DeviceThatComesBackLateWithinTheTimeoutIsUpgraded) {
  Fault({"SW1", "slow-return", "0.05"});
  Outcome o = Upgrade(WritePolicy("failure_budget: 1\nboot_timeout_seconds: 60\n"));
  EXPECT_EQ(o.exit_code, 0) << o.out;
  const auto& sw = Rec(o, "SW1");
  EXPECT_EQ(sw.outcome, DeviceOutcome::kUpgraded) << sw.failure;
  EXPECT_NE(Events().find("SW1 powers on again"), std::string::npos) << Events();
  EXPECT_EQ(View("SW1", kNewSw).image, kNewSw);
}

// SW1 comes back only after a minute, past a 4 s boot timeout: lost, as far as the run knows.
TEST_F(UpgradeFaultsTest, DeviceThatComesBackAfterTheTimeoutIsReportedLost) {
  Fault({"SW1", "slow-return", "1"});
  Outcome o = Upgrade(WritePolicy("failure_budget: 1\nboot_timeout_seconds: 4\n"));
  EXPECT_EQ(o.exit_code, 1) << o.out;
  const auto& sw = Rec(o, "SW1");
  EXPECT_EQ(sw.outcome, DeviceOutcome::kLost) << sw.failure;
  EXPECT_NE(sw.failure.find("did not come back within 4 s"), std::string::npos) << sw.failure;
  EXPECT_EQ(View("SW1", kNewSw).state, DeviceState::kOff);
}

// --- the session --------------------------------------------------------------------------

// The SSH server drops SW1's session as the first line is sent on it (while the orchestrator
// logs in and sets the terminal up): the orchestrator connects again and carries on.
TEST_F(UpgradeFaultsTest, ADroppedSshSessionIsReconnectedAndTheUpgradeGoesOn) {
  Fault({"SW1", "ssh-drop"});
  Outcome o = Upgrade(WritePolicy("failure_budget: 1\n"));
  const auto& sw = Rec(o, "SW1");
  EXPECT_EQ(sw.outcome, DeviceOutcome::kUpgraded) << sw.failure << "\n" << o.out;
  EXPECT_EQ(o.exit_code, 0) << o.out;
  EXPECT_NE(Events().find("consumed: an SSH session on SW1 dropped as a command was sent"),
            std::string::npos) << Events();
}

// --- through the HTTP API ------------------------------------------------------------------

// The same corrupt copy, injected with curl through the lab's HTTP API (`iosup lab --http`);
// the list afterwards shows the fault consumed.
TEST_F(UpgradeFaultsTest, CorruptCopyInjectedWithCurlOverTheHttpApi) {
  if (!std::filesystem::exists("/usr/bin/curl")) GTEST_FAIL() << "missing install step: " << "curl is not installed";
  Result<uint16_t> port = AttachLabHttpApi(*host_, {.address = "127.0.0.1", .token = "lab-token"});
  ASSERT_TRUE(port.ok()) << port.status().ToString();
  const std::string base = "http://127.0.0.1:" + std::to_string(*port) + "/api/v1/faults";
  auto curl = [](const std::string& args) {
    std::string text;
    FILE* p = ::popen(("/usr/bin/curl -s -H 'Authorization: Bearer lab-token' -w ' HTTP%{http_code}' " +
                       args + " 2>&1").c_str(), "r");
    char buf[4096];
    for (size_t n; p && (n = std::fread(buf, 1, sizeof buf, p)) > 0;) text.append(buf, n);
    if (p) ::pclose(p);
    return text;
  };
  const std::string added =
      curl("-X POST -d '{\"target\": \"SW1\", \"kind\": \"corrupt\"}' " + base);
  EXPECT_NE(added.find("HTTP201"), std::string::npos) << added;
  EXPECT_NE(added.find("\"origin\": \"http\""), std::string::npos) << added;
  Outcome o = Upgrade(WritePolicy("failure_budget: 1\n"));
  EXPECT_EQ(o.exit_code, 1) << o.out;
  const auto& sw = Rec(o, "SW1");
  EXPECT_EQ(sw.outcome, DeviceOutcome::kFailed);
  EXPECT_NE(sw.failure.find("MD5 mismatch"), std::string::npos) << sw.failure;
  EXPECT_EQ(Reloads("SW1"), 0);
  const std::string list = curl(base);
  EXPECT_NE(list.find("\"faults\": []"), std::string::npos) << list;
  EXPECT_NE(list.find("HTTP200"), std::string::npos) << list;
}

}  // namespace
}  // namespace iosup
