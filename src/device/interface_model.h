// A device's interfaces as IOS derives their state: the configuration says what is
// administratively up, carrier (the cable's far end, from a LinkStatePort) says whether the link
// is up, and line protocol follows: a physical interface's protocol is up when its link is; a
// loopback is up unless shut; an SVI (VlanN) is up when some switchport of its VLAN is, or when it
// sits on the lab's management network. The table keeps, per interface, the last derived state
// (to announce changes with IOS's %LINK / %LINEPROTO messages) and the traffic counters.
#ifndef IOSUP_DEVICE_INTERFACE_MODEL_H_
#define IOSUP_DEVICE_INTERFACE_MODEL_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "device/config.h"

namespace iosup {

enum class LinkStatus : uint8_t { kDown, kUp, kAdminDown };

struct InterfaceStatus {
  LinkStatus link = LinkStatus::kDown;
  bool protocol_up = false;
  bool operator==(const InterfaceStatus&) const = default;
};

// "up", "down", "administratively down": the words of show interfaces / show ip interface brief.
std::string_view LinkStatusText(LinkStatus s);

struct DerivedInterface {
  std::string name;
  InterfaceStatus status;
};

// The state of every configured interface, in configuration order. `carrier(name)` is asked for
// physical interfaces and SVIs (an SVI with carrier is attached to a live network by itself).
// `is_switch`: physical ports are switchports (members of a VLAN, default 1; trunks carry all).
using CarrierFn = std::function<bool(const std::string& interface)>;
std::vector<DerivedInterface> DeriveInterfaces(const Config& config, bool is_switch,
                                               const CarrierFn& carrier);

// The access VLAN of switchport `interface` (1 unless `switchport access vlan N`); 0 for a trunk.
int SwitchportVlan(const Config& config, std::string_view interface);

// What IOS logs when `name` goes from `before` to `after`, without timestamps, in order.
std::vector<std::string> LinkChangeMessages(std::string_view name, InterfaceStatus before,
                                            InterfaceStatus after);

struct InterfaceCounters {
  uint64_t packets_in = 0, bytes_in = 0, packets_out = 0, bytes_out = 0;
  std::optional<WallTime> last_input, last_output;
};

struct InterfaceRuntime {
  std::string name;
  InterfaceStatus status;
  InterfaceCounters counters;
};

// Per device; small (one row per interface). Not thread-safe.
class InterfaceTable {
 public:
  // Takes the newly derived states and returns what IOS would log about the changes. Interfaces
  // new to the table start down (a loopback created now announces itself up); rows of
  // interfaces no longer configured go.
  std::vector<std::string> Update(const std::vector<DerivedInterface>& now);
  // The device stopped: every interface is down, counters are cleared (IOS starts them at 0).
  void Clear() { rows_.clear(); }
  const InterfaceRuntime* Find(std::string_view name) const;
  InterfaceRuntime* Find(std::string_view name);
  const std::vector<InterfaceRuntime>& rows() const { return rows_; }

 private:
  std::vector<InterfaceRuntime> rows_;
};

}  // namespace iosup

#endif  // IOSUP_DEVICE_INTERFACE_MODEL_H_
