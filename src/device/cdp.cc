#include "device/cdp.h"

#include <cstdio>

#include "device/device.h"
#include "device/link_neighbors.h"
#include "device/show_version.h"

namespace iosup {

namespace {

constexpr int kHoldtime = 180, kPeriod = 60;

bool HasChild(const Config& config, std::string_view interface, std::string_view line) {
  const ConfigNode* n = config.Section("interface " + std::string(interface));
  if (n == nullptr) return false;
  for (const ConfigNode& c : n->children) {
    if (c.text == line) return true;
  }
  return false;
}

std::string DeviceId(const Device& d) {
  const std::string domain = AdvertisedDomain(d);
  return d.hostname() + (domain.empty() ? "" : "." + domain);
}

std::string CapabilityLetters(const Device& d) {
  return Routes(d) ? "R S I" : "S I";
}

std::string CapabilityWords(const Device& d) {
  return Routes(d) ? "Router Switch IGMP" : "Switch IGMP";
}

// The peer's software as its `show version` opens: the image line to the "Compiled" line.
std::string VersionText(const Device& d) {
  const std::string v = ShowVersion(d.system_facts());
  const size_t start = v.find("Cisco IOS Software");
  if (start == std::string::npos) return "";
  size_t end = v.find("Compiled ", start);
  end = end == std::string::npos ? v.size() : v.find('\n', end);
  return v.substr(start, end == std::string::npos ? std::string::npos : end - start + 1);
}

std::string Pad(std::string s, size_t width) {
  if (s.size() < width) s.resize(width, ' ');
  return s;
}

// One row of the table: a Device ID longer than 16 characters takes a line of its own.
std::string Row(const LinkNeighbor& n, int holdtime) {
  const Device& p = *n.peer;
  const std::string id = DeviceId(p);
  std::string out = id.size() > 16 ? id + "\n" + std::string(17, ' ') : Pad(id, 17);
  out += Pad(CdpShortName(n.local_interface), 18);
  out += Pad(std::to_string(holdtime), 11);
  // The capability letters sit centred under their heading.
  const std::string caps = CapabilityLetters(p);
  const size_t lead = 7 - (caps.size() - 1) / 2;
  out += Pad(std::string(lead, ' ') + caps, 12);
  out += Pad(p.platform().pid.substr(0, 9), 10);
  return out + CdpShortName(n.port) + "\n";
}

std::string Detail(const LinkNeighbor& n, int holdtime) {
  const Device& p = *n.peer;
  const std::string address = AdvertisedAddress(p, n.port);
  std::string out = "-------------------------\nDevice ID: " + DeviceId(p) + "\nEntry address(es): \n";
  if (!address.empty()) out += "  IP address: " + address + "\n";
  out += "Platform: cisco " + p.platform().pid + ",  Capabilities: " + CapabilityWords(p) + " \n";
  out += "Interface: " + n.local_interface + ",  Port ID (outgoing port): " + n.port + "\n";
  out += "Holdtime : " + std::to_string(holdtime) + " sec\n\nVersion :\n" + VersionText(p);
  out += "\nadvertisement version: 2\nVTP Management Domain: ''\n";
  if (p.platform().is_switch()) {
    out += "Native VLAN: " + std::to_string(std::max(1, SwitchportVlan(p.running_config(), n.port))) + "\n";
  }
  out += "Duplex: full\nManagement address(es): \n";
  if (!address.empty()) out += "  IP address: " + address + "\n";
  return out + "\n";
}

}  // namespace

bool CdpRunning(const Config& config) { return !config.Has("no cdp run"); }

bool CdpSpeaks(const Device& device, std::string_view interface) {
  const Config& c = device.running_config();
  return CdpRunning(c) && !HasChild(c, interface, "no cdp enable");
}

std::string ShowCdp(const Device& device) {
  if (!CdpRunning(device.running_config())) return "% CDP is not enabled\n";
  return "Global CDP information:\n"
         "\tSending CDP packets every 60 seconds\n"
         "\tSending a holdtime value of 180 seconds\n"
         "\tSending CDPv2 advertisements is  enabled\n";
}

std::string ShowCdpNeighbors(const Device& device, bool detail) {
  if (!CdpRunning(device.running_config())) return "% CDP is not enabled\n";
  const std::vector<LinkNeighbor> heard = HeardNeighbors(device, CdpSpeaks);
  const WallTime now = device.clock().Now();
  std::string out;
  if (!detail) {
    out = "Capability Codes: R - Router, T - Trans Bridge, B - Source Route Bridge\n"
          "                  S - Switch, H - Host, I - IGMP, r - Repeater, P - Phone, \n"
          "                  D - Remote, C - CVTA, M - Two-port Mac Relay \n\n"
          "Device ID        Local Intrfce     Holdtme    Capability  Platform  Port ID\n";
  }
  for (const LinkNeighbor& n : heard) {
    const int hold = HoldtimeLeft(n.heard_since, now, kHoldtime, kPeriod);
    out += detail ? Detail(n, hold) : Row(n, hold);
  }
  return out + "\nTotal cdp entries displayed : " + std::to_string(heard.size()) + "\n";
}

}  // namespace iosup
