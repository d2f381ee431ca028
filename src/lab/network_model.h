// The lab as a network: the topology's cables between device interfaces and the management
// network (the servers' segment, which every device's management interface sits on unless that
// interface is cabled). It gives each device carrier (LinkStatePort) and carries its packets
// (NetworkPort::Deliver), computing everything from the devices' derived interface state,
// addresses and routing tables: a packet crosses a cable only between up interfaces, a switch
// bridges it within the VLAN of the port it came in on, a router forwards it by its table, and an
// answer must find its way back. On the management network the lab's own gateway answers ARP
// for the servers (proxy ARP), so a device reaches them from any management subnet once it sends
// out of its management interface. Nothing is ever sent: the model only decides.
//
// Lives on the devices' loop, as the devices do. Devices are registered as they start and must
// outlive the model's use (the lab host owns both).
#ifndef IOSUP_LAB_NETWORK_MODEL_H_
#define IOSUP_LAB_NETWORK_MODEL_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "device/device.h"
#include "device/link_state_port.h"
#include "device/network_port.h"
#include "lab/address_map.h"
#include "lab/topology.h"

namespace iosup {

class NetworkModel : public LinkStatePort, public NetworkPort {
 public:
  // `map` tells which addresses are servers on the management network; it must outlive the model.
  NetworkModel(const Topology& topology, const AddressMap& map);

  // `device` (named as in the topology) joins; its management interface is `management`.
  void AddDevice(Device* device, const std::string& management);

  bool Carrier(std::string_view device, std::string_view interface) override;
  void InterfacesChanged(std::string_view device) override;
  // Whether the management network holds `address` (a server).
  bool Reachable(const std::string& address) override { return map_.Knows(address); }
  Delivery Deliver(std::string_view device, const std::string& interface,
                   const std::string& next_hop, const std::string& source,
                   const std::string& destination) override;

  // What the neighbour protocols hear (link_state_port.h).
  std::optional<LinkStatePort::Peer> CablePeer(std::string_view device,
                                               std::string_view interface) override;
  std::vector<LinkStatePort::Peer> SegmentPeers(std::string_view device,
                                                const std::string& interface) override;
  const Device* DeviceNamed(std::string_view name) override;
  uint64_t generation() const override { return generation_; }

  // The far end of `device`'s `interface`, if cabled: {device, interface}.
  const LinkEndpoint* Peer(std::string_view device, std::string_view interface) const;

 private:
  struct Node {
    Device* device = nullptr;
    std::string name, management;
    std::vector<std::pair<std::string, LinkEndpoint>> cables;  // own interface -> far end
  };
  // Who holds an address on a segment: a device interface, or a server (node == kServer).
  struct Owner {
    size_t node;
    std::string interface;
  };
  static constexpr size_t kServer = static_cast<size_t>(-1);

  const Node* Find(std::string_view name) const;
  bool Holds(size_t node, const std::string& interface, uint32_t address) const;
  bool Up(size_t node, const std::string& interface) const;
  bool OnManagement(const Node& n) const;
  bool VisitSegment(size_t start, const std::string& interface,
                    const std::function<bool(size_t, const std::string&)>& visit) const;
  // The holder of `address` on the segment `interface` of `node` leads to, if any.
  std::optional<Owner> FindOnSegment(size_t node, const std::string& interface,
                                     uint32_t address) const;
  // Forwards hop by hop from `node` (leaving by `interface` towards `next_hop`) until the holder
  // of `destination`; appends each router's address to `hops`.
  std::optional<Owner> Walk(size_t node, std::string interface, uint32_t next_hop,
                            uint32_t destination, std::vector<std::string>* hops) const;

  const AddressMap& map_;
  std::vector<Node> nodes_;
  std::unordered_map<std::string, size_t> index_;
  uint64_t generation_ = 0;
};

}  // namespace iosup

#endif  // IOSUP_LAB_NETWORK_MODEL_H_
