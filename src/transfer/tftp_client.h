// The TFTP client: a ClientSession on an asio socket. The async API runs on the caller's
// io_context (the emulated device's loop); the synchronous one runs its own.
//
// Downloads go into a FileWriter (a flash store's writer on a device, OpenLocalFileWriter for the
// CLI), committed only when complete; uploads read a FileReader.
#ifndef IOSUP_TRANSFER_TFTP_CLIENT_H_
#define IOSUP_TRANSFER_TFTP_CLIENT_H_

#ifndef ASIO_STANDALONE
#define ASIO_STANDALONE
#endif

#include <functional>
#include <memory>
#include <string>

#include <asio/io_context.hpp>
#include <asio/ip/udp.hpp>

#include "base/status.h"
#include "transfer/client_session.h"

namespace iosup::tftp {

// A running transfer; Cancel() stops it (the server is told, a download is aborted).
class ClientTransfer {
 public:
  virtual ~ClientTransfer() = default;
  virtual void Cancel() = 0;
};

// Called once with the record of a finished transfer, or the Status of a failed one.
using ClientDone = std::function<void(Result<TransferRecord>)>;

// Starts `request` against `server` on `io`. For a get `sink` receives the file; for a put
// `source` is sent. `sink`, `observer` must outlive the transfer (until `done` runs).
std::shared_ptr<ClientTransfer> StartClientTransfer(asio::io_context& io,
                                                    const asio::ip::udp::endpoint& server,
                                                    ClientRequest request, FileWriter* sink,
                                                    std::shared_ptr<FileReader> source,
                                                    ClientObserver* observer, ClientDone done);

// Synchronous: resolves `host` (name or address), runs the transfer to its end.
Result<TransferRecord> RunClientTransfer(const std::string& host, uint16_t port,
                                         ClientRequest request, FileWriter* sink,
                                         std::shared_ptr<FileReader> source,
                                         ClientObserver* observer = nullptr);

}  // namespace iosup::tftp

#endif  // IOSUP_TRANSFER_TFTP_CLIENT_H_
