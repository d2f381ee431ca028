#include "device/lldp.h"

#include "device/device.h"
#include "device/link_neighbors.h"
#include "device/show_version.h"

namespace iosup {

namespace {

constexpr int kHoldtime = 120, kPeriod = 30;

bool InterfaceSays(const Config& config, std::string_view interface, std::string_view line) {
  const ConfigNode* n = config.Section("interface " + std::string(interface));
  if (n == nullptr) return false;
  for (const ConfigNode& c : n->children) {
    if (c.text == line) return true;
  }
  return false;
}

std::string Pad(std::string s, size_t width) {
  if (s.size() < width) s.resize(width, ' ');
  return s;
}

// Enabled capabilities: a switch bridges, a router (or a routing switch) routes.
std::string Capabilities(const Device& d) {
  if (!d.platform().is_switch()) return "R";
  return Routes(d) ? "B,R" : "B";
}

// The peer's "Cisco IOS Software ..." lines of its `show version`, to its "Compiled" line.
std::string Description(const Device& d) {
  const std::string v = ShowVersion(d.system_facts());
  const size_t start = v.find("Cisco IOS Software");
  if (start == std::string::npos) return "\n";
  size_t end = v.find("Compiled ", start);
  end = end == std::string::npos ? v.size() : v.find('\n', end);
  return v.substr(start, end == std::string::npos ? std::string::npos : end - start + 1);
}

// "00:25:83:6c:c3:80" -> "0025.836c.c380"
std::string ChassisId(const Device& d) {
  std::string hex;
  for (char c : d.mac_address()) {
    if (c != ':') hex += c;
  }
  return hex.size() == 12 ? hex.substr(0, 4) + "." + hex.substr(4, 4) + "." + hex.substr(8) : hex;
}

std::string Detail(const LinkNeighbor& n, int hold) {
  const Device& p = *n.peer;
  const std::string caps = Capabilities(p);
  const std::string address = AdvertisedAddress(p, n.port);
  std::string out = "------------------------------------------------\nLocal Intf: " +
                    ShortInterfaceName(n.local_interface) + "\nChassis id: " + ChassisId(p) +
                    "\nPort id: " + ShortInterfaceName(n.port) + "\nPort Description: " + n.port +
                    "\nSystem Name: " + p.hostname() + "\n\nSystem Description: \n" + Description(p) +
                    "\nTime remaining: " + std::to_string(hold) + " seconds\nSystem Capabilities: " +
                    caps + "\nEnabled Capabilities: " + caps + "\nManagement Addresses:\n";
  out += address.empty() ? "    IP: not advertised\n" : "    IP: " + address + "\n";
  out += "Auto Negotiation - supported, enabled\nPhysical media capabilities:\n"
         "    1000baseT(FD)\n    100base-TX(FD)\n    100base-TX(HD)\n    10base-T(FD)\n"
         "    10base-T(HD)\nMedia Attachment Unit type: 30\n";
  if (p.platform().is_switch()) {
    out += "Vlan ID: " + std::to_string(std::max(1, SwitchportVlan(p.running_config(), n.port))) + "\n";
  }
  return out + "\n";
}

}  // namespace

bool LldpRunning(const Config& config) { return config.Has("lldp run"); }

bool LldpSpeaks(const Device& device, std::string_view interface) {
  const Config& c = device.running_config();
  return LldpRunning(c) && !InterfaceSays(c, interface, "no lldp transmit") &&
         !InterfaceSays(c, interface, "no lldp receive");
}

std::string ShowLldp(const Device& device) {
  if (!LldpRunning(device.running_config())) return "% LLDP is not enabled\n";
  return "\nGlobal LLDP Information:\n"
         "    Status: ACTIVE\n"
         "    LLDP advertisements are sent every 30 seconds\n"
         "    LLDP hold time advertised is 120 seconds\n"
         "    LLDP interface reinitialisation delay is 2 seconds\n";
}

std::string ShowLldpNeighbors(const Device& device, bool detail) {
  if (!LldpRunning(device.running_config())) return "% LLDP is not enabled\n";
  const std::vector<LinkNeighbor> heard = HeardNeighbors(device, LldpSpeaks);
  const WallTime now = device.clock().Now();
  std::string out;
  if (!detail) {
    out = "\nCapability codes:\n"
          "    (R) Router, (B) Bridge, (T) Telephone, (C) DOCSIS Cable Device\n"
          "    (W) WLAN Access Point, (P) Repeater, (S) Station, (O) Other\n\n"
          "Device ID           Local Intf     Hold-time  Capability      Port ID\n";
  }
  for (const LinkNeighbor& n : heard) {
    const int hold = HoldtimeLeft(n.heard_since, now, kHoldtime, kPeriod);
    if (detail) {
      out += Detail(n, hold);
      continue;
    }
    out += Pad(n.peer->hostname().substr(0, 20), 20) + Pad(ShortInterfaceName(n.local_interface), 15) +
           Pad(std::to_string(hold), 11) + Pad(Capabilities(*n.peer), 16) +
           ShortInterfaceName(n.port) + "\n";
  }
  return out + "\nTotal entries displayed: " + std::to_string(heard.size()) + "\n";
}

}  // namespace iosup
