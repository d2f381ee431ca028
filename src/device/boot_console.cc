#include "device/boot_console.h"

#include <algorithm>
#include <utility>

#include "device/ios_errors.h"
#include "device/show_version.h"

namespace iosup {

namespace {

using Kind = BootEvent::Kind;

constexpr std::string_view kTftpScheme = "tftp://";

std::string Hashes(int n, char c) { return std::string(n, c); }

bool IsNetPath(const std::string& path) { return path.starts_with(kTftpScheme); }

// "tftp://HOST/FILE" -> {HOST, FILE}.
std::pair<std::string, std::string> SplitNetPath(const std::string& path) {
  const std::string rest = path.substr(kTftpScheme.size());
  const size_t slash = rest.find('/');
  if (slash == std::string::npos) return {rest, ""};
  return {rest.substr(0, slash), rest.substr(slash + 1)};
}

// How ROMMON names what it failed to load: the path, or a netboot statement as configured
// ("tftp:FILE HOST", as a real 1751 prints it).
std::string LoadName(const std::string& path) {
  if (!IsNetPath(path)) return path;
  auto [host, file] = SplitNetPath(path);
  return "tftp:" + file + " " + host;
}

std::string CannotLoad(const std::string& path) {
  return "boot: cannot load \"" + LoadName(path) + "\"\n\n";
}

// Router ROMMON (classic wording, used by ISR G2 and IOS-XE routers alike).
std::string RommonBanner(const PlatformSpec& p) {
  std::string out = p.bootstrap_banner + "\n";
  out += "Copyright (c) 2018 by cisco Systems, Inc.\n\n";
  out += p.pid + " platform with " + "4194304 Kbytes of main memory\n\n";
  return out;
}

// Catalyst boot loader (2960/3750 wording; 9k prints the same shape).
std::string SwitchLoaderBanner(const BoardFacts& board, const SpaceInfo& space) {
  const PlatformSpec& p = *board.platform;
  std::string out = p.bootstrap_banner + "\n";
  out += "Base ethernet MAC Address: " + board.mac_address + "\n";
  out += "Xmodem file system is available.\n";
  out += "The password-recovery mechanism is enabled.\n";
  out += "Initializing Flash...\n";
  out += "flashfs[0]: Total bytes: " + std::to_string(space.capacity) + "\n";
  out += "flashfs[0]: Bytes used: " + std::to_string(space.used) + "\n";
  out += "flashfs[0]: Bytes available: " + std::to_string(space.free()) + "\n";
  out += "flashfs[0]: flashfs fsck took 1 seconds.\n";
  out += "...done Initializing Flash.\ndone.\n";
  return out;
}

}  // namespace

BootConsole::BootConsole(BoardFacts board, SpaceInfo primary, bool monitor)
    : board_(std::move(board)), primary_(primary), first_failure_(!monitor) {}

std::string BootConsole::Banner() const {
  return board_.platform->is_switch() ? SwitchLoaderBanner(board_, primary_)
                                      : RommonBanner(*board_.platform);
}

std::string BootConsole::Events(const std::vector<BootEvent>& events) {
  std::string out;
  for (; rendered_ < events.size(); ++rendered_) {
    const BootEvent& e = events[rendered_];
    if (e.kind == Kind::kLoading) {  // a new image: a new fetch, if it is one
      loading_shown_ = false;
      marks_ = ProgressMarks(kCopyBytesPerMark);
    }
    out += board_.platform->is_switch() ? SwitchLoaderEvent(e) : RommonEvent(e);
  }
  return out;
}

std::string BootConsole::LoadingLine(const std::string& host, const std::string& file) {
  loading_shown_ = true;
  line_open_ = true;
  return iosup::LoadingLine(file, host, board_.platform->management_interface);
}

std::string BootConsole::Bangs(uint64_t bytes) {
  return std::string(marks_.Advance(bytes), '!');
}

std::string BootConsole::FetchStarted(const NetImageRequest& request) {
  // The switch loader announced the file with the statement (its kLoading line).
  if (board_.platform->is_switch() || loading_shown_) return "";
  return LoadingLine(request.host, request.file);
}

std::string BootConsole::FetchProgress(uint64_t bytes) {
  if (board_.platform->is_switch()) return "";
  return Bangs(bytes);
}

std::string BootConsole::FetchTimeout() {
  line_open_ = true;
  return ".";
}

std::string BootConsole::RommonEvent(const BootEvent& e) {
  std::string out;
  switch (e.kind) {
    case Kind::kLoading:
      break;
    case Kind::kFetched: {
      // IOS's netboot progress, worded as `copy tftp:` prints it: the line appears once the
      // server answered, one '!' per 512 KB (at least one), then the size.
      auto [host, file] = SplitNetPath(e.path);
      if (!loading_shown_) out += LoadingLine(host, file);
      out += Bangs(e.bytes);
      if (marks_.printed() == 0) out += "!";
      out += "\n[OK - " + std::to_string(e.bytes) + " bytes]\n\n";
      line_open_ = false;
      break;
    }
    case Kind::kLoaded:
      if (!IsNetPath(e.path)) out += "Located " + e.path + "\n";
      out += "Self decompressing the image : " + Hashes(60, '#') + " [OK]\n\n";
      break;
    case Kind::kMissing:
      out += "boot: cannot open \"" + e.path + "\"\n";
      out += CannotLoad(e.path);
      break;
    case Kind::kNotImage:
      out += "loadprog: bad file magic number: 0x0\n";
      out += CannotLoad(e.path);
      break;
    case Kind::kWrongPlatform:
      out += "loadprog: error - Invalid image for platform\n";
      out += CannotLoad(e.path);
      break;
    case Kind::kCorrupt:
      out += "Self decompressing the image : " + Hashes(24, '#') + "\n";
      out += "Error : " + e.detail + "\n";
      out += CannotLoad(e.path);
      break;
    case Kind::kNetFailed:
      if (std::exchange(line_open_, false)) out += "\n";
      out += "%Error opening " + e.path + " (" + IosReason(Status(e.error, e.detail)) + ")\n";
      out += CannotLoad(e.path);
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
  return out;
}

// The Catalyst boot loader; when not a monitor boot it runs the BOOT list by itself (and offers
// to interrupt it).
std::string BootConsole::SwitchLoaderEvent(const BootEvent& e) {
  std::string out;
  switch (e.kind) {
    case Kind::kLoading:
      out += "Loading \"" + e.path + "\"...";
      break;
    case Kind::kFetched:  // no progress of its own: the loader's `boot tftp://` prints it
      line_open_ = false;
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
      if (e.kind == Kind::kNetFailed) {
        out += e.path + ": " + IosReason(Status(e.error, e.detail));
      }
      out += "\n\nError loading \"" + e.path + "\"\n\n";
      if (first_failure_) out += "Interrupt within 5 seconds to abort boot process.\n";
      first_failure_ = false;
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
  return out;
}

std::string BreakTranscript(const PlatformSpec& platform) {
  if (!platform.is_switch()) {
    return "\nmonitor: command \"boot\" aborted due to user interrupt\n";
  }
  // Real 2960 wording when flash initialisation is interrupted (Mode button / break).
  return "\nThe system has been interrupted, or encountered an error\n"
         "during initialization of the flash filesystem.  The following\n"
         "commands will initialize the flash filesystem, and finish\n"
         "loading the operating system software:\n\n"
         "    flash_init\n"
         "    boot\n\n\n";
}

std::string FlashInitTranscript(const FlashStore& primary) {
  const SpaceInfo space = primary.Space();
  size_t files = 0, dirs = 0;
  if (Result<std::vector<FileInfo>> list = primary.List(""); list.ok()) {
    for (const FileInfo& f : *list) (f.is_directory ? dirs : files) += 1;
  }
  const std::string fs = "flashfs[0]: ";
  return "Initializing Flash...\n" + fs + std::to_string(files) + " files, " +
         std::to_string(dirs) + " directories\n" + fs +
         "0 orphaned files, 0 orphaned directories\n" + fs + "Total bytes: " +
         std::to_string(space.capacity) + "\n" + fs + "Bytes used: " + std::to_string(space.used) +
         "\n" + fs + "Bytes available: " + std::to_string(space.free()) + "\n" + fs +
         "flashfs fsck took 1 seconds.\n...done Initializing Flash.\n";
}

std::string SetupDialogAnswer(bool enter) {
  std::string out = "\n";
  if (enter) {
    out += "% The initial configuration dialog is not emulated; configure from the CLI.\n";
  }
  return out + "\nPress RETURN to get started!\n\n\n";
}

std::string IosStartupBanner(const BoardFacts& board, const RunningImage& image,
                             bool setup_dialog) {
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
  out += SoftwareHeader(*board.platform, image);
  out += "\n\n";
  out += HardwareBlock(board);
  if (setup_dialog) {
    // Real 1941 capture (formats.md 6(a)): two blank lines, the centred title, the question.
    out += "\n\n\n         --- System Configuration Dialog ---\n\n";
    out += "Would you like to enter the initial configuration dialog? [yes/no]: ";
    return out;
  }
  out += "\n\nPress RETURN to get started!\n\n\n";
  return out;
}

}  // namespace iosup
