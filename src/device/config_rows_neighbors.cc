// The configuration rows of the neighbour protocols (see config_schema.h): `cdp run` (IOS's
// default, so `no cdp run` is what shows), `lldp run`, interface `cdp enable` / `lldp transmit` /
// `lldp receive` (defaults, their `no` forms shown), and the interface's OSPF settings: `ip ospf
// N area A`, hello and dead intervals, priority, cost, network type, and `ip mtu`.
#include "device/config_schema.h"

namespace iosup {

std::vector<ConfigRow> NeighborConfigRows() {
  using K = ConfigKind;
  const std::string g = "config", intf = "config-if";
  return {
      {.mode = g, .syntax = "cdp run", .help = {"Global CDP configuration subcommands", "Enable CDP"}, .match = "cdp run", .key_words = 2, .group = 105, .default_line = "cdp run", .no_is_stored = true},
      {.mode = g, .syntax = "lldp run", .help = {"Global LLDP configuration subcommands", "Enable LLDP"}, .match = "lldp run", .key_words = 2, .group = 105},
      {.mode = intf, .syntax = "ip mtu <68-9600>", .help = {"Interface Internet Protocol config commands", "Set IP Maximum Transmission Unit", "MTU (bytes)"}, .match = "ip mtu", .key_words = 2, .group = 31},
      {.mode = intf, .syntax = "ip ospf <1-65535> area <0-4294967295>", .help = {"", "OSPF interface commands", "Process ID", "Set the OSPF area ID", "OSPF area ID as a decimal value"}, .match = "ip ospf", .key_words = 2, .kind = K::kSetting, .group = 33, .no_syntax = "ip ospf <1-65535> area [LINE]"},
      {.mode = intf, .syntax = "ip ospf hello-interval <1-65535>", .help = {"", "", "Time between HELLO packets", "Seconds"}, .match = "ip ospf hello-interval", .key_words = 3, .group = 34},
      {.mode = intf, .syntax = "ip ospf dead-interval <1-65535>", .help = {"", "", "Interval after which a neighbor is declared dead", "Seconds"}, .match = "ip ospf dead-interval", .key_words = 3, .group = 34},
      {.mode = intf, .syntax = "ip ospf priority <0-255>", .help = {"", "", "Router priority", "Priority"}, .match = "ip ospf priority", .key_words = 3, .group = 34},
      {.mode = intf, .syntax = "ip ospf cost <1-65535>", .help = {"", "", "Interface cost", "Cost"}, .match = "ip ospf cost", .key_words = 3, .group = 34},
      {.mode = intf, .syntax = "ip ospf network (point-to-point|broadcast)", .help = {"", "", "Network type", "Specify OSPF point-to-point network", "Specify OSPF broadcast multi-access network"}, .match = "ip ospf network", .key_words = 3, .group = 34},
      {.mode = intf, .syntax = "cdp enable", .help = {"CDP interface subcommands", "Enable CDP on interface"}, .match = "cdp enable", .key_words = 2, .group = 45, .default_line = "cdp enable", .no_is_stored = true},
      {.mode = intf, .syntax = "lldp transmit", .help = {"LLDP interface subcommands", "Enable LLDP transmission on interface"}, .match = "lldp transmit", .key_words = 2, .group = 45, .default_line = "lldp transmit", .no_is_stored = true},
      {.mode = intf, .syntax = "lldp receive", .help = {"LLDP interface subcommands", "Enable LLDP reception on interface"}, .match = "lldp receive", .key_words = 2, .group = 45, .default_line = "lldp receive", .no_is_stored = true},
  };
}

}  // namespace iosup
