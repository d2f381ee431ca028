#include "catalog/platform_catalog.h"

#include <algorithm>
#include <cctype>

namespace iosup {

namespace {

using std::chrono::seconds;
constexpr uint64_t kKiB = 1024;
constexpr uint64_t kMiB = 1024 * 1024;
// The USB stick every USB-capable platform has plugged in: 4 GB, like the references' usbflash1:.
constexpr uint64_t kUsbStick = 3505545216ULL;

// Realistic TFTP copy rates. TFTP at 512-byte blocks is lock-step (one block per round trip), so
// the device's CPU and the round trip set the rate, not the link. Sources: seed 001's ISR4321
// (521347072 bytes in 1187.234 secs, 439151 bytes/sec; its upload to the server ran at 422465)
// and 2960 (12582912 bytes in 35.211 secs, 357348 bytes/sec); a 1941 on 15.x in the reference
// notes (86844008 bytes in 134.428 secs, 646026 bytes/sec). The other IOS-XE boxes run the
// ISR4321's TFTP client, so they get its figure; the 3750-X is an estimate between the 2960 and
// the 1941. MD5 rates: seed 001 says `verify /md5` of the 500 MB ISR image "takes 2-5 minutes"
// (3 MiB/s: 166 s).
constexpr uint64_t kIosXeTftp = 439151;

// Figures follow seed 001 (ISR4321 "7697408K bytes of flash memory at bootflash:", 2960
// "64016384 bytes total") and the reference outputs for the rest.
const std::vector<PlatformSpec>& Table() {
  static const std::vector<PlatformSpec> kPlatforms = {
      {
          .id = "ISR4321",
          .summary = "Cisco ISR 4321 router, IOS-XE 16.x, bootflash:",
          .version_style = VersionStyle::kIosXeRouter,
          .listing_style = ListingStyle::kIsr,
          .loader = BootLoaderKind::kRommon,
          .tftpdnld_erases_flash = false,
          .boot_markers = true,
          .default_config_register = 0x2102,
          .image_families = {"isr4300"},
          .software_label = "ISR Software",
          .pid = "ISR4321/K9",
          .hardware_line = "cisco ISR4321/K9 (1RU) processor with 1647778K/6147K bytes of memory.",
          .board_id_prefix = "FLM",
          .rom_lines = {"ROM: IOS-XE ROMMON"},
          .bootstrap_banner = "System Bootstrap, Version 16.7(4r), RELEASE SOFTWARE",
          .hardware_counts = {"2 Gigabit Ethernet interfaces"},
          .nvram_line = "32768K bytes of non-volatile configuration memory.",
          .physical_memory_line = "4194304K bytes of physical memory.",
          .file_systems = {{.name = "bootflash", .aliases = {"flash"}, .type = FsType::kDisk,
                            .capacity = 7697408 * kKiB, .block_size = 4096, .dir_size = 4096,
                            .label = "flash memory"},
                           {.name = "nvram", .type = FsType::kNvram, .capacity = 32768 * kKiB,
                            .block_size = 1, .in_show_version = false},
                           {.name = "usb0", .type = FsType::kUsbFlash, .capacity = kUsbStick,
                            .block_size = 4096, .dir_size = 4096, .in_show_version = false}},
          .startup_config_path = "nvram:startup-config",
          .interfaces = {{"GigabitEthernet0/0/", 0, 1}, {"GigabitEthernet", 0, 0}},
          .management_interface = "GigabitEthernet0/0/0",
          .default_image = "isr4300-universalk9.16.09.06.SPA.bin",
          .default_image_size = 521347072,
          .target_image = "isr4300-universalk9.16.12.04.SPA.bin",
          .target_image_size = 521347072,
          .realistic_boot_time = seconds(300),
          .tftp_copy_bytes_per_sec = kIosXeTftp,
          .flash_write_bytes_per_sec = 40 * kMiB,
          .md5_bytes_per_sec = 3 * kMiB,
      },
      {
          .id = "ISR1941",
          .summary = "Cisco 1941 ISR G2 router, IOS 15.x, flash0: (flash:)",
          .version_style = VersionStyle::kIsrG2,
          .listing_style = ListingStyle::kIsr,
          .loader = BootLoaderKind::kRommon,
          .tftpdnld_erases_flash = true,
          .boot_markers = true,
          .default_config_register = 0x2102,
          .image_families = {"c1900"},
          .software_label = "",
          .pid = "CISCO1941/K9",
          .hardware_line = "Cisco CISCO1941/K9 (revision 1.0) with 491520K/32768K bytes of memory.",
          .board_id_prefix = "FJC",
          .rom_lines = {"ROM: System Bootstrap, Version 15.0(1r)M16, RELEASE SOFTWARE (fc1)"},
          .bootstrap_banner = "System Bootstrap, Version 15.0(1r)M16, RELEASE SOFTWARE (fc1)",
          .hardware_counts = {"2 Gigabit Ethernet interfaces", "1 terminal line",
                              "DRAM configuration is 64 bits wide with parity disabled.",
                              "255K bytes of non-volatile configuration memory."},
          .nvram_line = "",
          .physical_memory_line = "",
          .file_systems = {{.name = "flash0", .aliases = {"flash"}, .type = FsType::kDisk,
                            .capacity = 256 * kMiB, .block_size = 4096, .dir_size = 0,
                            .label = "ATA System CompactFlash 0 (Read/Write)"},
                           {.name = "nvram", .type = FsType::kNvram, .capacity = 262136,
                            .block_size = 1, .in_show_version = false},
                           {.name = "usbflash0", .type = FsType::kUsbFlash, .capacity = kUsbStick,
                            .block_size = 4096, .dir_size = 0, .in_show_version = false}},
          .startup_config_path = "nvram:startup-config",
          .interfaces = {{"GigabitEthernet0/", 0, 1}},
          .management_interface = "GigabitEthernet0/0",
          .default_image = "c1900-universalk9-mz.SPA.154-3.M2.bin",
          .default_image_size = 83540800,
          .realistic_boot_time = seconds(120),
          .tftp_copy_bytes_per_sec = 646026,
          .flash_write_bytes_per_sec = 2 * kMiB,
          .md5_bytes_per_sec = 1 * kMiB,
      },
      {
          .id = "C2960",
          .summary = "Cisco Catalyst 2960 switch, IOS 15.x, flash:",
          .version_style = VersionStyle::kCatalyst,
          .listing_style = ListingStyle::kCatalyst,
          .loader = BootLoaderKind::kSwitchLoader,
          .tftpdnld_erases_flash = false,
          .boot_markers = false,
          .default_config_register = 0xF,
          .image_families = {"c2960"},
          .software_label = "",
          .pid = "WS-C2960-24TT-L",
          .hardware_line =
              "cisco WS-C2960-24TT-L (PowerPC405) processor (revision B0) with 65536K bytes of memory.",
          .board_id_prefix = "FOC",
          .rom_lines = {"ROM: Bootstrap program is C2960 boot loader",
                        "BOOTLDR: C2960 Boot Loader (C2960-HBOOT-M) Version 12.2(44)SE5, RELEASE SOFTWARE (fc1)"},
          .bootstrap_banner = "Using driver version 1 for media type 1",
          .hardware_counts = {"1 Virtual Ethernet interface", "24 FastEthernet interfaces",
                              "2 Gigabit Ethernet interfaces",
                              "The password-recovery mechanism is enabled."},
          .nvram_line = "64K bytes of flash-simulated non-volatile configuration memory.",
          .physical_memory_line = "",
          .file_systems = {{.name = "flash", .type = FsType::kFlash, .capacity = 64016384,
                            .block_size = 512, .dir_size = 512, .in_show_version = false},
                           {.name = "nvram", .type = FsType::kNvram, .capacity = 65536,
                            .block_size = 1, .in_show_version = false}},
          .startup_config_path = "flash:config.text",
          .interfaces = {{"FastEthernet0/", 1, 24}, {"GigabitEthernet0/", 1, 2}, {"Vlan", 1, 1}},
          .management_interface = "Vlan1",
          .default_image = "c2960-lanbasek9-mz.152-7.E6.bin",
          .default_image_size = 12582912,
          .target_image = "c2960-lanbasek9-mz.152-7.E9.bin",
          .target_image_size = 12582912,
          .realistic_boot_time = seconds(90),
          .tftp_copy_bytes_per_sec = 357348,
          .flash_write_bytes_per_sec = 400 * kKiB,
          .md5_bytes_per_sec = 512 * kKiB,
      },
      {
          .id = "C3750",
          .summary = "Cisco Catalyst 3750-X switch, IOS 15.x, flash:",
          .version_style = VersionStyle::kCatalyst,
          .listing_style = ListingStyle::kCatalyst,
          .loader = BootLoaderKind::kSwitchLoader,
          .tftpdnld_erases_flash = false,
          .boot_markers = false,
          .default_config_register = 0xF,
          .image_families = {"c3750e", "c3750"},
          .software_label = "",
          .pid = "WS-C3750X-24S",
          .hardware_line =
              "cisco WS-C3750X-24S (PowerPC405) processor (revision A0) with 524288K bytes of memory.",
          .board_id_prefix = "FDO",
          .rom_lines = {"ROM: Bootstrap program is C3750E boot loader",
                        "BOOTLDR: C3750E Boot Loader (C3750X-HBOOT-M) Version 12.2(58r)SE, RELEASE SOFTWARE (fc1)"},
          .bootstrap_banner = "Using driver version 3 for media type 1",
          .hardware_counts = {"14 Virtual Ethernet interfaces", "1 FastEthernet interface",
                              "28 Gigabit Ethernet interfaces", "2 Ten Gigabit Ethernet interfaces",
                              "The password-recovery mechanism is enabled."},
          .nvram_line = "512K bytes of flash-simulated non-volatile configuration memory.",
          .physical_memory_line = "",
          .file_systems = {{.name = "flash", .type = FsType::kFlash, .capacity = 122185728,
                            .block_size = 512, .dir_size = 512, .in_show_version = false},
                           {.name = "nvram", .type = FsType::kNvram, .capacity = 524288,
                            .block_size = 1, .in_show_version = false}},
          .startup_config_path = "flash:config.text",
          .interfaces = {{"GigabitEthernet1/0/", 1, 24}, {"TenGigabitEthernet1/1/", 1, 2},
                         {"Vlan", 1, 1}},
          .management_interface = "Vlan1",
          .default_image = "c3750e-universalk9-mz.152-4.E8.bin",
          .default_image_size = 24360448,
          .realistic_boot_time = seconds(150),
          .tftp_copy_bytes_per_sec = 512 * kKiB,
          .flash_write_bytes_per_sec = 1 * kMiB,
          .md5_bytes_per_sec = 1 * kMiB,
      },
      {
          .id = "C9300",
          .summary = "Cisco Catalyst 9300 switch, IOS-XE 17.x in install mode, flash: (bootflash:)",
          .version_style = VersionStyle::kCatalyst9k,
          .listing_style = ListingStyle::kCatalyst,
          .loader = BootLoaderKind::kSwitchLoader,
          .tftpdnld_erases_flash = false,
          .boot_markers = true,
          .default_config_register = 0x102,
          .image_families = {"cat9k"},
          .software_label = "Catalyst L3 Switch Software",
          .pid = "C9300-24P",
          .hardware_line = "cisco C9300-24P (X86) processor with 1333273K/6147K bytes of memory.",
          .board_id_prefix = "FCW",
          .rom_lines = {"ROM: IOS-XE ROMMON",
                        "BOOTLDR: System Bootstrap, Version 17.9.1r, RELEASE SOFTWARE (P)"},
          .bootstrap_banner = "Initializing Hardware......",
          .hardware_counts = {"1 Virtual Ethernet interface", "28 Gigabit Ethernet interfaces",
                              "8 Ten Gigabit Ethernet interfaces"},
          .nvram_line = "2048K bytes of non-volatile configuration memory.",
          .physical_memory_line = "8388608K bytes of physical memory.",
          .file_systems = {{.name = "flash", .aliases = {"bootflash"}, .type = FsType::kDisk,
                            .capacity = 11353194496ULL, .block_size = 4096, .dir_size = 4096,
                            .label = "Flash"},
                           {.name = "nvram", .type = FsType::kNvram, .capacity = 2097152,
                            .block_size = 1, .in_show_version = false},
                           {.name = "usbflash0", .type = FsType::kUsbFlash, .capacity = kUsbStick,
                            .block_size = 4096, .dir_size = 0, .in_show_version = false}},
          .startup_config_path = "nvram:startup-config",
          .interfaces = {{"GigabitEthernet1/0/", 1, 24}, {"TenGigabitEthernet1/1/", 1, 8},
                         {"GigabitEthernet0/", 0, 0}, {"Vlan", 1, 1}},
          .management_interface = "GigabitEthernet0/0",
          .default_image = "cat9k_iosxe.17.06.05.SPA.bin",
          .default_image_size = 1010737152,
          .install_mode_default = true,
          // About 1.1 GB as 17.9 images are; the exact figure of Cisco's file is not to hand.
          .target_image = "cat9k_iosxe.17.09.04a.SPA.bin",
          .target_image_size = 1125408536,
          .realistic_boot_time = seconds(600),
          .tftp_copy_bytes_per_sec = kIosXeTftp,
          .flash_write_bytes_per_sec = 60 * kMiB,
          .md5_bytes_per_sec = 20 * kMiB,
      },
      {
          .id = "ASR1001",
          .summary = "Cisco ASR 1001 router, IOS-XE 3.x/16.x, bootflash: and harddisk:",
          .version_style = VersionStyle::kIosXeRouter,
          .listing_style = ListingStyle::kCatalyst,
          .loader = BootLoaderKind::kRommon,
          .tftpdnld_erases_flash = false,
          .boot_markers = true,
          .default_config_register = 0x2102,
          .image_families = {"asr1001"},
          .software_label = "ASR1000 Software",
          .pid = "ASR1001",
          .hardware_line = "cisco ASR1001 (1RU) processor with 1133939K/6147K bytes of memory.",
          .board_id_prefix = "SSI",
          .rom_lines = {"ROM: IOS-XE ROMMON"},
          .bootstrap_banner = "System Bootstrap, Version 15.3(1r)S1, RELEASE SOFTWARE (fc1)",
          .hardware_counts = {"4 Gigabit Ethernet interfaces"},
          .nvram_line = "32768K bytes of non-volatile configuration memory.",
          .physical_memory_line = "4194304K bytes of physical memory.",
          .file_systems = {{.name = "bootflash", .type = FsType::kDisk, .capacity = 7741439 * kKiB,
                            .block_size = 4096, .dir_size = 4096, .label = "eUSB flash"},
                           {.name = "harddisk", .type = FsType::kDisk,
                            .capacity = 78085207 * kKiB, .block_size = 4096, .dir_size = 4096,
                            .label = "SATA hard disk"},
                           {.name = "nvram", .type = FsType::kNvram, .capacity = 32768 * kKiB,
                            .block_size = 1, .in_show_version = false}},
          .startup_config_path = "nvram:startup-config",
          .interfaces = {{"GigabitEthernet0/0/", 0, 3}, {"GigabitEthernet", 0, 0}},
          .management_interface = "GigabitEthernet0",
          .default_image = "asr1001-universalk9.03.16.08.S.155-3.S8-ext.SPA.bin",
          .default_image_size = 447283200,
          .realistic_boot_time = seconds(420),
          .tftp_copy_bytes_per_sec = kIosXeTftp,
          .flash_write_bytes_per_sec = 30 * kMiB,
          .md5_bytes_per_sec = 8 * kMiB,
      },
  };
  return kPlatforms;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

std::string_view FsTypeName(FsType t) {
  switch (t) {
    case FsType::kDisk: return "disk";
    case FsType::kFlash: return "flash";
    case FsType::kUsbFlash: return "usbflash";
    case FsType::kNvram: return "nvram";
  }
  return "flash";
}

bool PlatformSpec::Boots(std::string_view family) const {
  return std::find(image_families.begin(), image_families.end(), family) != image_families.end();
}

std::span<const PlatformSpec> AllPlatforms() { return Table(); }

std::vector<std::string> InterfaceNames(const PlatformSpec& platform) {
  std::vector<std::string> out;
  for (const InterfaceRange& r : platform.interfaces) {
    for (int i = r.first; i <= r.last; ++i) out.push_back(r.prefix + std::to_string(i));
  }
  return out;
}

Result<const PlatformSpec*> FindPlatform(std::string_view name) {
  const std::string want = Lower(name);
  for (const PlatformSpec& p : Table()) {
    if (Lower(p.id) == want || Lower(p.pid) == want) return &p;
  }
  std::string known;
  for (const PlatformSpec& p : Table()) known += (known.empty() ? "" : ", ") + p.id;
  return NotFound("unknown platform '" + std::string(name) + "' (known: " + known + ")");
}

}  // namespace iosup
