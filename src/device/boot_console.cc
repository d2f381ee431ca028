#include "device/boot_console.h"

#include "device/show_version.h"

namespace iosup {

namespace {

using Kind = BootEvent::Kind;

std::string Hashes(int n, char c) { return std::string(n, c); }

// Router ROMMON (classic wording, used by ISR G2 and IOS-XE routers alike).
std::string RommonTranscript(const Device& d, const BootResult& r) {
  const PlatformSpec& p = d.platform();
  std::string out = p.bootstrap_banner + "\n";
  out += "Copyright (c) 2018 by cisco Systems, Inc.\n\n";
  out += p.pid + " platform with " + "4194304 Kbytes of main memory\n\n";
  for (const BootEvent& e : r.events) {
    switch (e.kind) {
      case Kind::kLoading:
        break;
      case Kind::kLoaded:
        out += "Located " + e.path + "\n";
        out += "Self decompressing the image : " + Hashes(60, '#') + " [OK]\n\n";
        break;
      case Kind::kMissing:
        out += "boot: cannot open \"" + e.path + "\"\n";
        out += "boot: cannot load \"" + e.path + "\"\n\n";
        break;
      case Kind::kNotImage:
        out += "loadprog: bad file magic number: 0x0\n";
        out += "boot: cannot load \"" + e.path + "\"\n\n";
        break;
      case Kind::kWrongPlatform:
        out += "loadprog: error - Invalid image for platform\n";
        out += "boot: cannot load \"" + e.path + "\"\n\n";
        break;
      case Kind::kCorrupt:
        out += "Self decompressing the image : " + Hashes(24, '#') + "\n";
        out += "Error : " + e.detail + "\n";
        out += "boot: cannot load \"" + e.path + "\"\n\n";
        break;
      case Kind::kNetFailed:
        out += "boot of \"" + e.path + "\" failed\n";
        out += "error returned: " + e.detail + "\n\n";
        break;
      case Kind::kNoDefaultImage:
        out += "boot: cannot determine first file name on device \"" + e.path + "\"\n\n";
        break;
      case Kind::kAllFailed:
        out += "boot: no bootable image found in the boot system list\n\n";
        break;
      case Kind::kBootFieldZero:
        out += "\n";
        break;
      case Kind::kRomImage:
        out += "Booting the ROM monitor boot image\n\n";
        break;
    }
  }
  if (r.outcome == BootResult::Outcome::kLoader) out += "rommon 1 > ";
  return out;
}

// Catalyst boot loader (2960/3750 wording; 9k prints the same shape).
std::string SwitchLoaderTranscript(const Device& d, const BootResult& r) {
  const PlatformSpec& p = d.platform();
  const FileSystemTable& fs = d.file_systems();
  const SpaceInfo space = fs.primary().store->Space();
  std::string out = p.bootstrap_banner + "\n";
  out += "Base ethernet MAC Address: " + d.mac_address() + "\n";
  out += "Xmodem file system is available.\n";
  out += "The password-recovery mechanism is enabled.\n";
  out += "Initializing Flash...\n";
  out += "flashfs[0]: Total bytes: " + std::to_string(space.capacity) + "\n";
  out += "flashfs[0]: Bytes used: " + std::to_string(space.used) + "\n";
  out += "flashfs[0]: Bytes available: " + std::to_string(space.free()) + "\n";
  out += "flashfs[0]: flashfs fsck took 1 seconds.\n";
  out += "...done Initializing Flash.\ndone.\n";
  bool first_failure = true;
  for (const BootEvent& e : r.events) {
    switch (e.kind) {
      case Kind::kLoading:
        out += "Loading \"" + e.path + "\"...";
        break;
      case Kind::kLoaded:
        out += Hashes(60, '@') + "\n";
        out += "File \"" + e.path + "\" uncompressed and installed, entry point: 0x3000\n";
        out += "executing...\n";
        break;
      case Kind::kMissing:
      case Kind::kNotImage:
      case Kind::kWrongPlatform:
      case Kind::kCorrupt:
      case Kind::kNetFailed:
        if (e.kind == Kind::kMissing) out += e.path + ": no such file or directory";
        if (e.kind == Kind::kCorrupt) out += Hashes(20, '@') + "\nError : " + e.detail;
        if (e.kind == Kind::kWrongPlatform) out += "\nError : Invalid image for platform";
        if (e.kind == Kind::kNotImage) out += "\nError : not a bootable image";
        if (e.kind == Kind::kNetFailed) out += e.detail;
        out += "\n\nError loading \"" + e.path + "\"\n\n";
        if (first_failure) out += "Interrupt within 5 seconds to abort boot process.\n";
        first_failure = false;
        break;
      case Kind::kNoDefaultImage:
      case Kind::kAllFailed:
        out += "Boot process failed...\n\n";
        out += "The system is unable to boot automatically.  The BOOT\n";
        out += "environment variable needs to be set to a bootable\n";
        out += "image.\n\n\n";
        break;
      case Kind::kBootFieldZero:
      case Kind::kRomImage:
        out += "The system is not configured to boot automatically.  The\n";
        out += "following command will finish loading the operating system software:\n\n";
        out += "    boot\n\n\n";
        break;
    }
  }
  if (r.outcome == BootResult::Outcome::kLoader || r.outcome == BootResult::Outcome::kRomImage) {
    out += "switch: ";
  }
  return out;
}

}  // namespace

std::string BootLoaderTranscript(const Device& device, const BootResult& result) {
  return device.platform().is_switch() ? SwitchLoaderTranscript(device, result)
                                       : RommonTranscript(device, result);
}

std::string IosStartupBanner(const Device& d) {
  std::string out =
      "\n              Restricted Rights Legend\n\n"
      "Use, duplication, or disclosure by the Government is\n"
      "subject to restrictions as set forth in subparagraph\n"
      "(c) of the Commercial Computer Software - Restricted\n"
      "Rights clause at FAR sec. 52.227-19 and subparagraph\n"
      "(c) (1) (ii) of the Rights in Technical Data and Computer\n"
      "Software clause at DFARS sec. 252.227-7013.\n\n"
      "           cisco Systems, Inc.\n"
      "           170 West Tasman Drive\n"
      "           San Jose, California 95134-1706\n\n\n\n";
  out += SoftwareHeader(d.platform(), d.image());
  out += "\n\n";
  out += HardwareBlock(d);
  out += "\n\nPress RETURN to get started!\n\n\n";
  return out;
}

}  // namespace iosup
