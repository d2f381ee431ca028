// A device's console on a Unix stream socket (the lab's LABDIR/console/R1.sock), for
// `iosup console R1`: bytes both ways, one client at a time (a second one is told
// "console in use" and closed). Owns the device's ConsolePort, so the console line exists and
// sees the boot whether or not anyone is attached; while nobody is, the port keeps the last
// ConsolePort::kBacklogBytes printed and the next client gets them first. BREAK on a byte
// stream is ConsoleLine::kBreakByte (Ctrl-\) while the device boots.
// Runs on the io_context's one thread; not thread-safe.
#ifndef IOSUP_FRONTEND_CONSOLE_SOCKET_H_
#define IOSUP_FRONTEND_CONSOLE_SOCKET_H_

#include <asio.hpp>
#include <memory>
#include <string>

#include "base/status.h"
#include "frontend/console_port.h"

namespace iosup {

class ConsoleSocket {
 public:
  // Listens on `socket_path` (its directory is created; a stale socket file is replaced).
  // `io` and `device` must outlive the console socket, which removes the file when destroyed.
  static Result<std::unique_ptr<ConsoleSocket>> Start(asio::io_context& io, LineService& device,
                                                      std::string socket_path);
  ~ConsoleSocket();
  ConsoleSocket(const ConsoleSocket&) = delete;
  ConsoleSocket& operator=(const ConsoleSocket&) = delete;

  ConsoleLine& line() { return port_.line(); }
  // The port, to serve the same console over telnet too (TelnetServer::Options::console).
  ConsolePort& port() { return port_; }
  const std::string& path() const { return path_; }

 private:
  class Client;
  ConsoleSocket(asio::io_context& io, LineService& device, std::string path);
  void Accept();

  ConsolePort port_;
  std::string path_;
  asio::local::stream_protocol::acceptor acceptor_;
  std::shared_ptr<Client> client_;  // the attached one
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace iosup

#endif  // IOSUP_FRONTEND_CONSOLE_SOCKET_H_
