#include "device/ip_routes.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>

#include "device/config_schema.h"

namespace iosup {

namespace {

bool Contains(uint32_t prefix, uint32_t mask, uint32_t address) {
  return (address & mask) == prefix;
}

// The classful network of `prefix`: class A /8, B /16, C /24.
uint32_t ClassfulMask(uint32_t prefix) {
  if (prefix < 0x80000000u) return 0xff000000u;
  if (prefix < 0xc0000000u) return 0xffff0000u;
  return 0xffffff00u;
}

// `with_length`: false under a "is subnetted" heading (one mask), which IOS states once there.
std::string RouteText(const IpRoute& r, bool with_length = true) {
  std::string where = Ipv4Text(r.prefix) + (with_length ? "/" + std::to_string(MaskLength(r.mask)) : "");
  if (r.next_hop == 0) return where + " is directly connected, " + r.interface;
  std::string text = where + " [" + std::to_string(r.distance) + "/" + std::to_string(r.metric) +
                     "] via " + Ipv4Text(r.next_hop);
  if (r.kind == IpRoute::Kind::kOspf) text += ", " + (r.age.empty() ? "" : r.age + ", ") + r.interface;
  return text;
}

std::string Code(const IpRoute& r) {
  std::string code;
  switch (r.kind) {
    case IpRoute::Kind::kConnected: code = "C"; break;
    case IpRoute::Kind::kLocal: code = "L"; break;
    case IpRoute::Kind::kStatic: code = "S"; break;
    case IpRoute::Kind::kOspf: code = r.inter_area ? "O IA" : "O"; break;
  }
  if (r.prefix == 0 && r.mask == 0) code += "*";
  return code;
}

std::string Pad(std::string s, size_t width) {
  s.resize(std::max(width, s.size() + 1), ' ');
  return s;
}

constexpr const char* kCodes =
    "Codes: L - local, C - connected, S - static, R - RIP, M - mobile, B - BGP\n"
    "       D - EIGRP, EX - EIGRP external, O - OSPF, IA - OSPF inter area \n"
    "       N1 - OSPF NSSA external type 1, N2 - OSPF NSSA external type 2\n"
    "       E1 - OSPF external type 1, E2 - OSPF external type 2\n"
    "       i - IS-IS, su - IS-IS summary, L1 - IS-IS level-1, L2 - IS-IS level-2\n"
    "       ia - IS-IS inter area, * - candidate default, U - per-user static route\n"
    "       o - ODR, P - periodic downloaded static route, H - NHRP, l - LISP\n"
    "       a - application route\n"
    "       + - replicated route, % - next hop override, p - overrides from PfR\n\n";

}  // namespace

std::optional<uint32_t> ParseIpv4(std::string_view text) {
  in_addr a{};
  if (inet_pton(AF_INET, std::string(text).c_str(), &a) != 1) return std::nullopt;
  return ntohl(a.s_addr);
}

std::string Ipv4Text(uint32_t address) {
  in_addr a{htonl(address)};
  char text[INET_ADDRSTRLEN];
  inet_ntop(AF_INET, &a, text, sizeof text);
  return text;
}

int MaskLength(uint32_t mask) { return __builtin_popcount(mask); }

RoutingTable RoutingTable::Build(const Config& config, bool routing, const ProtocolUpFn& up,
                                 std::vector<IpRoute> learned) {
  RoutingTable t;
  t.routing_ = routing;
  for (const InterfaceConfig& ic : config.interfaces()) {
    std::optional<uint32_t> a = ParseIpv4(ic.ip_address), m = ParseIpv4(ic.ip_mask);
    if (!a || !m || !up(ic.name)) continue;
    t.routes_.push_back({IpRoute::Kind::kConnected, *a & *m, *m, ic.name});
    // A /32 (a loopback's) is its own host route: IOS installs no separate local one.
    if (*m != 0xffffffffu) t.routes_.push_back({IpRoute::Kind::kLocal, *a, 0xffffffffu, ic.name});
  }
  const std::vector<IpRoute> connected = t.routes_;
  auto resolve = [&](uint32_t hop) -> const IpRoute* {
    for (const IpRoute& c : connected) {
      if (c.kind == IpRoute::Kind::kConnected && Contains(c.prefix, c.mask, hop)) return &c;
    }
    return nullptr;
  };
  for (const ConfigNode& n : config.nodes()) {
    std::vector<std::string> w = ConfigWords(n.text);
    if (w.size() == 3 && w[0] == "ip" && w[1] == "default-gateway") t.gateway_ = ParseIpv4(w[2]);
    if (!routing || w.size() < 5 || w[0] != "ip" || w[1] != "route") continue;
    std::optional<uint32_t> p = ParseIpv4(w[2]), m = ParseIpv4(w[3]), hop = ParseIpv4(w[4]);
    if (!p || !m) continue;
    IpRoute r{IpRoute::Kind::kStatic, *p & *m, *m};
    r.distance = 1;
    if (w.size() >= 6 && std::isdigit(static_cast<unsigned char>(w[5][0])) && hop) {
      r.distance = std::atoi(w[5].c_str());
    }
    if (hop) {
      const IpRoute* via = resolve(*hop);
      if (via == nullptr) continue;  // a next hop no up interface reaches: not installed
      r.interface = via->interface;
      r.next_hop = *hop;
    } else {
      if (!up(w[4])) continue;
      r.interface = w[4];
      if (w.size() >= 6) r.next_hop = ParseIpv4(w[5]).value_or(0);
    }
    t.routes_.push_back(r);
  }
  if (routing) {
    for (IpRoute& r : learned) t.routes_.push_back(std::move(r));
  }
  std::stable_sort(t.routes_.begin(), t.routes_.end(), [](const IpRoute& a, const IpRoute& b) {
    return a.prefix != b.prefix ? a.prefix < b.prefix : a.mask < b.mask;
  });
  return t;
}

std::optional<Egress> RoutingTable::Lookup(uint32_t destination) const {
  const IpRoute* best = nullptr;
  for (const IpRoute& r : routes_) {
    if (r.kind == IpRoute::Kind::kLocal || !Contains(r.prefix, r.mask, destination)) continue;
    if (!routing_ && r.kind != IpRoute::Kind::kConnected) continue;
    if (best == nullptr || r.mask > best->mask ||
        (r.mask == best->mask && r.distance < best->distance)) {
      best = &r;
    }
  }
  if (best == nullptr && !routing_ && gateway_) {
    std::optional<Egress> via = Lookup(*gateway_);
    if (via && via->next_hop == *gateway_) return via;
    return std::nullopt;
  }
  if (best == nullptr && !routing_) {
    // A host with no default gateway ARPs for every destination on its first up interface
    // (a proxy-ARP router may answer), as a Catalyst without `ip routing` does.
    for (const IpRoute& r : routes_) {
      if (r.kind == IpRoute::Kind::kLocal) return Egress{r.interface, destination, r.prefix};
    }
  }
  if (best == nullptr) return std::nullopt;
  Egress e{best->interface, best->next_hop != 0 ? best->next_hop : destination};
  for (const IpRoute& r : routes_) {
    if (r.kind == IpRoute::Kind::kLocal && r.interface == best->interface) e.source = r.prefix;
  }
  return e;
}

bool RoutingTable::IsLocal(uint32_t address) const {
  return std::any_of(routes_.begin(), routes_.end(), [&](const IpRoute& r) {
    return (r.kind == IpRoute::Kind::kLocal ||
            (r.kind == IpRoute::Kind::kConnected && r.mask == 0xffffffffu)) &&
           r.prefix == address;
  });
}

std::string ShowIpRoute(const RoutingTable& table) {
  if (!table.routing()) {
    std::string gw = table.default_gateway() ? Ipv4Text(*table.default_gateway()) : "not set";
    return "Default gateway is " + gw +
           "\n\nHost               Gateway           Last Use    Total Uses  Interface\n"
           "ICMP redirect cache is empty\n";
  }
  std::string out = kCodes;
  const IpRoute* def = nullptr;
  for (const IpRoute& r : table.routes()) {
    if (r.prefix == 0 && r.mask == 0 && r.next_hop != 0) def = &r;
  }
  out += def ? "Gateway of last resort is " + Ipv4Text(def->next_hop) + " to network 0.0.0.0\n\n"
             : "Gateway of last resort is not set\n\n";
  // Grouped under their classful network, as IOS prints them.
  std::map<uint32_t, std::vector<const IpRoute*>> groups;
  for (const IpRoute& r : table.routes()) {
    const uint32_t major = ClassfulMask(r.prefix);
    groups[r.mask >= major ? r.prefix & major : r.prefix].push_back(&r);
  }
  for (const auto& [major, routes] : groups) {
    const uint32_t cmask = ClassfulMask(major);
    const bool subnetted = routes.size() > 1 || routes[0]->mask != cmask;
    if (subnetted && routes[0]->mask >= cmask) {
      std::set<uint32_t> masks;
      for (const IpRoute* r : routes) masks.insert(r->mask);
      const std::string n = std::to_string(routes.size());
      out += "      " + Ipv4Text(major) + "/" +
             std::to_string(masks.size() == 1 ? MaskLength(*masks.begin()) : MaskLength(cmask)) +
             (masks.size() == 1 ? " is subnetted, " + n + " subnets"
                                : " is variably subnetted, " + n + " subnets, " +
                                      std::to_string(masks.size()) + " masks") +
             "\n";
      for (const IpRoute* r : routes) out += Pad(Code(*r), 9) + RouteText(*r, masks.size() > 1) + "\n";
    } else {
      for (const IpRoute* r : routes) out += Pad(Code(*r), 6) + RouteText(*r) + "\n";
    }
  }
  return out;
}

}  // namespace iosup
