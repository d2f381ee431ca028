#include "lab/lab_transfer_port.h"

#include <asio/post.hpp>
#include <utility>

#include "transfer/tftp_client.h"

namespace iosup {

namespace {

Status Cancelled() { return Status(ErrorCode::kAborted, "transfer cancelled"); }

}  // namespace

// One transfer as the port runs it, and the handle its caller holds. It stands between the
// clients and the caller's sink, progress and `done`, so that once it is cancelled or done
// nothing reaches them, whatever a client still reports. Used on the io_context's thread.
class LabTransferPort::Transfer : public TransferHandle,
                                  public FileWriter,
                                  public tftp::ClientObserver {
 public:
  Transfer(asio::io_context& io, FileWriter* sink, TransferProgress& progress, Done done)
      : io_(io), sink_(sink), progress_(&progress), done_(std::move(done)) {}

  // Invariant: done_ is set until the transfer is reported or cancelled.
  void Cancel() override {
    if (!done_) return;  // reported already, or cancelled
    // `done` goes on the loop, not here: it may hold the very caller that is cancelling (and
    // that caller holds this handle: dropping it is what breaks that cycle).
    asio::post(io_, [done = std::move(done_)] {});
    done_ = nullptr;
    Release();
    if (std::shared_ptr<tftp::ClientTransfer> tftp = std::exchange(tftp_, nullptr)) {
      tftp->Cancel();  // the server gets an ERROR
    }
    std::exchange(curl_, {}).Cancel();  // the worker drops the connection
  }
  void set_tftp(std::shared_ptr<tftp::ClientTransfer> t) {
    if (done_) tftp_ = std::move(t);  // else it ended already
  }
  void set_curl(CurlTransfers::Handle h) {
    if (done_) curl_ = std::move(h);
  }
  // The transfer's end, reported unless cancelled.
  void Finish(const Result<uint64_t>& r) {
    Done done = std::move(done_);
    done_ = nullptr;
    tftp_.reset();  // the client holds this transfer through its own `done`: no cycle left
    curl_ = {};
    Release();
    if (done) done(r);
  }

  // The caller's progress.
  Status OnStart(std::optional<uint64_t> size) {
    return progress_ ? progress_->OnStart(size) : Cancelled();
  }
  Status OnStart(const tftp::TransferOptions& options) override { return OnStart(options.tsize); }
  void OnProgress(uint64_t bytes) override {
    if (progress_) progress_->OnProgress(bytes);
  }
  void OnTimeout(int) override {
    if (progress_) progress_->OnTimeout();
  }

  // The caller's sink. A client commits its sink when the last block arrives; the caller commits
  // only once the transfer has been reported (TransferPort's contract), so Commit is left to it.
  Status Append(std::span<const uint8_t> data) override {
    return sink_ ? sink_->Append(data) : Cancelled();
  }
  Status Commit() override { return Status::Ok(); }
  void Abort() override {
    if (sink_) sink_->Abort();
  }
  uint64_t written() const override { return sink_ ? sink_->written() : 0; }

 private:
  void Release() {
    sink_ = nullptr;
    progress_ = nullptr;
  }

  asio::io_context& io_;
  FileWriter* sink_;
  TransferProgress* progress_;
  Done done_;
  std::shared_ptr<tftp::ClientTransfer> tftp_;
  CurlTransfers::Handle curl_;
};

std::shared_ptr<TransferHandle> LabTransferPort::Download(const RemoteFile& file,
                                                          const TransferSettings& settings,
                                                          FileWriter& sink,
                                                          TransferProgress& progress, Done done) {
  return Start(file, settings, &sink, nullptr, progress, std::move(done));
}

std::shared_ptr<TransferHandle> LabTransferPort::Upload(const RemoteFile& file,
                                                        const TransferSettings& settings,
                                                        std::shared_ptr<FileReader> source,
                                                        TransferProgress& progress, Done done) {
  return Start(file, settings, nullptr, std::move(source), progress, std::move(done));
}

// The local file a TFTP download of `file` will probably deliver: under the root its server
// serves, never outside it.
std::optional<std::string> LabTransferPort::LocalFileOf(const RemoteFile& file) const {
  auto root = local_roots_.find(file.host);
  if (root == local_roots_.end()) return std::nullopt;
  std::string path = file.path;
  while (path.starts_with("/")) path.erase(0, 1);
  if (path.empty()) return std::nullopt;
  const std::string slashed = "/" + path + "/";
  if (slashed.find("/../") != std::string::npos) return std::nullopt;
  return root->second + "/" + path;
}

std::shared_ptr<TransferHandle> LabTransferPort::Start(const RemoteFile& file,
                                                       const TransferSettings& settings,
                                                       FileWriter* sink,
                                                       std::shared_ptr<FileReader> source,
                                                       TransferProgress& progress, Done done,
                                                       std::optional<LoopbackEndpoint> via) {
  auto transfer = std::make_shared<Transfer>(io_, sink, progress, std::move(done));
  auto fail_later = [this, &transfer](Status s) {
    asio::post(io_, [transfer, s] { transfer->Finish(s); });
    return transfer;
  };
  std::optional<LoopbackEndpoint> where = map_.Find(file.host, file.scheme);
  if (!where) return fail_later(Status(ErrorCode::kTimedOut, "no host " + file.host));
  if (file.scheme != "tftp") {
    StartUrl(file, *where, transfer, std::move(source));
    return transfer;
  }
  if (via) where = via;
  if (sink != nullptr) {
    if (std::optional<std::string> local = LocalFileOf(file)) sink->ExpectContent(*local);
  }
  asio::error_code ec;
  asio::ip::address address = asio::ip::make_address(where->address, ec);
  if (ec) return fail_later(InvalidArgument(where->address));
  tftp::ClientRequest request;
  request.is_write = sink == nullptr;
  request.remote_file = file.path;
  request.wants.blksize = static_cast<uint32_t>(settings.tftp_blocksize);
  request.wants.tsize = true;
  if (source) request.wants.tsize_value = source->size();
  transfer->set_tftp(tftp::StartClientTransfer(
      io_, asio::ip::udp::endpoint(address, where->port), request, sink ? transfer.get() : nullptr,
      source, transfer.get(), [transfer](Result<tftp::TransferRecord> r) {
        if (!r.ok()) return transfer->Finish(r.status());
        transfer->Finish(r->bytes);
      }));
  return transfer;
}

void LabTransferPort::StartUrl(const RemoteFile& file, const LoopbackEndpoint& where,
                               const std::shared_ptr<Transfer>& transfer,
                               std::shared_ptr<FileReader> source) {
  const std::string host =
      where.address.find(':') != std::string::npos ? "[" + where.address + "]" : where.address;
  // scp paths are relative to the user's home, as on IOS; "scp://u@h//abs/path" is absolute.
  const std::string path =
      file.scheme == "scp" && !file.path.starts_with("/") ? "~/" + file.path : file.path;
  CurlRequest request{file.scheme + "://" + host + ":" + std::to_string(where.port) + "/" + path,
                      file.user, file.password, file.scheme == "scp" ? scp_identity_ : ""};
  CurlHooks hooks{[transfer](std::optional<uint64_t> size) { return transfer->OnStart(size); },
                  [transfer](uint64_t bytes) { transfer->OnProgress(bytes); }};
  auto finish = [transfer](Result<uint64_t> r) { transfer->Finish(r); };
  if (source == nullptr) {
    transfer->set_curl(
        curl_.Download(std::move(request), *transfer, std::move(hooks), std::move(finish)));
    return;
  }
  if (Status s = transfer->OnStart(source->size()); !s.ok()) {
    asio::post(io_, [transfer, s] { transfer->Finish(s); });
    return;
  }
  transfer->set_curl(
      curl_.Upload(std::move(request), std::move(source), std::move(hooks), std::move(finish)));
}

}  // namespace iosup
