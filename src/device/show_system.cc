#include "device/show_system.h"

#include <cstdio>

#include "device/ios_time.h"
#include "device/show_version.h"

namespace iosup {

namespace {

std::string BootPaths(const Device& d, const char* sep, const char* suffix) {
  std::string out;
  for (const BootStatement& b : d.running_config().boot_statements()) {
    std::string path = b.kind == BootStatement::Kind::kTftp ? "tftp://" + b.host + "/" + b.path
                       : b.kind == BootStatement::Kind::kRom ? "rom"
                                                              : b.path;
    if (!out.empty()) out += sep;
    out += path + suffix;
  }
  return out;
}

uint64_t NvramSize(const Device& d) {
  for (const FileSystemSpec& fs : d.platform().file_systems) {
    if (fs.type == FsType::kNvram) return fs.capacity;
  }
  return 0;
}

}  // namespace

std::string ShowBootvar(const Device& d) {
  std::string boot = BootPaths(d, "", ",12;");
  std::string out = "BOOT variable = " + boot + "\n";
  out += "CONFIG_FILE variable = \n";
  out += "BOOTLDR variable does not exist\n";
  return out + ConfigRegisterLine(d.config_register(), d.next_config_register()) + "\n\nStandby not ready to show bootvar\n\n";
}

namespace {

std::string ClassicBootVariables(const Device& d) {
  std::string out = "BOOT path-list      : " + BootPaths(d, ";", "") + "\n";
  out += "Config file         : flash:/config.text\n";
  out += "Private Config file : flash:/private-config.text\n";
  out += "Enable Break        : no\n";
  out += "Manual Boot         : no\n";
  out += "Allow Dev Key         : yes\n";
  out += "HELPER path-list    : \n";
  out += "Auto upgrade        : yes\n";
  out += "Auto upgrade path   : \n";
  out += "Boot optimization   : disabled\n";
  out += "NVRAM/Config file\n      buffer size:   " + std::to_string(NvramSize(d)) + "\n";
  out += "Timeout for Config\n          Download:    0 seconds\n";
  out += "Config Download \n       via DHCP:       disabled (next boot: disabled)\n";
  return out;
}

}  // namespace

std::string ShowBoot(const Device& d) {
  const PlatformSpec& p = d.platform();
  if (p.version_style == VersionStyle::kCatalyst) {
    // A stack: one section per member ("-------------------" / "Switch 2"), the same variables.
    std::string out;
    for (int k = 1; k <= d.stack_members(); ++k) {
      if (d.stack_members() > 1) out += "-------------------\nSwitch " + std::to_string(k) + "\n-------------------\n";
      out += ClassicBootVariables(d);
      if (k < d.stack_members()) out += "\n";
    }
    return out;
  }
  if (p.version_style == VersionStyle::kCatalyst9k) {
    // The 16.x/17.x "Current Boot Variables" form (the one ntc-templates parses).
    const std::string boot = BootPaths(d, "", ";");
    const std::string var = boot.empty() ? "BOOT variable does not exist" : "BOOT variable = " + boot;
    std::string out;
    for (int k = 1; k <= d.stack_members(); ++k) {
      out += "---------------------------\nSwitch " + std::to_string(k) + "\n---------------------------\n"
             "Current Boot Variables:\n" + var + "\n\nBoot Variables on next reload:\n" + var +
             "\nManual Boot = no\nEnable Break = yes\nBoot Mode = DEVICE\niPXE Timeout = 0\n";
    }
    return out;
  }
  return ShowBootvar(d);
}


std::string ShowFileSystems(const Device& d) {
  std::string out = "File Systems:\n\n       Size(b)       Free(b)      Type  Flags  Prefixes\n";
  char row[256];
  bool first = true;
  for (const ResolvedPath& fs : d.file_systems().all()) {
    SpaceInfo s = fs.store->Space();
    std::string prefixes = fs.spec->name + ":";
    for (const std::string& a : fs.spec->aliases) prefixes += " " + a + ":";
    std::snprintf(row, sizeof row, "%c%13llu %13llu %9s %6s   %s\n", first ? '*' : ' ',
                  static_cast<unsigned long long>(s.capacity),
                  static_cast<unsigned long long>(s.free()),
                  std::string(FsTypeName(fs.spec->type)).c_str(), "rw", prefixes.c_str());
    out += row;
    first = false;
  }
  for (const char* net : {"system:", "tmpsys:", "null:", "tftp:", "syslog:", "rcp:", "http:", "ftp:",
                          "scp:", "https:"}) {
    const bool network = std::string_view(net) != "system:" && std::string_view(net) != "tmpsys:" &&
                         std::string_view(net) != "null:" && std::string_view(net) != "syslog:";
    std::snprintf(row, sizeof row, " %13s %13s %9s %6s   %s\n", "-", "-", network ? "network" : "opaque",
                  std::string_view(net) == "syslog:" ? "wo" : "rw", net);
    out += row;
  }
  return out + "\n";
}

namespace {

std::string CurrentConfiguration(const std::string& body) {
  return "Building configuration...\n\nCurrent configuration : " + std::to_string(body.size()) +
         " bytes\n" + body;
}

}  // namespace

std::string ShowRunningConfig(const Device& d, bool defaults) {
  RenderOptions o = d.ConfigRenderOptions();
  o.defaults = defaults;
  return CurrentConfiguration(d.running_config().Render(o));
}

std::string ShowRunningSection(const Device& d, const std::string& header) {
  std::optional<std::string> s = d.running_config().RenderSection(header, d.ConfigRenderOptions());
  if (!s) return "";
  return CurrentConfiguration("!\n" + *s + "end\n") + "\n";
}

std::string ShowRunningSections(const Device& d, const std::string& kind, const std::string& name) {
  std::string body = "!\n";
  for (const ConfigNode& n : d.running_config().nodes()) {
    if (!n.text.starts_with(kind + " ")) continue;
    if (!name.empty() && n.text.substr(n.text.rfind(' ') + 1) != name) continue;
    body += *d.running_config().RenderSection(n.text, d.ConfigRenderOptions()) + "!\n";
  }
  return CurrentConfiguration(body + "end\n") + "\n";
}

std::string ShowStartupConfig(const Device& d) {
  Result<std::string> text = d.ReadStartupText();
  if (!text.ok()) return "startup-config is not present\n";
  return "Using " + std::to_string(text->size()) + " out of " + std::to_string(NvramSize(d)) +
         " bytes\n" + *text;
}

std::string ShowIpInterfaceBrief(const Device& d) {
  std::string out = "Interface              IP-Address      OK? Method Status                Protocol\n";
  Result<std::string> startup_text = d.ReadStartupText();
  Config startup = startup_text.ok() ? Config::Parse(*startup_text) : Config();
  char row[160];
  for (const InterfaceConfig& ic : d.running_config().interfaces()) {
    std::optional<InterfaceConfig> saved = startup.interface(ic.name);
    const bool has_ip = !ic.ip_address.empty();
    const char* method = !has_ip ? "unset" : (saved && saved->ip_address == ic.ip_address ? "NVRAM" : "manual");
    const InterfaceStatus s = d.interface_status(ic.name);
    std::snprintf(row, sizeof row, "%-22s %-15s %-3s %-6s %-21s %s\n", ic.name.c_str(),
                  has_ip ? ic.ip_address.c_str() : "unassigned", "YES", method,
                  std::string(LinkStatusText(s.link)).c_str(), s.protocol_up ? "up" : "down");
    out += row;
  }
  return out;
}

std::string ShowReload(const Device& d) {
  const std::optional<ScheduledReload>& r = d.scheduled_reload();
  if (!r) return "No reload is scheduled.\n";
  auto left = std::chrono::duration_cast<std::chrono::minutes>(r->deadline - d.clock().Now());
  return "Reload scheduled for " + LongTime(r->deadline) + " (in " + Uptime(left) + ") by " +
         r->by + "\nReload reason: " + r->reason + "\n";
}

}  // namespace iosup
