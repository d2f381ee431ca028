// The TCP plumbing the lab's file servers (HTTP, FTP) share: a loopback listener whose accept
// loop admits at most FileServerLimits::max_connections clients, and per client a socket with an
// idle watchdog (no byte either way for `idle`: the socket is closed, which ends whatever
// coroutine serves it). Everything on one io_context; Close() ends it all.
#ifndef IOSUP_TRANSFER_TCP_FILE_SERVICE_H_
#define IOSUP_TRANSFER_TCP_FILE_SERVICE_H_

#ifndef ASIO_STANDALONE
#define ASIO_STANDALONE
#endif
#include <asio.hpp>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "base/status.h"
#include "transfer/file_server_limits.h"

namespace iosup {

// Always held by a shared_ptr (the watchdog holds it weakly).
class ServerConnection : public std::enable_shared_from_this<ServerConnection> {
 public:
  ServerConnection(asio::ip::tcp::socket socket, std::chrono::milliseconds idle)
      : socket_(std::move(socket)), watchdog_(socket_.get_executor()), idle_(idle) {}
  asio::ip::tcp::socket& socket() { return socket_; }
  // Activity: the watchdog starts again.
  void Touch();
  void Close();

 private:
  asio::ip::tcp::socket socket_;
  asio::steady_timer watchdog_;
  std::chrono::milliseconds idle_;
};

// A listener and the clients it admitted. `serve` runs once per admitted client (a coroutine the
// service spawns); it ends when the client is done or its socket closes.
class TcpFileService : public std::enable_shared_from_this<TcpFileService> {
 public:
  using Serve = std::function<asio::awaitable<void>(std::shared_ptr<ServerConnection>)>;
  static Result<std::shared_ptr<TcpFileService>> Listen(asio::io_context& io,
                                                        const std::string& address, uint16_t port,
                                                        FileServerLimits limits, Serve serve);
  uint16_t port() const { return port_; }
  const FileServerLimits& limits() const { return limits_; }
  asio::io_context& io() { return io_; }
  // Stops accepting and closes every client.
  void Close();

 private:
  TcpFileService(asio::io_context& io, FileServerLimits limits, Serve serve)
      : io_(io), acceptor_(io), limits_(limits), serve_(std::move(serve)) {}
  asio::awaitable<void> AcceptLoop();
  asio::awaitable<void> Run(std::shared_ptr<ServerConnection> c);

  asio::io_context& io_;
  asio::ip::tcp::acceptor acceptor_;
  FileServerLimits limits_;
  Serve serve_;
  uint16_t port_ = 0;
  std::map<ServerConnection*, std::weak_ptr<ServerConnection>> clients_;
};

}  // namespace iosup

#endif  // IOSUP_TRANSFER_TCP_FILE_SERVICE_H_
