// The device's TransferPort in a lab: TFTP through the transfer layer's client on the lab's
// event loop, to wherever the address map says a lab address really is; and the NetworkPort
// (ping) from the same map. A cancelled transfer ends at once: TFTP tells the server with an
// ERROR, ftp/http/scp drop the connection.
#ifndef IOSUP_LAB_LAB_TRANSFER_PORT_H_
#define IOSUP_LAB_LAB_TRANSFER_PORT_H_

#include <asio/io_context.hpp>
#include <map>
#include <string>

#include "device/network_port.h"
#include "device/transfer_port.h"
#include "lab/address_map.h"
#include "transfer/curl_transfer.h"

namespace iosup {

class LabTransferPort : public TransferPort, public NetworkPort {
 public:
  // `io` and `map` must outlive the port; `done` callbacks run on `io`.
  LabTransferPort(asio::io_context& io, const AddressMap& map) : io_(io), map_(map), curl_(io) {}
  // A private key the lab's devices use for scp:// when the server refuses the password.
  void set_scp_identity(std::string key_file) { scp_identity_ = std::move(key_file); }

  std::shared_ptr<TransferHandle> Download(const RemoteFile& file, const TransferSettings& settings,
                                           FileWriter& sink, TransferProgress& progress,
                                           Done done) override;
  std::shared_ptr<TransferHandle> Upload(const RemoteFile& file, const TransferSettings& settings,
                                         std::shared_ptr<FileReader> source,
                                         TransferProgress& progress, Done done) override;
  bool Reachable(const std::string& address) override { return map_.Knows(address); }
  // The files the lab server at `lab_address` serves by TFTP are under `root` on this machine. A
  // download from it tells its sink which local file it will probably receive
  // (FileWriter::ExpectContent), so an image a fleet copies is stored once; the bytes still
  // cross TFTP and are compared, so a lossy or corrupting path changes nothing of the outcome.
  void ServeLocally(const std::string& lab_address, std::string root) {
    local_roots_[lab_address] = std::move(root);
  }
  // Where the map says `file`'s server listens for its scheme, if anywhere.
  std::optional<LoopbackEndpoint> Endpoint(const RemoteFile& file) const {
    return map_.Find(file.host, file.scheme);
  }
  // A download (`sink`) or upload (`source`) as above; a TFTP one goes to `via` instead of the
  // server's own endpoint when given (an impaired path in front of it).
  std::shared_ptr<TransferHandle> Start(const RemoteFile& file, const TransferSettings& settings,
                                        FileWriter* sink, std::shared_ptr<FileReader> source,
                                        TransferProgress& progress, Done done,
                                        std::optional<LoopbackEndpoint> via = std::nullopt);

 private:
  class Transfer;
  std::optional<std::string> LocalFileOf(const RemoteFile& file) const;
  // ftp, http, scp: through libcurl, to the loopback endpoint the map gives for that service.
  void StartUrl(const RemoteFile& file, const LoopbackEndpoint& where,
                const std::shared_ptr<Transfer>& transfer, std::shared_ptr<FileReader> source);

  asio::io_context& io_;
  const AddressMap& map_;
  CurlTransfers curl_;
  std::string scp_identity_;
  std::map<std::string, std::string> local_roots_;  // lab address -> the directory it serves
};

}  // namespace iosup

#endif  // IOSUP_LAB_LAB_TRANSFER_PORT_H_
