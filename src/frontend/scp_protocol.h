// The server side of the classic SCP protocol (rcp over an SSH exec channel) as IOS's
// `ip scp server enable` serves it: `scp -t PATH` receives files into flash (sink), `scp -f PATH`
// sends one (source). Bytes in, bytes out; knows nothing of SSH. Files go through the device's
// FlashStore, so free space is checked from the `C` header's size before a byte is written, and a
// refused or broken upload Aborts its writer: nothing partial stays behind.
//
// Wire format: every step is acknowledged by one byte: \0 = ok, \1 = error followed by a message
// line, \2 = fatal error followed by a message line.
#ifndef IOSUP_FRONTEND_SCP_PROTOCOL_H_
#define IOSUP_FRONTEND_SCP_PROTOCOL_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/flash_store.h"
#include "device/line_service.h"

namespace iosup {

// An exec request's command line when it is an SCP server request.
struct ScpCommand {
  enum class Mode { kSink, kSource };  // -t (to the device), -f (from the device)
  Mode mode = Mode::kSink;
  std::string path;       // as given: "flash:/image.bin", "bootflash:x", quotes removed
  bool recursive = false;  // -r (refused: IOS SCP copies single files)
  bool preserve_times = false;  // -p: a source sends "T<mtime> 0 <atime> 0" before the file
};

// Parses "scp [-v] [-p] [-d] [-r] -t|-f [--] PATH". nullopt when the line is not an SCP server
// request (the caller then runs it as a CLI command).
std::optional<ScpCommand> ParseScpCommand(std::string_view line);

// One SCP transfer on one channel. Feed() what the client sent; TakeOutput() what to send back.
class ScpTransfer {
 public:
  virtual ~ScpTransfer() = default;
  // Bytes from the client (channel stdin).
  virtual void Feed(std::string_view in) = 0;
  // The client closed its side (EOF). An upload not yet committed is aborted.
  virtual void EndOfInput() = 0;
  // Up to `budget` bytes to send now (protocol bytes and, for a source, file data).
  virtual std::string TakeOutput(size_t budget) = 0;
  // Whether output is waiting (or could be produced at once).
  virtual bool HasOutput() const = 0;
  // Finished, successfully or not: the channel can report exit_status() and close.
  virtual bool done() const = 0;
  virtual int exit_status() const = 0;
};

// `scp -t PATH`: PATH is a file, or a directory (a file system root "flash:") that receives the
// file under the name of the `C` header. `table` must outlive the transfer.
std::unique_ptr<ScpTransfer> MakeScpSink(FileSystemTable& table, std::string path);
// `scp -f PATH`: sends one file. `table` must outlive the transfer.
// With `preserve_times` (-p, as libssh2 and so curl ask) the file's times come first.
std::unique_ptr<ScpTransfer> MakeScpSource(FileSystemTable& table, std::string path,
                                           bool preserve_times = false);
// What IOS answers when `ip scp server enable` is not configured.
std::unique_ptr<ScpTransfer> MakeScpRefusal();

}  // namespace iosup

#endif  // IOSUP_FRONTEND_SCP_PROTOCOL_H_
