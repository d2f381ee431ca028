// The device's side of OSPF (ospf.h): what it hears on its interfaces from the lab's links, the
// table it keeps, and the routes its adjacencies give (a shortest-path walk over the lab's
// routers' full adjacencies). Runs from Tick, only on a device with an OSPF process, when the
// lab's interfaces moved or a hello interval passed: never per event of the network. An interface
// made OSPF-silent (SetOspfSilent) hears no one and is heard by no one.
#include <map>
#include <queue>

#include "device/device.h"
#include "device/ios_time.h"

namespace iosup {

namespace {

using std::chrono::seconds;

std::optional<OspfProcess> ProcessOf(const Device& d) {
  if (!RunsOspf(d.running_config())) return std::nullopt;
  return ReadOspf(d.running_config(),
                  [&d](const std::string& name) { return d.interface_status(name).protocol_up; });
}

// The hello interval that paces the re-hearing: the shortest of the process's interfaces.
int HelloOf(const OspfProcess& p) {
  int hello = 10;
  for (const OspfInterface& i : p.interfaces) hello = std::min(hello, i.hello);
  return std::max(1, hello);
}

}  // namespace

std::optional<OspfProcess> Device::OspfConfig() const {
  if (state_ != DeviceState::kRunning) return std::nullopt;
  return ProcessOf(*this);
}

std::vector<OspfHeard> Device::HearOspf(const OspfProcess& mine) const {
  std::vector<OspfHeard> heard;
  if (link_state_ == nullptr || mine.router_id == 0) return heard;
  for (const OspfInterface& own : mine.interfaces) {
    if (own.passive || own.loopback || ospf_silent(own.name)) continue;
    struct Found {
      const Device* device;
      OspfInterface interface;
      uint32_t router_id;
    };
    std::vector<Found> found;
    for (const LinkStatePort::Peer& p : link_state_->SegmentPeers(name(), own.name)) {
      if (p.device == nullptr || p.device == this || p.device->ospf_silent(p.interface)) continue;
      std::optional<OspfProcess> theirs = ProcessOf(*p.device);
      if (!theirs || theirs->router_id == 0 || theirs->router_id == mine.router_id) continue;
      const OspfInterface* i = theirs->Find(p.interface);
      if (i == nullptr || i->passive || i->loopback || i->mask != own.mask ||
          (i->address & i->mask) != (own.address & own.mask) || i->area != own.area ||
          i->hello != own.hello || i->dead != own.dead || i->point_to_point != own.point_to_point) {
        continue;
      }
      found.push_back({p.device, *i, theirs->router_id});
    }
    if (found.empty()) continue;
    uint32_t dr = 0, bdr = 0;
    if (!own.point_to_point) {
      WallTime earliest = booted_at_;
      for (const Found& f : found) earliest = std::min(earliest, f.device->booted_at());
      auto late = [&](WallTime t) { return t > earliest + seconds(own.dead); };
      std::vector<OspfCandidate> all = {{own.address, own.priority, mine.router_id, late(booted_at_)}};
      for (const Found& f : found) {
        all.push_back({f.interface.address, f.interface.priority, f.router_id, late(f.device->booted_at())});
      }
      std::tie(dr, bdr) = ElectDr(std::move(all));
    }
    const bool self_elected = own.address == dr || own.address == bdr;
    for (const Found& f : found) {
      OspfHeard h{.interface = own.name, .peer = f.device->name(), .router_id = f.router_id,
                  .address = f.interface.address, .priority = f.interface.priority,
                  .dr = dr, .bdr = bdr, .area = own.area, .hello = own.hello, .dead = own.dead};
      const uint32_t a = f.interface.address;
      h.role = own.point_to_point ? "-" : a == dr ? "DR" : a == bdr ? "BDR" : "DROTHER";
      const bool adjacent = own.point_to_point || self_elected || a == dr || a == bdr;
      h.state = !adjacent ? OspfState::kTwoWay
                : f.interface.mtu != own.mtu ? OspfState::kExstart
                                             : OspfState::kFull;
      heard.push_back(std::move(h));
    }
  }
  return heard;
}

void Device::RefreshOspf() {
  if (state_ != DeviceState::kRunning) return;
  const WallTime now = clock_.Now();
  std::optional<OspfProcess> mine = ProcessOf(*this);
  std::set<std::string> live;
  std::vector<OspfHeard> heard;
  if (mine) {
    for (const OspfInterface& i : mine->interfaces) live.insert(i.name);
    heard = HearOspf(*mine);
  }
  const std::vector<std::string> changes = ospf_.Update(now, mine ? mine->id : 0, heard, live);
  if (!changes.empty()) {
    const std::string stamp = SyslogStamp(now);
    std::string text;
    for (const std::string& m : changes) text += stamp + m + "\n";
    Emit(text);
  }
  RouteOspf();
}

void Device::SetOspfSilent(const std::string& interface, bool silent) {
  const bool changed =
      silent ? ospf_silent_.insert(interface).second : ospf_silent_.erase(interface) > 0;
  if (!changed) return;
  ospf_generation_ = ~uint64_t{0};
  // The lab's generation moves: every router re-hears at its next tick, not at its next hello.
  // Off or booting, the boot's own interface change does that.
  if (state_ == DeviceState::kRunning && link_state_ != nullptr) {
    link_state_->InterfacesChanged(name());
  }
}

void Device::TickOspf(WallTime now) {
  if (state_ != DeviceState::kRunning || link_state_ == nullptr) return;
  if (ospf_.rows().empty() && !RunsOspf(running_)) return;
  const uint64_t generation = link_state_->generation();
  std::optional<WallTime> dead = ospf_.NextDeadline(now);
  if (generation == ospf_generation_ && now < ospf_next_hello_ && !(dead && now >= *dead)) return;
  ospf_generation_ = generation;
  std::optional<OspfProcess> mine = ProcessOf(*this);
  ospf_next_hello_ = now + seconds(mine ? HelloOf(*mine) : 10);
  RefreshOspf();
}

// Dijkstra over the routers' full adjacencies: every router reached gives the networks of its
// OSPF interfaces, at the cost of the way there plus the interface's own, through the first hop.
void Device::RouteOspf() {
  std::vector<std::pair<IpRoute, WallTime>> routes;
  std::optional<OspfProcess> mine = ProcessOf(*this);
  if (!mine || link_state_ == nullptr) {
    ospf_routes_.clear();
    return;
  }
  std::set<uint32_t> own_areas;
  std::set<std::pair<uint32_t, uint32_t>> connected;
  for (const OspfInterface& i : mine->interfaces) {
    own_areas.insert(i.area);
    connected.insert({i.address & i.mask, i.mask});
  }
  struct Way {
    int cost;
    std::string device, interface;  // the router reached; the own interface of the first hop
    uint32_t next_hop, area;
    WallTime since;
  };
  auto later = [](const Way& a, const Way& b) { return a.cost > b.cost; };
  std::priority_queue<Way, std::vector<Way>, decltype(later)> queue(later);
  for (const OspfNeighbor& n : ospf_.rows()) {
    const OspfInterface* i = mine->Find(n.interface);
    if (n.state == OspfState::kFull && !n.lost_at && i != nullptr) {
      queue.push({i->cost, n.peer, n.interface, n.address, n.area, n.up_since});
    }
  }
  std::set<std::string> done = {name()};
  std::map<std::pair<uint32_t, uint32_t>, size_t> best;
  while (!queue.empty()) {
    Way w = queue.top();
    queue.pop();
    if (!done.insert(w.device).second) continue;
    const Device* d = link_state_->DeviceNamed(w.device);
    std::optional<OspfProcess> theirs = d ? ProcessOf(*d) : std::nullopt;
    if (!theirs) continue;
    for (const OspfInterface& i : theirs->interfaces) {
      const uint32_t mask = i.loopback ? 0xffffffffu : i.mask;
      const std::pair<uint32_t, uint32_t> key{i.address & mask, mask};
      if (connected.count(key)) continue;
      IpRoute r{IpRoute::Kind::kOspf, key.first, key.second, w.interface, w.next_hop, 110,
                w.cost + i.cost};
      r.inter_area = !own_areas.count(i.area);
      auto it = best.find(key);
      if (it == best.end()) {
        best[key] = routes.size();
        routes.push_back({r, w.since});
      } else if (r.metric < routes[it->second].first.metric) {
        routes[it->second] = {r, w.since};
      }
    }
    for (const OspfNeighbor& n : d->ospf().rows()) {
      const OspfInterface* i = theirs->Find(n.interface);
      if (n.state == OspfState::kFull && !n.lost_at && i != nullptr && !done.count(n.peer)) {
        queue.push({w.cost + i->cost, n.peer, w.interface, w.next_hop, w.area, w.since});
      }
    }
  }
  ospf_routes_ = std::move(routes);
}

}  // namespace iosup
