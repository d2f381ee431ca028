#include "frontend/console_socket.h"

#include <filesystem>

#include "frontend/write_queue.h"

namespace iosup {

// One connected client: reads go to the console line (when attached), console output is queued
// and written in order. Pending operations hold a shared_ptr; Close() is idempotent.
class ConsoleSocket::Client : public std::enable_shared_from_this<Client> {
 public:
  // A failed write closes the client; so does the last write of a refused one.
  explicit Client(asio::local::stream_protocol::socket socket)
      : socket_(std::move(socket)), out_(socket_, [this](const asio::error_code& ec) {
          if (ec || closing_) Close();
        }) {}

  void Attach(ConsolePort& port) {
    port_ = &port;
    auto self = weak_from_this();
    Result<uint64_t> t = port.Attach([self](std::string_view b) {
      if (auto c = self.lock()) c->Send(b);
    });
    if (!t.ok()) return Refuse();
    ticket_ = *t;
    Read();
  }
  void Send(std::string_view bytes) {
    if (!socket_.is_open()) return;
    out_.Send(bytes, shared_from_this());
  }
  void Close() {
    if (port_ != nullptr && ticket_ != 0) port_->Detach(ticket_);
    port_ = nullptr;
    asio::error_code ec;
    socket_.close(ec);
  }
  bool open() const { return socket_.is_open(); }

 private:
  void Refuse() {
    port_ = nullptr;
    closing_ = true;
    Send("console in use\r\n");
  }
  void Read() {
    socket_.async_read_some(asio::buffer(buf_), [self = shared_from_this()](asio::error_code ec,
                                                                            size_t n) {
      if (ec || self->port_ == nullptr) return self->Close();
      self->port_->line().Input({self->buf_, n});
      if (self->socket_.is_open()) self->Read();
    });
  }

  asio::local::stream_protocol::socket socket_;
  ConsolePort* port_ = nullptr;
  uint64_t ticket_ = 0;
  WriteQueue<asio::local::stream_protocol::socket> out_;
  bool closing_ = false;  // refused: close once the notice is written
  char buf_[4096];
};

Result<std::unique_ptr<ConsoleSocket>> ConsoleSocket::Start(asio::io_context& io,
                                                            LineService& device,
                                                            std::string socket_path) {
  std::error_code fs_ec;
  std::filesystem::path p(socket_path);
  if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path(), fs_ec);
  std::filesystem::remove(p, fs_ec);  // a socket left by a previous run
  std::unique_ptr<ConsoleSocket> cs(new ConsoleSocket(io, device, socket_path));
  asio::error_code ec;
  asio::local::stream_protocol::endpoint endpoint(socket_path);
  cs->acceptor_.open(endpoint.protocol(), ec);
  if (!ec) cs->acceptor_.bind(endpoint, ec);
  if (!ec) cs->acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return IoError("console: cannot listen on " + socket_path + ": " + ec.message());
  cs->Accept();
  return cs;
}

ConsoleSocket::ConsoleSocket(asio::io_context& io, LineService& device, std::string path)
    : port_(device), path_(std::move(path)), acceptor_(io) {}

ConsoleSocket::~ConsoleSocket() {
  *alive_ = false;
  asio::error_code ec;
  if (acceptor_.is_open()) {
    acceptor_.close(ec);
    std::error_code fs_ec;
    std::filesystem::remove(path_, fs_ec);
  }
  if (client_) client_->Close();
}

void ConsoleSocket::Accept() {
  acceptor_.async_accept([this, alive = std::weak_ptr<bool>(alive_)](
                             asio::error_code ec, asio::local::stream_protocol::socket socket) {
    if (alive.expired() || ec == asio::error::operation_aborted) return;
    if (!ec) {
      auto client = std::make_shared<Client>(std::move(socket));
      if (client_ && !client_->open()) client_.reset();  // the previous client left
      if (!client_) client_ = client;
      client->Attach(port_);
    }
    Accept();
  });
}

}  // namespace iosup
