#include "lab/network_model.h"

#include <set>

namespace iosup {

namespace {

bool IsSvi(std::string_view name) { return name.starts_with("Vlan"); }

bool IsSwitchport(const Device& d, std::string_view interface) {
  return d.platform().is_switch() && !IsSvi(interface) && !interface.starts_with("Loopback");
}

constexpr int kMaxHops = 30;

}  // namespace

NetworkModel::NetworkModel(const Topology& topology, const AddressMap& map) : map_(map) {
  nodes_.reserve(topology.devices.size());
  for (const DeviceDefinition& d : topology.devices) {
    index_[d.name] = nodes_.size();
    nodes_.push_back({nullptr, d.name, d.interface, {}});
  }
  for (const LinkDefinition& l : topology.links) {
    auto a = index_.find(l.a.device), b = index_.find(l.b.device);
    if (a == index_.end() || b == index_.end()) continue;  // ParseTopology refuses these
    nodes_[a->second].cables.push_back({l.a.interface, l.b});
    nodes_[b->second].cables.push_back({l.b.interface, l.a});
  }
}

void NetworkModel::AddDevice(Device* device, const std::string& management) {
  auto it = index_.find(device->name());
  if (it == index_.end()) {
    index_[device->name()] = nodes_.size();
    nodes_.push_back({device, device->name(), management, {}});
    return;
  }
  nodes_[it->second].device = device;
  nodes_[it->second].management = management;
}

const NetworkModel::Node* NetworkModel::Find(std::string_view name) const {
  auto it = index_.find(std::string(name));
  return it == index_.end() ? nullptr : &nodes_[it->second];
}

const LinkEndpoint* NetworkModel::Peer(std::string_view device, std::string_view interface) const {
  const Node* n = Find(device);
  if (n == nullptr) return nullptr;
  for (const auto& [own, far] : n->cables) {
    if (own == interface) return &far;
  }
  return nullptr;
}

bool NetworkModel::OnManagement(const Node& n) const {
  if (n.management.empty()) return false;
  for (const auto& cable : n.cables) {
    if (cable.first == n.management) return false;
  }
  return true;
}

bool NetworkModel::Carrier(std::string_view device, std::string_view interface) {
  const Node* n = Find(device);
  if (n == nullptr) return false;
  if (const LinkEndpoint* far = Peer(device, interface)) {
    const Node* p = Find(far->device);
    if (p == nullptr || p->device == nullptr || p->device->state() != DeviceState::kRunning) {
      return false;
    }
    // A physical interface missing from a (hand-written) configuration has its defaults.
    std::optional<InterfaceConfig> ic = p->device->running_config().interface(far->interface);
    return !(ic && ic->shutdown) && p->device->link_up(far->interface);
  }
  return interface == n->management && OnManagement(*n);
}

void NetworkModel::InterfacesChanged(std::string_view device) {
  ++generation_;
  const Node* n = Find(device);
  if (n == nullptr) return;
  for (const auto& cable : n->cables) {
    const Node* p = Find(cable.second.device);
    if (p != nullptr && p->device != nullptr) p->device->RefreshInterfaces();
  }
}

bool NetworkModel::Up(size_t node, const std::string& interface) const {
  const Device* d = nodes_[node].device;
  return d != nullptr && d->state() == DeviceState::kRunning &&
         d->interface_status(interface).protocol_up;
}

bool NetworkModel::Holds(size_t node, const std::string& interface, uint32_t address) const {
  if (!Up(node, interface)) return false;
  std::optional<InterfaceConfig> ic = nodes_[node].device->running_config().interface(interface);
  return ic && ParseIpv4(ic->ip_address) == address;
}

// A breadth-first walk of the layer-2 segment: frames cross cables between up interfaces, a
// switch floods them within the VLAN they arrived in (a trunk keeps the VLAN), and the
// management network joins every device attached to it and the servers. `visit` sees each
// layer-3 interface reached (a routed port, an SVI of the VLAN, a management interface) and the
// servers' network as {kServer, ""}; it returns true to stop the walk there.
bool NetworkModel::VisitSegment(size_t start, const std::string& interface,
                                const std::function<bool(size_t, const std::string&)>& visit) const {
  struct Arrival {
    size_t node;
    std::string interface;
    int vlan;
  };
  std::vector<Arrival> arrivals;
  std::vector<std::pair<size_t, int>> domains;
  std::set<std::pair<size_t, int>> seen;
  bool bridge = false, bridge_seen = false;
  auto leave_by = [&](size_t node, const std::string& own, int vlan) {
    for (const auto& [mine, far] : nodes_[node].cables) {
      if (mine != own) continue;
      auto p = index_.find(far.device);
      if (p != index_.end()) arrivals.push_back({p->second, far.interface, vlan});
      return;
    }
    if (own == nodes_[node].management && OnManagement(nodes_[node])) bridge = true;
  };
  const Device& first = *nodes_[start].device;
  if (first.platform().is_switch() && IsSvi(interface)) {
    domains.push_back({start, std::atoi(interface.c_str() + 4)});
  } else {
    leave_by(start, interface, 1);
  }
  while (!arrivals.empty() || !domains.empty() || (bridge && !bridge_seen)) {
    if (!arrivals.empty()) {
      Arrival a = arrivals.back();
      arrivals.pop_back();
      if (!Up(a.node, a.interface)) continue;
      const Device& d = *nodes_[a.node].device;
      if (!IsSwitchport(d, a.interface)) {
        if (visit(a.node, a.interface)) return true;
        continue;
      }
      const int vlan = SwitchportVlan(d.running_config(), a.interface);
      domains.push_back({a.node, vlan == 0 ? a.vlan : vlan});
    } else if (!domains.empty()) {
      auto [node, vlan] = domains.back();
      domains.pop_back();
      if (!seen.insert({node, vlan}).second) continue;
      const std::string svi = "Vlan" + std::to_string(vlan);
      if (Up(node, svi) && visit(node, svi)) return true;
      if (svi == nodes_[node].management && Up(node, svi)) leave_by(node, svi, vlan);
      const Device& d = *nodes_[node].device;
      for (const auto& cable : nodes_[node].cables) {
        const int v = SwitchportVlan(d.running_config(), cable.first);
        if ((v == vlan || v == 0) && Up(node, cable.first)) leave_by(node, cable.first, vlan);
      }
    } else {
      bridge_seen = true;
      if (visit(kServer, "")) return true;
      for (size_t i = 0; i < nodes_.size(); ++i) {
        const Node& n = nodes_[i];
        if (n.device == nullptr || !OnManagement(n) || !Up(i, n.management)) continue;
        if (visit(i, n.management)) return true;
        if (n.device->platform().is_switch() && IsSvi(n.management)) {
          domains.push_back({i, std::atoi(n.management.c_str() + 4)});
        }
      }
    }
  }
  return false;
}

std::optional<NetworkModel::Owner> NetworkModel::FindOnSegment(size_t start,
                                                               const std::string& interface,
                                                               uint32_t address) const {
  std::optional<Owner> found;
  VisitSegment(start, interface, [&](size_t node, const std::string& iface) {
    if (node == kServer) {
      if (map_.Knows(Ipv4Text(address))) found = Owner{kServer, ""};
    } else if (Holds(node, iface, address)) {
      found = Owner{node, iface};
    }
    return found.has_value();
  });
  return found;
}

std::optional<LinkStatePort::Peer> NetworkModel::CablePeer(std::string_view device,
                                                           std::string_view interface) {
  const LinkEndpoint* far = Peer(device, interface);
  if (far == nullptr) return std::nullopt;
  const Node* p = Find(far->device);
  if (p == nullptr || p->device == nullptr || p->device->state() != DeviceState::kRunning) {
    return std::nullopt;
  }
  return LinkStatePort::Peer{p->device, far->interface};
}

std::vector<LinkStatePort::Peer> NetworkModel::SegmentPeers(std::string_view device,
                                                            const std::string& interface) {
  std::vector<LinkStatePort::Peer> out;
  auto start = index_.find(std::string(device));
  if (start == index_.end() || nodes_[start->second].device == nullptr) return out;
  VisitSegment(start->second, interface, [&](size_t node, const std::string& iface) {
    if (node != kServer && node != start->second) out.push_back({nodes_[node].device, iface});
    return false;
  });
  return out;
}

const Device* NetworkModel::DeviceNamed(std::string_view name) {
  const Node* n = Find(name);
  return n == nullptr || n->device == nullptr || n->device->state() != DeviceState::kRunning
             ? nullptr
             : n->device;
}

std::optional<NetworkModel::Owner> NetworkModel::Walk(size_t node, std::string interface,
                                                      uint32_t next_hop, uint32_t destination,
                                                      std::vector<std::string>* hops) const {
  for (int ttl = 0; ttl < kMaxHops; ++ttl) {
    std::optional<Owner> owner = FindOnSegment(node, interface, next_hop);
    if (!owner) return std::nullopt;
    if (owner->node == kServer) {
      return next_hop == destination ? owner : std::nullopt;  // servers route nothing
    }
    const RoutingTable routes = nodes_[owner->node].device->Routes();
    if (routes.IsLocal(destination)) return owner;
    if (!routes.routing()) return std::nullopt;
    if (hops != nullptr) hops->push_back(Ipv4Text(next_hop));
    std::optional<Egress> e = routes.Lookup(destination);
    if (!e) return std::nullopt;
    node = owner->node;
    interface = e->interface;
    next_hop = e->next_hop;
  }
  return std::nullopt;
}

NetworkPort::Delivery NetworkModel::Deliver(std::string_view device, const std::string& interface,
                                            const std::string& next_hop,
                                            const std::string& source,
                                            const std::string& destination) {
  Delivery out;
  auto start = index_.find(std::string(device));
  std::optional<uint32_t> hop = ParseIpv4(next_hop), dst = ParseIpv4(destination),
                          src = ParseIpv4(source);
  if (start == index_.end() || !hop || !dst || nodes_[start->second].device == nullptr) return out;
  std::optional<Owner> there = Walk(start->second, interface, *hop, *dst, &out.hops);
  if (!there) return out;
  if (there->node != kServer) {
    // The answer goes back by the destination's own table, to the sender's address.
    std::optional<Egress> back = src ? nodes_[there->node].device->Routes().Lookup(*src)
                                     : std::nullopt;
    std::optional<Owner> home =
        back ? Walk(there->node, back->interface, back->next_hop, *src, nullptr) : std::nullopt;
    if (!home || home->node != start->second) return out;
  }
  out.answered = true;
  out.hops.push_back(destination);
  return out;
}

}  // namespace iosup
