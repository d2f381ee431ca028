// show switch / show switch detail: the stack's members with role, MAC, priority, hardware
// version and state, and (detail) the stack ports in a ring. A Catalyst 9300 prints them as
// IOS-XE 16.x/17.x does (Active/Standby/Member, V-Mismatch); a 3750-X as IOS 15.x does (Master,
// Version Mismatch). install autoupgrade brings V-Mismatch members to the stack's release.
#include <algorithm>
#include <cstdio>

#include "device/commands/device_session.h"
#include "device/commands/install_dialog.h"
#include "device/commands/ios_command_set.h"
#include "device/install/install_text.h"

namespace iosup {

namespace {

using cli::CommandContext;

// "00:25:83:58:cf:47" -> "0025.8358.cf47", the last byte advanced for member `k`.
std::string StackMac(const Device& d, int k) {
  std::string hex;
  for (char c : d.mac_address()) {
    if (c != ':') hex += c;
  }
  unsigned last = std::stoul(hex.substr(10, 2), nullptr, 16) + static_cast<unsigned>(k - 1);
  char tail[3];
  std::snprintf(tail, sizeof tail, "%02x", last & 0xff);
  hex.replace(10, 2, tail);
  return hex.substr(0, 4) + "." + hex.substr(4, 4) + "." + hex.substr(8, 4);
}

bool IosXe(const Device& d) { return d.platform().version_style == VersionStyle::kCatalyst9k; }

std::string StateText(const Device& d, int k) {
  const MemberState s = d.stack().State(k, d.image().version.Long(), d.clock().Now());
  if (s == MemberState::kVMismatch && !IosXe(d)) return "Version Mismatch";
  return MemberStateName(s);
}

std::string MemberRows(const Device& d) {
  const SwitchStack& stack = d.stack();
  const std::string release = d.image().version.Long();
  std::string out;
  char row[200];
  for (int k = 1; k <= stack.size(); ++k) {
    const bool mismatch = stack.State(k, release, d.clock().Now()) == MemberState::kVMismatch;
    // IOS 15.x names no standby: the master and its members.
    const std::string role = IosXe(d) ? stack.Role(k, release) : k == 1 ? "Master" : "Member";
    // A member in version mismatch has not told the active its hardware version.
    const char* hw = mismatch ? "0" : IosXe(d) ? "V02" : "4";
    std::snprintf(row, sizeof row, IosXe(d) ? "%c%-7d %-8s %-18s %-6d %-7s %-21s\n" : "%c%-7d %-6s %-18s %-6d %-7s %-20s\n",
                  k == 1 ? '*' : ' ', k, role.c_str(), StackMac(d, k).c_str(), stack.Priority(k), hw,
                  StateText(d, k).c_str());
    out += row;
  }
  return out;
}

std::string StackPorts(const Device& d) {
  const int n = d.stack().size();
  std::string out = "         Stack Port Status             Neighbors     \n";
  out += "Switch#  Port 1     Port 2           Port 1   Port 2 \n";
  out += "--------------------------------------------------------\n";
  if (n == 1) return out + "  1       DOWN       DOWN             None     None\n";
  char row[120];
  for (int k = 1; k <= n; ++k) {
    const std::string port1 = std::to_string((k + n - 2) % n + 1), port2 = std::to_string(k % n + 1);
    if (IosXe(d)) {
      std::snprintf(row, sizeof row, "  %-10d%-11s%-17s%-9s%s \n", k, "OK", "OK", port1.c_str(), port2.c_str());
    } else {
      std::snprintf(row, sizeof row, "  %-9d%-11s%-18s%-9s%s \n", k, "Ok", "Ok", port1.c_str(), port2.c_str());
    }
    out += row;
  }
  return out;
}

std::string ShowSwitch(const Device& d, bool detail) {
  std::string out;
  if (IosXe(d)) {
    out = "Switch/Stack Mac Address : " + StackMac(d, 1) + " - Local Mac Address\n";
    out += "Mac persistency wait time: Indefinite\n";
    out += "                                             H/W   Current\n";
    out += "Switch#   Role    Mac Address     Priority Version  State \n";
    out += "-------------------------------------------------------------------------------------\n";
  } else {
    out = "Switch/Stack Mac Address : " + StackMac(d, 1) + "\n";
    out += "                                           H/W   Current\n";
    out += "Switch#  Role   Mac Address     Priority Version  State \n";
    out += "----------------------------------------------------------\n";
  }
  out += MemberRows(d);
  if (!detail) return out + "\n";
  return out + "\n\n\n" + StackPorts(d);
}

// install autoupgrade: every V-Mismatch member gets the stack's packages and reloads into it.
void InstallAutoupgrade(CommandContext& c) {
  Device& d = Dev(c);
  InstallWording w(d);
  const std::string op = "install_autoupgrade";
  c.Print(w.Start(op));
  const std::vector<int> mismatched = d.stack().Mismatched(d.image().version.Long());
  if (mismatched.empty()) {
    c.Print("No switch in the stack is in V-Mismatch state\n" + w.Success(op));
    return;
  }
  std::string ids;
  for (int k : mismatched) ids += (ids.empty() ? "" : " ") + std::to_string(k);
  const std::vector<int> upgraded = d.AutoUpgradeMembers();
  std::string out = "--- Starting Autoupgrade ---\nPerforming Autoupgrade on switch(es) " + ids + "\n";
  std::string passed;
  for (int k : mismatched) {
    const std::string n = std::to_string(k);
    out += "  [" + n + "] Autoupgrade package(s) on switch " + n + "\n";
    if (std::find(upgraded.begin(), upgraded.end(), k) == upgraded.end()) {
      c.Print(out);
      c.Print(w.Failed(op, "", "Not enough space on flash-" + n + ": to upgrade switch " + n, k));
      return;
    }
    out += "  [" + n + "] Finished Autoupgrade on switch " + n + "\n";
  }
  out += "Checking status of Autoupgrade on [" + ids + "]\nAutoupgrade: Passed on [" + ids + "]\n";
  out += "Finished Autoupgrade\n\n";
  for (int k : upgraded) out += "Switch " + std::to_string(k) + " will be reloaded to join the stack\n";
  c.Print(out + w.Success(op));
  d.Message("%INSTALL-5-INSTALL_COMPLETED_INFO: " + w.origin() + "install_mgr: Completed install autoupgrade");
}

}  // namespace

void RegisterStackCommands(cli::CommandSet& set, const PlatformSpec& platform) {
  if (platform.version_style != VersionStyle::kCatalyst9k && platform.id != "C3750") return;
  Declare(set, {"exec"},
          {.syntax = "show switch [detail]",
           .help = {"", "show switch information", "show detailed information"},
           .pipeable = true},
          [](CommandContext& c) { c.Print(ShowSwitch(Dev(c), c.Has("detail"))); });
  if (platform.version_style != VersionStyle::kCatalyst9k) return;
  Declare(set, {"exec"},
          {.syntax = "install autoupgrade",
           .help = {"Install commands", "Upgrade the stack members in version mismatch to the active's software"},
           .privilege = 15},
          InstallAutoupgrade);
}

}  // namespace iosup
