// What the device model asks of the network around it. The lab implements it from its address
// map; without one, a device reaches only its own addresses.
#ifndef IOSUP_DEVICE_NETWORK_PORT_H_
#define IOSUP_DEVICE_NETWORK_PORT_H_

#include <string>
#include <string_view>
#include <vector>

namespace iosup {

class NetworkPort {
 public:
  virtual ~NetworkPort() = default;
  // Whether an ICMP echo to `address` would be answered.
  virtual bool Reachable(const std::string& address) = 0;

  // What became of a packet the device `device` sent out of `interface` towards `next_hop` (the
  // destination itself on a connected subnet), from `source`, to `destination`.
  struct Delivery {
    bool answered = false;          // the destination got it and its answer came back
    std::vector<std::string> hops;  // the addresses that answered a traceroute, in order
  };
  // A port that knows no topology answers from Reachable alone.
  virtual Delivery Deliver(std::string_view device, const std::string& interface,
                           const std::string& next_hop, const std::string& source,
                           const std::string& destination) {
    const bool ok = Reachable(destination);
    return {ok, ok ? std::vector<std::string>{destination} : std::vector<std::string>{}};
  }
};

}  // namespace iosup

#endif  // IOSUP_DEVICE_NETWORK_PORT_H_
