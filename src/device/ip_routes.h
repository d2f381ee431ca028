// A device's IPv4 routing table as IOS builds it from its configuration and the state of its
// interfaces: connected and local routes of every interface whose line protocol is up, static
// routes (`ip route P M NEXT-HOP|INTERFACE [DISTANCE]`) whose next hop resolves through one, and
// routes learned elsewhere (OSPF) handed in by the caller. A switch without `ip routing` has no
// table: it sends everything off-subnet to its `ip default-gateway`.
#ifndef IOSUP_DEVICE_IP_ROUTES_H_
#define IOSUP_DEVICE_IP_ROUTES_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "device/config.h"

namespace iosup {

// Dotted quad <-> host order; nullopt for anything else.
std::optional<uint32_t> ParseIpv4(std::string_view text);
std::string Ipv4Text(uint32_t address);
int MaskLength(uint32_t mask);

struct IpRoute {
  enum class Kind : uint8_t { kConnected, kLocal, kStatic, kOspf };
  Kind kind = Kind::kConnected;
  uint32_t prefix = 0, mask = 0;
  std::string interface;   // egress
  uint32_t next_hop = 0;   // 0: directly connected
  int distance = 0, metric = 0;
  bool inter_area = false;  // OSPF: learned from another area ("O IA")
  std::string age;          // OSPF: how long it has been known ("00:05:12")
};

// The egress of a packet: out of `interface` to `next_hop` (the destination itself when it is
// on a connected subnet).
struct Egress {
  std::string interface;
  uint32_t next_hop = 0;
  uint32_t source = 0;  // the egress interface's address
};

using ProtocolUpFn = std::function<bool(const std::string& interface)>;

class RoutingTable {
 public:
  // `routing`: the device routes (routers; switches with `ip routing`). `learned`: OSPF routes.
  static RoutingTable Build(const Config& config, bool routing, const ProtocolUpFn& up,
                            std::vector<IpRoute> learned = {});
  // Longest-prefix match, as CEF forwards; for a host (no routing) the connected subnet, else the
  // default gateway, else (none configured) the destination itself, ARPed for on the first up
  // interface.
  std::optional<Egress> Lookup(uint32_t destination) const;
  // Whether `address` is one of this device's own up addresses.
  bool IsLocal(uint32_t address) const;
  const std::vector<IpRoute>& routes() const { return routes_; }
  bool routing() const { return routing_; }
  std::optional<uint32_t> default_gateway() const { return gateway_; }

 private:
  std::vector<IpRoute> routes_;  // sorted by prefix, then mask
  bool routing_ = true;
  std::optional<uint32_t> gateway_;  // `ip default-gateway` (hosts only)
};

// `show ip route` in IOS's layout (the hosts' "Default gateway is" form when not routing).
std::string ShowIpRoute(const RoutingTable& table);

}  // namespace iosup

#endif  // IOSUP_DEVICE_IP_ROUTES_H_
