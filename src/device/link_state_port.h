// What the device model asks of the cabling around it: whether an interface has carrier, and a
// way to tell the far ends that its own interfaces changed. The lab implements it from its links
// and management network; a device without one (tests, a device alone) has carrier on every
// physical interface, as if each were cabled to a peer that is always up.
#ifndef IOSUP_DEVICE_LINK_STATE_PORT_H_
#define IOSUP_DEVICE_LINK_STATE_PORT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iosup {

class Device;

class LinkStatePort {
 public:
  virtual ~LinkStatePort() = default;
  // Whether `interface` of the device named `device` sees a live far end: a cabled peer
  // interface that is administratively up on a running device, or the lab's management network.
  // An interface with no cable has none.
  virtual bool Carrier(std::string_view device, std::string_view interface) = 0;
  // The device's interfaces changed state (a shutdown, a reload, a boot): the far ends re-derive
  // theirs. Called on the device's strand, never from inside Carrier.
  virtual void InterfacesChanged(std::string_view device) = 0;

  // --- what the neighbour protocols (CDP, LLDP, OSPF) hear: none without a lab.
  struct Peer {
    const Device* device = nullptr;
    std::string interface;
  };
  // The running device at the far end of `interface`'s cable, if any.
  virtual std::optional<Peer> CablePeer(std::string_view /*device*/, std::string_view /*interface*/) {
    return std::nullopt;
  }
  // The other devices' layer-3 interfaces that are up on the broadcast segment `interface` of
  // `device` leads to (across cables and switches, within a VLAN).
  virtual std::vector<Peer> SegmentPeers(std::string_view /*device*/, const std::string& /*interface*/) {
    return {};
  }
  // A device of the lab by name (OSPF reads its neighbours' link-state), null if none runs.
  virtual const Device* DeviceNamed(std::string_view /*name*/) { return nullptr; }
  // Bumped at every interface change anywhere: a device re-hears its neighbours when it moved.
  virtual uint64_t generation() const { return 0; }
};

}  // namespace iosup

#endif  // IOSUP_DEVICE_LINK_STATE_PORT_H_
