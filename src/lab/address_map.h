// The lab's address map: the addresses devices see (the seeds' 192.168.1.100) mapped to the
// loopback endpoints where the lab really serves them (127.0.0.1:PORT). Nothing ever sends a
// packet to a lab address; an address outside the map behaves as an unreachable host.
#ifndef IOSUP_LAB_ADDRESS_MAP_H_
#define IOSUP_LAB_ADDRESS_MAP_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "base/status.h"

namespace iosup {

struct LoopbackEndpoint {
  std::string address;  // "127.0.0.1" or "::1": loopback only
  uint16_t port = 0;
};

class AddressMap {
 public:
  // Maps `lab_address`'s `service` ("tftp") to `endpoint`; kInvalidArgument unless the endpoint
  // is a loopback address.
  Status Add(const std::string& lab_address, const std::string& service, LoopbackEndpoint endpoint);
  // "192.168.1.100=127.0.0.1:6969" (the service is given separately).
  Status AddSpec(const std::string& spec, const std::string& service);
  std::optional<LoopbackEndpoint> Find(const std::string& lab_address,
                                       const std::string& service) const;
  // Whether the address exists in the lab at all (answers ping).
  bool Knows(const std::string& lab_address) const;

 private:
  std::map<std::pair<std::string, std::string>, LoopbackEndpoint> entries_;
};

bool IsLoopbackAddress(const std::string& address);

}  // namespace iosup

#endif  // IOSUP_LAB_ADDRESS_MAP_H_
