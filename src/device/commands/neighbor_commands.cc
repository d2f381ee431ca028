// The neighbour protocols' views: show cdp [neighbors [detail]], show lldp [neighbors [detail]],
// show ip ospf neighbor [detail], show ip ospf interface brief. Handlers print what the device
// model derives (cdp.h, lldp.h, ospf.h).
#include "device/cdp.h"
#include "device/commands/device_session.h"
#include "device/commands/ios_command_set.h"
#include "device/lldp.h"

namespace iosup {

namespace {

using cli::CommandContext;

Device& Fresh(CommandContext& c) {
  Device& d = Dev(c);
  d.RefreshInterfaces(/*announce=*/false);
  return d;
}

// Each OSPF interface's state as `show ip ospf interface brief` names it, with its neighbours.
void ShowOspfInterfaceBriefCommand(CommandContext& c) {
  Device& d = Fresh(c);
  std::optional<OspfProcess> p = d.OspfConfig();
  if (!p) return;
  std::vector<OspfInterfaceView> views;
  for (const OspfInterface& i : p->interfaces) {
    OspfInterfaceView v{&i, p->id, "DR"};
    uint32_t dr = i.address, bdr = 0;
    for (const OspfNeighbor& n : d.ospf().rows()) {
      if (n.interface != i.name) continue;
      ++v.count;
      v.full += n.state == OspfState::kFull ? 1 : 0;
      dr = n.dr;
      bdr = n.bdr;
    }
    if (i.loopback) {
      v.state = "LOOP";
    } else if (i.point_to_point) {
      v.state = "P2P";
    } else if (v.count > 0) {
      v.state = i.address == dr ? "DR" : i.address == bdr ? "BDR" : "DROTH";
    }
    views.push_back(v);
  }
  c.Print(ShowOspfInterfaceBrief(views));
}

}  // namespace

void RegisterNeighborCommands(cli::CommandSet& set, const PlatformSpec&) {
  const std::vector<std::string> exec = {"exec"};
  Declare(set, exec, {.syntax = "show cdp", .help = {"", "CDP information"}, .pipeable = true},
          [](CommandContext& c) { c.Print(ShowCdp(Dev(c))); });
  Declare(set, exec, {.syntax = "show cdp neighbors [detail]", .help = {"", "", "CDP neighbor entries", "Show detailed information"}, .pipeable = true},
          [](CommandContext& c) { c.Print(ShowCdpNeighbors(Fresh(c), c.Has("detail"))); });
  Declare(set, exec, {.syntax = "show lldp", .help = {"", "LLDP information"}, .pipeable = true},
          [](CommandContext& c) { c.Print(ShowLldp(Dev(c))); });
  Declare(set, exec, {.syntax = "show lldp neighbors [detail]", .help = {"", "", "LLDP neighbor entries", "Show detailed information"}, .pipeable = true},
          [](CommandContext& c) { c.Print(ShowLldpNeighbors(Fresh(c), c.Has("detail"))); });
  Declare(set, exec, {.syntax = "show ip ospf neighbor [detail]", .help = {"", "", "OSPF information", "Neighbor list", "detail of all neighbors"}, .pipeable = true},
          [](CommandContext& c) {
            Device& d = Dev(c);
            c.Print(ShowOspfNeighbors(d.ospf(), d.clock().Now(), c.Has("detail")));
          });
  Declare(set, exec, {.syntax = "show ip ospf interface brief", .help = {"", "", "", "Interface information", "Brief summary of OSPF interface information"}, .pipeable = true},
          ShowOspfInterfaceBriefCommand);
}

}  // namespace iosup
