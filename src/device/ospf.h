// OSPF adjacencies as a model of what a router shows, on the lab's clock (not packet-level): a
// neighbour is heard on an interface when both ends run OSPF there, not passive, on one subnet
// and area, with equal hello and dead intervals; on a broadcast segment the DR and BDR are elected
// (priority, then router-id; an elected DR keeps its role against a router that comes up later)
// and two DROTHERs stay in 2WAY; an MTU mismatch holds the pair in EXSTART. A neighbour no longer
// heard stays until its dead timer runs out ("Dead timer expired"), unless the own interface went
// down ("Interface down or detached"). The table is small: one row per neighbour.
#ifndef IOSUP_DEVICE_OSPF_H_
#define IOSUP_DEVICE_OSPF_H_

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/clock.h"
#include "device/ospf_config.h"

namespace iosup {

enum class OspfState : uint8_t { kTwoWay, kExstart, kFull };

// A neighbour heard now on one of the own interfaces.
struct OspfHeard {
  std::string interface;  // own
  std::string peer;       // the neighbour's device name (for the route computation)
  uint32_t router_id = 0, address = 0;
  int priority = 1;
  OspfState state = OspfState::kFull;
  std::string role;       // the neighbour's: "DR", "BDR", "DROTHER", "-" (point-to-point)
  uint32_t dr = 0, bdr = 0;  // interface addresses on the segment; 0: none
  uint32_t area = 0;
  int hello = 10, dead = 40;
};

struct OspfNeighbor : OspfHeard {
  WallTime up_since;                // first heard
  std::optional<WallTime> lost_at;  // heard no more since
  int state_changes = 0;
  // The last hello before `now` (hellos every `hello` seconds since up_since).
  WallTime LastHello(WallTime now) const;
  WallTime DeadAt(WallTime now) const;
};

class OspfTable {
 public:
  // Takes what is heard now. `live`: the own interfaces OSPF runs on that are up (a neighbour on
  // any other goes at once). Returns IOS's %OSPF-5-ADJCHG messages (without time stamps).
  std::vector<std::string> Update(WallTime now, int process, const std::vector<OspfHeard>& heard,
                                  const std::set<std::string>& live);
  // The next dead timer to run out.
  std::optional<WallTime> NextDeadline(WallTime now) const;
  const std::vector<OspfNeighbor>& rows() const { return rows_; }
  void Clear() { rows_.clear(); }

 private:
  std::vector<OspfNeighbor> rows_;
};

// The role of `self` and of every other router of a broadcast segment, by election: `routers`
// are {interface address, priority, router-id, booted late}; returns {DR address, BDR address}.
struct OspfCandidate {
  uint32_t address = 0;
  int priority = 1;
  uint32_t router_id = 0;
  bool late = false;  // came up after the others' wait timer: it does not take over
};
std::pair<uint32_t, uint32_t> ElectDr(std::vector<OspfCandidate> routers);

// A route's age as `show ip route` prints it: "00:05:12", then "1d02h", then "2w3d".
std::string OspfRouteAge(Duration age);

// `show ip ospf neighbor [detail]`, `show ip ospf interface brief`.
std::string ShowOspfNeighbors(const OspfTable& table, WallTime now, bool detail);
struct OspfInterfaceView {
  const OspfInterface* interface;
  int process;
  std::string state;  // "DR", "BDR", "DROTH", "P2P", "LOOP", "WAIT", "DOWN"
  int full = 0, count = 0;
};
std::string ShowOspfInterfaceBrief(const std::vector<OspfInterfaceView>& rows);

}  // namespace iosup

#endif  // IOSUP_DEVICE_OSPF_H_
