#include "device/link_neighbors.h"

#include <cctype>

#include "device/device.h"

namespace iosup {

namespace {

// The interface's type word and its number: "GigabitEthernet", "0/0/1".
std::pair<std::string_view, std::string_view> SplitName(std::string_view name) {
  size_t i = 0;
  while (i < name.size() && !std::isdigit(static_cast<unsigned char>(name[i]))) ++i;
  return {name.substr(0, i), name.substr(i)};
}

}  // namespace

std::vector<LinkNeighbor> HeardNeighbors(const Device& device, SpeaksFn speaks) {
  std::vector<LinkNeighbor> out;
  LinkStatePort* port = device.link_state();
  if (port == nullptr || device.state() != DeviceState::kRunning) return out;
  for (const InterfaceRuntime& row : device.interface_table().rows()) {
    if (!row.status.protocol_up || !speaks(device, row.name)) continue;
    std::optional<LinkStatePort::Peer> far = port->CablePeer(device.name(), row.name);
    if (!far || far->device == nullptr) continue;
    const Device& peer = *far->device;
    if (peer.state() != DeviceState::kRunning || !peer.interface_status(far->interface).protocol_up ||
        !speaks(peer, far->interface)) {
      continue;
    }
    out.push_back({row.name, &peer, far->interface, std::max(device.booted_at(), peer.booted_at())});
  }
  return out;
}

std::string CdpShortName(std::string_view interface) {
  auto [type, number] = SplitName(interface);
  if (type.starts_with("Loopback") || type.starts_with("Vlan") || type.starts_with("Port-channel") ||
      type.starts_with("Multilink") || number.empty()) {
    return std::string(interface);
  }
  return std::string(type.substr(0, 3)) + " " + std::string(number);
}

int HoldtimeLeft(WallTime since, WallTime now, int hold, int period) {
  const auto elapsed = std::chrono::duration_cast<std::chrono::seconds>(now - since).count();
  return hold - static_cast<int>((elapsed < 0 ? 0 : elapsed) % period);
}

std::string AdvertisedDomain(const Device& device) {
  for (const ConfigNode& n : device.running_config().nodes()) {
    for (std::string_view key : {"ip domain name ", "ip domain-name "}) {
      if (n.text.starts_with(key)) return n.text.substr(key.size());
    }
  }
  return "";
}

std::string AdvertisedAddress(const Device& device, std::string_view interface) {
  const Config& c = device.running_config();
  if (std::optional<InterfaceConfig> own = c.interface(interface); own && !own->ip_address.empty()) {
    return own->ip_address;
  }
  // A switchport has no address: the switch's management SVI (or first addressed interface).
  for (const InterfaceConfig& ic : c.interfaces()) {
    if (!ic.ip_address.empty() && device.interface_status(ic.name).protocol_up) return ic.ip_address;
  }
  return "";
}

bool Routes(const Device& device) {
  return !device.platform().is_switch() || device.running_config().Has("ip routing");
}

}  // namespace iosup
