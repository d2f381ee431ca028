#include "transfer/tcp_file_service.h"

namespace iosup {

void ServerConnection::Touch() {
  watchdog_.expires_after(idle_);
  watchdog_.async_wait([weak = weak_from_this()](const asio::error_code& ec) {
    std::shared_ptr<ServerConnection> self = weak.lock();
    if (!ec && self) self->Close();  // a cancelled wait (re-armed, or closed) is not an expiry
  });
}

void ServerConnection::Close() {
  asio::error_code ignored;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
  watchdog_.cancel();
}

Result<std::shared_ptr<TcpFileService>> TcpFileService::Listen(asio::io_context& io,
                                                               const std::string& address,
                                                               uint16_t port,
                                                               FileServerLimits limits,
                                                               Serve serve) {
  std::shared_ptr<TcpFileService> s(new TcpFileService(io, limits, std::move(serve)));
  asio::error_code ec;
  const asio::ip::address a = asio::ip::make_address(address, ec);
  if (ec) return InvalidArgument("listen address " + address);
  const asio::ip::tcp::endpoint at(a, port);
  s->acceptor_.open(at.protocol(), ec);
  if (!ec) s->acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) s->acceptor_.bind(at, ec);
  if (!ec) s->acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return Status(ErrorCode::kUnavailable, "listen " + address + ": " + ec.message());
  s->port_ = s->acceptor_.local_endpoint().port();
  asio::co_spawn(io, s->AcceptLoop(), asio::detached);
  return s;
}

void TcpFileService::Close() {
  asio::error_code ignored;
  acceptor_.close(ignored);
  for (auto& [raw, weak] : clients_) {
    if (std::shared_ptr<ServerConnection> c = weak.lock()) c->Close();
  }
}

asio::awaitable<void> TcpFileService::AcceptLoop() {
  std::shared_ptr<TcpFileService> self = shared_from_this();
  asio::steady_timer pause(io_);
  while (acceptor_.is_open()) {
    asio::error_code ec;
    asio::ip::tcp::socket socket =
        co_await acceptor_.async_accept(asio::redirect_error(asio::use_awaitable, ec));
    if (!acceptor_.is_open()) co_return;
    if (ec) {  // out of descriptors, mostly: wait a little rather than spin
      pause.expires_after(std::chrono::milliseconds(100));
      co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      continue;
    }
    if (clients_.size() >= limits_.max_connections) continue;  // the socket closes here
    auto c = std::make_shared<ServerConnection>(std::move(socket), limits_.idle);
    clients_[c.get()] = c;
    asio::co_spawn(io_, Run(c), asio::detached);
  }
}

asio::awaitable<void> TcpFileService::Run(std::shared_ptr<ServerConnection> c) {
  std::shared_ptr<TcpFileService> self = shared_from_this();
  c->Touch();
  co_await serve_(c);
  c->Close();
  clients_.erase(c.get());
}

}  // namespace iosup
