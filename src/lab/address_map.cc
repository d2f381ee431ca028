#include "lab/address_map.h"

#include <arpa/inet.h>

namespace iosup {

bool IsLoopbackAddress(const std::string& address) {
  in_addr v4{};
  if (inet_pton(AF_INET, address.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  return address == "::1";
}

Status AddressMap::Add(const std::string& lab_address, const std::string& service,
                       LoopbackEndpoint endpoint) {
  if (!IsLoopbackAddress(endpoint.address)) {
    return InvalidArgument("lab endpoints must be loopback addresses, not " + endpoint.address);
  }
  if (endpoint.port == 0) return InvalidArgument("port 0 for " + lab_address);
  entries_[{lab_address, service}] = endpoint;
  return Status::Ok();
}

Status AddressMap::AddSpec(const std::string& spec, const std::string& service) {
  size_t eq = spec.find('=');
  size_t colon = spec.rfind(':');
  if (eq == std::string::npos || colon == std::string::npos || colon < eq) {
    return InvalidArgument("expected LAB_ADDRESS=LOOPBACK:PORT, got '" + spec + "'");
  }
  std::string host = spec.substr(eq + 1, colon - eq - 1);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  int port = 0;
  try {
    port = std::stoi(spec.substr(colon + 1));
  } catch (...) {
    return InvalidArgument("bad port in '" + spec + "'");
  }
  if (port <= 0 || port > 65535) return InvalidArgument("bad port in '" + spec + "'");
  return Add(spec.substr(0, eq), service, {host, static_cast<uint16_t>(port)});
}

std::optional<LoopbackEndpoint> AddressMap::Find(const std::string& lab_address,
                                                 const std::string& service) const {
  auto it = entries_.find({lab_address, service});
  if (it == entries_.end()) return std::nullopt;
  return it->second;
}

bool AddressMap::Knows(const std::string& lab_address) const {
  for (const auto& [key, value] : entries_) {
    if (key.first == lab_address) return true;
  }
  return false;
}

}  // namespace iosup
