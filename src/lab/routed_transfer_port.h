// A device's TransferPort in a lab that follows the network: a copy or a network boot starts
// only when the device reaches the server through the lab's model (its interfaces, addresses
// and routes, the cables and the far ends); otherwise it fails as IOS's TFTP client does when no
// answer ever comes: after its retries, "Timed out". One per device, small; the real transfer is
// the shared port's.
#ifndef IOSUP_LAB_ROUTED_TRANSFER_PORT_H_
#define IOSUP_LAB_ROUTED_TRANSFER_PORT_H_

#include <asio/io_context.hpp>
#include <functional>
#include <memory>
#include <string>

#include "base/clock.h"
#include "device/transfer_port.h"

namespace iosup {

class RoutedTransferPort : public TransferPort {
 public:
  // `reaches(host)`: whether the device reaches `host` now. `give_up`: how long an unanswered
  // transfer takes to fail. `io` and `inner` must outlive the port; `done` runs on `io`.
  RoutedTransferPort(asio::io_context& io, TransferPort& inner,
                     std::function<bool(const std::string& host)> reaches, Duration give_up)
      : io_(io), inner_(inner), reaches_(std::move(reaches)), give_up_(give_up) {}

  std::shared_ptr<TransferHandle> Download(const RemoteFile& file, const TransferSettings& settings,
                                           FileWriter& sink, TransferProgress& progress,
                                           Done done) override;
  std::shared_ptr<TransferHandle> Upload(const RemoteFile& file, const TransferSettings& settings,
                                         std::shared_ptr<FileReader> source,
                                         TransferProgress& progress, Done done) override;

 private:
  std::shared_ptr<TransferHandle> TimeOut(Done done);

  asio::io_context& io_;
  TransferPort& inner_;
  std::function<bool(const std::string&)> reaches_;
  Duration give_up_;
};

}  // namespace iosup

#endif  // IOSUP_LAB_ROUTED_TRANSFER_PORT_H_
