// Which image a device boots, as seed 001 section 1 describes it, as pure logic over the file
// systems: no clock, no network, no output formatting. The result lists what happened step by
// step (BootEvent) so the console rendering (boot_console.h) and tests can both read it.
// A `boot system tftp:FILE HOST` statement stops the sequence until its caller has fetched the
// image (BootSequence::Resume), so the fetch can run asynchronously beside other devices.
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
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/flash_store.h"
#include "catalog/platform_catalog.h"
#include "catalog/software_version.h"
#include "device/config.h"
#include "device/file_systems.h"

namespace iosup {

struct RunningImage {
  std::string path;     // "bootflash:isr4300-universalk9.16.12.04.SPA.bin", "tftp://h/f", "rom"
  std::string file;     // "isr4300-universalk9.16.12.04.SPA.bin"
  std::string family;   // "isr4300"
  std::string feature;  // "universalk9"
  SoftwareVersion version;
  // Booted from a provisioning file (packages.conf): IOS-XE's install mode, else bundle mode.
  bool install_mode = false;
  std::string bundle;   // install mode: the .bin the packages were expanded from
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
  // An injected fault: the first image this boot loads whose file name is this (any image when
  // empty) crashes as it starts, a kCorrupt event with kInjectedCrash as its detail, and the
  // sequence goes on with the next statement.
  std::optional<std::string> crash_image;
};

// The detail of the kCorrupt event of an image that crashed because BootInputs::crash_image said.
inline constexpr const char* kInjectedCrash =
    "Unexpected exception to CPU: vector 1500, PC = 0x0 (the image crashed while starting)";

// The image a waiting boot needs from the network: `file` on the TFTP server `host`.
struct NetImageRequest {
  std::string host;  // "192.168.1.100", as configured
  std::string file;  // "isr4300-universalk9.16.12.04.SPA.bin"
};

// One boot, as a state machine: Start() tries the statements in order until the boot is decided
// (kDone) or a tftp statement needs its image (kAwaitingImage); Resume() hands it the fetch's
// result and the sequence goes on from there, with the next statements if that one failed.
// `in.file_systems` and `in.platform` must outlive the sequence.
class BootSequence {
 public:
  enum class Stage { kNotStarted, kAwaitingImage, kDone };

  explicit BootSequence(BootInputs in) : in_(std::move(in)) {}
  void Start();
  // kAwaitingImage only: the whole image, or why it could not be had (kTimedOut for a host that
  // does not answer, kNotFound for a file the server does not have).
  void Resume(Result<std::unique_ptr<FileReader>> image);

  Stage stage() const { return stage_; }
  const NetImageRequest& request() const { return request_; }  // kAwaitingImage
  // Everything that happened so far; the outcome and image are final once kDone.
  const BootResult& result() const { return result_; }

 private:
  void RunStatements();
  void Finish(BootResult::Outcome outcome);

  BootInputs in_;
  Stage stage_ = Stage::kNotStarted;
  size_t next_statement_ = 0;
  NetImageRequest request_;
  BootResult result_;
};

}  // namespace iosup

#endif  // IOSUP_DEVICE_BOOT_SEQUENCE_H_
