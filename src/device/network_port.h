// What the device model asks of the network around it. The lab implements it from its address
// map; without one, a device reaches only its own addresses.
#ifndef IOSUP_DEVICE_NETWORK_PORT_H_
#define IOSUP_DEVICE_NETWORK_PORT_H_

#include <string>

namespace iosup {

class NetworkPort {
 public:
  virtual ~NetworkPort() = default;
  // Whether an ICMP echo to `address` would be answered.
  virtual bool Reachable(const std::string& address) = 0;
};

}  // namespace iosup

#endif  // IOSUP_DEVICE_NETWORK_PORT_H_
