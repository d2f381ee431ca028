// Helpers for the TFTP tests: a server on its own thread on an ephemeral loopback port, memory
// readers and writers, files with known content, MD5.
#ifndef IOSUP_TRANSFER_TFTP_TEST_UTIL_H_
#define IOSUP_TRANSFER_TFTP_TEST_UTIL_H_

#include <atomic>
#include <fstream>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <cstring>

#include "base/digest.h"
#include "base/memory_file.h"
#include "transfer/dir_file_source.h"
#include "transfer/server_loop.h"
#include "transfer/tftp_server.h"

namespace iosup::tftp {

// Deterministic pseudo-random bytes (nothing compresses, MD5 is meaningful).
inline std::string RandomBytes(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>(rng());
  return s;
}

inline void WriteFile(const std::string& path, const std::string& content) {
  std::ofstream(path, std::ios::binary) << content;
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

inline std::string Md5(const std::string& s) { return DigestHex(DigestKind::kMd5, s); }

// The memory writer, also recording whether the transfer committed or aborted it.
class RecordingWriter : public StringWriter {
 public:
  Status Commit() override {
    committed_ = true;
    return StringWriter::Commit();
  }
  void Abort() override {
    aborted_ = true;
    StringWriter::Abort();
  }
  bool committed() const { return committed_; }
  bool aborted() const { return aborted_; }

 private:
  bool committed_ = false;
  bool aborted_ = false;
};

// A TftpServer over a directory, running on its own thread until destroyed.
class ServerThread {
 public:
  ServerThread(const std::string& root, DirPolicy policy, ServerOptions options = {},
               const std::string& address = "127.0.0.1") {
    source_ = std::move(*DirFileSource::Open(root, policy));
    if (options.listen.empty()) {
      options.listen.emplace_back(asio::ip::make_address(address), 0);
    }
    options.on_transfer = [this](const TransferRecord& r) {
      std::lock_guard<std::mutex> lock(mu_);
      records_.push_back(r);
    };
    server_ = std::move(*TftpServer::Start(loop_.io(), *source_, options));
    port_ = server_->local_endpoints()[0].port();
    loop_.Start();
  }
  ~ServerThread() { loop_.Stop([this] { server_.reset(); }); }
  uint16_t port() const { return port_; }
  std::vector<TransferRecord> records() {
    std::lock_guard<std::mutex> lock(mu_);
    return records_;
  }
  // Waits until `n` transfers have been logged (or 10 s).
  bool WaitRecords(size_t n) {
    for (int i = 0; i < 1000; ++i) {
      if (records().size() >= n) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }

 private:
  ServerLoop loop_;
  std::unique_ptr<DirFileSource> source_;
  std::unique_ptr<TftpServer> server_;
  uint16_t port_ = 0;
  std::mutex mu_;
  std::vector<TransferRecord> records_;
};

}  // namespace iosup::tftp

#endif  // IOSUP_TRANSFER_TFTP_TEST_UTIL_H_
