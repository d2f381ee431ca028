#include "device/show_version.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "catalog/software_release.h"
#include "device/ios_time.h"

namespace iosup {

namespace {

std::string Upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}

constexpr const char* kGplNotice =
    "All rights reserved.  Certain components of Cisco IOS-XE software are\n"
    "licensed under the GNU General Public License (\"GPL\") Version 2.0.  The\n"
    "software code licensed under GPL Version 2.0 is free software that comes\n"
    "with ABSOLUTELY NO WARRANTY.  You can redistribute and/or modify such\n"
    "GPL code under the terms of GPL Version 2.0.  For more details, see the\n"
    "documentation or \"License Notice\" file accompanying the IOS-XE software,\n"
    "or the applicable URL provided on the flyer accompanying the IOS-XE\n"
    "software.\n";

constexpr const char* kCryptoNotice =
    "This product contains cryptographic features and is subject to United\n"
    "States and local country laws governing import, export, transfer and\n"
    "use. Delivery of Cisco cryptographic products does not imply\n"
    "third-party authority to import, export, distribute or use encryption.\n"
    "Importers, exporters, distributors and users are responsible for\n"
    "compliance with U.S. and local country laws. By using this product you\n"
    "agree to comply with applicable laws and regulations. If you are unable\n"
    "to comply with U.S. and local laws, return this product immediately.\n"
    "\n"
    "A summary of U.S. laws governing Cisco cryptographic products may be found at:\n"
    "http://www.cisco.com/wwl/export/crypto/tool/stqrg.html\n"
    "\n"
    "If you require further assistance please contact us by sending email to\n"
    "export@cisco.com.\n";

// "C2960-LANBASEK9-M" for classic images; "X86_64_LINUX_IOSD-UNIVERSALK9-M" for XE routers.
std::string ImageCode(const PlatformSpec& p, const RunningImage& image) {
  if (p.version_style == VersionStyle::kCatalyst9k) return "CAT9K_IOSXE";
  if (p.version_style == VersionStyle::kIosXeRouter) {
    return "X86_64_LINUX_IOSD-" + Upper(image.feature) + "-M";
  }
  return Upper(image.family) + "-" + Upper(image.feature) + "-M";
}

bool IsXeStyle(const PlatformSpec& p) {
  return p.version_style == VersionStyle::kIosXeRouter ||
         p.version_style == VersionStyle::kCatalyst9k;
}

// The release switch `k` of the stack runs, as the table prints it.
std::string MemberVersion(const SystemFacts& s, int k, bool long_form) {
  const size_t i = static_cast<size_t>(k - 2);
  if (k == 1 || i >= s.member_versions.size() || s.member_versions[i] == s.image.version.Long()) {
    return long_form ? s.image.version.Long() : s.image.version.Short();
  }
  return s.member_versions[i];
}

std::string SwitchTable(const SystemFacts& s) {
  const RunningImage& image = s.image;
  const PlatformSpec& p = *s.board.platform;
  const bool xe = p.version_style == VersionStyle::kCatalyst9k;
  char row[160];
  std::string out;
  if (xe) {
    out += "Switch Ports Model              SW Version        SW Image              Mode   \n";
    out += "------ ----- -----              ----------        ----------            ----   \n";
  } else {
    out += "Switch Ports Model                     SW Version            SW Image\n";
    out += "------ ----- -----                     ----------            ----------\n";
  }
  for (int k = 1; k <= s.stack_members; ++k) {
    const std::string version = MemberVersion(s, k, xe);
    if (xe) {
      std::snprintf(row, sizeof row, "%c %4d %-5d %-18s %-17s %-21s %-7s\n", k == 1 ? '*' : ' ', k,
                    41, p.pid.c_str(), version.c_str(), "CAT9K_IOSXE",
                    image.install_mode ? "INSTALL" : "BUNDLE");
    } else {
      std::snprintf(row, sizeof row, "%c %4d %-5d %-25s %-21s %s\n", k == 1 ? '*' : ' ', k, 26,
                    p.pid.c_str(), version.c_str(), ImageCode(p, image).c_str());
    }
    out += row;
  }
  return out;
}

// "Switch 02" / "---------" and the member's identity, after the table, for members 2..N.
std::string MemberSections(const SystemFacts& s, const std::string& uptime) {
  const PlatformSpec& p = *s.board.platform;
  const bool xe = p.version_style == VersionStyle::kCatalyst9k;
  std::string out;
  for (int k = 2; k <= s.stack_members; ++k) {
    char number[16];
    std::snprintf(number, sizeof number, "%02d", k);
    std::string mac = s.board.mac_address;
    if (mac.size() >= 2) {
      const unsigned last = std::stoul(mac.substr(mac.size() - 2), nullptr, 16) + static_cast<unsigned>(k - 1);
      char tail[3];
      std::snprintf(tail, sizeof tail, "%02x", last & 0xff);
      mac.replace(mac.size() - 2, 2, tail);
    }
    std::string serial = s.board.serial_number;
    if (!serial.empty()) serial.back() = static_cast<char>('0' + k);
    // IOS-XE and classic IOS label the same facts differently.
    auto line = [&](const char* xe_label, const char* ios_label, const std::string& value) {
      char label[64];
      std::snprintf(label, sizeof label, xe ? "%-35s: " : "%-32s: ", xe ? xe_label : ios_label);
      return label + value;
    };
    out += "\nSwitch " + std::string(number) + "\n---------\n";
    out += line("Switch uptime", "Switch Uptime", uptime) + " \n" + (xe ? "\n" : "");
    out += line("Base Ethernet MAC Address", "Base ethernet MAC Address", mac) + "\n";
    out += line("Model Number", "Model number", p.pid) + "\n";
    out += line("System Serial Number", "System serial number", serial) + "\n";
    out += "\n";
  }
  return out;
}

}  // namespace

std::string SoftwareHeader(const PlatformSpec& p, const RunningImage& image) {
  const SoftwareRelease rel = ReleaseInfo(image.version);
  std::string out;
  if (IsXeStyle(p)) {
    const std::string label =
        p.version_style == VersionStyle::kCatalyst9k ? "Catalyst L3 Switch Software" : p.software_label;
    out += "Cisco IOS XE Software, Version " + image.version.Long() + "\n";
    out += "Cisco IOS Software [" + (rel.train.empty() ? std::string("Everest") : rel.train) + "], " +
           label + " (" + ImageCode(p, image) + "), Version " + image.version.Short() +
           ", RELEASE SOFTWARE (" + rel.fc + ")\n";
  } else {
    out += "Cisco IOS Software, " + Upper(image.family) + " Software (" + ImageCode(p, image) +
           "), Version " + image.version.Short() + ", RELEASE SOFTWARE (" + rel.fc + ")\n";
  }
  out += "Technical Support: http://www.cisco.com/techsupport\n";
  out += "Copyright (c) 1986-" + std::to_string(rel.year) + " by Cisco Systems, Inc.\n";
  out += "Compiled " + rel.compiled + "\n";
  if (IsXeStyle(p)) {
    out += "\n\nCisco IOS-XE software, Copyright (c) 2005-" + std::to_string(rel.year) +
           " by cisco Systems, Inc.\n";
    out += kGplNotice;
  }
  return out;
}

std::string HardwareBlock(const BoardFacts& board) {
  const PlatformSpec& p = *board.platform;
  std::string out = p.hardware_line + "\n";
  out += "Processor board ID " + board.serial_number + "\n";
  if (p.is_switch() && p.version_style == VersionStyle::kCatalyst) out += "Last reset from power-on\n";
  for (const std::string& line : p.hardware_counts) out += line + "\n";
  if (p.version_style == VersionStyle::kCatalyst) out += "\n";
  if (!p.nvram_line.empty()) out += p.nvram_line + "\n";
  if (!p.physical_memory_line.empty()) out += p.physical_memory_line + "\n";
  for (const FileSystemSpec& fs : p.file_systems) {
    if (!fs.in_show_version) continue;
    if (p.version_style == VersionStyle::kIsrG2) {
      out += std::to_string(fs.capacity / 1024) + "K bytes of " + fs.label + "\n";
    } else {
      out += std::to_string(fs.capacity / 1024) + "K bytes of " + fs.label + " at " + fs.name +
             ":.\n";
    }
  }
  return out;
}

std::string ShowVersion(const SystemFacts& s) {
  const PlatformSpec& p = *s.board.platform;
  const RunningImage& image = s.image;
  const WallTime now = s.now;
  std::string out = SoftwareHeader(p, image);
  out += "\n";
  if (IsXeStyle(p)) out += "\n";
  for (const std::string& rom : p.rom_lines) out += rom + "\n";
  out += "\n";
  const std::string uptime = Uptime(now - s.booted_at);
  out += s.hostname + " uptime is " + uptime + "\n";
  if (IsXeStyle(p)) out += "Uptime for this control processor is " + uptime + "\n";
  if (s.last_reload_at) {
    out += "System returned to ROM by " + s.last_reload_reason + " at " +
           LongTime(*s.last_reload_at) + "\n";
  } else {
    out += "System returned to ROM by power-on\n";
  }
  out += "System restarted at " + LongTime(s.booted_at) + "\n";
  out += "System image file is \"" + image.path + "\"\n";
  out += "Last reload reason: " + s.last_reload_reason + "\n";
  out += "\n\n\n";
  out += kCryptoNotice;
  out += "\n\n";
  if (p.version_style == VersionStyle::kIosXeRouter || p.version_style == VersionStyle::kCatalyst9k) {
    out += "\n";
  }
  out += HardwareBlock(s.board);
  if (p.is_switch()) {
    out += "Base ethernet MAC Address       : " + s.board.mac_address + "\n";
    out += "Model number                    : " + p.pid + "\n";
    out += "System serial number            : " + s.board.serial_number + "\n";
    out += "\n\n" + SwitchTable(s) + "\n\n" + MemberSections(s, uptime);
  } else if (p.version_style == VersionStyle::kIosXeRouter && (image.version.major > 17 ||
              (image.version.major == 17 && image.version.minor >= 6))) {
    // 17.6 and later routers say how they booted (a C9800 on 17.7 prints it; 16.x does not).
    out += std::string("Installation mode is ") + (image.install_mode ? "INSTALL" : "BUNDLE") +
           " \n\n\n";
  } else {
    out += "\n";
  }
  return out + ConfigRegisterLine(s.config_register, s.next_config_register) + "\n";
}

std::string ConfigRegisterText(uint16_t value) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%X", value);
  return buf;
}

std::string ConfigRegisterLine(uint16_t in_effect, uint16_t next) {
  std::string out = "Configuration register is " + ConfigRegisterText(in_effect);
  if (next != in_effect) {
    out += " (will be " + ConfigRegisterText(next) + " at next reload)";
  }
  return out;
}

}  // namespace iosup
