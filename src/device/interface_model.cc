#include "device/interface_model.h"

#include <algorithm>
#include <cstdlib>
#include <set>

#include "device/config_schema.h"

namespace iosup {

namespace {

bool IsSvi(std::string_view name) { return name.starts_with("Vlan"); }
bool IsVirtual(std::string_view name) {
  return name.starts_with("Loopback") || name.starts_with("Tunnel") ||
         name.starts_with("Port-channel") || IsSvi(name);
}

const ConfigNode* InterfaceNode(const Config& config, std::string_view interface) {
  for (const ConfigNode& n : config.nodes()) {
    if (n.text.size() == interface.size() + 10 && n.text.starts_with("interface ") &&
        std::string_view(n.text).substr(10) == interface) {
      return &n;
    }
  }
  return nullptr;
}

InterfaceStatus Physical(bool shut, bool carrier) {
  if (shut) return {LinkStatus::kAdminDown, false};
  return {carrier ? LinkStatus::kUp : LinkStatus::kDown, carrier};
}

}  // namespace

std::string_view LinkStatusText(LinkStatus s) {
  switch (s) {
    case LinkStatus::kUp: return "up";
    case LinkStatus::kDown: return "down";
    case LinkStatus::kAdminDown: return "administratively down";
  }
  return "down";
}

int SwitchportVlan(const Config& config, std::string_view interface) {
  const ConfigNode* n = InterfaceNode(config, interface);
  if (n == nullptr) return 1;
  int vlan = 1;
  for (const ConfigNode& c : n->children) {
    if (c.text == "switchport mode trunk") return 0;
    std::vector<std::string> w = ConfigWords(c.text);
    if (w.size() == 4 && w[0] == "switchport" && w[1] == "access" && w[2] == "vlan") {
      vlan = std::atoi(w[3].c_str());
    }
  }
  return vlan;
}

std::vector<DerivedInterface> DeriveInterfaces(const Config& config, bool is_switch,
                                               const CarrierFn& carrier) {
  const std::vector<InterfaceConfig> interfaces = config.interfaces();
  std::vector<DerivedInterface> out;
  out.reserve(interfaces.size());
  std::set<int> live_vlans;  // VLANs with an up switchport (0: a trunk is up)
  for (const InterfaceConfig& ic : interfaces) {
    InterfaceStatus s;
    if (!IsVirtual(ic.name)) {
      s = Physical(ic.shutdown, carrier(ic.name));
      if (is_switch && s.protocol_up) live_vlans.insert(SwitchportVlan(config, ic.name));
    } else if (ic.name.starts_with("Loopback")) {
      s = Physical(ic.shutdown, true);
    } else if (ic.name.starts_with("Tunnel")) {
      s = ic.shutdown ? InterfaceStatus{LinkStatus::kAdminDown, false}
                      : InterfaceStatus{LinkStatus::kUp, false};
    } else {
      s = Physical(ic.shutdown, false);  // SVIs are settled below; port-channels have no members
    }
    out.push_back({ic.name, s});
  }
  for (DerivedInterface& d : out) {
    if (!IsSvi(d.name) || d.status.link == LinkStatus::kAdminDown) continue;
    const int vlan = std::atoi(d.name.c_str() + 4);
    const bool up = carrier(d.name) || live_vlans.count(vlan) || live_vlans.count(0);
    d.status = Physical(false, up);
  }
  return out;
}

std::vector<std::string> LinkChangeMessages(std::string_view name, InterfaceStatus before,
                                            InterfaceStatus after) {
  std::vector<std::string> out;
  const std::string n(name);
  if (before.link != after.link) {
    if (after.link == LinkStatus::kAdminDown) {
      out.push_back("%LINK-5-CHANGED: Interface " + n + ", changed state to administratively down");
    } else {
      out.push_back("%LINK-3-UPDOWN: Interface " + n + ", changed state to " +
                    std::string(LinkStatusText(after.link)));
    }
  }
  if (before.protocol_up != after.protocol_up) {
    out.push_back("%LINEPROTO-5-UPDOWN: Line protocol on Interface " + n + ", changed state to " +
                  (after.protocol_up ? "up" : "down"));
  }
  return out;
}

std::vector<std::string> InterfaceTable::Update(const std::vector<DerivedInterface>& now) {
  std::vector<std::string> messages;
  std::vector<InterfaceRuntime> rows;
  rows.reserve(now.size());
  for (const DerivedInterface& d : now) {
    InterfaceRuntime* old = Find(d.name);
    InterfaceRuntime row = old != nullptr ? std::move(*old) : InterfaceRuntime{d.name};
    for (std::string& m : LinkChangeMessages(d.name, row.status, d.status)) {
      messages.push_back(std::move(m));
    }
    row.status = d.status;
    rows.push_back(std::move(row));
  }
  rows_ = std::move(rows);
  return messages;
}

const InterfaceRuntime* InterfaceTable::Find(std::string_view name) const {
  for (const InterfaceRuntime& r : rows_) {
    if (r.name == name) return &r;
  }
  return nullptr;
}

InterfaceRuntime* InterfaceTable::Find(std::string_view name) {
  for (InterfaceRuntime& r : rows_) {
    if (r.name == name) return &r;
  }
  return nullptr;
}

}  // namespace iosup
