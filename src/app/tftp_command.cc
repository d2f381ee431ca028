// `iosup tftpd --root DIR ...` (the standalone TFTP server) and `iosup tftp get|put HOST FILE ...`
// (the client): transfer/tftp_tool.h.
#include <memory>

#include "app/commands.h"
#include "transfer/tftp_tool.h"

namespace iosup {

namespace {

void AddClientOptions(CLI::App* cmd, tftp::TftpClientToolOptions& a, bool is_write) {
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

ToolRun DeclareTftpd(CLI::App& tftpd) {
  auto d = std::make_shared<tftp::TftpdToolOptions>();
  tftpd.add_option("--root", d->root, "Directory served (clients cannot leave it)")->required();
  tftpd.add_option("--address", d->address, "Listen address (default: all, IPv6 and IPv4)");
  tftpd.add_option("--port", d->port, "UDP port")->capture_default_str();
  tftpd.add_flag("--create", d->create, "Allow uploads of new files");
  tftpd.add_flag("--overwrite", d->overwrite, "Allow uploads to replace existing files");
  tftpd.add_flag("--log-json", d->log_json, "Log one JSON object per transfer");
  tftpd.add_option("--max-sessions", d->max_sessions, "Concurrent transfers")->capture_default_str();
  tftpd.add_option("--max-sessions-per-client", d->max_sessions_per_client,
                   "Concurrent transfers from one client address (0: no cap)")
      ->capture_default_str();
  tftpd.add_option("--max-windowsize", d->max_windowsize, "Largest window granted")
      ->capture_default_str();
  tftpd.add_option("--retransmit-ms", d->timeout_ms,
                   "Timeout unless the client negotiates one (retransmissions adapt below it)")
      ->capture_default_str();
  tftpd.add_option("--retries", d->retries, "Timeouts without progress before giving up")
      ->capture_default_str();
  return [d] { return tftp::RunTftpd(*d); };
}

ToolRun DeclareTftp(CLI::App& tftp) {
  auto c = std::make_shared<tftp::TftpClientToolOptions>();
  tftp.require_subcommand(1);
  auto* get = tftp.add_subcommand("get", "Download FILE from HOST");
  auto* put = tftp.add_subcommand("put", "Upload FILE to HOST");
  AddClientOptions(get, *c, false);
  AddClientOptions(put, *c, true);
  return [c, put] { return tftp::RunTftpClient(*c, /*is_write=*/put->parsed()); };
}

}  // namespace iosup
