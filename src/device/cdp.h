// CDP as a learner sees it: `cdp run` (on by default; `no cdp run` stops it), interface
// `no cdp enable`, and the tables `show cdp`, `show cdp neighbors [detail]` print in IOS's
// layouts, computed from the links (link_neighbors.h). Advertisements go every 60 s with a
// holdtime of 180 s, counted on the lab's clock from the moment both ends came up.
#ifndef IOSUP_DEVICE_CDP_H_
#define IOSUP_DEVICE_CDP_H_

#include <string>
#include <string_view>

namespace iosup {

class Config;
class Device;

bool CdpRunning(const Config& config);
// CDP runs on `interface` of `device`: globally on and not `no cdp enable` there.
bool CdpSpeaks(const Device& device, std::string_view interface);

// `show cdp`, `show cdp neighbors`, `show cdp neighbors detail`: "% CDP is not enabled" when off.
std::string ShowCdp(const Device& device);
std::string ShowCdpNeighbors(const Device& device, bool detail);

}  // namespace iosup

#endif  // IOSUP_DEVICE_CDP_H_
