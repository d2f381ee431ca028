// A TransferPort backed by files in memory, per host, for device tests and transcripts: what a
// TFTP server in the lab would hold. Completes synchronously (unless told to hold the end). Real
// TFTP peers are exercised by the transfer layer's own tests.
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
  // Files a server at `host` serves (and receives uploads into).
  std::map<std::string, std::map<std::string, std::string>> files;
  std::set<std::string> servers;          // hosts that answer at all
  bool send_tsize = true;                 // a server that tells the size first (tftpd-hpa does)
  int timeouts_before_data = 0;           // retransmissions to show as '.'
  std::vector<int> blocksizes_seen;
  // When set, a transfer delivers its data but reports its end only at ReleaseHeld(): a transfer
  // still on the wire (its sink and progress must stay valid until then, as with a real port).
  bool hold_completion = false;

  // Reports the end of every held transfer, in order. Returns how many there were.
  size_t ReleaseHeld() {
    std::vector<std::function<void()>> held = std::exchange(held_, {});
    for (auto& finish : held) finish();
    return held.size();
  }

  void Download(const RemoteFile& f, const TransferSettings& s, FileWriter& sink,
                TransferProgress& progress, Done done) override {
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
      size_t n = std::min(chunk, bytes.size() - pos);
      Status w = sink.Append({reinterpret_cast<const uint8_t*>(bytes.data()) + pos, n});
      if (!w.ok()) return done(w);
      progress.OnProgress(pos + n);
    }
    Finish(std::move(done), bytes.size());
  }

  void Upload(const RemoteFile& f, const TransferSettings& s, std::shared_ptr<FileReader> source,
              TransferProgress& progress, Done done) override {
    if (!servers.count(f.host)) return done(Status(ErrorCode::kTimedOut, "Timed out"));
    Status s0 = progress.OnStart(source->size());
    if (!s0.ok()) return done(s0);
    std::string bytes(source->size(), '\0');
    auto n = source->ReadAt(0, {reinterpret_cast<uint8_t*>(bytes.data()), bytes.size()});
    if (!n.ok()) return done(n.status());
    progress.OnProgress(bytes.size());
    files[f.host][f.path] = bytes;
    Finish(std::move(done), bytes.size());
  }

 private:
  void Finish(Done done, uint64_t bytes) {
    if (!hold_completion) return done(bytes);
    held_.push_back([done = std::move(done), bytes] { done(bytes); });
  }

  std::vector<std::function<void()>> held_;
};

}  // namespace iosup

#endif  // IOSUP_TESTING_FAKE_TRANSFER_PORT_H_
