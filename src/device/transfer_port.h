// How a device moves files over the network (copy tftp:, copy flash: tftp:, tftpdnld). The
// device model only sees this interface; the transfer layer implements it with real clients,
// resolving lab addresses (192.168.1.100) through the lab's address map. Calls are asynchronous:
// `done` runs once, later, on the device's strand, unless the transfer is cancelled first.
#ifndef IOSUP_DEVICE_TRANSFER_PORT_H_
#define IOSUP_DEVICE_TRANSFER_PORT_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "base/flash_store.h"
#include "base/memory_file.h"
#include "base/status.h"

namespace iosup {

struct RemoteFile {
  std::string scheme = "tftp";  // tftp, ftp, http, scp
  std::string host;             // as the device sees it: "192.168.1.100"
  std::string path;             // "isr4300-universalk9.16.12.04.SPA.bin", "dir/x"
  std::string user, password;   // ftp / scp
  // Whether the credentials were typed (in the URL, or at a prompt) rather than taken from the
  // configuration: only typed ones appear, masked, in the URL IOS echoes.
  bool credentials_typed = true;

  // "tftp://192.168.1.100/x.bin"; typed credentials are shown as "*:*@", as IOS masks them.
  std::string Url() const;
};

// Parses "tftp://h/f", "ftp://u:p@h/f", "http://h/f", "scp://u@h/f". kInvalidArgument otherwise.
Result<RemoteFile> ParseRemoteUrl(const std::string& url);

struct TransferSettings {
  int tftp_blocksize = 512;        // `ip tftp blocksize`
  std::string source_interface;    // `ip tftp source-interface`
};

class TransferProgress {
 public:
  virtual ~TransferProgress() = default;
  // The transfer is established; `size` is the file's size when the server told it (tsize).
  // A non-OK Status (e.g. kNoSpace) aborts the transfer before any data is written.
  virtual Status OnStart(std::optional<uint64_t> size) = 0;
  virtual void OnProgress(uint64_t bytes) = 0;  // payload bytes so far
  virtual void OnTimeout() = 0;                 // a retransmission
};

// A transfer under way, as the one who started it holds it. Dropping the handle does not stop
// the transfer (the port keeps what it needs until the end).
class TransferHandle {
 public:
  virtual ~TransferHandle() = default;
  // Stops the transfer. Once Cancel returns, `done` and the progress hooks are never called and
  // the port no longer touches the sink or the progress; the server is told where the protocol
  // can tell it. A cancelled download's sink is neither committed nor finished: its owner aborts
  // it. Callable from inside a progress hook; a no-op once `done` has run, or when repeated.
  virtual void Cancel() = 0;
};

class TransferPort {
 public:
  virtual ~TransferPort() = default;
  using Done = std::function<void(Result<uint64_t> bytes)>;
  // Downloads into `sink`; the caller commits or aborts it once `done` has run, or aborts it
  // after cancelling. `sink` and `progress` must stay valid until then. Never returns null.
  [[nodiscard]] virtual std::shared_ptr<TransferHandle> Download(const RemoteFile& file,
                                                                 const TransferSettings& settings,
                                                                 FileWriter& sink,
                                                                 TransferProgress& progress,
                                                                 Done done) = 0;
  [[nodiscard]] virtual std::shared_ptr<TransferHandle> Upload(const RemoteFile& file,
                                                               const TransferSettings& settings,
                                                               std::shared_ptr<FileReader> source,
                                                               TransferProgress& progress,
                                                               Done done) = 0;
};

}  // namespace iosup

#endif  // IOSUP_DEVICE_TRANSFER_PORT_H_
