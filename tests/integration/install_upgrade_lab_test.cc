// The orchestrator's install path end to end against emulated IOS-XE devices over real SSH: a
// Catalyst 9300 and an ISR4321 booted in install mode, the one-shot variant, a bundle-mode 9300
// converted to install mode, a bundle-mode one the policy leaves in bundle mode, and a 3-member
// stack (upgraded whole, or stopped when one member lacks room).
#include <gtest/gtest.h>

#include "device/install/install_state.h"
#include "tests/integration/upgrade_lab_fixture.h"

namespace iosup {
namespace {

using upgrade::DeviceOutcome;

constexpr const char* kNew9k = "cat9k_iosxe.17.09.04a.SPA.bin";
constexpr const char* kNewIsr = "isr4300-universalk9.16.12.04.SPA.bin";

constexpr const char* kInstallLab = R"(
devices:
  - {name: SW9, platform: C9300, hostname: SW9, image_size: 400000, address: 192.168.1.9,
     interface: Vlan1, mode: install}
  - {name: R1, platform: ISR4321, hostname: R1, image_size: 300000, address: 192.168.1.1, mode: install}
servers:
  - type: tftp
    address: 192.168.1.100
    files:
      - {name: cat9k_iosxe.17.09.04a.SPA.bin, size: 500000}
      - {name: isr4300-universalk9.16.12.04.SPA.bin, size: 400000}
)";

class InstallLab : public OrchestratorLab {
 protected:
  void SetUp() override { StartLab(kInstallLab); }

  // The device's install state, read on the lab's thread.
  InstallState State(const std::string& name) {
    return OnLab([&](LabHost& h) { return Dev(h, name).install().state(); });
  }
};

TEST_F(InstallLab, UpgradesACatalyst9300AndAnIsr4321InInstallMode) {
  Outcome o = Upgrade(WritePolicy(""));
  ASSERT_EQ(o.exit_code, 0) << o.out << o.err;
  for (const char* name : {"SW9", "R1"}) {
    EXPECT_EQ(Rec(o, name).outcome, DeviceOutcome::kUpgraded) << name << ": " << Rec(o, name).failure;
    EXPECT_EQ(Reloads(name), 1) << name;
    EXPECT_EQ(View(name, "").image, "packages.conf") << name;
  }
  // The 9300 says so in its switch table (the ISR4321 on 16.12 prints no mode line).
  EXPECT_EQ(Rec(o, "SW9").facts_after.count("mode") ? Rec(o, "SW9").facts_after.at("mode") : "", "INSTALL");
  const InstallState sw9 = State("SW9");
  EXPECT_EQ(sw9.committed, "17.09.04a");
  EXPECT_FALSE(sw9.pending());
  EXPECT_EQ(State("R1").committed, "16.12.04");
  // The three separate steps, the commit only after the post-checks.
  std::vector<std::string> sent;
  for (const upgrade::CommandRecord& c : Rec(o, "SW9").commands) {
    if (c.command.starts_with("install ")) sent.push_back(c.command);
  }
  ASSERT_EQ(sent.size(), 3u);
  EXPECT_EQ(sent[0], std::string("install add file flash:") + kNew9k);
  EXPECT_TRUE(sent[1].starts_with("install activate auto-abort-timer ")) << sent[1];
  EXPECT_EQ(sent[2], "install commit");

  // A second run finds both committed on the target and changes nothing.
  Outcome again = Upgrade(WritePolicy(""));
  EXPECT_EQ(again.exit_code, 0) << again.out;
  EXPECT_EQ(Rec(again, "SW9").outcome, DeviceOutcome::kCurrent) << Rec(again, "SW9").failure;
  EXPECT_EQ(Reloads("SW9"), 1);
}

TEST_F(InstallLab, OneShotAddsActivatesAndCommitsInOneCommand) {
  Outcome o = Upgrade(WritePolicy("install: {steps: one_shot}\n"));
  ASSERT_EQ(o.exit_code, 0) << o.out << o.err;
  EXPECT_EQ(Rec(o, "SW9").outcome, DeviceOutcome::kUpgraded) << Rec(o, "SW9").failure;
  int install_commands = 0;
  for (const upgrade::CommandRecord& c : Rec(o, "SW9").commands) install_commands += c.command.starts_with("install ");
  EXPECT_EQ(install_commands, 1);
  EXPECT_EQ(State("SW9").committed, "17.09.04a");
}

// A package of the new release is lost while SW9 reloads into it (the field's classic: a `.pkg`
// deleted after the activation): packages.conf cannot boot, the switch stops in ROMMON, and the
// run reports it lost while R1, within the failure budget, is upgraded.
TEST_F(InstallLab, APackageLostAtTheActivationReloadIsReportedAndTheWaveGoesOn) {
  const std::string package = "flash:cat9k-rpbase.17.09.04a.SPA.pkg";
  EXPECT_NE(Fault({"SW9", "file-lost", package}).find("fault #1"), std::string::npos);
  Outcome o = Upgrade(WritePolicy("failure_budget: 1\nboot_timeout_seconds: 4\n"));
  EXPECT_EQ(o.exit_code, 1) << o.out;
  const upgrade::DeviceRecord& sw9 = Rec(o, "SW9");
  EXPECT_EQ(sw9.outcome, DeviceOutcome::kLost) << sw9.failure;
  EXPECT_NE(sw9.failure.find("did not come back within 4 s"), std::string::npos) << sw9.failure;
  EXPECT_EQ(View("SW9", "").state, DeviceState::kRomMonitor);
  EXPECT_NE(Events().find("consumed: SW9 went off and lost " + package), std::string::npos) << Events();
  // Never committed: the switch's record of what is committed is still the old release.
  EXPECT_NE(State("SW9").committed, "17.09.04a");
  EXPECT_EQ(Rec(o, "R1").outcome, DeviceOutcome::kUpgraded) << Rec(o, "R1").failure;
  EXPECT_EQ(State("R1").committed, "16.12.04");
}

constexpr const char* kBundleLab = R"(
devices:
  - {name: SW9, platform: C9300, hostname: SW9, image_size: 400000, address: 192.168.1.9,
     interface: Vlan1, mode: bundle}
servers:
  - type: tftp
    address: 192.168.1.100
    files:
      - {name: cat9k_iosxe.17.09.04a.SPA.bin, size: 500000}
)";

class BundleLab : public InstallLab {
 protected:
  void SetUp() override { StartLab(kBundleLab); }
};

TEST_F(BundleLab, ConvertsABundleModeSwitchToInstallMode) {
  const std::string old_bin = View("SW9", "").image;
  ASSERT_TRUE(old_bin.ends_with(".bin")) << old_bin;
  Outcome o = Upgrade(WritePolicy("convert_to_install: true\n"));
  ASSERT_EQ(o.exit_code, 0) << o.out << o.err;
  EXPECT_EQ(Rec(o, "SW9").outcome, DeviceOutcome::kUpgraded) << Rec(o, "SW9").failure;
  const DeviceView v = View("SW9", "");
  EXPECT_EQ(v.image, "packages.conf");
  // The conversion leaves packages.conf first (IOS-XE's own rewrite may drop the .bin fallback
  // the boot step added for the reload).
  ASSERT_FALSE(v.startup_boot.empty());
  EXPECT_EQ(v.startup_boot[0], "flash:packages.conf");
  EXPECT_EQ(State("SW9").committed, "17.09.04a");
  EXPECT_EQ(Reloads("SW9"), 1);
}

TEST_F(BundleLab, WithoutConversionABundleSwitchStaysInBundleMode) {
  Outcome o = Upgrade(WritePolicy(""));
  ASSERT_EQ(o.exit_code, 0) << o.out << o.err;
  EXPECT_EQ(View("SW9", "").image, kNew9k);
  EXPECT_TRUE(State("SW9").committed.empty());
}

// A 3-member Catalyst 9300 stack whose third switch rejoins late after each reload.
constexpr const char* kStackLab = R"(
devices:
  - {name: ST1, platform: C9300, hostname: ST1, image_size: 400000, address: 192.168.1.9,
     interface: Vlan1, mode: install, stack: 3, members: [{switch: 3, join_delay: 3}]}
servers:
  - type: tftp
    address: 192.168.1.100
    files:
      - {name: cat9k_iosxe.17.09.04a.SPA.bin, size: 500000}
)";

// The same stack with a second switch whose flash has no room for the new release's packages
// (it holds the running one's, about 1.3 MB, in 2 MB).
constexpr const char* kShortMemberLab = R"(
devices:
  - {name: ST2, platform: C9300, hostname: ST2, image_size: 400000, address: 192.168.1.10,
     interface: Vlan1, mode: install, stack: 3, members: [{switch: 2, flash_bytes: 2000000}]}
servers:
  - type: tftp
    address: 192.168.1.100
    files:
      - {name: cat9k_iosxe.17.09.04a.SPA.bin, size: 500000}
)";

class StackLab : public InstallLab {
 protected:
  void SetUp() override {}
};

TEST_F(StackLab, UpgradesEveryMemberOfAStackAndWaitsForTheLateOne) {
  StartLab(kStackLab);
  Outcome o = Upgrade(WritePolicy(""));
  ASSERT_EQ(o.exit_code, 0) << o.out << o.err;
  const upgrade::DeviceRecord& r = Rec(o, "ST1");
  EXPECT_EQ(r.outcome, DeviceOutcome::kUpgraded) << r.failure;
  EXPECT_EQ(Reloads("ST1"), 1);
  EXPECT_EQ(State("ST1").committed, "17.09.04a");
  // The facts before named every member; after the reload all three are back and Ready.
  ASSERT_TRUE(r.facts_after.count("stack")) << o.out;
  EXPECT_EQ(r.facts_after.at("stack"), "1 Active Ready, 2 Standby Ready, 3 Member Ready");
  // Each member's flash was read before anything changed.
  bool read_member_3 = false;
  for (const upgrade::CommandRecord& c : r.commands) read_member_3 |= c.command == "dir flash-3:";
  EXPECT_TRUE(read_member_3);
}

TEST_F(StackLab, OneMemberShortOfSpaceStopsTheStackBeforeAnythingChanges) {
  StartLab(kShortMemberLab);
  Outcome o = Upgrade(WritePolicy(""));
  EXPECT_NE(o.exit_code, 0) << o.out;
  const upgrade::DeviceRecord& r = Rec(o, "ST2");
  EXPECT_EQ(r.outcome, DeviceOutcome::kFailed);
  EXPECT_NE(r.failure.find("not enough space on switch 2 (flash-2:"), std::string::npos) << r.failure;
  for (const upgrade::CommandRecord& c : r.commands) {
    EXPECT_FALSE(c.command.starts_with("copy ") || c.command.starts_with("install ")) << c.command;
  }
  EXPECT_EQ(Reloads("ST2"), 0);
  EXPECT_TRUE(State("ST2").committed != "17.09.04a");
}

}  // namespace
}  // namespace iosup
