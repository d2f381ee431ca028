// A running lab's control socket, LAB/control.sock: `iosup fault` connects, writes one JSON
// request line (fault_control.h), reads one JSON answer line, and the connection ends. Served
// on the lab's devices' loop: a request is small (at most kMaxRequest bytes) and answered at once;
// a client that does not finish its line within kTimeout is dropped.
#ifndef IOSUP_LAB_CONTROL_SOCKET_H_
#define IOSUP_LAB_CONTROL_SOCKET_H_

#include <asio/io_context.hpp>
#include <asio/local/stream_protocol.hpp>
#include <functional>
#include <memory>
#include <string>

#include "base/status.h"

namespace iosup {

class ControlSocket {
 public:
  static constexpr size_t kMaxRequest = 64 * 1024;
  static constexpr auto kTimeout = std::chrono::seconds(5);
  // Answers one request line (without its "\n") with one answer (without "\n").
  using Handler = std::function<std::string(const std::string& request)>;
  // Listens on `path` (a stale socket file is replaced; mode 0600). `io` must outlive it; the
  // file is removed when it is destroyed.
  static Result<std::unique_ptr<ControlSocket>> Start(asio::io_context& io, std::string path,
                                                      Handler handler);
  ~ControlSocket();

  const std::string& path() const { return path_; }

 private:
  class Client;
  ControlSocket(asio::io_context& io, std::string path, Handler handler);
  void Accept();

  asio::io_context& io_;
  std::string path_;
  Handler handler_;
  asio::local::stream_protocol::acceptor acceptor_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

// LAB/control.sock.
std::string ControlSocketPath(const std::string& lab_dir);

// Sends `request` to the lab whose control socket is `path` and returns the answer line;
// kUnavailable when no lab listens there, kTimedOut when it does not answer within `timeout`.
Result<std::string> ControlRequest(const std::string& path, const std::string& request,
                                   std::chrono::milliseconds timeout = std::chrono::seconds(10));

}  // namespace iosup

#endif  // IOSUP_LAB_CONTROL_SOCKET_H_
