#include "frontend/ssh_server.h"

#include <fcntl.h>

#include <vector>

#include "frontend/accept_errors.h"
#include "frontend/ssh_connection.h"
#include "frontend/ssh_host_key.h"

namespace iosup {

SshServer::SshServer(asio::io_context& io, LineService& device, Options options)
    : io_(io),
      device_(device),
      options_(std::move(options)),
      acceptor_(io),
      accept_timer_(io),
      sweep_timer_(io) {
  if (!options_.device_slots) {
    options_.device_slots = std::make_shared<LoginSlots>(LoginSlots::kDeviceDefault);
  }
}

Result<std::unique_ptr<SshServer>> SshServer::Start(asio::io_context& io, LineService& device,
                                                    Options options) {
  std::unique_ptr<SshServer> server(new SshServer(io, device, options));
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
  accept_timer_.cancel();
  sweep_timer_.cancel();
  for (auto& [ptr, conn] : std::exchange(connections_, {})) conn->Abandon();
  if (bind_ != nullptr) ssh_bind_free(bind_);
}

void SshServer::Accept() {
  acceptor_.async_accept([this, alive = alive_](const asio::error_code& ec,
                                                asio::ip::tcp::socket socket) {
    if (!*alive || ec == asio::error::operation_aborted) return;
    if (OutOfResources(ec)) return PauseAccepting();
    if (!ec) OnAccepted(std::move(socket));
    Accept();
  });
}

// The pending connection stays in the backlog; it is accepted once descriptors are back.
void SshServer::PauseAccepting() {
  ++accept_pauses_;
  ExpireOverdue();
  accept_timer_.expires_after(kAcceptPause);
  accept_timer_.async_wait([this, alive = alive_](const asio::error_code& ec) {
    if (!ec && *alive) Accept();
  });
}

// IOS answers a connection only while it runs, when its vty lines take ssh, and outside
// `login block-for` quiet mode.
bool SshServer::Admits(const std::string& peer) const {
  return device_.Accepts(Transport::kSsh) && !device_.LoginQuiet(peer);
}

void SshServer::OnAccepted(asio::ip::tcp::socket socket) {
  asio::error_code ec;
  const asio::ip::tcp::endpoint peer = socket.remote_endpoint(ec);
  const std::string peer_address = ec ? "" : peer.address().to_string();
  ExpireOverdue();
  std::optional<LoginSlot> slot;
  if (Admits(peer_address)) slot = LoginSlot::Take({options_.device_slots, options_.lab_slots});
  if (!slot) {
    socket.close(ec);  // refused: the client sees the connection closed at once
    return;
  }
  // libssh writes each packet as it is made, often several back to back (auth success, channel
  // confirmation, the first output); Nagle would hold each one behind the client's delayed ACK.
  socket.set_option(asio::ip::tcp::no_delay(true), ec);
  const int fd = socket.release(ec);
  if (ec) return;
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
  ssh_session session = ssh_new();
  if (session == nullptr || ssh_bind_accept_fd(bind_, session, fd) != SSH_OK) {
    if (session != nullptr) ssh_free(session);
    ::close(fd);
    return;
  }
  const SshPolicy policy = device_.ssh_policy();
  SshConnection::Login login{
      .slot = std::move(*slot),
      .deadline = device_.Now() + std::chrono::seconds(policy.timeout_seconds),
      .max_failures = std::max(policy.authentication_retries, 1),
      .local_port = port_};
  auto conn = std::make_shared<SshConnection>(
      io_, device_, session, peer_address, std::move(login),
      [this, alive = alive_](SshConnection* c) {
        if (*alive) connections_.erase(c);
      });
  conn->set_drop_at_command(options_.drop_at_command);
  connections_[conn.get()] = conn;
  conn->Start();
  ArmSweep();
}

// Runs while some connection has not authenticated yet.
void SshServer::ArmSweep() {
  if (sweep_armed_) return;
  sweep_armed_ = true;
  sweep_timer_.expires_after(options_.sweep_period);
  sweep_timer_.async_wait([this, alive = alive_](const asio::error_code& ec) {
    if (ec || !*alive) return;
    sweep_armed_ = false;
    ExpireOverdue();
    for (const auto& [ptr, conn] : connections_) {
      if (!conn->authenticated()) return ArmSweep();
    }
  });
}

void SshServer::ExpireOverdue() {
  const WallTime now = device_.Now();
  std::vector<std::shared_ptr<SshConnection>> overdue;
  for (const auto& [ptr, conn] : connections_) {
    if (!conn->authenticated() && now >= conn->login_deadline()) overdue.push_back(conn);
  }
  for (const auto& conn : overdue) conn->TimeOut();  // erases itself from connections_
}

void SshServer::OnStateChanged(DeviceState state) {
  if (state == DeviceState::kRunning) return;
  // Possibly inside a CLI handler of one of these connections (`reload`): Shutdown defers.
  for (auto& [ptr, conn] : connections_) conn->Shutdown();
}

}  // namespace iosup
