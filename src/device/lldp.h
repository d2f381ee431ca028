// LLDP as IOS runs it: off until `lldp run` (IOS's default on the lab's platforms), interface
// `no lldp transmit` / `no lldp receive`, and `show lldp`, `show lldp neighbors [detail]` in IOS's
// layouts, computed from the links (link_neighbors.h). Advertisements go every 30 s with a hold
// time of 120 s on the lab's clock.
#ifndef IOSUP_DEVICE_LLDP_H_
#define IOSUP_DEVICE_LLDP_H_

#include <string>
#include <string_view>

namespace iosup {

class Config;
class Device;

bool LldpRunning(const Config& config);
bool LldpSpeaks(const Device& device, std::string_view interface);

// "% LLDP is not enabled" when off.
std::string ShowLldp(const Device& device);
std::string ShowLldpNeighbors(const Device& device, bool detail);

}  // namespace iosup

#endif  // IOSUP_DEVICE_LLDP_H_
