#include "lab/tool_inventories.h"

#include <sstream>

#include "platform/posix_file.h"

namespace iosup {

namespace {

// YAML double-quoted scalar.
std::string Q(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

bool IsIosXe(const HostedDevice& d) {
  const VersionStyle style = d.device->platform().version_style;
  return style == VersionStyle::kIosXeRouter || style == VersionStyle::kCatalyst9k;
}

bool IsSwitch(const HostedDevice& d) {
  const VersionStyle style = d.device->platform().version_style;
  return style == VersionStyle::kCatalyst || style == VersionStyle::kCatalyst9k;
}

constexpr const char* kLabGroup = "iosup_lab";

}  // namespace

std::string AnsibleInventoryYaml(LabHost& host) {
  std::ostringstream y;
  y << "# Ansible inventory of the iosup lab in " << host.dir() << ":\n"
    << "#   ansible-playbook -i " << host.dir() << "/ansible-inventory.yaml PLAYBOOK\n"
    << "all:\n  vars:\n"
    << "    ansible_connection: ansible.netcommon.network_cli\n"
    << "    ansible_network_os: cisco.ios.ios\n"
    << "    ansible_become: true\n"
    << "    ansible_become_method: enable\n"
    << "    # Each lab directory has its own host keys.\n"
    << "    ansible_host_key_checking: false\n"
    << "  children:\n";
  for (const bool switches : {false, true}) {
    std::ostringstream hosts;
    for (HostedDevice& d : host.devices()) {
      if (IsSwitch(d) != switches || d.ssh_port == 0) continue;
      const DeviceDefinition& def = d.definition;
      hosts << "        " << Q(def.name) << ":\n"
            << "          ansible_host: 127.0.0.1\n"
            << "          ansible_port: " << d.ssh_port << "\n"
            << "          ansible_user: " << Q(def.username) << "\n"
            << "          ansible_password: " << Q(def.password) << "\n"
            << "          ansible_become_password: " << Q(def.enable) << "\n"
            << "          iosup_platform: " << Q(def.platform) << "\n";
      if (!def.address.empty()) hosts << "          iosup_lab_address: " << Q(def.address) << "\n";
    }
    y << "    " << (switches ? "switches" : "routers") << ":\n";
    y << (hosts.str().empty() ? "      hosts: {}\n" : "      hosts:\n" + hosts.str());
  }
  return y.str();
}

std::string NornirHostsYaml(LabHost& host) {
  std::ostringstream y;
  y << "# Nornir SimpleInventory hosts of the iosup lab in " << host.dir() << "\n---\n";
  for (HostedDevice& d : host.devices()) {
    if (d.ssh_port == 0) continue;
    const DeviceDefinition& def = d.definition;
    y << Q(def.name) << ":\n"
      << "  hostname: 127.0.0.1\n"
      << "  port: " << d.ssh_port << "\n"
      << "  username: " << Q(def.username) << "\n"
      << "  password: " << Q(def.password) << "\n"
      << "  platform: ios\n"
      << "  groups: [" << kLabGroup << "]\n"
      << "  data:\n"
      << "    model: " << Q(def.platform) << "\n"
      << "    role: " << (IsSwitch(d) ? "switch" : "router") << "\n"
      << "    telnet_port: " << d.telnet_port << "\n";
    if (!def.address.empty()) y << "    lab_address: " << Q(def.address) << "\n";
    y << "  connection_options:\n"
      << "    netmiko:\n      platform: cisco_ios\n      extras: {secret: " << Q(def.enable) << "}\n"
      << "    napalm:\n      platform: ios\n      extras: {optional_args: {secret: " << Q(def.enable)
      << "}}\n"
      << "    scrapli:\n      platform: cisco_iosxe\n      extras: {auth_secondary: "
      << Q(def.enable) << ", auth_strict_key: false}\n";
  }
  return y.str();
}

std::string NornirGroupsYaml(LabHost& host) {
  return "# Nornir SimpleInventory groups of the iosup lab in " + host.dir() + "\n---\n" +
         kLabGroup + ":\n  platform: ios\n  data:\n    lab_dir: " + Q(host.dir()) + "\n";
}

std::string NornirConfigYaml(LabHost& host) {
  return "# InitNornir(config_file=\"" + host.dir() + "/nornir/config.yaml\")\n---\n"
         "inventory:\n  plugin: SimpleInventory\n  options:\n"
         "    host_file: " + Q(host.dir() + "/nornir/hosts.yaml") + "\n"
         "    group_file: " + Q(host.dir() + "/nornir/groups.yaml") + "\n"
         "runner:\n  plugin: threaded\n  options:\n    num_workers: 20\n";
}

std::string PyatsTestbedYaml(LabHost& host) {
  std::ostringstream y;
  y << "# pyATS testbed of the iosup lab in " << host.dir() << ":\n"
    << "#   pyats shell --testbed-file " << host.dir() << "/pyats-testbed.yaml\n"
    << "testbed:\n  name: iosup_lab\n"
    << "devices:\n";
  for (HostedDevice& d : host.devices()) {
    if (d.ssh_port == 0) continue;
    const DeviceDefinition& def = d.definition;
    y << "  " << Q(def.hostname.empty() ? def.name : def.hostname) << ":\n"
      << "    alias: " << Q(def.name) << "\n"
      << "    os: " << (IsIosXe(d) ? "iosxe" : "ios") << "\n"
      << "    type: " << (IsSwitch(d) ? "switch" : "router") << "\n"
      << "    platform: " << Q(def.platform) << "\n"
      << "    credentials:\n"
      << "      default: {username: " << Q(def.username) << ", password: " << Q(def.password)
      << "}\n"
      << "      enable: {password: " << Q(def.enable) << "}\n"
      << "    connections:\n"
      << "      defaults: {class: unicon.Unicon, via: cli}\n"
      << "      cli: {protocol: ssh, ip: 127.0.0.1, port: " << d.ssh_port
      << ", ssh_options: \"-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null\"}\n"
      << "      telnet: {protocol: telnet, ip: 127.0.0.1, port: " << d.telnet_port << "}\n";
  }
  return y.str();
}

Result<std::vector<std::string>> WriteToolInventories(LabHost& host) {
  const std::string& dir = host.dir();
  IOSUP_RETURN_IF_ERROR(MakeDirs(dir + "/nornir"));
  const std::vector<std::pair<std::string, std::string>> files = {
      {dir + "/ansible-inventory.yaml", AnsibleInventoryYaml(host)},
      {dir + "/nornir/hosts.yaml", NornirHostsYaml(host)},
      {dir + "/nornir/groups.yaml", NornirGroupsYaml(host)},
      {dir + "/nornir/config.yaml", NornirConfigYaml(host)},
      {dir + "/pyats-testbed.yaml", PyatsTestbedYaml(host)},
  };
  std::vector<std::string> paths;
  for (const auto& [path, text] : files) {
    IOSUP_RETURN_IF_ERROR(WriteFileAtomically(path, text));
    paths.push_back(path);
  }
  return paths;
}

}  // namespace iosup
