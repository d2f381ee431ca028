#include "frontend/ssh_server.h"

#include <fcntl.h>

#include "frontend/ssh_connection.h"
#include "frontend/ssh_host_key.h"

namespace iosup {

SshServer::SshServer(asio::io_context& io, LineService& device)
    : io_(io), device_(device), acceptor_(io) {}

Result<std::unique_ptr<SshServer>> SshServer::Start(asio::io_context& io, LineService& device,
                                                    Options options) {
  std::unique_ptr<SshServer> server(new SshServer(io, device));
  Status s = server->Listen(options);
  if (!s.ok()) return s;
  device.AddListener(server.get());
  server->Accept();
  return server;
}

Status SshServer::Listen(const Options& options) {
  Result<ssh_key> key = LoadOrCreateHostKey(options.host_key_file);
  if (!key.ok()) return key.status();
  bind_ = ssh_bind_new();
  if (bind_ == nullptr) {
    ssh_key_free(*key);
    return IoError("cannot create an SSH server");
  }
  ssh_bind_options_set(bind_, SSH_BIND_OPTIONS_IMPORT_KEY, *key);  // the bind owns the key now
  ssh_bind_options_set(bind_, SSH_BIND_OPTIONS_BANNER, "Cisco-1.25");  // IOS's version string
  asio::error_code ec;
  const asio::ip::address address = asio::ip::make_address(options.address, ec);
  if (ec) return InvalidArgument("bad SSH listen address " + options.address);
  const asio::ip::tcp::endpoint endpoint(address, options.port);
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return IoError("cannot listen for SSH on " + options.address + ":" +
                   std::to_string(options.port) + ": " + ec.message());
  }
  port_ = acceptor_.local_endpoint().port();
  return Status();
}

SshServer::~SshServer() {
  *alive_ = false;
  device_.RemoveListener(this);
  asio::error_code ec;
  acceptor_.close(ec);
  for (auto& [ptr, conn] : std::exchange(connections_, {})) conn->Abandon();
  if (bind_ != nullptr) ssh_bind_free(bind_);
}

void SshServer::Accept() {
  acceptor_.async_accept([this, alive = alive_](const asio::error_code& ec,
                                                asio::ip::tcp::socket socket) {
    if (!*alive || ec == asio::error::operation_aborted) return;
    if (!ec) OnAccepted(std::move(socket));
    Accept();
  });
}

// IOS answers a connection only while it runs and when its vty lines take ssh.
bool SshServer::Admits() const {
  return device_.Accepts(Transport::kSsh);
}

void SshServer::OnAccepted(asio::ip::tcp::socket socket) {
  asio::error_code ec;
  if (!Admits()) {
    socket.close(ec);  // refused: the client sees the connection closed at once
    return;
  }
  // libssh writes each packet as it is made, often several back to back (auth success, channel
  // confirmation, the first output); Nagle would hold each one behind the client's delayed ACK.
  socket.set_option(asio::ip::tcp::no_delay(true), ec);
  const asio::ip::tcp::endpoint peer = socket.remote_endpoint(ec);
  const std::string peer_address = ec ? "" : peer.address().to_string();
  const int fd = socket.release(ec);
  if (ec) return;
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
  ssh_session session = ssh_new();
  if (session == nullptr || ssh_bind_accept_fd(bind_, session, fd) != SSH_OK) {
    if (session != nullptr) ssh_free(session);
    ::close(fd);
    return;
  }
  auto conn = std::make_shared<SshConnection>(
      io_, device_, session, peer_address, [this, alive = alive_](SshConnection* c) {
        if (*alive) connections_.erase(c);
      });
  connections_[conn.get()] = conn;
  conn->Start();
}

void SshServer::OnStateChanged(DeviceState state) {
  if (state == DeviceState::kRunning) return;
  // Possibly inside a CLI handler of one of these connections (`reload`): Shutdown defers.
  for (auto& [ptr, conn] : connections_) conn->Shutdown();
}

}  // namespace iosup
