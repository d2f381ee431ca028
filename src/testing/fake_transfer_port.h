// A TransferPort backed by files in memory, per host, for device tests and transcripts: what a
// TFTP server in the lab would hold. Completes synchronously (unless told to hold the end) and
// records every transfer's handle, so tests see what was cancelled. Real TFTP peers are exercised
// by the transfer layer's own tests.
#ifndef IOSUP_TESTING_FAKE_TRANSFER_PORT_H_
#define IOSUP_TESTING_FAKE_TRANSFER_PORT_H_

#include <functional>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "device/transfer_port.h"

namespace iosup {

class FakeTransferPort : public TransferPort {
 public:
  // One transfer as its caller holds it. Cancel before the end stops it (a held end is dropped).
  struct Handle : TransferHandle {
    void Cancel() override {
      ++cancel_calls;
      if (!ended) cancelled = true;
    }
    RemoteFile file;         // what was asked for
    bool ended = false;      // `done` ran
    bool cancelled = false;  // cancelled before that
    int cancel_calls = 0;
  };
  std::vector<std::shared_ptr<Handle>> transfers;  // every transfer started, in order

  // How many transfers were cancelled before their end.
  int cancelled() const {
    int n = 0;
    for (const auto& h : transfers) n += h->cancelled;
    return n;
  }

  // Files a server at `host` serves (and receives uploads into).
  std::map<std::string, std::map<std::string, std::string>> files;
  std::set<std::string> servers;          // hosts that answer at all
  bool send_tsize = true;                 // a server that tells the size first (tftpd-hpa does)
  int timeouts_before_data = 0;           // retransmissions to show as '.'
  std::vector<int> blocksizes_seen;
  // When set, a transfer delivers its data but reports its end only at ReleaseHeld(): a transfer
  // still on the wire (its sink and progress must stay valid until then, as with a real port).
  bool hold_completion = false;

  // Reports the end of every held transfer not cancelled, in order. Returns how many it reported.
  size_t ReleaseHeld() { return ReportHeld(/*even_cancelled=*/false); }
  // The same, cancelled ones included: a port that reports late, against its contract.
  size_t ReleaseHeldEvenCancelled() { return ReportHeld(/*even_cancelled=*/true); }

  std::shared_ptr<TransferHandle> Download(const RemoteFile& f, const TransferSettings& s,
                                           FileWriter& sink, TransferProgress& progress,
                                           Done done) override {
    auto handle = Begin(f, done);
    DownloadNow(handle, f, s, sink, progress, std::move(done));
    return handle;
  }

  std::shared_ptr<TransferHandle> Upload(const RemoteFile& f, const TransferSettings& s,
                                         std::shared_ptr<FileReader> source,
                                         TransferProgress& progress, Done done) override {
    auto handle = Begin(f, done);
    UploadNow(handle, f, std::move(source), progress, std::move(done));
    return handle;
  }

 private:
  size_t ReportHeld(bool even_cancelled) {
    std::vector<Held> held = std::exchange(held_, {});
    reporting_late_ = even_cancelled;
    size_t reported = 0;
    for (auto& [handle, done, bytes] : held) {
      if (handle->cancelled && !even_cancelled) {
        held_.push_back({handle, std::move(done), bytes});  // kept for a late report
        continue;
      }
      done(bytes);
      ++reported;
    }
    reporting_late_ = false;
    return reported;
  }

  // Records a new transfer; `done` then marks it ended and stays silent once it is cancelled.
  std::shared_ptr<Handle> Begin(const RemoteFile& f, Done& done) {
    auto handle = std::make_shared<Handle>();
    handle->file = f;
    transfers.push_back(handle);
    done = [this, handle, inner = std::move(done)](Result<uint64_t> r) {
      if (handle->ended || (handle->cancelled && !reporting_late_)) return;
      handle->ended = true;
      inner(std::move(r));
    };
    return handle;
  }

  void DownloadNow(const std::shared_ptr<Handle>& handle, const RemoteFile& f,
                   const TransferSettings& s, FileWriter& sink, TransferProgress& progress,
                   Done done) {
    blocksizes_seen.push_back(s.tftp_blocksize);
    if (!servers.count(f.host)) return done(Status(ErrorCode::kTimedOut, "Timed out"));
    auto it = files[f.host].find(f.path);
    if (it == files[f.host].end()) return done(NotFound(f.path));
    const std::string& bytes = it->second;
    Status s0 = progress.OnStart(send_tsize ? std::optional<uint64_t>(bytes.size()) : std::nullopt);
    if (!s0.ok()) return done(s0);
    for (int i = 0; i < timeouts_before_data; ++i) progress.OnTimeout();
    const size_t chunk = 64 * 1024;
    for (size_t pos = 0; pos < bytes.size(); pos += chunk) {
      if (handle->cancelled) return;  // from inside a hook
      size_t n = std::min(chunk, bytes.size() - pos);
      Status w = sink.Append({reinterpret_cast<const uint8_t*>(bytes.data()) + pos, n});
      if (!w.ok()) return done(w);
      progress.OnProgress(pos + n);
    }
    Finish(handle, std::move(done), bytes.size());
  }

  void UploadNow(const std::shared_ptr<Handle>& handle, const RemoteFile& f,
                 std::shared_ptr<FileReader> source, TransferProgress& progress, Done done) {
    if (!servers.count(f.host)) return done(Status(ErrorCode::kTimedOut, "Timed out"));
    Status s0 = progress.OnStart(source->size());
    if (!s0.ok()) return done(s0);
    std::string bytes(source->size(), '\0');
    auto n = source->ReadAt(0, {reinterpret_cast<uint8_t*>(bytes.data()), bytes.size()});
    if (!n.ok()) return done(n.status());
    progress.OnProgress(bytes.size());
    files[f.host][f.path] = bytes;
    Finish(handle, std::move(done), bytes.size());
  }

  void Finish(const std::shared_ptr<Handle>& handle, Done done, uint64_t bytes) {
    if (!hold_completion) return done(bytes);
    held_.push_back({handle, std::move(done), bytes});
  }

  struct Held {  // a transfer whose end waits for the test
    std::shared_ptr<Handle> handle;
    Done done;
    uint64_t bytes;
  };
  std::vector<Held> held_;
  bool reporting_late_ = false;
};

}  // namespace iosup

#endif  // IOSUP_TESTING_FAKE_TRANSFER_PORT_H_
