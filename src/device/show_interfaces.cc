#include "device/show_interfaces.h"

#include <cstdio>
#include <cstdlib>

#include "device/ios_time.h"

namespace iosup {

namespace {

struct Kind {
  const char* prefix;
  const char* abbreviation;
  int bandwidth_kbit;
  int delay_usec;
};

constexpr Kind kKinds[] = {
    {"TenGigabitEthernet", "Te", 10000000, 10}, {"GigabitEthernet", "Gi", 1000000, 10},
    {"FastEthernet", "Fa", 100000, 100},        {"Vlan", "Vl", 1000000, 10},
    {"Loopback", "Lo", 8000000, 5000},           {"Port-channel", "Po", 1000000, 10},
    {"Tunnel", "Tu", 100, 50000},
};

const Kind& KindOf(std::string_view name) {
  for (const Kind& k : kKinds) {
    if (name.starts_with(k.prefix)) return k;
  }
  return kKinds[1];
}

bool IsPhysical(std::string_view name) {
  return name.starts_with("GigabitEthernet") || name.starts_with("FastEthernet") ||
         name.starts_with("TenGigabitEthernet");
}

// The interface's burned-in address: the chassis MAC plus its index, in Cisco's dotted form.
std::string MacOf(const Device& d, std::string_view name) {
  unsigned long long mac = std::strtoull(
      [&] {
        std::string hex = d.mac_address();
        std::erase(hex, ':');
        return hex;
      }().c_str(),
      nullptr, 16);
  if (!name.starts_with("Vlan")) {
    const std::vector<InterfaceRuntime>& rows = d.interface_table().rows();
    for (size_t i = 0; i < rows.size(); ++i) {
      if (rows[i].name == name) mac += i + 1;
    }
  }
  char out[16];
  std::snprintf(out, sizeof out, "%04llx.%04llx.%04llx", (mac >> 32) & 0xffff, (mac >> 16) & 0xffff,
                mac & 0xffff);
  return out;
}

std::string Hardware(const Device& d, std::string_view name) {
  if (name.starts_with("Loopback")) return "Loopback";
  if (name.starts_with("Tunnel")) return "Tunnel";
  std::string hw;
  if (name.starts_with("Vlan")) {
    hw = "EtherSVI";
  } else if (name == "GigabitEthernet0" && !d.platform().is_switch()) {
    hw = "RP management port";
  } else if (name.starts_with("FastEthernet")) {
    hw = "Fast Ethernet";
  } else if (name.starts_with("TenGigabitEthernet")) {
    hw = "Ten Gigabit Ethernet";
  } else if (d.platform().is_switch()) {
    hw = "Gigabit Ethernet";
  } else if (std::string_view(d.platform().id).starts_with("ISR4")) {
    hw = d.platform().id + "-2x1GE";
  } else {
    hw = "CN Gigabit Ethernet";
  }
  const std::string mac = MacOf(d, name);
  return hw + ", address is " + mac + " (bia " + mac + ")";
}

std::string Since(const Device& d, const std::optional<WallTime>& t) {
  if (!t) return "never";
  const long long s = std::chrono::duration_cast<std::chrono::seconds>(d.clock().Now() - *t).count();
  char out[32];
  if (s < 86400) {
    std::snprintf(out, sizeof out, "%02lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
  } else {
    std::snprintf(out, sizeof out, "%lldd%02lldh", s / 86400, s / 3600 % 24);
  }
  return out;
}

std::string StateLine(const Device& d, const InterfaceConfig& ic, InterfaceStatus s) {
  std::string line = ic.name + " is " + std::string(LinkStatusText(s.link)) +
                     ", line protocol is " + (s.protocol_up ? "up" : "down");
  if (d.platform().is_switch() && IsPhysical(ic.name)) {
    line += s.link == LinkStatus::kAdminDown ? " (disabled)"
            : s.protocol_up                   ? " (connected)"
                                              : " (notconnect)";
  }
  return line + " \n";
}

std::string AddressLine(const InterfaceConfig& ic) {
  std::optional<uint32_t> m = ParseIpv4(ic.ip_mask);
  if (ic.ip_address.empty() || !m) return "";
  return "  Internet address is " + ic.ip_address + "/" + std::to_string(MaskLength(*m)) + "\n";
}

std::string MediaLine(const Device& d, std::string_view name, InterfaceStatus s) {
  if (!IsPhysical(name)) return "";
  const bool fast = name.starts_with("FastEthernet");
  if (d.platform().is_switch()) {
    const char* media = fast ? "10/100BaseTX" : "10/100/1000BaseTX";
    if (!s.protocol_up) return std::string("  Auto-duplex, Auto-speed, media type is ") + media + "\n";
    return std::string("  Full-duplex, ") + (fast ? "100Mb/s" : "1000Mb/s") + ", media type is " +
           media + "\n  input flow-control is off, output flow-control is unsupported \n";
  }
  return "  Full Duplex, 1000Mbps, link type is auto, media type is RJ45\n"
         "  output flow-control is off, input flow-control is off\n";
}

std::string Counters(const Device& d, const InterfaceCounters& c) {
  char buf[1200];
  std::snprintf(buf, sizeof buf,
                "  Last input %s, output %s, output hang never\n"
                "  Last clearing of \"show interface\" counters never\n"
                "  Input queue: 0/%d/0/0 (size/max/drops/flushes); Total output drops: 0\n"
                "  Queueing strategy: fifo\n"
                "  Output queue: 0/40 (size/max)\n"
                "  5 minute input rate 0 bits/sec, 0 packets/sec\n"
                "  5 minute output rate 0 bits/sec, 0 packets/sec\n"
                "     %llu packets input, %llu bytes, 0 no buffer\n"
                "     Received 0 broadcasts (0 IP multicasts)\n"
                "     0 runts, 0 giants, 0 throttles \n"
                "     0 input errors, 0 CRC, 0 frame, 0 overrun, 0 ignored\n"
                "     0 watchdog, 0 multicast, 0 pause input\n"
                "     %llu packets output, %llu bytes, 0 underruns\n"
                "     0 output errors, 0 collisions, 0 interface resets\n"
                "     0 unknown protocol drops\n"
                "     0 babbles, 0 late collision, 0 deferred\n"
                "     0 lost carrier, 0 no carrier, 0 pause output\n"
                "     0 output buffer failures, 0 output buffers swapped out\n",
                Since(d, c.last_input).c_str(), Since(d, c.last_output).c_str(),
                d.platform().is_switch() ? 75 : 375, static_cast<unsigned long long>(c.packets_in),
                static_cast<unsigned long long>(c.bytes_in),
                static_cast<unsigned long long>(c.packets_out),
                static_cast<unsigned long long>(c.bytes_out));
  return buf;
}

std::string OneInterface(const Device& d, const InterfaceConfig& ic) {
  const InterfaceStatus s = d.interface_status(ic.name);
  const Kind& k = KindOf(ic.name);
  const InterfaceRuntime* row = d.interface_table().Find(ic.name);
  std::string out = StateLine(d, ic, s) + "  Hardware is " + Hardware(d, ic.name) + "\n";
  if (!ic.description.empty()) out += "  Description: " + ic.description + "\n";
  out += AddressLine(ic);
  out += "  MTU " + std::to_string(ic.name.starts_with("Loopback") ? 1514 : 1500) +
         " bytes, BW " + std::to_string(k.bandwidth_kbit) + " Kbit/sec, DLY " +
         std::to_string(k.delay_usec) +
         " usec, \n     reliability 255/255, txload 1/255, rxload 1/255\n";
  out += ic.name.starts_with("Loopback") ? "  Encapsulation LOOPBACK, loopback not set\n"
                                         : "  Encapsulation ARPA, loopback not set\n";
  out += IsPhysical(ic.name) && !d.platform().is_switch() ? "  Keepalive not supported \n"
                                                          : "  Keepalive set (10 sec)\n";
  out += MediaLine(d, ic.name, s);
  if (!ic.name.starts_with("Loopback")) out += "  ARP type: ARPA, ARP Timeout 04:00:00\n";
  return out + Counters(d, row != nullptr ? row->counters : InterfaceCounters{});
}

constexpr const char* kIpDetails =
    "  Broadcast address is 255.255.255.255\n"
    "  Address determined by %s\n"
    "  MTU is 1500 bytes\n"
    "  Helper address is not set\n"
    "  Directed broadcast forwarding is disabled\n"
    "  Outgoing Common access list is not set \n"
    "  Outgoing access list is not set\n"
    "  Inbound Common access list is not set \n"
    "  Inbound  access list is not set\n"
    "  Proxy ARP is enabled\n"
    "  Local Proxy ARP is disabled\n"
    "  Security level is default\n"
    "  Split horizon is enabled\n"
    "  ICMP redirects are always sent\n"
    "  ICMP unreachables are always sent\n"
    "  ICMP mask replies are never sent\n"
    "  IP fast switching is enabled\n"
    "  IP Flow switching is disabled\n"
    "  IP CEF switching is enabled\n"
    "  IP CEF switching turbo vector\n"
    "  IP Null turbo vector\n"
    "  IP multicast fast switching is enabled\n"
    "  IP multicast distributed fast switching is disabled\n"
    "  IP route-cache flags are Fast, CEF\n"
    "  Router Discovery is disabled\n"
    "  IP output packet accounting is disabled\n"
    "  IP access violation accounting is disabled\n"
    "  TCP/IP header compression is disabled\n"
    "  RTP/IP header compression is disabled\n"
    "  Probe proxy name replies are disabled\n"
    "  Policy routing is disabled\n"
    "  Network address translation is disabled\n"
    "  BGP Policy Mapping is disabled\n"
    "  Input features: MCI Check\n";

std::string OneIpInterface(const Device& d, const InterfaceConfig& ic, const Config& startup) {
  const InterfaceStatus s = d.interface_status(ic.name);
  std::string out = ic.name + " is " + std::string(LinkStatusText(s.link)) +
                    ", line protocol is " + (s.protocol_up ? "up" : "down") + "\n";
  if (ic.ip_address.empty()) return out + "  Internet protocol processing disabled\n";
  std::optional<InterfaceConfig> saved = startup.interface(ic.name);
  const bool nvram = saved && saved->ip_address == ic.ip_address;
  char details[2048];
  std::snprintf(details, sizeof details, kIpDetails,
                nvram ? "non-volatile memory" : "setup command");
  return out + AddressLine(ic) + details;
}

template <typename Render>
std::string EachInterface(const Device& d, const std::string& only, Render render) {
  std::string out;
  for (const InterfaceConfig& ic : d.running_config().interfaces()) {
    if (!only.empty() && ic.name != only) continue;
    out += render(ic);
  }
  return out;
}

}  // namespace

std::string ShortInterfaceName(std::string_view name) {
  for (const Kind& k : kKinds) {
    if (name.starts_with(k.prefix)) return k.abbreviation + std::string(name.substr(std::string_view(k.prefix).size()));
  }
  return std::string(name);
}

std::string ShowInterfaces(const Device& d, const std::string& only) {
  return EachInterface(d, only, [&](const InterfaceConfig& ic) { return OneInterface(d, ic); });
}

std::string ShowIpInterface(const Device& d, const std::string& only) {
  Result<std::string> startup_text = d.ReadStartupText();
  const Config startup = startup_text.ok() ? Config::Parse(*startup_text) : Config();
  return EachInterface(d, only,
                       [&](const InterfaceConfig& ic) { return OneIpInterface(d, ic, startup); });
}

std::string ShowInterfacesStatus(const Device& d) {
  std::string out = "\nPort      Name               Status       Vlan       Duplex  Speed Type \n";
  const Config& config = d.running_config();
  for (const InterfaceConfig& ic : config.interfaces()) {
    if (!IsPhysical(ic.name)) continue;
    const InterfaceStatus s = d.interface_status(ic.name);
    const bool fast = ic.name.starts_with("FastEthernet");
    const int vlan = SwitchportVlan(config, ic.name);
    const char* status = s.link == LinkStatus::kAdminDown ? "disabled"
                         : s.protocol_up                   ? "connected"
                                                           : "notconnect";
    char row[160];
    std::snprintf(row, sizeof row, "%-9s %-18.18s %-12s %-10s %6s %6s %s\n",
                  ShortInterfaceName(ic.name).c_str(), ic.description.c_str(), status,
                  vlan == 0 ? "trunk" : std::to_string(vlan).c_str(),
                  s.protocol_up ? "a-full" : "auto",
                  s.protocol_up ? (fast ? "a-100" : "a-1000") : "auto",
                  fast ? "10/100BaseTX" : "10/100/1000BaseTX");
    out += row;
  }
  return out;
}

}  // namespace iosup
