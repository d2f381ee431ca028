#include "lab/topology.h"

#include <yaml-cpp/yaml.h>

#include <arpa/inet.h>

#include <cctype>
#include <cstdint>
#include <algorithm>
#include <cstdio>
#include <sstream>
#include <cstdlib>

#include "catalog/platform_catalog.h"
#include "platform/posix_file.h"

namespace iosup {

namespace {

template <typename T>
T Get(const YAML::Node& n, const char* key, T fallback) {
  return n[key] ? n[key].as<T>() : fallback;
}

// The address of the `index`-th device (0-based) of a group whose first device has `first`: host
// numbers 1-254 of consecutive /24s, so no device gets a network or broadcast address.
Result<std::string> NthHostAddress(const std::string& first, int index) {
  in_addr a{};
  if (inet_pton(AF_INET, first.c_str(), &a) != 1) return InvalidArgument("bad address " + first);
  const uint32_t v = ntohl(a.s_addr);
  const uint32_t host = v & 0xff;
  if (host == 0 || host == 255) return InvalidArgument(first + " is not a host address of a /24");
  const uint64_t k = (host - 1) + static_cast<uint64_t>(index);
  const uint64_t net = (v >> 8) + k / 254;
  if (net > 0xffffff) return InvalidArgument("addresses from " + first + " run out");
  a.s_addr = htonl(static_cast<uint32_t>((net << 8) | (k % 254 + 1)));
  char text[INET_ADDRSTRLEN];
  inet_ntop(AF_INET, &a, text, sizeof text);
  return std::string(text);
}

// `stack: N` and/or `members:` (switches 2..N that differ: priority, a release of their own,
// a late join after each reload). A stack is a Catalyst 9300's or a 3750-X's.
Status ParseStack(const YAML::Node& n, const PlatformSpec& spec, DeviceDefinition& d) {
  d.stack = Get<int>(n, "stack", 1);
  if (const YAML::Node members = n["members"]) {
    if (!members.IsSequence()) return InvalidArgument("members of " + d.name + " is a list of switches");
    for (const YAML::Node& m : members) {
      StackMemberSpec s{.number = Get<int>(m, "switch", 0),
                        .priority = Get<int>(m, "priority", 0),
                        .version = Get<std::string>(m, "version", ""),
                        .join_delay = std::chrono::seconds(Get<int>(m, "join_delay", 0)),
                        .flash_bytes = Get<uint64_t>(m, "flash_bytes", 0)};
      if (s.number < 2 || s.number > kMaxStackMembers) {
        return InvalidArgument("members of " + d.name + ": switch is 2 to " + std::to_string(kMaxStackMembers));
      }
      if (s.priority < 0 || s.priority > 15 || s.join_delay < Duration::zero()) {
        return InvalidArgument("members of " + d.name + ": priority is 1 to 15, join_delay seconds");
      }
      d.stack = std::max(d.stack, s.number);
      d.members.push_back(std::move(s));
    }
  }
  const bool stackable = spec.version_style == VersionStyle::kCatalyst9k || spec.id == "C3750";
  if (d.stack < 1 || d.stack > kMaxStackMembers || (d.stack > 1 && !stackable)) {
    return InvalidArgument("stack of " + d.name + " is 2 to 8 Catalyst 9300 or 3750-X switches");
  }
  return Status::Ok();
}

Result<std::vector<DeviceDefinition>> ParseDevice(const YAML::Node& n) {
  DeviceDefinition d;
  d.name = Get<std::string>(n, "name", "");
  d.platform = Get<std::string>(n, "platform", "");
  if (d.name.empty() || d.platform.empty()) return InvalidArgument("a device needs name and platform");
  Result<const PlatformSpec*> spec = FindPlatform(d.platform);
  if (!spec.ok()) return spec.status();
  d.hostname = Get<std::string>(n, "hostname", d.name);
  d.image = Get<std::string>(n, "image", "");
  d.image_size = Get<uint64_t>(n, "image_size", 0);
  d.mode = Get<std::string>(n, "mode", "");
  Status stack = ParseStack(n, **spec, d);
  if (!stack.ok()) return stack;
  if (!d.mode.empty() && d.mode != "install" && d.mode != "bundle") {
    return InvalidArgument("mode of " + d.name + " is install or bundle");
  }
  d.address = Get<std::string>(n, "address", "");
  d.netmask = Get<std::string>(n, "netmask", d.netmask);
  d.interface = Get<std::string>(n, "interface", (*spec)->management_interface);
  d.username = Get<std::string>(n, "username", d.username);
  d.password = Get<std::string>(n, "password", d.password);
  d.enable = Get<std::string>(n, "enable", d.enable);
  if (n["config"]) d.config = n["config"].as<std::vector<std::string>>();
  const int count = Get<int>(n, "count", 1);
  if (count < 1 || static_cast<size_t>(count) > kMaxTopologyDevices) return InvalidArgument("count out of range for " + d.name);
  if (count == 1) return std::vector<DeviceDefinition>{d};
  std::vector<DeviceDefinition> out;
  const int width = static_cast<int>(std::to_string(count).size());
  for (int i = 1; i <= count; ++i) {
    DeviceDefinition c = d;
    char suffix[16];
    std::snprintf(suffix, sizeof suffix, "%0*d", width, i);
    c.name = d.name + suffix;
    c.hostname = d.hostname + suffix;
    if (!d.address.empty()) {  // the group's address is its first device's
      Result<std::string> address = NthHostAddress(d.address, i - 1);
      if (!address.ok()) return address.status();
      c.address = *address;
    }
    out.push_back(c);
  }
  return out;
}

// One entry of `faults:`: "TARGET KIND [ARGS...]", or {target, kind, args: [..] or {k: v}}.
Result<FaultRequest> ParseFault(const YAML::Node& n) {
  FaultRequest r{.origin = "topology"};
  if (n.IsScalar()) {
    std::istringstream words(n.as<std::string>());
    words >> r.target >> r.kind;
    for (std::string a; words >> a;) r.args.push_back(a);
  } else {
    r.target = Get<std::string>(n, "target", "");
    r.kind = Get<std::string>(n, "kind", "");
    const YAML::Node args = n["args"];
    if (args && args.IsSequence()) {
      for (const YAML::Node& a : args) r.args.push_back(a.as<std::string>());
    } else if (args && args.IsMap()) {
      for (const auto& a : args) r.args.push_back(a.first.as<std::string>() + "=" + a.second.as<std::string>());
    } else if (args && args.IsScalar()) {
      r.args.push_back(args.as<std::string>());
    }
  }
  if (r.target.empty() || r.kind.empty()) return InvalidArgument("a fault needs a target and a kind");
  return r;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// "Gi0/0/1", "gi 0/0/1" or "GigabitEthernet0/0/1" as the platform names it; "" if none.
std::string ExpandInterface(const PlatformSpec& platform, std::string typed) {
  std::erase(typed, ' ');
  const size_t digits = typed.find_first_of("0123456789");
  if (digits == 0 || digits == std::string::npos) return "";
  const std::string type = Lower(typed.substr(0, digits)), number = typed.substr(digits);
  for (const std::string& name : InterfaceNames(platform)) {
    const size_t at = name.find_first_of("0123456789");
    if (name.substr(at) == number && Lower(name.substr(0, at)).starts_with(type)) return name;
  }
  return "";
}

// The platform a containerlab node stands for: ours when it names one, else by its kind.
Result<std::string> ContainerlabPlatform(const YAML::Node& node) {
  if (node["platform"]) return node["platform"].as<std::string>();
  const std::string kind = Get<std::string>(node, "kind", "");
  const std::string type = Get<std::string>(node, "type", "");
  for (const char* k : {"cisco_cat9kv", "vr-cat9kv", "cisco_viosl2"}) {
    if (kind == k) return std::string("C2960");
  }
  if (kind == "cisco_iol") return std::string(type == "L2" ? "C2960" : "ISR4321");
  for (const char* k : {"cisco_csr1000v", "vr-csr", "cisco_c8000v", "vr-c8000v", "cisco_c8000",
                        "cisco_vios", "vr-vios"}) {
    if (kind == k) return std::string("ISR4321");
  }
  return InvalidArgument("containerlab node of kind '" + kind + "': no emulated platform (name one with platform:)");
}

// containerlab's `topology.nodes`: a map of name -> node.
Status ParseContainerlabNodes(const YAML::Node& root, Topology& t) {
  std::string netmask = "255.255.255.0";
  if (root["mgmt"] && root["mgmt"]["ipv4-subnet"]) {
    t.management.subnet = root["mgmt"]["ipv4-subnet"].as<std::string>();
    const size_t slash = t.management.subnet.find('/');
    const int bits = slash == std::string::npos ? 24 : std::atoi(t.management.subnet.c_str() + slash + 1);
    if (bits < 1 || bits > 30) return InvalidArgument("mgmt ipv4-subnet " + t.management.subnet);
    const uint32_t mask = ~0u << (32 - bits);
    in_addr a{htonl(mask)};
    char text[INET_ADDRSTRLEN];
    netmask = inet_ntop(AF_INET, &a, text, sizeof text);
  }
  for (const auto& entry : root["topology"]["nodes"]) {
    Result<std::string> platform = ContainerlabPlatform(entry.second);
    if (!platform.ok()) return platform.status();
    YAML::Node n;
    n["name"] = entry.first.as<std::string>();
    n["platform"] = *platform;
    for (const char* key : {"hostname", "username", "password", "enable", "interface"}) {
      if (entry.second[key]) n[key] = entry.second[key];
    }
    if (entry.second["mgmt-ipv4"]) {
      n["address"] = entry.second["mgmt-ipv4"];
      n["netmask"] = netmask;
    }
    Result<std::vector<DeviceDefinition>> d = ParseDevice(n);
    if (!d.ok()) return d.status();
    t.devices.insert(t.devices.end(), d->begin(), d->end());
  }
  return Status::Ok();
}

Result<LinkEndpoint> ParseEndpoint(const Topology& t, const std::string& text) {
  const size_t colon = text.find(':');
  if (colon == std::string::npos) return InvalidArgument("link endpoint '" + text + "': want DEVICE:INTERFACE");
  const std::string device = text.substr(0, colon);
  for (const DeviceDefinition& d : t.devices) {
    if (d.name != device) continue;
    const std::string name = ExpandInterface(**FindPlatform(d.platform), text.substr(colon + 1));
    if (name.empty()) return InvalidArgument("link endpoint '" + text + "': no such interface on " + d.platform);
    return LinkEndpoint{device, name};
  }
  return InvalidArgument("link endpoint '" + text + "': no device " + device);
}

Status ParseLinks(const YAML::Node& links, Topology& t) {
  for (const YAML::Node& l : links) {
    std::vector<std::string> ends = l["endpoints"].as<std::vector<std::string>>();
    if (ends.size() != 2) return InvalidArgument("a link has two endpoints");
    Result<LinkEndpoint> a = ParseEndpoint(t, ends[0]);
    if (!a.ok()) return a.status();
    Result<LinkEndpoint> b = ParseEndpoint(t, ends[1]);
    if (!b.ok()) return b.status();
    for (const LinkDefinition& other : t.links) {
      for (const LinkEndpoint& e : {other.a, other.b}) {
        if (e == *a || e == *b) {
          return InvalidArgument("interface " + e.device + ":" + e.interface + " is cabled twice");
        }
      }
    }
    if (*a == *b) return InvalidArgument("a link from " + ends[0] + " to itself");
    t.links.push_back({*a, *b});
  }
  return Status::Ok();
}

}  // namespace

Result<Topology> ParseTopology(const std::string& text) {
  Topology t;
  try {
    YAML::Node root = YAML::Load(text);
    if (root["topology"]) IOSUP_RETURN_IF_ERROR(ParseContainerlabNodes(root, t));
    for (const YAML::Node& n : root["devices"]) {
      Result<std::vector<DeviceDefinition>> d = ParseDevice(n);
      if (!d.ok()) return d.status();
      if (t.devices.size() + d->size() > kMaxTopologyDevices) {
        return InvalidArgument("topology: more than " + std::to_string(kMaxTopologyDevices) +
                               " devices");
      }
      t.devices.insert(t.devices.end(), d->begin(), d->end());
    }
    for (const YAML::Node& n : root["servers"]) {
      ServerDefinition s;
      s.type = Get<std::string>(n, "type", "tftp");
      s.address = Get<std::string>(n, "address", "");
      if (s.type != "tftp") return Unsupported("server type " + s.type);
      if (s.address.empty()) return InvalidArgument("a server needs an address");
      for (const YAML::Node& f : n["files"]) {
        s.files.push_back({Get<std::string>(f, "name", ""), Get<uint64_t>(f, "size", 0)});
      }
      t.servers.push_back(s);
    }
    for (const YAML::Node& n : root["faults"]) {
      Result<FaultRequest> f = ParseFault(n);
      if (!f.ok()) return f.status();
      t.faults.push_back(*f);
    }
    if (root["management"]) t.management.subnet = Get<std::string>(root["management"], "network", "");
    IOSUP_RETURN_IF_ERROR(ParseLinks(root["links"], t));
    if (root["topology"]) IOSUP_RETURN_IF_ERROR(ParseLinks(root["topology"]["links"], t));
  } catch (const YAML::Exception& e) {
    return InvalidArgument(std::string("topology: ") + e.what());
  }
  if (t.devices.empty()) return InvalidArgument("topology: no devices");
  return t;
}

Result<Topology> LoadTopology(const std::string& path) {
  Result<std::string> text = ReadWholeFile(path);
  if (!text.ok()) return text.status();
  return ParseTopology(*text);
}

Topology SeedTopology() {
  Topology t;
  DeviceDefinition r1{.name = "R1", .platform = "ISR4321", .hostname = "NetsTuts_R1"};
  r1.address = "192.168.1.1";
  r1.interface = "GigabitEthernet0/0/0";
  DeviceDefinition sw1{.name = "SW1", .platform = "C2960", .hostname = "NetsTuts_SW1"};
  sw1.address = "192.168.1.10";
  sw1.interface = "Vlan1";
  sw1.config = {"ip default-gateway 192.168.1.1"};
  t.devices = {r1, sw1};
  t.links.push_back({{"R1", "GigabitEthernet0/0/0"}, {"SW1", "GigabitEthernet0/1"}});
  t.management.subnet = "192.168.1.0/24";
  // The images the seed upgrades to, at their real sizes, on the seed's TFTP server.
  t.servers.push_back({.type = "tftp",
                       .address = kSeedTftpServer,
                       .files = {{"isr4300-universalk9.16.12.04.SPA.bin", 521347072},
                                 {"c2960-lanbasek9-mz.152-7.E9.bin", 12582912}}});
  return t;
}

Result<Topology> FleetTopology(const std::string& platform, int count) {
  std::string yaml = "devices:\n  - {name: SW, platform: " + platform +
                     ", count: " + std::to_string(count) + ", address: " + kFleetFirstAddress +
                     "}\n";
  Result<Topology> t = ParseTopology(yaml);
  if (!t.ok()) return t;
  // The fleet's subnets are not the server's: a router sends everything out of its management
  // interface, where the management network's gateway answers for the server.
  for (DeviceDefinition& d : t->devices) {
    if (!(*FindPlatform(d.platform))->is_switch()) d.config.push_back("ip route 0.0.0.0 0.0.0.0 " + d.interface);
  }
  Topology seeds = SeedTopology();
  t->servers = seeds.servers;
  const PlatformSpec& spec = **FindPlatform(platform);  // ParseTopology checked it
  std::vector<ServedFile>& files = t->servers.front().files;
  const bool staged = std::any_of(files.begin(), files.end(),
                                  [&](const ServedFile& f) { return f.name == spec.target_image; });
  if (!spec.target_image.empty() && !staged) {
    files.push_back({spec.target_image, spec.target_image_size});
  }
  return t;
}

Result<Topology> BuiltinTopology(const std::string& name) {
  if (name == "seed") return SeedTopology();
  if (name != "cat9300" && name != "cat9300-stack") return NotFound("no built-in topology " + name);
  const PlatformSpec& spec = **FindPlatform("C9300");
  Topology t;
  DeviceDefinition sw1{.name = "SW1", .platform = spec.id, .hostname = "SW1"};
  sw1.address = "192.168.1.20";
  sw1.interface = spec.management_interface;
  t.devices = {sw1};
  if (name == "cat9300-stack") {  // the same switch as a stack of three
    t.devices.front().name = t.devices.front().hostname = "STACK1";
    t.devices.front().stack = 3;
  }
  t.servers.push_back({.type = "tftp",
                       .address = kSeedTftpServer,
                       .files = {{spec.target_image, spec.target_image_size}}});
  return t;
}

}  // namespace iosup
