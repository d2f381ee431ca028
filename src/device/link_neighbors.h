// What a device hears from the far ends of its cables, the ground CDP and LLDP stand on: for
// each own interface whose line protocol is up, the running device on the other end and what it
// advertises (its name, platform, capabilities, the port it sent from, an address, its software).
// Computed when asked, from the cables (LinkStatePort) and both ends' configuration and state:
// an entry lives exactly as long as the link and both ends' protocol, so a link that drops takes
// the entry with it at once, as IOS clears a neighbour on link down.
#ifndef IOSUP_DEVICE_LINK_NEIGHBORS_H_
#define IOSUP_DEVICE_LINK_NEIGHBORS_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "device/show_interfaces.h"

namespace iosup {

class Device;

struct LinkNeighbor {
  std::string local_interface;  // own, full name
  const Device* peer = nullptr;
  std::string port;             // the peer's interface, full name
  WallTime heard_since;         // the later of both ends' boots: the first advertisement
};

// The peers that speak the protocol `speaks(device, interface)` says on both ends.
using SpeaksFn = bool (*)(const Device& device, std::string_view interface);
std::vector<LinkNeighbor> HeardNeighbors(const Device& device, SpeaksFn speaks);

// "GigabitEthernet0/0/1" -> "Gig 0/0/1" (CDP's table; LLDP's "Gi0/0/1" is show_interfaces.h's).
std::string CdpShortName(std::string_view interface);

// The advertisement's holdtime left `now`: `hold` less the time since the last one, sent every
// `period` since `since`.
int HoldtimeLeft(WallTime since, WallTime now, int hold, int period);

// What a device says it is: "R1" or "R1.example.com" with `ip domain name`; its first up
// address; the capabilities a router or switch claims.
std::string AdvertisedDomain(const Device& device);
std::string AdvertisedAddress(const Device& device, std::string_view interface);
bool Routes(const Device& device);

}  // namespace iosup

#endif  // IOSUP_DEVICE_LINK_NEIGHBORS_H_
