#include "lab/port_assignment.h"

#include <yaml-cpp/yaml.h>

#include <sstream>

#include "platform/posix_file.h"

namespace iosup {

namespace {

// A port as saved: 1-65535, else nothing.
std::optional<uint16_t> PortOf(const YAML::Node& n) {
  if (!n || !n.IsScalar()) return std::nullopt;
  const long v = n.as<long>(0);
  if (v <= 0 || v > 65535) return std::nullopt;
  return static_cast<uint16_t>(v);
}

// YAML double-quoted scalar.
std::string Quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string PortAssignment::PathIn(const std::string& lab_dir) { return lab_dir + "/ports.yaml"; }

Result<PortAssignment> PortAssignment::Load(const std::string& path) {
  PortAssignment out;
  Result<std::string> text = ReadWholeFile(path);
  if (!text.ok()) return out;  // a lab's first start
  try {
    const YAML::Node root = YAML::Load(*text);
    if (!root.IsDefined() || root.IsNull()) return out;
    if (!root.IsMap()) return InvalidArgument(path + ": not a map of device names to ports");
    for (const auto& entry : root) {
      std::optional<uint16_t> ssh = PortOf(entry.second["ssh"]);
      std::optional<uint16_t> telnet = PortOf(entry.second["telnet"]);
      if (!ssh || !telnet) {
        return InvalidArgument(path + ": " + entry.first.as<std::string>() +
                               " needs ssh and telnet ports (1-65535)");
      }
      out.ports_[entry.first.as<std::string>()] = DevicePorts{*ssh, *telnet};
    }
  } catch (const YAML::Exception& e) {
    return InvalidArgument(path + ": " + e.what());
  }
  return out;
}

std::optional<DevicePorts> PortAssignment::Find(const std::string& device) const {
  auto it = ports_.find(device);
  if (it == ports_.end()) return std::nullopt;
  return it->second;
}

std::string PortAssignment::ToYaml() const {
  std::ostringstream y;
  y << "# iosup lab: the ports each device listens on; kept across restarts of this lab.\n";
  for (const auto& [name, p] : ports_) {
    y << Quoted(name) << ": {ssh: " << p.ssh << ", telnet: " << p.telnet << "}\n";
  }
  return y.str();
}

Status PortAssignment::Save(const std::string& path) const {
  return WriteFileAtomically(path, ToYaml());
}

}  // namespace iosup
