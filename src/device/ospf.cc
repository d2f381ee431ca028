#include "device/ospf.h"

#include <algorithm>
#include <cstdio>

#include "device/ip_routes.h"
#include "device/link_neighbors.h"

namespace iosup {

namespace {

using std::chrono::seconds;

const char* StateWord(OspfState s) {
  switch (s) {
    case OspfState::kTwoWay: return "2WAY";
    case OspfState::kExstart: return "EXSTART";
    case OspfState::kFull: return "FULL";
  }
  return "DOWN";
}

// IOS's count of state changes on the way: DOWN, INIT, 2WAY, EXSTART, EXCHANGE, LOADING, FULL.
int ChangesTo(OspfState s) {
  switch (s) {
    case OspfState::kTwoWay: return 2;
    case OspfState::kExstart: return 3;
    case OspfState::kFull: return 6;
  }
  return 0;
}

std::string HoursClock(long long secs) {
  if (secs < 0) secs = 0;
  char text[32];
  std::snprintf(text, sizeof text, "%02lld:%02lld:%02lld", secs / 3600, secs / 60 % 60, secs % 60);
  return text;
}

long long Seconds(Duration d) { return std::chrono::duration_cast<seconds>(d).count(); }

std::string Adjchg(int process, const OspfNeighbor& n, const std::string& change) {
  return "%OSPF-5-ADJCHG: Process " + std::to_string(process) + ", Nbr " + Ipv4Text(n.router_id) +
         " on " + n.interface + " from " + change;
}

std::string Pad(std::string s, size_t width) {
  if (s.size() < width) s.resize(width, ' ');
  return s;
}

}  // namespace

std::string OspfRouteAge(Duration age) {
  const long long s = std::max(0LL, Seconds(age));
  if (s < 86400) return HoursClock(s);
  char text[32];
  if (s < 7 * 86400) {
    std::snprintf(text, sizeof text, "%lldd%02lldh", s / 86400, s / 3600 % 24);
  } else {
    std::snprintf(text, sizeof text, "%lldw%lldd", s / (7 * 86400), s / 86400 % 7);
  }
  return text;
}

WallTime OspfNeighbor::LastHello(WallTime now) const {
  const WallTime until = lost_at.value_or(now);
  const long long since = std::max(0LL, Seconds(until - up_since));
  return up_since + seconds(since / hello * hello);
}

WallTime OspfNeighbor::DeadAt(WallTime now) const { return LastHello(now) + seconds(dead); }

std::vector<std::string> OspfTable::Update(WallTime now, int process,
                                           const std::vector<OspfHeard>& heard,
                                           const std::set<std::string>& live) {
  std::vector<std::string> out;
  std::vector<bool> kept(rows_.size(), false);
  for (const OspfHeard& h : heard) {
    auto it = std::find_if(rows_.begin(), rows_.end(), [&](const OspfNeighbor& r) {
      return r.interface == h.interface && r.router_id == h.router_id;
    });
    if (it == rows_.end()) {
      OspfNeighbor n;
      static_cast<OspfHeard&>(n) = h;
      n.up_since = now;
      n.state_changes = ChangesTo(h.state);
      if (h.state == OspfState::kFull) out.push_back(Adjchg(process, n, "LOADING to FULL, Loading Done"));
      rows_.push_back(std::move(n));
      kept.push_back(true);
      continue;
    }
    kept[static_cast<size_t>(it - rows_.begin())] = true;
    const OspfState before = it->state;
    if (it->lost_at) {  // heard again before its dead timer ran out: hellos resume from now
      it->lost_at.reset();
      it->up_since = now;
    }
    static_cast<OspfHeard&>(*it) = h;
    if (before != h.state) {
      it->state_changes += 1;
      if (h.state == OspfState::kFull) out.push_back(Adjchg(process, *it, "LOADING to FULL, Loading Done"));
    }
  }
  std::vector<OspfNeighbor> next;
  for (size_t i = 0; i < rows_.size(); ++i) {
    OspfNeighbor& r = rows_[i];
    if (!kept[i]) {
      if (!live.count(r.interface)) {
        out.push_back(Adjchg(process, r, std::string(StateWord(r.state)) +
                                             " to DOWN, Neighbor Down: Interface down or detached"));
        continue;
      }
      if (!r.lost_at) r.lost_at = now;
      if (now >= r.DeadAt(now)) {
        out.push_back(Adjchg(process, r, std::string(StateWord(r.state)) +
                                             " to DOWN, Neighbor Down: Dead timer expired"));
        continue;
      }
    }
    next.push_back(std::move(r));
  }
  rows_ = std::move(next);
  return out;
}

std::optional<WallTime> OspfTable::NextDeadline(WallTime now) const {
  std::optional<WallTime> next;
  for (const OspfNeighbor& r : rows_) {
    if (r.lost_at && (!next || r.DeadAt(now) < *next)) next = r.DeadAt(now);
  }
  return next;
}

std::pair<uint32_t, uint32_t> ElectDr(std::vector<OspfCandidate> routers) {
  std::erase_if(routers, [](const OspfCandidate& c) { return c.priority == 0; });
  std::sort(routers.begin(), routers.end(), [](const OspfCandidate& a, const OspfCandidate& b) {
    if (a.late != b.late) return !a.late;
    if (a.priority != b.priority) return a.priority > b.priority;
    return a.router_id > b.router_id;
  });
  return {routers.size() > 0 ? routers[0].address : 0, routers.size() > 1 ? routers[1].address : 0};
}

std::string ShowOspfNeighbors(const OspfTable& table, WallTime now, bool detail) {
  std::string out;
  if (!detail && !table.rows().empty()) {
    out = "\nNeighbor ID     Pri   State           Dead Time   Address         Interface\n";
  }
  for (const OspfNeighbor& n : table.rows()) {
    const std::string dead = HoursClock(Seconds(n.DeadAt(now) - now));
    if (!detail) {
      char pri[8];
      std::snprintf(pri, sizeof pri, "%3d", n.priority);
      const std::string state = std::string(StateWord(n.state)) + "/" + (n.role == "-" ? "  -" : n.role);
      out += Pad(Ipv4Text(n.router_id), 15) + " " + pri + "   " + Pad(state, 15) + " " +
             Pad(dead, 11) + " " + Pad(Ipv4Text(n.address), 15) + " " + n.interface + "\n";
      continue;
    }
    out += " Neighbor " + Ipv4Text(n.router_id) + ", interface address " + Ipv4Text(n.address) +
           "\n    In the area " + std::to_string(n.area) + " via interface " + n.interface +
           "\n    Neighbor priority is " + std::to_string(n.priority) + ", State is " +
           StateWord(n.state) + ", " + std::to_string(n.state_changes) + " state changes" +
           "\n    DR is " + Ipv4Text(n.dr) + " BDR is " + Ipv4Text(n.bdr) +
           "\n    Options is 0x12" + "\n    Dead timer due in " + dead + "\n    Neighbor is up for " +
           HoursClock(Seconds(now - n.up_since)) +
           "\n    Index 1/1, retransmission queue length 0, number of retransmission 0"
           "\n    First 0x0(0)/0x0(0) Next 0x0(0)/0x0(0)"
           "\n    Last retransmission scan length is 0, maximum is 0"
           "\n    Last retransmission scan time is 0 msec, maximum is 0 msec\n\n";
  }
  return out;
}

std::string ShowOspfInterfaceBrief(const std::vector<OspfInterfaceView>& rows) {
  std::string out = "Interface    PID   Area            IP Address/Mask    Cost  State Nbrs F/C\n";
  for (const OspfInterfaceView& v : rows) {
    const OspfInterface& i = *v.interface;
    out += Pad(ShortInterfaceName(i.name), 12) + " " + Pad(std::to_string(v.process), 5) + " " +
           Pad(std::to_string(i.area), 15) + " " +
           Pad(Ipv4Text(i.address) + "/" + std::to_string(MaskLength(i.mask)), 18) + " " +
           Pad(std::to_string(i.cost), 5) + " " + Pad(v.state, 5) + " " + std::to_string(v.full) +
           "/" + std::to_string(v.count) + "\n";
  }
  return out;
}

}  // namespace iosup
