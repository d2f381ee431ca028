// The device as a node of a network: the interface views (show interfaces [IF], show ip
// interface [IF], show interfaces status, show ipv6 interface), show ip route and traceroute
// (ping: ping_commands.cc). Handlers format what the device model derives
// (interface_model.h, ip_routes.h) and what its network port delivers.
#include <cstdlib>
#include <memory>

#include "device/commands/device_session.h"
#include "device/commands/ios_command_set.h"
#include "device/show_interfaces.h"

namespace iosup {

namespace {

using cli::CommandContext;

// The state every view reads, brought up to date first (a loopback just created, a merged
// configuration) without logging.
Device& Fresh(CommandContext& c) {
  Device& d = Dev(c);
  d.RefreshInterfaces(/*announce=*/false);
  return d;
}

void InvalidAt(CommandContext& c, const std::string& word) {
  const size_t at = c.line().find(word);
  const size_t column = c.session().Prompt().size() + (at == std::string::npos ? 0 : at);
  c.Print(std::string(column, ' ') + "^\n% Invalid input detected at '^' marker.\n\n");
}

// The interface named by the command's words from `first` on, or "" after printing IOS's error.
std::string NamedInterface(CommandContext& c, size_t first) {
  std::string typed;
  for (size_t i = first; i < c.VarCount(); ++i) typed += c.Var(i);
  const std::string name = CanonicalInterface(Dev(c).platform(), typed);
  if (name.empty() || !Dev(c).running_config().interface(name)) {
    InvalidAt(c, c.Var(first));
    return "";
  }
  return name;
}

void ShowInterfacesCommand(CommandContext& c) {
  Device& d = Fresh(c);
  if (c.VarCount() == 0) return c.Print(ShowInterfaces(d));
  const std::string name = NamedInterface(c, 0);
  if (!name.empty()) c.Print(ShowInterfaces(d, name));
}

void ShowIpInterfaceCommand(CommandContext& c) {
  Device& d = Fresh(c);
  if (c.VarCount() == 0) return c.Print(ShowIpInterface(d));
  const std::string name = NamedInterface(c, 0);
  if (!name.empty()) c.Print(ShowIpInterface(d, name));
}

void Traceroute(CommandContext& c) {
  const std::string target = c.Var(0);
  Device& d = Fresh(c);
  const Device::Probe p = d.Send(target, 28, 3);
  std::string out = "Type escape sequence to abort.\nTracing the route to " + target +
                    "\nVRF info: (vrf in name/id, vrf out name/id)\n";
  int ttl = 1;
  for (const std::string& hop : p.hops) {
    char line[96];
    std::snprintf(line, sizeof line, "%3d %s 1 msec 1 msec 1 msec\n", ttl++, hop.c_str());
    out += line;
  }
  for (; !p.answered && ttl <= 30; ++ttl) {
    char line[32];
    std::snprintf(line, sizeof line, "%3d  *  *  * \n", ttl);
    out += line;
  }
  c.Print(out);
}

}  // namespace

void RegisterNetworkCommands(cli::CommandSet& set, const PlatformSpec& platform) {
  const std::vector<std::string> exec = {"exec"};
  Declare(set, exec, {.syntax = "show interfaces [WORD] [WORD]", .help = {"", "Interface status and configuration", "Interface type and number", "Interface number"}, .pipeable = true},
          ShowInterfacesCommand);
  if (platform.is_switch()) {
    Declare(set, exec, {.syntax = "show interfaces status", .help = {"", "", "Show interface line status"}, .pipeable = true},
            [](CommandContext& c) { c.Print(ShowInterfacesStatus(Fresh(c))); });
  }
  Declare(set, exec, {.syntax = "show ip interface [WORD] [WORD]", .help = {"", "", "IP interface status and configuration", "Interface type and number", "Interface number"}, .pipeable = true},
          ShowIpInterfaceCommand);
  // The device models no IPv6 addresses, so no interface has IPv6 enabled: IOS then lists none
  // (an empty answer, which is what ios_facts' interfaces subset expects of such a device).
  Declare(set, exec, {.syntax = "show ipv6 interface", .help = {"", "IPv6 information", "IPv6 interface status and configuration"}, .pipeable = true},
          [](CommandContext&) {});
  Declare(set, exec, {.syntax = "show ip route", .help = {"", "", "IP routing table"}, .pipeable = true},
          [](CommandContext& c) { c.Print(ShowIpRoute(Fresh(c).Routes())); });
  Declare(set, exec, {.syntax = "traceroute A.B.C.D", .help = {"Trace route to destination", "Trace route to destination address or hostname"}},
          Traceroute);
}

}  // namespace iosup
