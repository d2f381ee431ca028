#include "device/ospf_config.h"

#include <algorithm>
#include <cstdlib>

#include "device/config_schema.h"
#include "device/ip_routes.h"

namespace iosup {

namespace {

// "Gi0/0/1", "gig 0/0/1" and "GigabitEthernet0/0/1" name one interface: the letters typed begin
// the type's name and the numbers agree.
bool SameInterface(std::string_view typed, std::string_view full) {
  auto split = [](std::string_view s) {
    size_t i = 0;
    while (i < s.size() && !std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    std::string type(s.substr(0, i)), number;
    for (char c : s.substr(i)) {
      if (c != ' ') number += c;
    }
    while (!type.empty() && type.back() == ' ') type.pop_back();
    for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return std::pair{type, number};
  };
  auto [t, n] = split(typed);
  auto [ft, fn] = split(full);
  return !t.empty() && n == fn && ft.starts_with(t);
}

int Child(const ConfigNode* section, std::string_view key, int fallback) {
  if (section == nullptr) return fallback;
  for (const ConfigNode& c : section->children) {
    if (StartsWithWords(c.text, key)) return std::atoi(c.text.c_str() + key.size() + 1);
  }
  return fallback;
}

bool HasChild(const ConfigNode* section, std::string_view line) {
  if (section == nullptr) return false;
  return std::any_of(section->children.begin(), section->children.end(),
                     [&](const ConfigNode& c) { return c.text == line; });
}

int DefaultCost(std::string_view name) {
  if (name.starts_with("Serial")) return 64;
  if (name.starts_with("Ethernet")) return 10;
  return 1;  // reference bandwidth 100 Mb/s: FastEthernet and faster cost 1
}

}  // namespace

const OspfInterface* OspfProcess::Find(std::string_view name) const {
  for (const OspfInterface& i : interfaces) {
    if (i.name == name) return &i;
  }
  return nullptr;
}

std::optional<uint32_t> ParseArea(std::string_view text) {
  if (text.find('.') != std::string_view::npos) return ParseIpv4(text);
  if (text.empty() || !std::all_of(text.begin(), text.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    return std::nullopt;
  }
  return static_cast<uint32_t>(std::strtoul(std::string(text).c_str(), nullptr, 10));
}

bool RunsOspf(const Config& config) {
  for (const ConfigNode& n : config.nodes()) {
    if (n.text.starts_with("router ospf ")) return true;
  }
  return false;
}

std::optional<OspfProcess> ReadOspf(const Config& config,
                                    const std::function<bool(const std::string&)>& up) {
  const ConfigNode* router = nullptr;
  for (const ConfigNode& n : config.nodes()) {
    if (n.text.starts_with("router ospf ")) {
      router = &n;
      break;
    }
  }
  OspfProcess p;
  std::optional<uint32_t> configured_id;
  std::vector<std::string> passive;
  struct Network {
    uint32_t net, wild, area;
  };
  std::vector<Network> networks;
  if (router != nullptr) {
    p.id = std::atoi(router->text.c_str() + 12);
    for (const ConfigNode& c : router->children) {
      std::vector<std::string> w = ConfigWords(c.text);
      if (w.size() == 2 && w[0] == "router-id") configured_id = ParseIpv4(w[1]);
      if (w.size() >= 2 && w[0] == "passive-interface") {
        std::string name;
        for (size_t i = 1; i < w.size(); ++i) name += w[i];
        passive.push_back(name);
      }
      if (w.size() == 5 && w[0] == "network" && w[3] == "area") {
        std::optional<uint32_t> n = ParseIpv4(w[1]), m = ParseIpv4(w[2]), a = ParseArea(w[4]);
        if (n && m && a) networks.push_back({*n, *m, *a});
      }
    }
  }
  uint32_t highest_loopback = 0, highest = 0;
  for (const InterfaceConfig& ic : config.interfaces()) {
    std::optional<uint32_t> a = ParseIpv4(ic.ip_address), m = ParseIpv4(ic.ip_mask);
    if (!a || !m || !up(ic.name)) continue;
    const bool loopback = ic.name.starts_with("Loopback");
    (loopback ? highest_loopback : highest) = std::max(loopback ? highest_loopback : highest, *a);
    const ConfigNode* section = config.Section("interface " + ic.name);
    std::optional<uint32_t> area;
    int process = 0;
    if (section != nullptr) {
      for (const ConfigNode& c : section->children) {
        std::vector<std::string> w = ConfigWords(c.text);
        if (w.size() == 5 && w[0] == "ip" && w[1] == "ospf" && w[3] == "area") {
          process = std::atoi(w[2].c_str());
          area = ParseArea(w[4]);
        }
      }
    }
    if (area && router == nullptr && p.id == 0) p.id = process;  // `ip ospf N area A` starts N
    for (const Network& n : networks) {
      if (area) break;
      if ((*a & ~n.wild) == (n.net & ~n.wild)) area = n.area;
    }
    if (!area) continue;
    OspfInterface oi{.name = ic.name, .area = *area, .address = *a, .mask = *m, .loopback = loopback};
    oi.passive = std::any_of(passive.begin(), passive.end(),
                             [&](const std::string& t) { return SameInterface(t, ic.name); });
    oi.point_to_point = HasChild(section, "ip ospf network point-to-point");
    oi.hello = Child(section, "ip ospf hello-interval", 10);
    oi.dead = Child(section, "ip ospf dead-interval", 4 * oi.hello);
    oi.priority = Child(section, "ip ospf priority", 1);
    oi.cost = Child(section, "ip ospf cost", DefaultCost(ic.name));
    oi.mtu = Child(section, "ip mtu", Child(section, "mtu", 1500));
    p.interfaces.push_back(std::move(oi));
  }
  if (router == nullptr && p.interfaces.empty()) return std::nullopt;
  p.router_id = configured_id.value_or(highest_loopback != 0 ? highest_loopback : highest);
  return p;
}

}  // namespace iosup
