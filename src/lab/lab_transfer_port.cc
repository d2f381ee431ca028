#include "lab/lab_transfer_port.h"

#include <asio/post.hpp>

#include "transfer/tftp_client.h"

namespace iosup {

namespace {

// Relays the client's progress hooks to the device's.
class ProgressRelay : public tftp::ClientObserver {
 public:
  explicit ProgressRelay(TransferProgress& p) : progress_(p) {}
  Status OnStart(const tftp::TransferOptions& options) override {
    return progress_.OnStart(options.tsize);
  }
  void OnProgress(uint64_t bytes) override { progress_.OnProgress(bytes); }
  void OnTimeout(int) override { progress_.OnTimeout(); }

 private:
  TransferProgress& progress_;
};

// The client commits its sink when the last block arrives; the device commits only once the
// transfer has been reported (TransferPort's contract), so Commit is deferred to it.
class DeviceCommitsWriter : public FileWriter {
 public:
  explicit DeviceCommitsWriter(FileWriter& inner) : inner_(inner) {}
  Status Append(std::span<const uint8_t> data) override { return inner_.Append(data); }
  Status Commit() override { return Status::Ok(); }
  void Abort() override { inner_.Abort(); }
  uint64_t written() const override { return inner_.written(); }

 private:
  FileWriter& inner_;
};

}  // namespace

void LabTransferPort::Download(const RemoteFile& file, const TransferSettings& settings,
                               FileWriter& sink, TransferProgress& progress, Done done) {
  Start(file, settings, &sink, nullptr, progress, std::move(done));
}

void LabTransferPort::Upload(const RemoteFile& file, const TransferSettings& settings,
                             std::shared_ptr<FileReader> source, TransferProgress& progress,
                             Done done) {
  Start(file, settings, nullptr, std::move(source), progress, std::move(done));
}

void LabTransferPort::Start(const RemoteFile& file, const TransferSettings& settings,
                            FileWriter* sink, std::shared_ptr<FileReader> source,
                            TransferProgress& progress, Done done) {
  auto fail_later = [this, &done](Status s) {
    asio::post(io_, [done = std::move(done), s] { done(s); });
  };
  std::optional<LoopbackEndpoint> where = map_.Find(file.host, file.scheme);
  if (!where) return fail_later(Status(ErrorCode::kTimedOut, "no host " + file.host));
  if (file.scheme != "tftp") return StartUrl(file, *where, sink, source, progress, std::move(done));
  asio::error_code ec;
  asio::ip::address address = asio::ip::make_address(where->address, ec);
  if (ec) return fail_later(InvalidArgument(where->address));
  tftp::ClientRequest request;
  request.is_write = sink == nullptr;
  request.remote_file = file.path;
  request.wants.blksize = static_cast<uint32_t>(settings.tftp_blocksize);
  request.wants.tsize = true;
  if (source) request.wants.tsize_value = source->size();
  auto relay = std::make_shared<ProgressRelay>(progress);
  std::shared_ptr<DeviceCommitsWriter> writer =
      sink ? std::make_shared<DeviceCommitsWriter>(*sink) : nullptr;
  tftp::StartClientTransfer(io_, asio::ip::udp::endpoint(address, where->port), request,
                            writer.get(), source, relay.get(),
                            [relay, writer, done = std::move(done)](Result<tftp::TransferRecord> r) {
                              if (!r.ok()) return done(r.status());
                              done(r->bytes);
                            });
}

void LabTransferPort::StartUrl(const RemoteFile& file, const LoopbackEndpoint& where,
                               FileWriter* sink, std::shared_ptr<FileReader> source,
                               TransferProgress& progress, Done done) {
  const std::string host =
      where.address.find(':') != std::string::npos ? "[" + where.address + "]" : where.address;
  // scp paths are relative to the user's home, as on IOS; "scp://u@h//abs/path" is absolute.
  const std::string path =
      file.scheme == "scp" && !file.path.starts_with("/") ? "~/" + file.path : file.path;
  CurlRequest request{file.scheme + "://" + host + ":" + std::to_string(where.port) + "/" + path,
                      file.user, file.password, file.scheme == "scp" ? scp_identity_ : ""};
  CurlHooks hooks{[&progress](std::optional<uint64_t> size) { return progress.OnStart(size); },
                  [&progress](uint64_t bytes) { progress.OnProgress(bytes); }};
  if (sink != nullptr) {
    curl_.Download(std::move(request), *sink, std::move(hooks), std::move(done));
  } else {
    if (Status s = hooks.on_start(source->size()); !s.ok()) return done(s);
    curl_.Upload(std::move(request), std::move(source), std::move(hooks), std::move(done));
  }
}

}  // namespace iosup
