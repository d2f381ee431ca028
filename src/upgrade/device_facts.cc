#include "upgrade/device_facts.h"

#include "upgrade/join.h"

namespace iosup::upgrade {

std::pair<std::string, std::string> SplitImagePath(const std::string& path) {
  const size_t colon = path.find(':');
  std::string fs = colon == std::string::npos ? "" : path.substr(0, colon + 1);
  std::string file = colon == std::string::npos ? path : path.substr(colon + 1);
  while (file.starts_with('/')) file.erase(0, 1);
  return {fs, file};
}

bool RunsIosXe(const PlatformSpec& platform) {
  return platform.version_style == VersionStyle::kIosXeRouter ||
         platform.version_style == VersionStyle::kCatalyst9k;
}

std::string MemberFileSystem(const DeviceFacts& facts, int member) {
  std::string base = facts.file_system;
  if (base.ends_with(':')) base.pop_back();
  const bool classic = facts.platform != nullptr && facts.platform->version_style == VersionStyle::kCatalyst;
  return base + (classic ? "" : "-") + std::to_string(member) + ":";
}

std::map<std::string, std::string> DeviceFacts::Summary() const {
  std::map<std::string, std::string> out = {
      {"hostname", version.hostname},
      {"version", version.version},
      {"image", version.system_image},
      {"model", version.model},
      {"config_register", version.config_register},
      {"uptime", version.uptime},
      {"restarted_at", version.restarted_at},
      {"boot_running", Join(running_boot)},
      {"boot_startup", Join(startup_boot)},
      {"flash_free", std::to_string(flash.free_bytes)},
      {"unsaved_lines", std::to_string(unsaved_lines)},
  };
  if (platform != nullptr) out["platform"] = platform->id;
  if (!version.next_config_register.empty()) out["config_register_next"] = version.next_config_register;
  if (!version.installation_mode.empty()) out["mode"] = version.installation_mode;
  if (install) out["install"] = install->Describe();
  if (members.size() > 1) {
    std::string stack;
    for (const StackMember& m : members) {
      stack += (stack.empty() ? "" : ", ") + std::to_string(m.number) + " " + m.role + " " + m.state;
    }
    out["stack"] = stack;
  }
  if (server_ping_percent >= 0) out["server_ping"] = std::to_string(server_ping_percent) + "%";
  return out;
}

}  // namespace iosup::upgrade
