// The bodies of `iosup tftpd` (the standalone TFTP server on a directory) and `iosup tftp get|put`
// (the client, one file). Each returns the process exit status and reports on stdout/stderr.
#ifndef IOSUP_TRANSFER_TFTP_TOOL_H_
#define IOSUP_TRANSFER_TFTP_TOOL_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "transfer/tftp_server.h"

namespace iosup::tftp {

struct TftpdToolOptions {
  std::string root;     // the directory served; clients cannot leave it
  std::string address;  // empty: every address, IPv6 and IPv4 (IPv4 alone without IPv6)
  uint16_t port = 69;
  bool create = false;     // uploads of new files
  bool overwrite = false;  // uploads that replace existing files
  bool log_json = false;   // one JSON object per transfer on stdout, else one line
  size_t max_sessions = 512;
  size_t max_sessions_per_client = ServerOptions{}.max_sessions_per_client;  // 0: no cap
  uint32_t max_windowsize = 256;  // the library's limit; the server still caps by the reader's buffer
  uint32_t timeout_ms = 1000;  // timeout unless the client negotiates one; retransmissions adapt below
  int retries = 5;             // timeouts without progress before a session gives up
};

// Serves until SIGINT or SIGTERM (running transfers are aborted, each logged); 0 then. 2 for a bad
// address, 1 when the directory cannot be served or the socket cannot be bound.
int RunTftpd(const TftpdToolOptions& options);

struct TftpClientToolOptions {
  std::string host;
  std::string file;    // get: remote file; put: local file
  std::string output;  // get: local path; put: remote name (default: FILE's base name)
  uint16_t port = 69;
  uint32_t blksize = 0;     // 0: not requested
  uint32_t windowsize = 0;  // 0: not requested
  uint32_t timeout_s = 0;   // 0: not requested
  bool netascii = false;
  bool progress = false;  // IOS-style '!' per 64 KiB and '.' per timeout on stderr
};

// One transfer; prints its size, time and rate. 0 when it completed, 1 otherwise (reason on
// stderr). A download replaces the local file only when complete.
int RunTftpClient(const TftpClientToolOptions& options, bool is_write);

}  // namespace iosup::tftp

#endif  // IOSUP_TRANSFER_TFTP_TOOL_H_
