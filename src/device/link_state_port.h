// What the device model asks of the cabling around it: whether an interface has carrier, and a
// way to tell the far ends that its own interfaces changed. The lab implements it from its links
// and management network; a device without one (tests, a device alone) has carrier on every
// physical interface, as if each were cabled to a peer that is always up.
#ifndef IOSUP_DEVICE_LINK_STATE_PORT_H_
#define IOSUP_DEVICE_LINK_STATE_PORT_H_

#include <string_view>

namespace iosup {

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
};

}  // namespace iosup

#endif  // IOSUP_DEVICE_LINK_STATE_PORT_H_
