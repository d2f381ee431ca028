// A lab described as data: devices (platform, starting image, management address, credentials,
// extra configuration, optional count for fleets) and servers (TFTP root and the images it
// holds). Read from YAML; the seeds' lab is built in.
//
//   devices:
//     - name: R1                   # with count: N, names become R1..RN (zero-padded) and the
//                                  # address is the first device's (the next: host numbers 1-254
//                                  # of consecutive /24s); without an address, none has one
//       platform: ISR4321
//       hostname: NetsTuts_R1      # default: the name
//       image: isr4300-universalk9.16.09.06.SPA.bin   # default: the platform's
//       image_size: 521347072      # default: the platform's default size
//       mode: install              # IOS-XE: install (packages.conf) or bundle (the .bin);
//                                  # default: the platform's (Catalyst 9300: install)
//       stack: 3                   # a switch stack of 2-8 members, each with its flash
//       members:                   # stack members that differ (switch 2..8; implies stack)
//         - {switch: 3, version: 17.06.05}   # V-Mismatch until install autoupgrade
//         - {switch: 2, join_delay: 300, priority: 14}   # Progressing 300 s after each reload
//         - {switch: 4, flash_bytes: 2147483648}   # a member with less room on its flash
//       address: 192.168.1.1       # on interface (default: the platform's management one)
//       interface: GigabitEthernet0/0/0
//       username: admin            # privilege 15, login local on vty, ssh + telnet
//       password: cisco
//       enable: cisco
//       config: ["ip scp server enable"]
//   servers:
//     - type: tftp
//       address: 192.168.1.100
//       files:                      # generated into the server's root (real test images)
//         - {name: isr4300-universalk9.16.12.04.SPA.bin, size: 521347072}
//   faults:                         # active from the lab's start (fault_registry.h)
//     - {target: R1, kind: loss, args: [30]}
//     - "SW1 slow-return 2"
//   links:                          # cables between device interfaces (containerlab's form);
//     - endpoints: ["R1:Gi0/0/0", "SW1:Gi0/1"]   # names as IOS abbreviates them, or in full
//   management:                     # the network the servers sit on: every device's management
//     network: 192.168.1.0/24       # interface is on it, unless that interface is cabled
//
// A containerlab topology file is read too, for the parts that map: `topology.nodes` (a map of
// name -> {kind, mgmt-ipv4, image, ...}; a node may name our `platform` directly, else its kind
// picks one: a router kind an ISR4321, a switch kind (or `type: L2`) a Catalyst 2960),
// `topology.links`, and `mgmt.ipv4-subnet`.
#ifndef IOSUP_LAB_TOPOLOGY_H_
#define IOSUP_LAB_TOPOLOGY_H_

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "lab/fault_registry.h"
#include "device/stack/switch_stack.h"

namespace iosup {

struct DeviceDefinition {
  std::string name;
  std::string platform;
  std::string hostname;
  std::string image;        // empty: platform default
  uint64_t image_size = 0;  // 0: platform default
  std::string mode;         // "install", "bundle"; empty: the platform's default
  int stack = 1;            // switches in a stack (2-8), each with its flash (flash-2:, ...)
  std::vector<StackMemberSpec> members;  // members 2..N that differ from the active
  std::string address, netmask = "255.255.255.0", interface;
  std::string username = "admin", password = "cisco", enable = "cisco";
  std::vector<std::string> config;
};

struct ServedFile {
  std::string name;
  uint64_t size = 0;
};

struct ServerDefinition {
  std::string type = "tftp";
  std::string address;  // lab address devices use
  std::vector<ServedFile> files;
};

// One end of a cable: a device of the topology and one of its interfaces (full IOS name).
struct LinkEndpoint {
  std::string device, interface;
  bool operator==(const LinkEndpoint&) const = default;
};

struct LinkDefinition {
  LinkEndpoint a, b;
};

struct ManagementNetwork {
  std::string subnet;  // "192.168.1.0/24"; informational (the servers' and devices' addresses)
};

struct Topology {
  std::vector<DeviceDefinition> devices;
  std::vector<ServerDefinition> servers;
  std::vector<FaultRequest> faults;  // checked when the lab starts
  std::vector<LinkDefinition> links;  // each interface in at most one
  ManagementNetwork management;
};

// The seeds' TFTP server, an address that exists only in the lab's address map.
inline constexpr const char* kSeedTftpServer = "192.168.1.100";
// The first fleet device's management address: SW1 10.0.0.1 ... SW254 10.0.0.254, SW255 10.0.1.1.
inline constexpr const char* kFleetFirstAddress = "10.0.0.1";

// The most devices one topology holds, all groups together: a few lines of YAML (a group with a
// count, repeated through an alias) must not make the parser build millions of them.
inline constexpr size_t kMaxTopologyDevices = 100000;

// kInvalidArgument for a malformed file, an unknown platform, or more than kMaxTopologyDevices;
// for a link naming an unknown device or interface, or an interface cabled twice.
Result<Topology> ParseTopology(const std::string& yaml_text);
Result<Topology> LoadTopology(const std::string& path);
// The lab of seed 001: NetsTuts_R1 (ISR4321, 16.09.06), NetsTuts_SW1 (2960, 15.2(7)E6), and the
// TFTP server 192.168.1.100 holding 16.12.04 and 15.2(7)E9 at their real sizes. As the guide
// draws it, R1's GigabitEthernet0/0/0 is cabled to SW1 (GigabitEthernet0/1), and SW1 (Vlan1)
// is on the management network with the server: R1 reaches the server through SW1.
Topology SeedTopology();
// `count` devices of one platform (SW0001...), on 10.x.y.z from kFleetFirstAddress (each on its
// management interface), with the seeds' TFTP server and the platform's upgrade target
// (PlatformSpec::target_image) staged on it.
Result<Topology> FleetTopology(const std::string& platform, int count);
// Topologies built in by name: "seed" (SeedTopology) and "cat9300" (SW1, a Catalyst 9300 on
// 17.06.05 in install mode, its 17.09.04a target at real size on the seeds' TFTP server) and
// "cat9300-stack" (the same as STACK1, a stack of three). kNotFound for another name.
Result<Topology> BuiltinTopology(const std::string& name);

}  // namespace iosup

#endif  // IOSUP_LAB_TOPOLOGY_H_
