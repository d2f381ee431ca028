// Which image a device boots, as seed 001 section 1 describes it, as pure logic over the file
// systems: no clock, no output formatting. The result lists what happened step by step
// (BootEvent) so the console rendering (boot_console.h) and tests can both read it.
//
//   boot field 0x0          -> stay in ROMMON / switch: loader
//   boot field 0x1          -> the ROM boot image
//   boot field 0x2-0xF      -> the startup-config's `boot system` statements in order, first that
//                              loads wins; none configured -> the first bootable .bin of the
//                              primary file system in alphabetical order; nothing -> ROMMON
//   bit 0x0040 (0x2142)     -> the startup-config is ignored (decided by the caller)
#ifndef IOSUP_DEVICE_BOOT_SEQUENCE_H_
#define IOSUP_DEVICE_BOOT_SEQUENCE_H_

#include <memory>
#include <string>
#include <vector>

#include "base/flash_store.h"
#include "device/config.h"
#include "device/file_systems.h"
#include "device/platform_catalog.h"
#include "device/software_version.h"

namespace iosup {

// Boots an image over the network (`boot system tftp:FILE HOST`). Implemented outside the device
// (the lab's LabNetbootPort); a device without one fails such statements as an unreachable host.
// FetchImage runs synchronously on the device's thread: it returns the whole image or why it
// could not (kTimedOut for an unreachable host, kNotFound for a file the server does not have).
class NetbootPort {
 public:
  virtual ~NetbootPort() = default;
  virtual Result<std::unique_ptr<FileReader>> FetchImage(const std::string& host,
                                                         const std::string& file) = 0;
};

struct RunningImage {
  std::string path;     // "bootflash:isr4300-universalk9.16.12.04.SPA.bin", "tftp://h/f", "rom"
  std::string file;     // "isr4300-universalk9.16.12.04.SPA.bin"
  std::string family;   // "isr4300"
  std::string feature;  // "universalk9"
  SoftwareVersion version;
};

struct BootEvent {
  enum class Kind {
    kLoading,          // trying `path`
    kLoaded,           // `path` passed every check
    kMissing,          // no such file
    kNotImage,         // not an image this loader knows
    kWrongPlatform,    // built for another platform (detail: its family)
    kCorrupt,          // internal checksum failed or file incomplete (detail: why)
    kFetched,          // tftp image received whole (bytes), not yet checked
    kNetFailed,        // tftp fetch failed (error, detail: why)
    kNoDefaultImage,   // no statements and no bootable file in the primary file system
    kAllFailed,        // statements exist and every one failed
    kBootFieldZero,    // config-register boot field 0x0
    kRomImage,         // boot field 0x1 or `boot system rom`
  };
  Kind kind;
  std::string path;  // "bootflash:x.bin", "tftp://192.168.1.100/x.bin"
  std::string detail;
  uint64_t bytes = 0;                   // kFetched
  ErrorCode error = ErrorCode::kOk;     // kNetFailed
};

struct BootResult {
  enum class Outcome { kImage, kRomImage, kLoader };
  Outcome outcome = Outcome::kLoader;
  RunningImage image;  // valid when outcome == kImage
  std::vector<BootEvent> events;
};

struct BootInputs {
  const PlatformSpec* platform = nullptr;
  uint16_t config_register = 0x2102;
  std::vector<BootStatement> statements;  // from startup-config (empty when ignored)
  const FileSystemTable* file_systems = nullptr;
  NetbootPort* netboot = nullptr;  // optional
};

BootResult RunBootSequence(const BootInputs& in);

}  // namespace iosup

#endif  // IOSUP_DEVICE_BOOT_SEQUENCE_H_
