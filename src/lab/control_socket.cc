#include "lab/control_socket.h"

#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <asio/read_until.hpp>
#include <asio/steady_timer.hpp>
#include <asio/streambuf.hpp>
#include <asio/write.hpp>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "platform/unix_socket.h"

namespace iosup {

// One connection: read a line (bounded in size and time), answer, close.
class ControlSocket::Client : public std::enable_shared_from_this<Client> {
 public:
  Client(asio::local::stream_protocol::socket socket, const Handler& handler)
      : socket_(std::move(socket)), timer_(socket_.get_executor()), in_(kMaxRequest),
        handler_(handler) {}

  void Start(std::shared_ptr<bool> alive) {
    auto self = shared_from_this();
    timer_.expires_after(kTimeout);
    timer_.async_wait([self](const asio::error_code& ec) {
      if (!ec) self->socket_.close();
    });
    asio::async_read_until(socket_, in_, '\n',
                           [self, alive](const asio::error_code& ec, size_t n) {
                             if (!*alive) return;
                             self->OnLine(ec, n);
                           });
  }

 private:
  void OnLine(const asio::error_code& ec, size_t n) {
    if (ec) {  // closed, timed out, or a line longer than kMaxRequest
      timer_.cancel();
      return;
    }
    std::string line(asio::buffers_begin(in_.data()), asio::buffers_begin(in_.data()) + n - 1);
    out_ = handler_(line) + "\n";
    auto self = shared_from_this();
    asio::async_write(socket_, asio::buffer(out_), [self](const asio::error_code&, size_t) {
      self->timer_.cancel();
      asio::error_code ignored;
      self->socket_.shutdown(asio::socket_base::shutdown_both, ignored);
      self->socket_.close(ignored);
    });
  }

  asio::local::stream_protocol::socket socket_;
  asio::steady_timer timer_;
  asio::streambuf in_;
  std::string out_;
  const Handler& handler_;
};

ControlSocket::ControlSocket(asio::io_context& io, std::string path, Handler handler)
    : io_(io), path_(std::move(path)), handler_(std::move(handler)), acceptor_(io) {}

Result<std::unique_ptr<ControlSocket>> ControlSocket::Start(asio::io_context& io, std::string path,
                                                            Handler handler) {
  std::unique_ptr<ControlSocket> cs(new ControlSocket(io, std::move(path), std::move(handler)));
  std::error_code fs_ec;
  std::filesystem::remove(cs->path_, fs_ec);  // a stale socket of a lab that died
  asio::error_code ec;
  asio::local::stream_protocol::endpoint endpoint(cs->path_);
  cs->acceptor_.open(endpoint.protocol(), ec);
  if (!ec) cs->acceptor_.bind(endpoint, ec);
  if (!ec) ::chmod(cs->path_.c_str(), 0600);
  if (!ec) cs->acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return Unavailable(cs->path_ + ": " + ec.message());
  cs->Accept();
  return cs;
}

ControlSocket::~ControlSocket() {
  *alive_ = false;
  asio::error_code ec;
  acceptor_.close(ec);
  std::error_code fs_ec;
  std::filesystem::remove(path_, fs_ec);
}

void ControlSocket::Accept() {
  acceptor_.async_accept([this, alive = alive_](const asio::error_code& ec,
                                                asio::local::stream_protocol::socket socket) {
    if (!*alive) return;
    if (!ec) std::make_shared<Client>(std::move(socket), handler_)->Start(alive);
    if (ec != asio::error::operation_aborted) Accept();
  });
}

std::string ControlSocketPath(const std::string& lab_dir) { return lab_dir + "/control.sock"; }

Result<std::string> ControlRequest(const std::string& path, const std::string& request,
                                   std::chrono::milliseconds timeout) {
  Result<int> fd = ConnectUnixStream(path);
  if (!fd.ok()) return fd.status();
  const std::string line = request + "\n";
  size_t sent = 0;
  while (sent < line.size()) {
    const ssize_t n = ::write(*fd, line.data() + sent, line.size() - sent);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::close(*fd);
      return Unavailable(path + ": " + std::strerror(errno));
    }
    sent += static_cast<size_t>(n);
  }
  std::string answer;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  char buf[4096];
  while (answer.find('\n') == std::string::npos) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    pollfd p{*fd, POLLIN, 0};
    if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) == 0) {
      ::close(*fd);
      return Status(ErrorCode::kTimedOut, "the lab at " + path + " did not answer");
    }
    const ssize_t n = ::read(*fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    answer.append(buf, static_cast<size_t>(n));
  }
  ::close(*fd);
  if (answer.find('\n') == std::string::npos) return Unavailable("the lab closed the connection");
  return answer.substr(0, answer.find('\n'));
}

}  // namespace iosup
