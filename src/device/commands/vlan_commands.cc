// show vlan [brief] on switches: VLAN 1 holds every switch port (the emulator has no switchport
// configuration), plus the four reserved VLANs, in the layout of Catalyst IOS. Ansible's cliconf
// runs `show vlan` to tell a switch (L2) from a router (L3) and its vlans facts parse the tables.
#include <cstdio>

#include "device/commands/device_session.h"
#include "device/commands/ios_command_set.h"

namespace iosup {

namespace {

using cli::CommandContext;

constexpr size_t kPortsColumn = 48;
constexpr size_t kPortsWidth = 31;

// "FastEthernet0/1" -> "Fa0/1", as IOS lists ports in VLAN tables.
std::string ShortPortName(const std::string& name) {
  static const std::pair<const char*, const char*> kShort[] = {
      {"TwentyFiveGigE", "Twe"}, {"TenGigabitEthernet", "Te"}, {"FortyGigabitEthernet", "Fo"},
      {"HundredGigE", "Hu"},     {"GigabitEthernet", "Gi"},    {"FastEthernet", "Fa"}};
  for (const auto& [long_name, short_name] : kShort) {
    const std::string prefix = long_name;
    if (name.starts_with(prefix)) return short_name + name.substr(prefix.size());
  }
  return name;
}

std::vector<std::string> SwitchPorts(const PlatformSpec& p) {
  std::vector<std::string> ports;
  for (const std::string& name : InterfaceNames(p)) {
    if (!name.starts_with("Vlan")) ports.push_back(ShortPortName(name));
  }
  return ports;
}

// Ports wrap onto continuation lines aligned under the Ports column, as many as fit in it.
std::string PortLines(const std::vector<std::string>& ports) {
  std::string out, line;
  for (const std::string& port : ports) {
    if (!line.empty() && line.size() + 2 + port.size() > kPortsWidth) {
      out += line + "\n" + std::string(kPortsColumn, ' ');
      line.clear();
    }
    line += (line.empty() ? "" : ", ") + port;
  }
  return out + line + "\n";
}

struct Vlan {
  int id;
  const char* name;
  const char* status;
  const char* type;
  const char* stp;
};

constexpr Vlan kVlans[] = {{1, "default", "active", "enet", "-"},
                           {1002, "fddi-default", "act/unsup", "fddi", "-"},
                           {1003, "token-ring-default", "act/unsup", "tr", "-"},
                           {1004, "fddinet-default", "act/unsup", "fdnet", "ieee"},
                           {1005, "trnet-default", "act/unsup", "trnet", "ibm"}};

std::string NameTable(const PlatformSpec& p) {
  std::string out =
      "\nVLAN Name                             Status    Ports\n"
      "---- -------------------------------- --------- -------------------------------\n";
  for (const Vlan& v : kVlans) {
    char row[128];
    std::snprintf(row, sizeof row, "%-4d %-32s %-9s ", v.id, v.name, v.status);
    out += row;
    out += v.id == 1 ? PortLines(SwitchPorts(p)) : "\n";
  }
  return out;
}

std::string ShowVlan(const PlatformSpec& p) {
  std::string out = NameTable(p);
  out +=
      "\nVLAN Type  SAID       MTU   Parent RingNo BridgeNo Stp  BrdgMode Trans1 Trans2\n"
      "---- ----- ---------- ----- ------ ------ -------- ---- -------- ------ ------\n";
  for (const Vlan& v : kVlans) {
    char row[128];
    std::snprintf(row, sizeof row, "%-4d %-5s %-10d %-5d %-6s %-6s %-8s %-4s %-8s %-6d %-6d\n",
                  v.id, v.type, 100000 + v.id, 1500, "-", "-", "-", v.stp, "-", 0, 0);
    out += row;
  }
  out +=
      "\nRemote SPAN VLANs\n"
      "------------------------------------------------------------------------------\n"
      "\n\nPrimary Secondary Type              Ports\n"
      "------- --------- ----------------- ------------------------------------------\n\n";
  return out;
}

}  // namespace

void RegisterVlanCommands(cli::CommandSet& set, const PlatformSpec& platform) {
  if (!platform.is_switch()) return;  // routers answer `show vlan` with % Invalid input
  Declare(set, {"exec"}, {.syntax = "show vlan [brief]", .help = {"", "VTP VLAN status", "VTP all VLAN status in brief"}, .pipeable = true},
          [](CommandContext& c) {
            const PlatformSpec& p = Dev(c).platform();
            c.Print(c.Has("brief") ? NameTable(p) : ShowVlan(p));
          });
}

}  // namespace iosup
