#include "lab/lab_upgrade_files.h"

#include <filesystem>
#include <sstream>

#include "platform/posix_file.h"

namespace iosup {

namespace {

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

std::string LabInventoryYaml(LabHost& host) {
  std::ostringstream y;
  y << "# The devices of the lab in " << host.dir() << ", reached over SSH on loopback.\n";
  if (!host.devices().empty()) {
    const DeviceDefinition& d = host.devices().front().definition;
    y << "vars:\n  username: " << Quoted(d.username) << "\n  password: " << Quoted(d.password)
      << "\n  enable: " << Quoted(d.enable) << "\n";
  }
  y << "hosts:\n";
  for (HostedDevice& d : host.devices()) {
    y << "  " << d.definition.name << ": {address: 127.0.0.1, port: " << d.ssh_port
      << ", platform: " << d.definition.platform;
    if (!d.console_path.empty()) y << ", console: " << Quoted(d.console_path);
    y << "}\n";
  }
  return y.str();
}

Result<std::string> LabPolicyYaml(const LabHost& host) {
  std::ostringstream y;
  y << "# Upgrade every device of this lab to the images its servers hold, as the upgrade guide does it:\n"
       "# verified MD5, new image first and the old one as fallback, reload, post-checks.\n"
       "images:\n";
  std::string server;
  for (const HostedServer& s : host.servers()) {
    if (server.empty()) server = s.definition.address;
    for (const ServedFile& f : s.definition.files) {
      auto md5 = s.published.find(f.name);
      if (md5 == s.published.end()) return NotFound(s.manifest + " does not list " + f.name);
      y << "  - {file: " << f.name << ", md5: " << md5->second << ", size: " << f.size << "}\n";
    }
  }
  if (server.empty()) return NotFound("the lab has no file server");
  y << "transfer: {protocol: tftp, server: " << server << "}\n"
       "keep_old_as_fallback: true\n"
       "reload: {mode: now}\n"
       "waves: [1, 100%]\n"
       "max_parallel_copies: 8\n"
       "max_parallel_reloads: 8\n"
       "failure_budget: 0\n"
       "backup: server\n";
  return y.str();
}

Result<LabUpgradeFiles> WriteLabUpgradeFiles(LabHost& host, const LabPolicyFile& policy_file) {
  LabUpgradeFiles files{host.dir() + "/inventory.yaml", host.dir() + "/" + policy_file.name};
  IOSUP_RETURN_IF_ERROR(WriteFileAtomically(files.inventory, LabInventoryYaml(host)));
  if (!policy_file.keep_existing || !std::filesystem::exists(files.policy)) {
    Result<std::string> policy = LabPolicyYaml(host);
    if (!policy.ok()) return policy.status();
    IOSUP_RETURN_IF_ERROR(WriteFileAtomically(files.policy, *policy));
  }
  return files;
}

}  // namespace iosup
