#include "transfer/tftp_tool.h"

#include <unistd.h>

#include <asio/signal_set.hpp>
#include <cstdio>
#include <iostream>
#include <memory>

#include "platform/posix_file.h"
#include "transfer/dir_file_source.h"
#include "transfer/tftp_client.h"
#include "transfer/tftp_server.h"

namespace iosup::tftp {

namespace {

// The server's options from the tool's; false (reason on stderr) for an address that is not one.
bool MakeServerOptions(const TftpdToolOptions& a, ServerOptions& options) {
  if (!a.address.empty()) {
    std::error_code ec;
    asio::ip::address addr = asio::ip::make_address(a.address, ec);
    if (ec) {
      std::cerr << "iosup tftpd: bad --address " << a.address << "\n";
      return false;
    }
    options.listen.emplace_back(addr, a.port);
  } else {
    options.listen.emplace_back(asio::ip::address_v6::any(), a.port);
  }
  options.max_sessions = a.max_sessions;
  options.max_sessions_per_client = a.max_sessions_per_client;
  options.session.limits.max_windowsize = a.max_windowsize;
  options.session.retransmit_timeout = std::chrono::milliseconds(a.timeout_ms);
  options.session.max_retries = a.retries;
  options.on_transfer = [json = a.log_json](const TransferRecord& r) {
    std::string line = FormatTransferLog(r, json) + "\n";
    std::fwrite(line.data(), 1, line.size(), stdout);
    std::fflush(stdout);
  };
  return true;
}

}  // namespace

int RunTftpd(const TftpdToolOptions& a) {
  Result<std::unique_ptr<DirFileSource>> source = DirFileSource::Open(
      a.root, {.allow_create = a.create, .allow_overwrite = a.overwrite});
  if (!source.ok()) {
    std::cerr << "iosup tftpd: " << source.status().ToString() << "\n";
    return 1;
  }
  asio::io_context io;
  ServerOptions options;
  if (!MakeServerOptions(a, options)) return 2;
  // A copy: the IPv4 fallback below needs the options (its log callback included) intact.
  Result<std::unique_ptr<TftpServer>> server = TftpServer::Start(io, **source, options);
  if (!server.ok() && a.address.empty()) {  // no IPv6 on this host
    options.listen = {asio::ip::udp::endpoint(asio::ip::address_v4::any(), a.port)};
    server = TftpServer::Start(io, **source, options);
  }
  if (!server.ok()) {
    std::cerr << "iosup tftpd: " << server.status().ToString() << "\n";
    return 1;
  }
  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](std::error_code, int) {
    server->reset();  // aborts running transfers, each logged
    io.stop();
  });
  for (const auto& e : (*server)->local_endpoints()) {
    std::cerr << "iosup tftpd: serving " << a.root << " on " << e << (a.create ? " (create)" : "")
              << (a.overwrite ? " (overwrite)" : "") << "\n";
  }
  io.run();
  return 0;
}

namespace {

// IOS-style progress: '!' per 64 KiB, '.' per timeout, on stderr.
class ProgressPrinter : public ClientObserver {
 public:
  explicit ProgressPrinter(bool enabled) : enabled_(enabled) {}
  void OnProgress(uint64_t bytes) override {
    for (; enabled_ && bytes >= next_; next_ += 64 * 1024) std::fputc('!', stderr);
  }
  void OnTimeout(int) override {
    if (enabled_) std::fputc('.', stderr);
  }

 private:
  bool enabled_;
  uint64_t next_ = 64 * 1024;
};

ClientRequest MakeRequest(const TftpClientToolOptions& a, bool is_write, const std::string& remote) {
  ClientRequest req;
  req.is_write = is_write;
  req.remote_file = remote;
  req.mode = a.netascii ? Mode::kNetascii : Mode::kOctet;
  if (a.blksize) req.wants.blksize = a.blksize;
  if (a.windowsize) req.wants.windowsize = a.windowsize;
  if (a.timeout_s) req.wants.timeout_s = a.timeout_s;
  req.wants.tsize = true;
  return req;
}

}  // namespace

int RunTftpClient(const TftpClientToolOptions& a, bool is_write) {
  ProgressPrinter progress(a.progress);
  Result<TransferRecord> r = Status(ErrorCode::kAborted, "not started");
  if (is_write) {
    Result<std::unique_ptr<FileReader>> in = OpenPosixReader(a.file);
    if (!in.ok()) {
      std::cerr << "iosup tftp put: " << in.status().ToString() << "\n";
      return 1;
    }
    std::string remote = a.output.empty() ? a.file.substr(a.file.rfind('/') + 1) : a.output;
    r = RunClientTransfer(a.host, a.port, MakeRequest(a, true, remote), nullptr,
                                std::shared_ptr<FileReader>(std::move(*in)), &progress);
  } else {
    std::string out = a.output.empty() ? a.file.substr(a.file.rfind('/') + 1) : a.output;
    Result<std::unique_ptr<FileWriter>> sink = OpenLocalFileWriter(out, /*overwrite=*/true);
    if (!sink.ok()) {
      std::cerr << "iosup tftp get: " << sink.status().ToString() << "\n";
      return 1;
    }
    r = RunClientTransfer(a.host, a.port, MakeRequest(a, false, a.file), sink->get(),
                                nullptr, &progress);
  }
  if (a.progress) std::fputc('\n', stderr);
  if (!r.ok()) {
    std::cerr << "iosup tftp: " << r.status().ToString() << "\n";
    return 1;
  }
  const double secs = r->seconds();
  std::printf("%llu bytes %s in %.3f secs (%.0f bytes/sec), blksize %u, windowsize %u\n",
              static_cast<unsigned long long>(r->bytes), is_write ? "sent" : "received", secs,
              secs > 0 ? static_cast<double>(r->bytes) / secs : 0.0, r->options.blksize,
              r->options.windowsize);
  return 0;
}

}  // namespace iosup::tftp
