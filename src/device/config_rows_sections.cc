// The model's sections and the rows of their sub-modes (see config_schema.h): interface, line,
// router ospf, named ACLs (standard and extended, entries with sequence numbers), numbered ACLs,
// archive, class-map / policy-map, ip ssh pubkey-chain, and on switches vlan and spanning-tree.
#include <cstdlib>

#include "device/config_schema.h"
#include "device/standard_acl.h"

namespace iosup {

namespace {

using K = ConfigKind;

// `class-map NAME` is IOS's `class-map match-all NAME`.
std::string ClassMap(std::string_view typed) {
  std::vector<std::string> w = ConfigWords(typed);
  if (w.size() == 2) return "class-map match-all " + w[1];
  return w.size() == 3 ? w[0] + " " + w[1] + " " + w[2] : "";
}

// `access-list N permit host A`: a numbered standard list (1-99, 1300-1999) stores its entry
// as a named one does (`access-list N permit A`); an extended one as typed.
std::string NumberedAccessList(std::string_view typed) {
  std::vector<std::string> w = ConfigWords(typed);
  const int n = w.size() > 2 ? std::atoi(w[1].c_str()) : 0;
  if (!((n >= 1 && n <= 99) || (n >= 1300 && n <= 1999))) return std::string(typed);
  const size_t body = typed.find(w[2], typed.find(w[1]) + w[1].size());
  return w[0] + " " + w[1] + " " + CanonicalStandardEntry(typed.substr(body));
}

// The rows of an ACL entry mode: entries with or without a sequence number, and remarks.
std::vector<ConfigRow> AclEntryRows(const std::string& mode) {
  const bool ext = mode == "config-ext-nacl";
  const std::string what = ext ? "protocol, source and destination" : "source address";
  const ConfigNormalizer entry = ext ? nullptr : CanonicalStandardEntry;
  return {
      {.mode = mode, .syntax = "(permit|deny) LINE", .help = {"Specify packets to forward", "Specify packets to reject", what}, .kind = K::kSequenced, .normalize = entry},
      {.mode = mode, .syntax = "remark LINE", .help = {"Access list entry comment", "Comment up to 100 characters"}, .kind = K::kSequenced},
      {.mode = mode, .syntax = "<1-2147483647> (permit|deny|remark) LINE", .help = {"Sequence Number", "Specify packets to forward", "Specify packets to reject", "Access list entry comment", what}, .kind = K::kSequenced, .normalize = entry, .no_syntax = "<1-2147483647> [LINE]"},
  };
}

}  // namespace

std::vector<ConfigRow> SectionConfigRows() {
  const std::string g = "config", intf = "config-if", line = "config-line", router = "config-router";
  std::vector<ConfigRow> rows = {
      // Sections of the global configuration.
      {.mode = g, .match = "interface", .key_words = 2, .kind = K::kSection, .group = 90, .submode = intf},
      {.mode = g, .match = "line", .kind = K::kSection, .group = 140, .submode = line, .bang_after = false},
      {.mode = g, .match = "router", .key_words = 3, .kind = K::kSection, .group = 100, .submode = router},
      {.mode = g, .match = "ip ssh pubkey-chain", .key_words = 3, .kind = K::kSection, .group = 114, .submode = "conf-ssh-pubkey", .nested = true, .bang_after = false},
      {.mode = "conf-ssh-pubkey", .match = "username", .key_words = 2, .kind = K::kSection, .submode = "conf-ssh-pubkey-user"},
      {.mode = "conf-ssh-pubkey-user", .match = "key-hash", .key_words = 3},
      {.mode = g, .syntax = "ip access-list standard WORD", .help = {"", "Named access-list", "Standard Access List", "Access-list name"}, .match = "ip access-list standard", .key_words = 4, .kind = K::kSection, .group = 118, .submode = "config-std-nacl"},
      {.mode = g, .syntax = "ip access-list extended WORD", .help = {"", "", "Extended Access List", "Access-list name"}, .match = "ip access-list extended", .key_words = 4, .kind = K::kSection, .group = 118, .submode = "config-ext-nacl"},
      {.mode = g, .syntax = "access-list <1-199> (permit|deny|remark) LINE", .help = {"Add an access list entry", "IP access list number", "Specify packets to forward", "Specify packets to reject", "Access list entry comment", "Source, destination and options"}, .match = "access-list", .key_words = 2, .kind = K::kList, .group = 120, .normalize = NumberedAccessList, .no_syntax = "access-list <1-199> [LINE]"},
      {.mode = g, .syntax = "archive", .help = {"Archive the configuration"}, .match = "archive", .key_words = 1, .kind = K::kSection, .group = 83, .submode = "config-archive"},
      {.mode = "config-archive", .syntax = "path LINE", .help = {"path for backups", "URL with the filename prefix"}, .match = "path", .key_words = 1, .group = 10},
      {.mode = "config-archive", .syntax = "maximum <1-14>", .help = {"maximum number of backup copies", "maximum number of backup copies"}, .match = "maximum", .key_words = 1, .group = 20},
      {.mode = "config-archive", .syntax = "write-memory", .help = {"Enable automatic backup generation during write memory"}, .match = "write-memory", .key_words = 1, .group = 30},
      {.mode = "config-archive", .syntax = "time-period <1-525600>", .help = {"Period of time in minutes to automatically archive the running-config", "Number of minutes to wait between archive creation"}, .match = "time-period", .key_words = 1, .group = 40},
      {.mode = g, .syntax = "class-map [(match-all|match-any)] WORD", .help = {"Configure CPL Class Map", "Logical-AND all matching statements under this classmap", "Logical-OR all matching statements under this classmap", "class-map name"}, .match = "class-map", .key_words = 3, .kind = K::kSection, .group = 89, .submode = "config-cmap", .normalize = ClassMap, .no_syntax = "class-map [(match-all|match-any)] WORD"},
      {.mode = "config-cmap", .syntax = "match LINE", .help = {"classification criteria", "access-group, dscp, protocol, ..."}, .match = "match", .kind = K::kList, .group = 20},
      {.mode = "config-cmap", .syntax = "description LINE", .help = {"Class-Map description", "Description of this class-map (up to 200 characters)"}, .match = "description", .key_words = 1, .group = 10},
      {.mode = g, .syntax = "policy-map WORD", .help = {"Configure QoS Policy Map", "policy-map name"}, .match = "policy-map", .key_words = 2, .kind = K::kSection, .group = 89, .submode = "config-pmap"},
      {.mode = "config-pmap", .syntax = "description LINE", .help = {"Policy-Map description", "Description of this policy-map (up to 200 characters)"}, .match = "description", .key_words = 1, .group = 10},
      {.mode = "config-pmap", .syntax = "class WORD", .help = {"policy criteria", "class-map name"}, .match = "class", .key_words = 2, .kind = K::kSection, .group = 20, .submode = "config-pmap-c"},
      {.mode = "config-pmap-c", .syntax = "priority [(percent <1-100>|<8-10000000>)]", .help = {"Strict Scheduling Priority for this Class", "% of total bandwidth", "Priority percentage", "Kilo Bits per second"}, .match = "priority", .key_words = 1, .group = 10},
      {.mode = "config-pmap-c", .syntax = "bandwidth (percent <1-100>|remaining percent <1-100>|<8-10000000>)", .help = {"Bandwidth", "% of total Bandwidth", "Bandwidth percentage", "percent/ratio of the remaining bandwidth", "% of the remaining bandwidth", "Bandwidth percentage", "Kilo Bits per second"}, .match = "bandwidth", .key_words = 1, .group = 10},
      {.mode = "config-pmap-c", .syntax = "shape average <8000-10000000000>", .help = {"Traffic Shaping", "configure token bucket: CIR (bps)", "Target Bit Rate (bits/sec)"}, .match = "shape average", .key_words = 2, .group = 20},
      {.mode = "config-pmap-c", .syntax = "police <8000-10000000000>", .help = {"Police", "Target Bit Rate (bits per second)"}, .match = "police", .key_words = 1, .group = 20},
      {.mode = "config-pmap-c", .syntax = "set dscp WORD", .help = {"Set QoS values", "Set DSCP in IP(v4) and IPv6 packets", "Differentiated services codepoint value"}, .match = "set dscp", .key_words = 2, .group = 30},
      {.mode = g, .syntax = "vlan <1-4094>", .help = {"Vlan commands", "ISL VLAN IDs 1-1005"}, .match = "vlan", .key_words = 2, .kind = K::kSection, .group = 88, .submode = "config-vlan", .platforms = ConfigPlatforms::kSwitch},
      {.mode = "config-vlan", .syntax = "name WORD", .help = {"Ascii name of the VLAN", "The ascii name for the VLAN"}, .match = "name", .key_words = 1, .group = 10},
      {.mode = g, .syntax = "spanning-tree mode (pvst|rapid-pvst|mst)", .help = {"Spanning Tree Subsystem", "Spanning tree operating mode", "Per-Vlan spanning tree mode", "Per-Vlan rapid spanning tree mode", "Multiple spanning tree mode"}, .match = "spanning-tree mode", .key_words = 2, .group = 86, .platforms = ConfigPlatforms::kSwitch},
      {.mode = g, .syntax = "spanning-tree vlan WORD priority <0-61440>", .help = {"", "VLAN Switch Spanning Tree", "vlan range, example: 1,3-5,7,9-11", "Set the bridge priority for the spanning tree", "bridge priority in increments of 4096"}, .match = "spanning-tree vlan", .key_words = 4, .group = 86, .platforms = ConfigPlatforms::kSwitch, .no_syntax = "spanning-tree vlan WORD [LINE]"},
      {.mode = g, .match = "spanning-tree", .group = 86},

      // interface: description, switchport, ip address, shutdown, speed/duplex/negotiation.
      {.mode = intf, .syntax = "description LINE", .help = {"Interface specific description", "Up to 240 characters describing this interface"}, .match = "description", .key_words = 1, .group = 10},
      {.mode = intf, .syntax = "switchport access vlan <1-4094>", .help = {"Set switching mode characteristics", "Set access mode characteristics of the interface", "Set VLAN when interface is in access mode", "VLAN ID of the VLAN when this port is in access mode"}, .match = "switchport access vlan", .key_words = 3, .group = 20},
      {.mode = intf, .syntax = "switchport trunk allowed vlan WORD", .help = {"", "Set trunking characteristics of the interface", "Set allowed VLAN characteristics when interface is in trunking mode", "Set allowed VLANs when interface is in trunking mode", "VLAN IDs of the allowed VLANs when this port is in trunking mode"}, .match = "switchport trunk allowed vlan", .key_words = 4, .group = 21},
      {.mode = intf, .syntax = "switchport trunk native vlan <1-4094>", .help = {"", "", "Set trunking native characteristics when interface is in trunking mode", "Set native VLAN when interface is in trunking mode", "VLAN ID of the native VLAN when this port is in trunking mode"}, .match = "switchport trunk native vlan", .key_words = 4, .group = 21},
      {.mode = intf, .syntax = "switchport mode (access|trunk)", .help = {"", "Set trunking mode of the interface", "Set trunking mode to ACCESS unconditionally", "Set trunking mode to TRUNK unconditionally"}, .match = "switchport mode", .key_words = 2, .group = 22},
      {.mode = intf, .syntax = "mtu <64-9600>", .help = {"Set the interface Maximum Transmission Unit (MTU)", "MTU size in bytes"}, .match = "mtu", .key_words = 1, .group = 25},
      {.mode = intf, .syntax = "ip address A.B.C.D A.B.C.D [secondary]", .help = {"Interface Internet Protocol config commands", "Set the IP address of an interface", "IP address", "IP subnet mask", "Make this IP address a secondary address"}, .match = "ip address", .key_words = 2, .group = 30, .no_is_stored = true},
      {.mode = intf, .syntax = "ip address dhcp", .help = {"", "", "IP Address negotiated via DHCP"}, .match = "ip address", .key_words = 2, .group = 30, .no_is_stored = true},
      {.mode = intf, .syntax = "ip access-group WORD (in|out)", .help = {"", "Specify access control for packets", "Access-list name", "inbound packets", "outbound packets"}, .match = "ip access-group", .kind = K::kList, .group = 32},
      {.mode = intf, .match = "shutdown", .key_words = 1, .group = 40, .default_line = "no shutdown"},  // shutdown: submode_commands.cc
      {.mode = intf, .syntax = "speed (10|100|1000|auto)", .help = {"Configure speed operation.", "Force 10 Mbps operation", "Force 100 Mbps operation", "Force 1000 Mbps operation", "Enable AUTO speed configuration"}, .match = "speed", .key_words = 1, .group = 50},
      {.mode = intf, .syntax = "duplex (auto|full|half)", .help = {"Configure duplex operation.", "Enable AUTO duplex configuration", "Force full duplex operation", "Force half-duplex operation"}, .match = "duplex", .key_words = 1, .group = 51},
      {.mode = intf, .syntax = "negotiation auto", .help = {"Select Autonegotiation mode", "Enable link autonegotiation"}, .match = "negotiation", .key_words = 1, .group = 60},
      {.mode = intf, .syntax = "spanning-tree portfast", .help = {"Spanning Tree Subsystem", "Portfast options for the interface"}, .match = "spanning-tree portfast", .key_words = 2, .group = 70, .platforms = ConfigPlatforms::kSwitch},

      // line con / vty.
      {.mode = line, .syntax = "exec-timeout <0-35791> [<0-2147483>]", .help = {"Set the EXEC timeout", "Timeout in minutes", "Timeout in seconds"}, .match = "exec-timeout", .key_words = 1, .group = 10},
      {.mode = line, .syntax = "privilege level <0-15>", .help = {"Change privilege level for line", "Assign default privilege level for line", "Default privilege level for line"}, .match = "privilege level", .key_words = 2, .group = 12},
      {.mode = line, .syntax = "logging synchronous", .help = {"Modify message logging facilities", "Synchronized message output"}, .match = "logging synchronous", .key_words = 2, .group = 14},
      {.mode = line, .syntax = "password WORD", .help = {"Set a password", "The UNENCRYPTED (cleartext) line password"}, .match = "password", .key_words = 1, .group = 20},
      {.mode = line, .syntax = "login [local]", .help = {"Enable password checking", "Local password checking"}, .match = "login", .key_words = 1, .group = 30},
      {.mode = line, .syntax = "transport input (ssh|telnet|all|none) [(ssh|telnet)]", .help = {"Define transport protocols for line", "Define which protocols to use when connecting to the terminal server", "TCP/IP SSH protocol", "TCP/IP Telnet protocol", "All protocols", "No protocols", "TCP/IP SSH protocol", "TCP/IP Telnet protocol"}, .match = "transport input", .key_words = 2, .group = 40},
      {.mode = line, .syntax = "stopbits (1|2)", .help = {"Set async line stop bits", "One stop bit", "Two stop bits"}, .match = "stopbits", .key_words = 1, .group = 50},

      // router ospf.
      {.mode = router, .syntax = "router-id A.B.C.D", .help = {"router-id for this OSPF process", "OSPF router-id in IP address format"}, .match = "router-id", .key_words = 1, .group = 10},
      {.mode = router, .syntax = "passive-interface WORD", .help = {"Suppress routing updates on an interface", "Interface name"}, .match = "passive-interface", .kind = K::kList, .group = 20},
      {.mode = router, .syntax = "network A.B.C.D A.B.C.D area <0-4294967295>", .help = {"Enable routing on an IP network", "Network number", "OSPF wild card bits", "Set the OSPF area ID", "OSPF area ID as a decimal value"}, .match = "network", .kind = K::kList, .group = 30},
  };
  for (const char* mode : {"config-std-nacl", "config-ext-nacl"}) {
    std::vector<ConfigRow> acl = AclEntryRows(mode);
    rows.insert(rows.end(), acl.begin(), acl.end());
  }
  return rows;
}

}  // namespace iosup
