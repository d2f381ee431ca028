// Configuration sub-modes: interface (ip address, shutdown, description, ...), line (login,
// transport input, exec-timeout, password) and router ospf (network, router-id).
#include "device/commands/device_session.h"
#include "device/commands/ios_command_set.h"
#include "device/ios_time.h"

namespace iosup {

namespace {

using cli::CommandContext;

Config& Running(CommandContext& c) { return Dev(c).running_config(); }
const std::string& Section(CommandContext& c) { return DevSession(c).section(); }

std::string Canonical(CommandContext& c, size_t skip = 0) {
  std::string out;
  for (size_t i = skip; i < c.args().size(); ++i) {
    out += (out.empty() ? "" : " ") + c.args()[i].value;
  }
  return out;
}

// Declares `syntax` in `mode` as "set this line in the current section".
void SectionLine(cli::CommandSet& set, const std::string& mode, const std::string& syntax,
                 std::vector<std::string> help) {
  Declare(set, {mode}, {.syntax = syntax, .help = std::move(help), .privilege = 15},
          [](CommandContext& c) { Running(c).SetSectionLine(Section(c), Canonical(c)); });
}

// "no <syntax>": removes the line with that key from the current section.
void SectionForget(cli::CommandSet& set, const std::string& mode, const std::string& syntax) {
  Declare(set, {mode}, {.syntax = "no " + syntax, .help = {"Negate a command or set its defaults"}, .privilege = 15},
          [](CommandContext& c) { Running(c).RemoveSectionLine(Section(c), Canonical(c, 1)); });
}

void Shutdown(CommandContext& c, bool down) {
  const std::string name = Section(c).substr(10);
  const bool was_down = Running(c).interface(name).value_or(InterfaceConfig{}).shutdown;
  Running(c).SetSectionLine(Section(c), down ? "shutdown" : "no shutdown");
  if (was_down == down) return;
  const std::string stamp = SyslogStamp(Dev(c).clock().Now());
  if (down) {
    c.session().Notify(stamp + "%LINK-5-CHANGED: Interface " + name +
                       ", changed state to administratively down\n" + stamp +
                       "%LINEPROTO-5-UPDOWN: Line protocol on Interface " + name +
                       ", changed state to down\n");
  } else {
    c.session().Notify(stamp + "%LINK-3-UPDOWN: Interface " + name + ", changed state to up\n" +
                       stamp + "%LINEPROTO-5-UPDOWN: Line protocol on Interface " + name +
                       ", changed state to up\n");
  }
}

}  // namespace

void RegisterSubmodeCommands(cli::CommandSet& set, const PlatformSpec&) {
  const std::string intf = "config-if", line = "config-line", router = "config-router";
  SectionLine(set, intf, "ip address A.B.C.D A.B.C.D [secondary]", {"Interface Internet Protocol config commands", "Set the IP address of an interface", "IP address", "IP subnet mask", "Make this IP address a secondary address"});
  SectionLine(set, intf, "ip address dhcp", {"", "", "IP Address negotiated via DHCP"});
  Declare(set, {intf}, {.syntax = "no ip address", .help = {"Negate a command or set its defaults", "", ""}, .privilege = 15},
          [](CommandContext& c) { Running(c).SetSectionLine(Section(c), "no ip address"); });
  Declare(set, {intf}, {.syntax = "shutdown", .help = {"Shutdown the selected interface"}, .privilege = 15},
          [](CommandContext& c) { Shutdown(c, true); });
  Declare(set, {intf}, {.syntax = "no shutdown", .help = {"", "Shutdown the selected interface"}, .privilege = 15},
          [](CommandContext& c) { Shutdown(c, false); });
  SectionLine(set, intf, "description LINE", {"Interface specific description", "Up to 240 characters describing this interface"});
  SectionForget(set, intf, "description");
  SectionLine(set, intf, "negotiation auto", {"Select Autonegotiation mode", "Enable link autonegotiation"});
  SectionLine(set, intf, "speed (10|100|1000|auto)", {"Configure speed operation.", "Force 10 Mbps operation", "Force 100 Mbps operation", "Force 1000 Mbps operation", "Enable AUTO speed configuration"});
  SectionLine(set, intf, "duplex (auto|full|half)", {"Configure duplex operation.", "Enable AUTO duplex configuration", "Force full duplex operation", "Force half-duplex operation"});
  SectionLine(set, intf, "switchport mode (access|trunk)", {"Set switching mode characteristics", "Set trunking mode of the interface", "Set trunking mode to ACCESS unconditionally", "Set trunking mode to TRUNK unconditionally"});
  SectionLine(set, intf, "switchport access vlan <1-4094>", {"", "Set access mode characteristics of the interface", "Set VLAN when interface is in access mode", "VLAN ID of the VLAN when this port is in access mode"});
  SectionForget(set, intf, "switchport mode");
  Declare(set, {intf, line, router}, {.syntax = "exit", .help = {"Exit from the current mode"}, .privilege = 15},
          [](CommandContext& c) { c.session().SetMode("config"); });

  SectionLine(set, line, "login [local]", {"Enable password checking", "Local password checking"});
  SectionForget(set, line, "login");
  SectionLine(set, line, "password WORD", {"Set a password", "The UNENCRYPTED (cleartext) line password"});
  SectionForget(set, line, "password");
  SectionLine(set, line, "transport input (ssh|telnet|all|none) [(ssh|telnet)]", {"Define transport protocols for line", "Define which protocols to use when connecting to the terminal server", "TCP/IP SSH protocol", "TCP/IP Telnet protocol", "All protocols", "No protocols", "TCP/IP SSH protocol", "TCP/IP Telnet protocol"});
  SectionLine(set, line, "exec-timeout <0-35791> [<0-2147483>]", {"Set the EXEC timeout", "Timeout in minutes", "Timeout in seconds"});
  SectionForget(set, line, "exec-timeout");
  SectionLine(set, line, "logging synchronous", {"Modify message logging facilities", "Synchronized message output"});
  SectionLine(set, line, "privilege level <0-15>", {"Change privilege level for line", "Assign default privilege level for line", "Default privilege level for line"});
  SectionLine(set, line, "stopbits (1|2)", {"Set async line stop bits", "One stop bit", "Two stop bits"});

  SectionLine(set, router, "network A.B.C.D A.B.C.D area <0-4294967295>", {"Enable routing on an IP network", "Network number", "OSPF wild card bits", "Set the OSPF area ID", "OSPF area ID as a decimal value"});
  SectionLine(set, router, "router-id A.B.C.D", {"router-id for this OSPF process", "OSPF router-id in IP address format"});
  SectionLine(set, router, "passive-interface WORD", {"Suppress routing updates on an interface", "Interface name"});
}

}  // namespace iosup
