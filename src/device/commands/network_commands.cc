// The device as a node of a network: the interface views (show interfaces [IF], show ip
// interface [IF], show interfaces status), show ip route, ping (with IOS's interactive extended
// dialog when typed alone) and traceroute. Handlers format what the device model derives
// (interface_model.h, ip_routes.h) and what its network port delivers.
#include <cstdlib>
#include <memory>

#include "device/commands/device_session.h"
#include "device/commands/ios_command_set.h"
#include "device/show_interfaces.h"

namespace iosup {

namespace {

using cli::CommandContext;
using cli::Question;

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

struct PingRequest {
  std::string target;
  int repeat = 5, size = 100, timeout = 2;
  std::string source;  // extended: address or interface
};

void RunPing(CommandContext& c, const PingRequest& r) {
  Device& d = Fresh(c);
  std::string out = "Type escape sequence to abort.\nSending " + std::to_string(r.repeat) + ", " +
                    std::to_string(r.size) + "-byte ICMP Echos to " + r.target +
                    ", timeout is " + std::to_string(r.timeout) + " seconds:\n";
  if (!r.source.empty()) out += "Packet sent with a source address of " + r.source + " \n";
  const Device::Probe p = d.Send(r.target, r.size, r.repeat);
  for (int i = 0; i < r.repeat; ++i) {
    out += p.answered ? '!' : '.';
    if ((i + 1) % 70 == 0 && i + 1 < r.repeat) out += '\n';
  }
  out += "\nSuccess rate is " + std::to_string(p.answered ? 100 : 0) + " percent (" +
         std::to_string(p.answered ? r.repeat : 0) + "/" + std::to_string(r.repeat) + ")";
  if (p.answered) out += ", round-trip min/avg/max = 1/1/2 ms";
  c.Print(out + "\n");
}

void Ping(CommandContext& c) {
  PingRequest r;
  r.target = c.Var(c.Has("vrf") ? 1 : 0);
  if (auto s = c.After("size")) r.size = std::atoi(s->c_str());
  if (auto n = c.After("repeat")) r.repeat = std::atoi(n->c_str());
  if (auto s = c.After("source")) r.source = *s;
  RunPing(c, r);
}

// The extended dialog's questions, asked one after another; each answer lands in the request.
struct DialogStep {
  const char* prompt;
  std::string (*fallback)(const PingRequest&);
  void (*take)(PingRequest&, const std::string&);
};

void AskSteps(CommandContext& c, std::shared_ptr<PingRequest> r,
              std::shared_ptr<std::vector<DialogStep>> steps, size_t i) {
  if (i == steps->size()) return RunPing(c, *r);
  const DialogStep& s = (*steps)[i];
  const std::string def = s.fallback(*r);
  c.Ask({Question::Kind::kLine, std::string(s.prompt) + " [" + def + "]: ", def},
        [r, steps, i](CommandContext& c2, const std::string& answer) {
          (*steps)[i].take(*r, answer);
          AskSteps(c2, r, steps, i + 1);
        });
}

void ExtendedPing(CommandContext& c) {
  auto r = std::make_shared<PingRequest>();
  c.Ask({Question::Kind::kLine, "Protocol [ip]: ", "ip"}, [r](CommandContext& c1, const std::string&) {
    c1.Ask({Question::Kind::kLine, "Target IP address: ", ""},
           [r](CommandContext& c2, const std::string& target) {
             if (!ParseIpv4(target)) return c2.Print("% Bad IP address\n");
             r->target = target;
             auto steps = std::make_shared<std::vector<DialogStep>>(std::vector<DialogStep>{
                 {"Repeat count", [](const PingRequest& p) { return std::to_string(p.repeat); },
                  [](PingRequest& p, const std::string& a) { p.repeat = std::max(1, std::atoi(a.c_str())); }},
                 {"Datagram size", [](const PingRequest& p) { return std::to_string(p.size); },
                  [](PingRequest& p, const std::string& a) { p.size = std::max(36, std::atoi(a.c_str())); }},
                 {"Timeout in seconds", [](const PingRequest& p) { return std::to_string(p.timeout); },
                  [](PingRequest& p, const std::string& a) { p.timeout = std::atoi(a.c_str()); }},
                 // Extended commands (source, ToS, DF, pattern) are not emulated: answered "n".
                 {"Extended commands", [](const PingRequest&) { return std::string("n"); },
                  [](PingRequest&, const std::string&) {}},
                 {"Sweep range of sizes", [](const PingRequest&) { return std::string("n"); },
                  [](PingRequest&, const std::string&) {}},
             });
             AskSteps(c2, r, steps, 0);
           });
  });
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
  Declare(set, exec, {.syntax = "show ip route", .help = {"", "", "IP routing table"}, .pipeable = true},
          [](CommandContext& c) { c.Print(ShowIpRoute(Fresh(c).Routes())); });
  Declare(set, exec,
          {.syntax = "ping [vrf WORD] A.B.C.D [size <36-18024>] [repeat <1-2147483647>] [source WORD]",
           .help = {"Send echo messages", "Select VPN Routing/Forwarding instance", "VPN Routing/Forwarding instance name", "Ping destination address or hostname", "specify datagram size", "Datagram size", "specify repeat count", "Repeat count", "specify source address or name", "Source address or interface"}},
          Ping);
  Declare(set, exec, {.syntax = "ping", .help = {"Send echo messages"}, .privilege = 15},
          ExtendedPing);
  Declare(set, exec, {.syntax = "traceroute A.B.C.D", .help = {"Trace route to destination", "Trace route to destination address or hostname"}},
          Traceroute);
}

}  // namespace iosup
