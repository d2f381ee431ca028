// Every platform the emulator can be, as data: one PlatformSpec row each. Adding a platform is
// adding a row to kPlatforms in platform_catalog.cc; nothing else branches on a model name.
#ifndef IOSUP_CATALOG_PLATFORM_CATALOG_H_
#define IOSUP_CATALOG_PLATFORM_CATALOG_H_

#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace iosup {

enum class VersionStyle {
  kIosXeRouter,   // "Cisco IOS XE Software, Version 16.09.06" + IOSd line, GPL notice, ROM: IOS-XE ROMMON
  kIsrG2,         // "Cisco IOS Software, C1900 Software (...)", ROM: System Bootstrap, "Cisco CISCO1941/K9 (revision 1.0)"
  kCatalyst,      // classic switch: ROM/BOOTLDR lines, MAC block, "Switch Ports Model" table, 0xF
  kCatalyst9k,    // IOS-XE switch: Catalyst L3 Switch Software (CAT9K_IOSXE), table with Mode column
};

enum class ListingStyle {
  kIsr,       // show flash: "-#- --length-- -----date/time------ path" / "N bytes available (N bytes used)"
  kCatalyst,  // "Directory of flash:/" rows / "N bytes total (N bytes free)"
};

enum class BootLoaderKind { kRommon, kSwitchLoader };

enum class FsType { kDisk, kFlash, kUsbFlash, kNvram };
std::string_view FsTypeName(FsType t);  // as `show file systems` prints it

struct FileSystemSpec {
  std::string name;                  // "bootflash" (no colon)
  std::vector<std::string> aliases;  // other prefixes for the same store: {"flash"}
  FsType type = FsType::kFlash;
  uint64_t capacity = 0;             // bytes
  uint64_t block_size = 512;
  uint64_t dir_size = 4096;          // size printed for a directory row
  bool in_show_version = true;       // appears as "NK bytes of <label> at <name>:."
  std::string label;                 // "flash memory", "ATA System CompactFlash 0 (Read/Write)"
};

struct InterfaceRange {
  std::string prefix;  // "GigabitEthernet0/0/"
  int first = 0;
  int last = 0;
};

struct PlatformSpec {
  std::string id;                  // "ISR4321": what --platform and topology files name
  std::string summary;             // one line for listings
  VersionStyle version_style;
  ListingStyle listing_style;
  BootLoaderKind loader;
  bool tftpdnld_erases_flash;      // ISR G2 formats flash; ISR4k keeps the rest
  bool boot_markers;               // running-config wraps boot lines in boot-start/end-marker
  uint16_t default_config_register;
  std::vector<std::string> image_families;  // image-name platforms it boots: {"isr4300"}
  std::string software_label;      // "ISR Software", "C2960 Software" (classic: from the image)
  std::string pid;                 // "ISR4321/K9", "WS-C2960-24TT-L"
  std::string hardware_line;       // the "cisco <PID> (...) processor ..." line
  std::string board_id_prefix;     // serial numbers are this + 7 characters from the device name
  std::vector<std::string> rom_lines;        // "ROM: ..." and "BOOTLDR: ..." lines
  std::string bootstrap_banner;    // first line printed at power-on
  std::vector<std::string> hardware_counts;  // "4 Gigabit Ethernet interfaces", ...
  std::string nvram_line;          // "32768K bytes of non-volatile configuration memory."
  std::string physical_memory_line;  // IOS-XE only; empty elsewhere
  std::vector<FileSystemSpec> file_systems;  // the first is the primary (default) file system
  std::string startup_config_path; // "nvram:startup-config" or "flash:config.text"
  std::vector<InterfaceRange> interfaces;
  std::string management_interface;  // the interface TFTP traffic leaves by default
  std::string default_image;       // what a device ships with in its primary file system
  uint64_t default_image_size;
  // IOS-XE: whether a device ships in install mode (its image expanded into packages and booted
  // from packages.conf) rather than bundle mode (booted from the .bin).
  bool install_mode_default = false;
  // The release labs stage as the upgrade target for this platform (topology choices, fleets).
  std::string target_image;
  uint64_t target_image_size = 0;
  // Realistic timing (asked for with --realistic; see DeviceOptions): a boot, what a network copy
  // sustains (TFTP at its default 512-byte blocks, the seeds' method; other protocols are given
  // the same), what the flash takes, what `verify /md5` hashes.
  std::chrono::seconds realistic_boot_time;
  uint64_t tftp_copy_bytes_per_sec;
  uint64_t flash_write_bytes_per_sec;
  uint64_t md5_bytes_per_sec;

  // A download lands no faster than the slower of the network and the flash.
  uint64_t RealisticDownloadRate() const {
    return tftp_copy_bytes_per_sec < flash_write_bytes_per_sec ? tftp_copy_bytes_per_sec
                                                               : flash_write_bytes_per_sec;
  }

  const FileSystemSpec& primary_fs() const { return file_systems.front(); }
  // Whether this platform can run an image whose name/header says `family`.
  bool Boots(std::string_view family) const;
  bool is_switch() const { return loader == BootLoaderKind::kSwitchLoader; }
};

std::span<const PlatformSpec> AllPlatforms();
// "GigabitEthernet0/0/0", "GigabitEthernet0/0/1", "GigabitEthernet0", ... in table order.
std::vector<std::string> InterfaceNames(const PlatformSpec& platform);
// Case-insensitive; accepts the id ("ISR4321", "C2960") or the PID ("ISR4321/K9").
Result<const PlatformSpec*> FindPlatform(std::string_view name);

}  // namespace iosup

#endif  // IOSUP_CATALOG_PLATFORM_CATALOG_H_
