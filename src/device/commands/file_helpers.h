// Small pieces shared by the file-handling commands.
#ifndef IOSUP_DEVICE_COMMANDS_FILE_HELPERS_H_
#define IOSUP_DEVICE_COMMANDS_FILE_HELPERS_H_

#include <memory>
#include <string>
#include <vector>

#include "cli/session.h"
#include "device/device.h"

namespace iosup {

// The URL as IOS echoes it in errors: "flash:/x" when typed with a slash, else as resolved.
std::string ShownUrl(const ResolvedPath& where);
// "flash:" / "bootflash:/dir/" part of what the user typed (everything up to the file name).
std::string TypedDirectory(const std::string& url);
// The file name part of a path or URL.
std::string BaseName(const std::string& url);
// Whether `url` names a network source/destination (tftp:, ftp://..., scp:, http:).
bool IsNetworkUrl(const std::string& url);
// The CCNA spellings `copy tftp flash`, `copy flash tftp`: a bare word naming a network scheme
// or one of `table`'s file systems means that scheme or file system ("tftp:", "flash:"), as IOS
// reads it. Anything else is returned as typed.
std::string WithColonIfBare(const std::string& word, const FileSystemTable& table);
// `file prompt quiet` is configured: IOS skips the confirmations of file operations.
bool QuietFilePrompts(cli::CommandContext& ctx);
// copy from or to tftp:/ftp:/http:/scp: (network_copy.cc).
void NetworkCopy(cli::CommandContext& ctx, const std::string& src, const std::string& dst);
// "N bytes copied in S secs (R bytes/sec)" for `bytes` at `rate` bytes per second.
std::string CopiedLine(uint64_t bytes, uint64_t rate);
// The same line for `bytes` that took `took` (IOS's rate: bytes over seconds).
std::string CopiedLineFor(uint64_t bytes, Duration took);

// Moves a file's bytes from a reader into a writer a step at a time, so a paced copy fills the
// flash at the pace it reports. Neither commits nor aborts the writer; `to` must outlive it.
class FileMover {
 public:
  FileMover(std::unique_ptr<FileReader> from, FileWriter& to) : from_(std::move(from)), to_(to) {}
  // At most this much per call, so a copy that fell behind its pace (a network slower than the
  // platform's rate) catches up over a few calls without stalling the device.
  static constexpr uint64_t kMaxBytesPerCall = 64 * 1024 * 1024;
  // Appends until `target` bytes (at most the whole file) are in, or kMaxBytesPerCall more went
  // in by this call. A short read is kIoError.
  Status MoveUpTo(uint64_t target);
  uint64_t moved() const { return moved_; }
  uint64_t size() const { return from_->size(); }
  bool complete() const { return moved_ >= size(); }

 private:
  std::unique_ptr<FileReader> from_;
  FileWriter& to_;
  uint64_t moved_ = 0;
  std::vector<uint8_t> buffer_;
};

}  // namespace iosup

#endif  // IOSUP_DEVICE_COMMANDS_FILE_HELPERS_H_
