#include "lab/lab_netboot_port.h"

#include "platform/posix_file.h"
#include "transfer/tftp_client.h"

namespace iosup {

Result<std::unique_ptr<FileReader>> LabNetbootPort::FetchImage(const std::string& host,
                                                               const std::string& file) {
  // Nothing answers for an address outside the lab: the client would only have timed out.
  // (The map holds loopback endpoints only.)
  std::optional<LoopbackEndpoint> where = map_.Find(host, "tftp");
  if (!where) return Status(ErrorCode::kTimedOut, "Timed out (no TFTP server at " + host + ")");
  Result<std::unique_ptr<ScratchFile>> image = ScratchFile::Create(options_.temp_dir);
  if (!image.ok()) return image.status();
  tftp::ClientRequest request;
  request.remote_file = file;
  request.wants.blksize = options_.blksize;
  request.wants.tsize = true;
  request.retransmit_timeout = options_.retransmit_timeout;
  request.max_retries = options_.max_retries;
  // Synchronous, on a private io_context: the caller's loop is blocked until the image is here.
  Result<tftp::TransferRecord> record = tftp::RunClientTransfer(
      where->address, where->port, std::move(request), image->get(), nullptr);
  if (!record.ok()) return record.status();
  return (*image)->TakeReader();
}

}  // namespace iosup
