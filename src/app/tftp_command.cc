// `iosup tftpd` (the standalone TFTP server) and `iosup tftp get|put` (the client). Wiring only:
// the protocol lives in transfer/.
#include <unistd.h>

#include <asio/signal_set.hpp>
#include <cstdio>
#include <iostream>
#include <memory>

#include "app/commands.h"
#include "platform/posix_file.h"
#include "transfer/dir_file_source.h"
#include "transfer/tftp_client.h"
#include "transfer/tftp_server.h"

namespace iosup {

namespace {

struct TftpdArgs {
  std::string root;
  std::string address;
  uint16_t port = 69;
  bool create = false;
  bool overwrite = false;
  bool log_json = false;
  size_t max_sessions = 512;
  size_t max_sessions_per_client = tftp::ServerOptions{}.max_sessions_per_client;
  uint32_t max_windowsize = 256;  // the library's limit; the server still caps by the reader's buffer
  uint32_t timeout_ms = 1000;
  int retries = 5;
};

int RunTftpd(const TftpdArgs& a) {
  Result<std::unique_ptr<tftp::DirFileSource>> source = tftp::DirFileSource::Open(
      a.root, {.allow_create = a.create, .allow_overwrite = a.overwrite});
  if (!source.ok()) {
    std::cerr << "iosup tftpd: " << source.status().ToString() << "\n";
    return 1;
  }
  asio::io_context io;
  tftp::ServerOptions options;
  if (!a.address.empty()) {
    std::error_code ec;
    asio::ip::address addr = asio::ip::make_address(a.address, ec);
    if (ec) {
      std::cerr << "iosup tftpd: bad --address " << a.address << "\n";
      return 2;
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
  options.on_transfer = [json = a.log_json](const tftp::TransferRecord& r) {
    std::string line = tftp::FormatTransferLog(r, json) + "\n";
    std::fwrite(line.data(), 1, line.size(), stdout);
    std::fflush(stdout);
  };
  Result<std::unique_ptr<tftp::TftpServer>> server =
      tftp::TftpServer::Start(io, **source, std::move(options));
  if (!server.ok() && a.address.empty()) {  // no IPv6 on this host
    options.listen = {asio::ip::udp::endpoint(asio::ip::address_v4::any(), a.port)};
    server = tftp::TftpServer::Start(io, **source, options);
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

struct ClientArgs {
  std::string host;
  std::string file;
  std::string output;  // get: local path; put: remote name
  uint16_t port = 69;
  uint32_t blksize = 0;
  uint32_t windowsize = 0;
  uint32_t timeout_s = 0;
  bool netascii = false;
  bool progress = false;
};

// IOS-style progress: '!' per 64 KiB, '.' per timeout, on stderr.
class ProgressPrinter : public tftp::ClientObserver {
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

tftp::ClientRequest MakeRequest(const ClientArgs& a, bool is_write, const std::string& remote) {
  tftp::ClientRequest req;
  req.is_write = is_write;
  req.remote_file = remote;
  req.mode = a.netascii ? tftp::Mode::kNetascii : tftp::Mode::kOctet;
  if (a.blksize) req.wants.blksize = a.blksize;
  if (a.windowsize) req.wants.windowsize = a.windowsize;
  if (a.timeout_s) req.wants.timeout_s = a.timeout_s;
  req.wants.tsize = true;
  return req;
}

int RunTftpClient(const ClientArgs& a, bool is_write) {
  ProgressPrinter progress(a.progress);
  Result<tftp::TransferRecord> r = Status(ErrorCode::kAborted, "not started");
  if (is_write) {
    Result<std::unique_ptr<FileReader>> in = OpenPosixReader(a.file);
    if (!in.ok()) {
      std::cerr << "iosup tftp put: " << in.status().ToString() << "\n";
      return 1;
    }
    std::string remote = a.output.empty() ? a.file.substr(a.file.rfind('/') + 1) : a.output;
    r = tftp::RunClientTransfer(a.host, a.port, MakeRequest(a, true, remote), nullptr,
                                std::shared_ptr<FileReader>(std::move(*in)), &progress);
  } else {
    std::string out = a.output.empty() ? a.file.substr(a.file.rfind('/') + 1) : a.output;
    Result<std::unique_ptr<FileWriter>> sink = tftp::OpenLocalFileWriter(out, /*overwrite=*/true);
    if (!sink.ok()) {
      std::cerr << "iosup tftp get: " << sink.status().ToString() << "\n";
      return 1;
    }
    r = tftp::RunClientTransfer(a.host, a.port, MakeRequest(a, false, a.file), sink->get(),
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

void AddClientOptions(CLI::App* cmd, ClientArgs& a, bool is_write) {
  cmd->add_option("HOST", a.host, "Server name or address")->required();
  cmd->add_option("FILE", a.file, is_write ? "Local file to send" : "Remote file to fetch")
      ->required();
  cmd->add_option("--port,-p", a.port, "Server port")->capture_default_str();
  cmd->add_option("--blksize", a.blksize, "Request this block size (8-65464, RFC 2348)");
  cmd->add_option("--windowsize", a.windowsize, "Request this window (RFC 7440)");
  cmd->add_option("--timeout", a.timeout_s, "Negotiate this timeout in seconds (RFC 2349)");
  cmd->add_option("--output,-o", a.output,
                  is_write ? "Remote name (default: FILE's base name)"
                           : "Local file (default: FILE's base name); replaced only when complete");
  cmd->add_flag("--netascii", a.netascii, "netascii mode instead of octet");
  cmd->add_flag("--progress", a.progress, "Print ! per 64 KiB and . per timeout on stderr");
}

}  // namespace

void RegisterTftpCommands(CLI::App& app, int& exit_code) {
  auto d = std::make_shared<TftpdArgs>();
  auto* tftpd = app.add_subcommand("tftpd", "Run the TFTP server on a directory");
  tftpd->add_option("--root", d->root, "Directory served (clients cannot leave it)")->required();
  tftpd->add_option("--address", d->address, "Listen address (default: all, IPv6 and IPv4)");
  tftpd->add_option("--port", d->port, "UDP port")->capture_default_str();
  tftpd->add_flag("--create", d->create, "Allow uploads of new files");
  tftpd->add_flag("--overwrite", d->overwrite, "Allow uploads to replace existing files");
  tftpd->add_flag("--log-json", d->log_json, "Log one JSON object per transfer");
  tftpd->add_option("--max-sessions", d->max_sessions, "Concurrent transfers")->capture_default_str();
  tftpd->add_option("--max-sessions-per-client", d->max_sessions_per_client,
                    "Concurrent transfers from one client address (0: no cap)")
      ->capture_default_str();
  tftpd->add_option("--max-windowsize", d->max_windowsize, "Largest window granted")
      ->capture_default_str();
  tftpd->add_option("--retransmit-ms", d->timeout_ms,
                    "Timeout unless the client negotiates one (retransmissions adapt below it)")
      ->capture_default_str();
  tftpd->add_option("--retries", d->retries, "Timeouts without progress before giving up")
      ->capture_default_str();
  tftpd->callback([&exit_code, d] { exit_code = RunTftpd(*d); });

  auto c = std::make_shared<ClientArgs>();
  auto* tftp = app.add_subcommand("tftp", "TFTP client: get or put one file");
  tftp->require_subcommand(1);
  auto* get = tftp->add_subcommand("get", "Download FILE from HOST");
  auto* put = tftp->add_subcommand("put", "Upload FILE to HOST");
  AddClientOptions(get, *c, false);
  AddClientOptions(put, *c, true);
  get->callback([&exit_code, c] { exit_code = RunTftpClient(*c, false); });
  put->callback([&exit_code, c] { exit_code = RunTftpClient(*c, true); });
}

}  // namespace iosup
