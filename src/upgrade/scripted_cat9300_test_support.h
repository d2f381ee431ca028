// Test fixtures: a Catalyst 9300 stack in IOS-XE install mode upgraded from 17.06.05 to 17.09.04a
// with `install add` / `activate` / `commit`, scripted in the layout IOS-XE 17.x prints
// (hand-written, not copied from a capture). Phases: "before" (17.06.05 committed), "added"
// (17.09.04a inactive beside it), "activated" (17.09.04a running, uncommitted, after the
// activation's reload), "committed", "aborted" (17.06.05 again after `install abort`).
// ScriptedCat9300 is one such device, SW9, with `members` stack members, a journal in memory and
// a manual clock.
#ifndef IOSUP_UPGRADE_SCRIPTED_CAT9300_TEST_SUPPORT_H_
#define IOSUP_UPGRADE_SCRIPTED_CAT9300_TEST_SUPPORT_H_

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "testing/manual_clock.h"
#include "upgrade/device_upgrade.h"
#include "upgrade/journal.h"
#include "upgrade/scripted_cli_channel.h"
#include "upgrade/sqlite_journal.h"
#include "upgrade/upgrade_commands.h"

namespace iosup::upgrade::scripted9k {

inline constexpr char kNewBin[] = "cat9k_iosxe.17.09.04a.SPA.bin";
inline constexpr char kNewMd5[] = "6f1e3b0c2d9a8e7f5a4b3c2d1e0f9a8b";
inline constexpr uint64_t kNewSize = 1'180'000'000;
inline const std::string kNewPath = std::string("flash:") + kNewBin;

inline std::string ShowVersion(const std::string& xe, const std::string& restarted, int members) {
  std::string v = "Cisco IOS XE Software, Version " + xe + "\n";
  v += "Cisco IOS Software [Cupertino], Catalyst L3 Switch Software (CAT9K_IOSXE), Version " + xe +
       ", RELEASE SOFTWARE (fc3)\n"
       "Technical Support: http://www.cisco.com/techsupport\n\n"
       "BOOTLDR: System Bootstrap, Version 17.9.1r, RELEASE SOFTWARE (P)\n\n"
       "SW9 uptime is 1 week, 2 days, 3 hours, 4 minutes\n"
       "Uptime for this control processor is 1 week, 2 days, 3 hours, 6 minutes\n"
       "System returned to ROM by Reload Command\n";
  v += "System restarted at " + restarted + "\n";
  v += "System image file is \"flash:packages.conf\"\n"
       "Last reload reason: Reload Command\n\n"
       "cisco C9300-48P (X86) processor (revision V02) with 1863083K/6147K bytes of memory.\n"
       "Processor board ID FOC2417X0AB\n"
       "2048K bytes of non-volatile configuration memory.\n"
       "11264000K bytes of Flash at flash:.\n\n"
       "Switch Ports Model              SW Version        SW Image              Mode\n"
       "------ ----- -----              ----------        ----------            ----\n";
  for (int m = 1; m <= members; ++m) {
    v += std::string(m == 1 ? "*" : " ") + "    " + std::to_string(m) + " 65    C9300-48P          " + xe +
         "         CAT9K_IOSXE           INSTALL\n";
  }
  return v + "\nConfiguration register is 0x102\n";
}

// `show install summary` of a stack where every member has `rows` ("IMG   C    17.06.05.0.7").
inline std::string Summary(int members, const std::vector<std::string>& rows, bool timer_active = false) {
  std::string s = "[ Switch";
  for (int m = 1; m <= members; ++m) s += " " + std::to_string(m);
  s += " ] Installed Package(s) Information:\n"
       "State (St): I - Inactive, U - Activated & Uncommitted,\n"
       "            C - Activated & Committed, D - Deactivated & Uncommitted\n"
       "--------------------------------------------------------------------------------\n"
       "Type  St   Filename/Version\n"
       "--------------------------------------------------------------------------------\n";
  for (const std::string& r : rows) s += r + "\n";
  return s + "\n--------------------------------------------------------------------------------\n" +
         (timer_active ? "Auto abort timer: active on install_activate, time before rollback - 02:59:40\n"
                       : "Auto abort timer: inactive\n") +
         "--------------------------------------------------------------------------------\n";
}

inline std::string ShowSwitch(int members, const std::string& last_state = "Ready") {
  std::string s =
      "Switch/Stack Mac Address : 0c75.bd6e.db00 - Local Mac Address\n"
      "Mac persistency wait time: Indefinite\n"
      "                                             H/W   Current\n"
      "Switch#   Role    Mac Address     Priority Version  State \n"
      "-------------------------------------------------------------------------------------\n";
  for (int m = 1; m <= members; ++m) {
    const std::string role = m == 1 ? "Active " : m == 2 ? "Standby" : "Member ";
    s += std::string(m == 1 ? "*" : " ") + std::to_string(m) + "       " + role + "  0c75.bd6e.db0" +
         std::to_string(m) + "     " + std::to_string(16 - m) + "     V02     " +
         (m == members ? last_state : "Ready") + "\n";
  }
  return s;
}

inline std::string Dir(const std::string& fs, uint64_t free, bool with_bin) {
  std::string d = "Directory of " + fs + "/\n\n"
                  "  475140  -rw-             7406  Mar 5 2026 09:01:11 +00:00  packages.conf\n"
                  "  475141  -rw-        512329048  Mar 5 2026 09:01:11 +00:00  cat9k-rpbase.17.06.05.SPA.pkg\n";
  if (with_bin) d += "  475150  -rw-       1180000000  Mar 5 2026 09:20:00 +00:00  " + std::string(kNewBin) + "\n";
  return d + "\n11353194496 bytes total (" + std::to_string(free) + " bytes free)\n";
}

inline std::string Config(const std::vector<std::string>& boot, bool startup) {
  std::string c = startup ? "Using 2211 out of 2097152 bytes\n"
                          : "Building configuration...\n\nCurrent configuration : 2211 bytes\n";
  c += "!\nversion 17.6\n!\nhostname SW9\n!\n";
  for (const std::string& b : boot) c += "boot system " + b + "\n";
  return c + "!\ninterface Vlan1\n ip address 192.168.1.20 255.255.255.0\n!\nend\n";
}

inline std::string Q(const std::string& text) { return RE2::QuoteMeta(text); }

inline std::string Success(const std::string& op) {
  return "install_" + op + ": START Thu Mar  5 09:30:00 UTC 2026\n"
         "--- Starting " + op + " ---\nPerforming " + op + " on all members\n"
         "SUCCESS: install_" + op + " Thu Mar  5 09:31:00 UTC 2026\n";
}

// A stack of `members` that upgrades cleanly in install mode.
inline void ScriptCat9300(ScriptedDevice& d, int members) {
  const std::string any = ScriptedDevice::kAnyPhase;
  const std::vector<std::string> boot = {"flash:packages.conf"};
  const std::string old_row = "IMG   C    17.06.05.0.7";
  d.On(any, "configure terminal", "Enter configuration commands, one per line.  End with CNTL/Z.\n")
      .On(any, "(no )?boot system \\S+", "")
      .On(any, "end", "")
      .On(any, Q(SaveCommand()),
          ScriptedReply{.questions = {"Destination filename [startup-config]? "},
                        .output = "Building configuration...\n[OK]\n"})
      .On(any, "ping 192\\.168\\.1\\.100",
          "Type escape sequence to abort.\n!!!!!\nSuccess rate is 100 percent (5/5), round-trip min/avg/max = 1/1/2 ms\n")
      .On(any, "show ip interface brief",
          "Interface              IP-Address      OK? Method Status                Protocol\n"
          "Vlan1                  192.168.1.20    YES NVRAM  up                    up      \n")
      .On(any, "show cdp neighbors", "% CDP is not enabled\n")
      .On(any, "show ip ospf neighbor", "")
      .On(any, "show install rollback",
          "ID      Label                     Description\n"
          "-----------------------------------------------\n"
          "1       No Label                  No Description\n")
      .On(any, "show switch", ShowSwitch(members))
      .On(any, "dir flash:", Dir("flash:", 9'000'000'000, false))
      .On(any, "dir flash-\\d+:", Dir("flash-2:", 9'000'000'000, false))
      .On(any, "show running-config \\| include boot system", "boot system flash:packages.conf\n")
      .On(any, "show startup-config \\| include boot system", "boot system flash:packages.conf\n")
      .On(any, "show running-config", Config(boot, false))
      .On(any, "show startup-config", Config(boot, true))
      .On(any, "copy running-config tftp://\\S+",
          ScriptedReply{.questions = {"Address or name of remote host [192.168.1.100]? ", "Destination filename ["},
                        .output = "!!\n2211 bytes copied in 0.352 secs (6281 bytes/sec)\n"})
      .On(any, "delete /force \\S+", "");
  d.On("before", "show version", ShowVersion("17.06.05", "09:01:00 UTC Mon Mar 2 2026", members))
      .On("before", "show install summary", Summary(members, {old_row}))
      .On("before", Q("copy tftp://192.168.1.100/" + std::string(kNewBin) + " " + kNewPath),
          ScriptedReply{.questions = {"Destination filename [" + std::string(kNewBin) + "]? "},
                        .output = "Accessing tftp://192.168.1.100/" + std::string(kNewBin) + "...\n!!!!!\n"
                                  "[OK - 1180000000 bytes]\n\n1180000000 bytes copied in 900.1 secs (1310965 bytes/sec)\n",
                        .delay = std::chrono::seconds(900)})
      .On("before", Q("verify /md5 " + kNewPath),
          ScriptedReply{.output = ".....Done!\nverify /md5 (" + kNewPath + ") = " + kNewMd5 + "\n",
                        .delay = std::chrono::seconds(100)})
      .On("before", Q(InstallAddCommand(kNewPath)),
          ScriptedReply{.output = Success("add"), .delay = std::chrono::seconds(400), .then_phase = "added"});
  d.On("added", "show version", ShowVersion("17.06.05", "09:01:00 UTC Mon Mar 2 2026", members))
      .On("added", "show install summary", Summary(members, {"IMG   I    17.09.04a.0.6", old_row}))
      .On("added", "install activate auto-abort-timer \\d+ prompt-level none",
          ScriptedReply{.output = "install_activate: START Thu Mar  5 09:40:00 UTC 2026\n"
                                  "install_activate: Activating IMG\n",
                        .delay = std::chrono::seconds(60), .reboot_to = "activated"});
  d.On("activated", "show version", ShowVersion("17.09.04a", "09:49:00 UTC Thu Mar 5 2026", members))
      .On("activated", "show install summary",
          Summary(members, {"IMG   U    17.09.04a.0.6", "IMG   I    17.06.05.0.7"}, true))
      .On("activated", "install commit",
          ScriptedReply{.output = Success("commit"), .delay = std::chrono::seconds(20), .then_phase = "committed"})
      .On("activated", "install abort",
          ScriptedReply{.questions = {"This operation may require a reload of the system. Do you want to proceed? [y/n]"},
                        .output = "install_abort: START\n", .reboot_to = "aborted"});
  d.On("committed", "show version", ShowVersion("17.09.04a", "09:49:00 UTC Thu Mar 5 2026", members))
      .On("committed", "show install summary",
          Summary(members, {"IMG   C    17.09.04a.0.6", "IMG   I    17.06.05.0.7"}));
  d.On("aborted", "show version", ShowVersion("17.06.05", "10:02:00 UTC Thu Mar 5 2026", members))
      .On("aborted", "show install summary", Summary(members, {"IMG   I    17.09.04a.0.6", old_row}));
}

struct Killed {};  // thrown by a crash point: the run dies there, its journal stays

class ScriptedCat9300 : public ::testing::Test {
 protected:
  explicit ScriptedCat9300(int members = 3) : members_(members) {
    Result<std::unique_ptr<SqliteJournal>> journal = SqliteJournal::Open(":memory:");
    EXPECT_TRUE(journal.ok()) << journal.status().ToString();
    journal_ = std::move(*journal);
    Result<std::string> run = journal_->BeginRun(
        {.id = "20260305-093000", .started = clock_.Now(), .devices = {{.name = "SW9", .address = "192.0.2.9"}}});
    EXPECT_TRUE(run.ok()) << run.status().ToString();
    policy_.images = {{.family = "cat9k", .file = kNewBin, .version = "17.09.04a", .md5 = kNewMd5, .size = kNewSize}};
    policy_.transfer.server = "192.168.1.100";
    env_ = {.policy = &policy_,
            .journal = journal_.get(),
            .clock = &clock_,
            .run_id = "20260305-093000",
            .connect = [this](const InventoryHost&) { return sw_.Connect(); }};
    sw_.set_boot_time(std::chrono::minutes(9));
    ScriptCat9300(sw_, members_);
  }

  DeviceRecord Upgrade(const DeviceRecord* previous = nullptr) {
    DeviceUpgrade upgrade(host_, 1, env_, previous);
    return upgrade.Run();
  }
  // The journal's record of the device, as --resume loads it.
  DeviceRecord Journaled() {
    Result<RunRecord> run = journal_->LoadRun(env_.run_id);
    EXPECT_TRUE(run.ok() && run->devices.size() == 1);
    return run.ok() && !run->devices.empty() ? run->devices[0] : DeviceRecord{};
  }
  int Sent(const std::string& pattern) const {
    const RE2 re(pattern);
    return static_cast<int>(std::ranges::count_if(
        sw_.log(), [&](const ScriptedDevice::Exchange& e) { return RE2::FullMatch(e.command, re); }));
  }
  bool SentBefore(const std::string& first, const std::string& then) const {
    const std::vector<std::string> sent = sw_.commands();
    auto a = std::ranges::find_if(sent, [&](const std::string& c) { return RE2::FullMatch(c, first); });
    auto b = std::ranges::find_if(sent, [&](const std::string& c) { return RE2::FullMatch(c, then); });
    return b != sent.end() && a < b;
  }

  int members_;
  ManualClock clock_;
  ScriptedDevice sw_{"SW9", "before", clock_};
  InventoryHost host_{.name = "SW9", .address = "192.0.2.9", .platform = "C9300"};
  Policy policy_;
  std::unique_ptr<Journal> journal_;
  UpgradeEnv env_;
};

}  // namespace iosup::upgrade::scripted9k

#endif  // IOSUP_UPGRADE_SCRIPTED_CAT9300_TEST_SUPPORT_H_
