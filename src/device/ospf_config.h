// What a device's configuration says about OSPF: the process (`router ospf N`, its router-id,
// network statements and passive interfaces) and, per interface, whether OSPF runs there (a
// network statement covering its address or `ip ospf N area A`), in which area, and with which
// hello/dead intervals, priority, cost, network type and MTU. Read on demand; nothing is kept.
#ifndef IOSUP_DEVICE_OSPF_CONFIG_H_
#define IOSUP_DEVICE_OSPF_CONFIG_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "device/config.h"

namespace iosup {

struct OspfInterface {
  std::string name;
  uint32_t area = 0;
  uint32_t address = 0, mask = 0;
  bool passive = false, loopback = false, point_to_point = false;
  int hello = 10, dead = 40, priority = 1, cost = 1, mtu = 1500;
};

struct OspfProcess {
  int id = 0;
  uint32_t router_id = 0;
  std::vector<OspfInterface> interfaces;  // those OSPF runs on, in configuration order
  const OspfInterface* Find(std::string_view name) const;
};

// Whether the configuration has an OSPF process at all (cheap: the global lines only).
bool RunsOspf(const Config& config);
// The process, with the interfaces whose line protocol `up` says is up; nullopt without one.
// The router-id is the configured one, else the highest loopback address, else the highest
// address of an up interface (0 when there is none: the process cannot start).
std::optional<OspfProcess> ReadOspf(const Config& config,
                                    const std::function<bool(const std::string&)>& up);

// "0", "1", or the dotted form as typed ("0.0.0.1"): an area id.
std::optional<uint32_t> ParseArea(std::string_view text);

}  // namespace iosup

#endif  // IOSUP_DEVICE_OSPF_CONFIG_H_
