// A small FTP server (RFC 959, passive mode only, RFC 2428 EPSV) for a lab server's address:
// `copy ftp://...` of the devices and curl of a person. Accepts one user (the lab's credentials:
// read and write) and `anonymous` (read only). Commands: USER PASS SYST FEAT PWD CWD CDUP TYPE
// MODE STRU NOOP OPTS PASV EPSV SIZE RETR STOR QUIT. Paths are relative to the root and go
// through a FileSource (DirFileSource: confined, uploads appear only complete). Runs on one
// io_context, each control and data connection bounded by FileServerLimits; destroy it on that
// loop's thread.
#ifndef IOSUP_TRANSFER_FTP_FILE_SERVER_H_
#define IOSUP_TRANSFER_FTP_FILE_SERVER_H_

#ifndef ASIO_STANDALONE
#define ASIO_STANDALONE
#endif
#include <asio/io_context.hpp>
#include <memory>
#include <string>

#include "base/status.h"
#include "transfer/file_server_limits.h"
#include "transfer/file_source.h"

namespace iosup {

class FtpFileServer {
 public:
  struct Options {
    std::string address = "127.0.0.1";  // loopback; data connections listen there too
    uint16_t port = 0;                  // 0 = the kernel picks
    std::string username, password;     // the one account that may write
    FileServerLimits limits;
  };
  static Result<std::unique_ptr<FtpFileServer>> Start(asio::io_context& io,
                                                      std::unique_ptr<tftp::FileSource> files,
                                                      Options options);
  ~FtpFileServer();  // stops accepting and closes every connection
  uint16_t port() const { return port_; }

  struct State;

 private:
  FtpFileServer(std::shared_ptr<State> state, uint16_t port)
      : state_(std::move(state)), port_(port) {}
  std::shared_ptr<State> state_;
  uint16_t port_;
};

}  // namespace iosup

#endif  // IOSUP_TRANSFER_FTP_FILE_SERVER_H_
