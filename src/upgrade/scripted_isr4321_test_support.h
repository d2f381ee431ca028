// Test fixtures: an ISR4321 on IOS-XE 16.09.06 upgraded to 16.12.04 on bootflash:, scripted in
// the words a real ISR4321 prints (layout of IOS-XE 16.x `show version`, `dir`, `copy`, `verify`,
// `reload`; hand-written, not copied from a capture). Phases: "before" (16.09.06), "after"
// (16.12.04, booted by the upgrade's reload), "rolled-back" (16.09.06 again, a later boot).
// ScriptedIsr4321 is one such device, R1, with a journal in memory and a manual clock: a test
// changes the table (a rule it adds wins over the defaults) and the policy before Upgrade().
#ifndef IOSUP_UPGRADE_SCRIPTED_ISR4321_TEST_SUPPORT_H_
#define IOSUP_UPGRADE_SCRIPTED_ISR4321_TEST_SUPPORT_H_

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "testing/manual_clock.h"
#include "upgrade/device_upgrade.h"
#include "upgrade/journal.h"
#include "upgrade/sqlite_journal.h"
#include "upgrade/scripted_cli_channel.h"
#include "upgrade/upgrade_commands.h"

namespace iosup::upgrade::scripted {

inline constexpr char kOld[] = "isr4300-universalk9.16.09.06.SPA.bin";
inline constexpr char kNew[] = "isr4300-universalk9.16.12.04.SPA.bin";
inline constexpr char kNewMd5[] = "0b5d7c6e41cf3dee2ba4a9a8e5f1c7d2";
inline constexpr uint64_t kNewSize = 521347072;

// `show version` of an ISR4321 named `host` running `image` (IOS-XE `xe`, IOSd `iosd`, train
// `train`).
inline std::string ShowVersion(const std::string& host, const std::string& xe,
                               const std::string& iosd, const std::string& train,
                               const std::string& image, const std::string& restarted,
                               const std::string& confreg = "0x2102") {
  std::string v = "Cisco IOS XE Software, Version " + xe + "\n";
  v += "Cisco IOS Software [" + train + "], ISR Software (X86_64_LINUX_IOSD-UNIVERSALK9-M), ";
  v += "Version " + iosd + ", RELEASE SOFTWARE (fc3)\n";
  v += "Technical Support: http://www.cisco.com/techsupport\n"
       "Copyright (c) 1986-2020 by Cisco Systems, Inc.\n"
       "Compiled Thu 09-Jul-20 21:49 by mcpre\n\n\n"
       "Cisco IOS-XE software, Copyright (c) 2005-2020 by cisco Systems, Inc.\n"
       "All rights reserved.  Certain components of Cisco IOS-XE software are\n"
       "licensed under the GNU General Public License (\"GPL\") Version 2.0.\n\n"
       "ROM: IOS-XE ROMMON\n\n";
  v += host + " uptime is 2 weeks, 3 days, 4 hours, 12 minutes\n";
  v += "Uptime for this control processor is 2 weeks, 3 days, 4 hours, 14 minutes\n"
       "System returned to ROM by Reload Command\n";
  v += "System restarted at " + restarted + "\n";
  v += "System image file is \"bootflash:" + image + "\"\n";
  v += "Last reload reason: Reload Command\n\n"
       "cisco ISR4321/K9 (1RU) processor with 1647778K/6147K bytes of memory.\n"
       "Processor board ID FLM2207W0QX\n"
       "2 Gigabit Ethernet interfaces\n"
       "32768K bytes of non-volatile configuration memory.\n"
       "4194304K bytes of physical memory.\n"
       "7094271K bytes of flash memory at bootflash:.\n\n";
  return v + "Configuration register is " + confreg + "\n";
}

inline std::string Dir(bool with_new) {
  std::string d =
      "Directory of bootflash:/\n\n"
      "   11  drwx            16384   Nov 3 2021 09:12:40 +00:00  lost+found\n"
      "786433  drwx             4096  Feb 19 2026 18:02:03 +00:00  .installer\n"
      "   12  -rw-        486174912  Mar 14 2021 10:01:27 +00:00  "
      "isr4300-universalk9.16.09.06.SPA.bin\n"
      "   13  -rw-             2876   Feb 2 2026 11:02:01 +00:00  R1-confg.bak\n";
  if (with_new) {
    d += "   14  -rw-        521347072   Mar 5 2026 09:26:02 +00:00  "
         "isr4300-universalk9.16.12.04.SPA.bin\n";
  }
  return d + "\n7194652672 bytes total (" + (with_new ? "5463761920" : "5985108992") +
         " bytes free)\n";
}

// A whole configuration of `host` booting `boot` in order.
inline std::string Config(const std::string& host, const std::vector<std::string>& boot,
                          bool startup) {
  std::string c = startup ? "Using 1811 out of 33554432 bytes\n"
                          : "Building configuration...\n\nCurrent configuration : 1811 bytes\n";
  c += "!\n"
       "! Last configuration change at 11:20:03 UTC Mon Feb 2 2026\n"
       "!\n"
       "version 16.9\n"
       "service timestamps debug datetime msec\n"
       "service timestamps log datetime msec\n"
       "platform qfp utilization monitor load 80\n"
       "no platform punt-keepalive disable-kernel-core\n"
       "!\n";
  c += "hostname " + host + "\n!\nboot-start-marker\n";
  for (const std::string& b : boot) c += "boot system " + b + "\n";
  return c +
         "boot-end-marker\n"
         "!\n"
         "no aaa new-model\n"
         "!\n"
         "ip domain name lab.example\n"
         "!\n"
         "interface GigabitEthernet0/0/0\n"
         " ip address 192.168.1.1 255.255.255.0\n"
         " negotiation auto\n"
         "!\n"
         "interface GigabitEthernet0/0/1\n"
         " ip address 10.0.12.1 255.255.255.252\n"
         " negotiation auto\n"
         "!\n"
         "router ospf 1\n"
         " network 10.0.12.0 0.0.0.3 area 0\n"
         "!\n"
         "ip ssh version 2\n"
         "!\n"
         "line vty 0 4\n"
         " login local\n"
         " transport input ssh\n"
         "!\n"
         "end\n";
}

inline std::string BootLines(const std::vector<std::string>& boot) {
  std::string s;
  for (const std::string& b : boot) s += "boot system " + b + "\n";
  return s;
}

inline std::string IpInterfaceBrief(const std::string& gi1_status) {
  const std::string proto = gi1_status == "up" ? "up" : "down";
  return "Interface              IP-Address      OK? Method Status                Protocol\n"
         "GigabitEthernet0/0/0   192.168.1.1     YES NVRAM  up                    up      \n"
         "GigabitEthernet0/0/1   10.0.12.1       YES NVRAM  " +
         gi1_status + std::string(22 - gi1_status.size(), ' ') + proto +
         "    \n"
         "GigabitEthernet0       unassigned      YES NVRAM  administratively down down    \n";
}

inline constexpr char kCdp[] =
    "Capability Codes: R - Router, T - Trans Bridge, B - Source Route Bridge\n"
    "                  S - Switch, H - Host, I - IGMP, r - Repeater, P - Phone, \n"
    "                  D - Remote, C - CVTA, M - Two-port Mac Relay \n\n"
    "Device ID        Local Intrfce     Holdtme    Capability  Platform  Port ID\n"
    "SW1              Gig 0/0/0         151              S I   WS-C2960- Fas 0/1\n\n"
    "Total cdp entries displayed : 1\n";

inline constexpr char kOspf[] =
    "\nNeighbor ID     Pri   State           Dead Time   Address         Interface\n"
    "2.2.2.2           1   FULL/DR         00:00:35    10.0.12.2       GigabitEthernet0/0/1\n";

inline constexpr char kPing[] =
    "Type escape sequence to abort.\n"
    "Sending 5, 100-byte ICMP Echos to 192.168.1.100, timeout is 2 seconds:\n"
    "!!!!!\n"
    "Success rate is 100 percent (5/5), round-trip min/avg/max = 1/1/2 ms\n";

// `text` as an RE2 pattern matching exactly it.
inline std::string Q(const std::string& text) { return RE2::QuoteMeta(text); }

// The table of a device named `host` that upgrades cleanly, in backup files named after the run
// `run_id`.
inline void ScriptIsr4321(ScriptedDevice& d, const std::string& host, const std::string& run_id) {
  const std::string old_path = std::string("bootflash:") + kOld,
                    new_path = std::string("bootflash:") + kNew;
  const std::vector<std::string> before = {old_path}, after = {new_path, old_path};
  const std::string any = ScriptedDevice::kAnyPhase;
  d.On(any, "configure terminal", "Enter configuration commands, one per line.  End with CNTL/Z.\n")
      .On(any, "(no )?boot system bootflash:\\S+", "")
      .On(any, "end", "")
      .On(any, Q(SaveCommand()),
          ScriptedReply{.questions = {"Destination filename [startup-config]? "},
                        .output = "Building configuration...\n[OK]\n",
                        .delay = std::chrono::seconds(2)})
      .On(any, "ping 192\\.168\\.1\\.100",
          ScriptedReply{.output = kPing, .delay = std::chrono::seconds(1)})
      .On(any, "show ip interface brief", IpInterfaceBrief("up"))
      .On(any, "show cdp neighbors", kCdp)
      .On(any, "show ip ospf neighbor", kOspf)
      .On(any, Q("copy running-config tftp://192.168.1.100/" + host + "-" + run_id + "-confg"),
          ScriptedReply{.questions = {"Address or name of remote host [192.168.1.100]? ",
                                      "Destination filename [" + host + "-" + run_id + "-confg]? "},
                        .output = "!!\n1811 bytes copied in 0.352 secs (5145 bytes/sec)\n"})
      .On(any, "delete /force bootflash:\\S+", "");
  d.On("before", "show version",
       ShowVersion(host, "16.09.06", "16.9.6", "Fuji", kOld, "11:04:51 UTC Mon Feb 2 2026"))
      .On("before", "dir bootflash:", Dir(false))
      .On("before", "show running-config", Config(host, before, false))
      .On("before", "show startup-config", Config(host, before, true))
      .On("before", Q("show running-config | include boot system"), BootLines(before))
      .On("before", Q("show startup-config | include boot system"), BootLines(after))
      .On("before", Q("copy tftp://192.168.1.100/" + std::string(kNew) + " " + new_path),
          ScriptedReply{
              .questions = {"Destination filename [" + std::string(kNew) + "]? "},
              .output = "Accessing tftp://192.168.1.100/" + std::string(kNew) +
                        "...\n"
                        "Loading " +
                        kNew +
                        " from 192.168.1.100 (via GigabitEthernet0/0/0): !!!!!!!!!!!!!!!!!!!!\n"
                        "[OK - 521347072 bytes]\n\n"
                        "521347072 bytes copied in 689.123 secs (756539 bytes/sec)\n",
              .delay = std::chrono::seconds(689)})
      .On("before", Q("verify /md5 " + new_path),
          ScriptedReply{.output = "..........................................Done!\n"
                                  "verify /md5 (" +
                                  new_path + ") = " + kNewMd5 + "\n",
                        .delay = std::chrono::seconds(170)})
      .On("before", "reload",
          ScriptedReply{.questions = {"Proceed with reload? [confirm]"}, .reboot_to = "after"});
  d.On("after", "show version",
       ShowVersion(host, "16.12.04", "16.12.4", "Gibraltar", kNew, "09:31:40 UTC Thu Mar 5 2026"))
      .On("after", "dir bootflash:", Dir(true))
      .On("after", "show running-config", Config(host, after, false))
      .On("after", "show startup-config", Config(host, after, true))
      .On("after", Q("show running-config | include boot system"), BootLines(after))
      .On("after", Q("show startup-config | include boot system"), BootLines(before))
      .On("after", "reload",
          ScriptedReply{.questions = {"Proceed with reload? [confirm]"},
                        .reboot_to = "rolled-back"});
  d.On("rolled-back", "show version",
       ShowVersion(host, "16.09.06", "16.9.6", "Fuji", kOld, "09:45:12 UTC Thu Mar 5 2026"))
      .On("rolled-back", "dir bootflash:", Dir(true))
      .On("rolled-back", "show running-config", Config(host, before, false))
      .On("rolled-back", "show startup-config", Config(host, before, true));
}

class ScriptedIsr4321 : public ::testing::Test {
 protected:
  ScriptedIsr4321() {
    Result<std::unique_ptr<SqliteJournal>> journal = SqliteJournal::Open(":memory:");
    EXPECT_TRUE(journal.ok()) << journal.status().ToString();
    journal_ = std::move(*journal);
    // As the fleet run does: the run and its device are in the journal before the device starts.
    Result<std::string> run =
        journal_->BeginRun({.id = "20260305-091422",
                            .started = clock_.Now(),
                            .devices = {{.name = "R1", .address = "192.0.2.1"}}});
    EXPECT_TRUE(run.ok()) << run.status().ToString();
    policy_.images = {{.family = "isr4300",
                       .file = kNew,
                       .version = "16.12.04",
                       .md5 = kNewMd5,
                       .size = kNewSize}};
    policy_.transfer.server = "192.168.1.100";
    env_ = {.policy = &policy_,
            .journal = journal_.get(),
            .clock = &clock_,
            .run_id = "20260305-091422",
            .connect = [this](const InventoryHost&) { return r1_.Connect(); }};
    r1_.set_boot_time(std::chrono::minutes(4));
    ScriptIsr4321(r1_, "R1", env_.run_id);
  }

  // One run of the device's upgrade, as the fleet run does it.
  DeviceRecord Upgrade(const DeviceRecord* previous = nullptr) {
    DeviceUpgrade upgrade(host_, 1, env_, previous);
    return upgrade.Run();
  }
  static const StepRecord* StepOf(const DeviceRecord& r, const std::string& name) {
    auto it = std::ranges::find_if(r.steps, [&](const StepRecord& s) { return s.step == name; });
    return it == r.steps.end() ? nullptr : &*it;
  }
  static StepOutcome OutcomeOf(const DeviceRecord& r, const std::string& name) {
    const StepRecord* s = StepOf(r, name);
    return s == nullptr ? StepOutcome::kPending : s->outcome;
  }
  // How many commands received match `pattern` (RE2, whole command).
  int Sent(const std::string& pattern) const {
    const RE2 re(pattern);
    return static_cast<int>(std::ranges::count_if(
        r1_.log(),
        [&](const ScriptedDevice::Exchange& e) { return RE2::FullMatch(e.command, re); }));
  }
  bool Reloaded() const { return Sent("reload.*") > 0; }
  // Whether both were sent, the first `first` before the first `then`.
  bool SentBefore(const std::string& first, const std::string& then) const {
    const std::vector<std::string> sent = r1_.commands();
    auto a =
        std::ranges::find_if(sent, [&](const std::string& c) { return RE2::FullMatch(c, first); });
    auto b =
        std::ranges::find_if(sent, [&](const std::string& c) { return RE2::FullMatch(c, then); });
    return b != sent.end() && a < b;
  }
  const ScriptedDevice::Exchange* Last(const std::string& pattern) const {
    for (auto it = r1_.log().rbegin(); it != r1_.log().rend(); ++it) {
      if (RE2::FullMatch(it->command, pattern)) return &*it;
    }
    return nullptr;
  }

  ManualClock clock_;
  ScriptedDevice r1_{"R1", "before", clock_};
  InventoryHost host_{.name = "R1", .address = "192.0.2.1"};
  Policy policy_;
  std::unique_ptr<Journal> journal_;
  UpgradeEnv env_;
};

}  // namespace iosup::upgrade::scripted

#endif  // IOSUP_UPGRADE_SCRIPTED_ISR4321_TEST_SUPPORT_H_
