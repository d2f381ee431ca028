// A small HTTP/1.1 file server for a lab server's address: GET and HEAD read a file, PUT writes
// one (`copy http://...` and `copy flash:x http://...` of the devices, curl of a person). Files
// come from a FileSource (DirFileSource: confined to its root, uploads appear only complete).
// One request per connection (the answer closes it). Runs on one io_context (a ServerLoop's),
// every connection bounded by FileServerLimits. Destroy it on that loop's thread.
#ifndef IOSUP_TRANSFER_HTTP_FILE_SERVER_H_
#define IOSUP_TRANSFER_HTTP_FILE_SERVER_H_

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

class HttpFileServer {
 public:
  // Listens on `address` (loopback), port 0 = the kernel picks.
  static Result<std::unique_ptr<HttpFileServer>> Start(asio::io_context& io,
                                                       std::unique_ptr<tftp::FileSource> files,
                                                       const std::string& address, uint16_t port,
                                                       FileServerLimits limits = {});
  ~HttpFileServer();  // stops accepting and closes every connection
  uint16_t port() const { return port_; }

  struct State;

 private:
  HttpFileServer(std::shared_ptr<State> state, uint16_t port)
      : state_(std::move(state)), port_(port) {}
  std::shared_ptr<State> state_;
  uint16_t port_;
};

// "%41b" -> "Ab"; nullopt for a broken escape or a NUL.
std::optional<std::string> PercentDecode(std::string_view s);

}  // namespace iosup

#endif  // IOSUP_TRANSFER_HTTP_FILE_SERVER_H_
