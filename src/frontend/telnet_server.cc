#include "frontend/telnet_server.h"

#include <optional>
#include <vector>

#include "frontend/accept_errors.h"
#include "frontend/telnet_vty_session.h"

namespace iosup {

namespace {

// A reverse-telnet client of a console port: bytes both ways, IAC BRK is a BREAK on the line.
class ConsoleClient : public TelnetConnection::Handler {
 public:
  ConsoleClient(ConsolePort& port, TelnetConnection& connection)
      : port_(port), connection_(connection) {}
  ~ConsoleClient() override {
    if (ticket_) port_.Detach(*ticket_);
  }
  void Attach() {
    Result<uint64_t> t = port_.Attach([c = &connection_](std::string_view b) { c->Send(b); });
    if (t.ok()) {
      ticket_ = *t;
      return;
    }
    connection_.Send("console in use\r\n");
    connection_.Close();
  }
  void OnData(std::string_view bytes) override {
    if (ticket_) port_.line().Input(bytes);
  }
  void OnBreak() override {
    if (ticket_) port_.line().Break();
  }

 private:
  ConsolePort& port_;
  TelnetConnection& connection_;
  std::optional<uint64_t> ticket_;
};

}  // namespace

Result<std::unique_ptr<TelnetServer>> TelnetServer::Start(asio::io_context& io,
                                                           LineService& device, Options options) {
  asio::error_code ec;
  asio::ip::address address = asio::ip::make_address(options.address, ec);
  if (ec) return InvalidArgument("telnet: bad address " + options.address);
  std::unique_ptr<TelnetServer> server(new TelnetServer(io, device, options));
  asio::ip::tcp::acceptor& a = server->acceptor_;
  asio::ip::tcp::endpoint endpoint(address, options.port);
  a.open(endpoint.protocol(), ec);
  if (!ec) a.set_option(asio::ip::tcp::acceptor::reuse_address(true), ec);
  if (!ec) a.bind(endpoint, ec);
  if (!ec) a.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return IoError("telnet: cannot listen on " + options.address + ":" +
                   std::to_string(options.port) + ": " + ec.message());
  }
  server->Accept();
  return server;
}

TelnetServer::TelnetServer(asio::io_context& io, LineService& device, Options options)
    : io_(io),
      device_(device),
      options_(std::move(options)),
      acceptor_(io),
      accept_timer_(io),
      sweep_timer_(io) {
  if (!options_.device_slots) {
    options_.device_slots = std::make_shared<LoginSlots>(LoginSlots::kDeviceDefault);
  }
  device_.AddListener(this);
}

TelnetServer::~TelnetServer() {
  *alive_ = false;
  device_.RemoveListener(this);
  asio::error_code ec;
  acceptor_.close(ec);
  accept_timer_.cancel();
  sweep_timer_.cancel();
  for (auto& [key, entry] : connections_) entry.connection->Abort();
  connections_.clear();
}

uint16_t TelnetServer::port() const {
  asio::error_code ec;
  auto endpoint = acceptor_.local_endpoint(ec);
  return ec ? 0 : endpoint.port();
}

void TelnetServer::Accept() {
  acceptor_.async_accept([this, alive = std::weak_ptr<bool>(alive_)](
                             asio::error_code ec, asio::ip::tcp::socket socket) {
    if (alive.expired() || ec == asio::error::operation_aborted) return;
    if (OutOfResources(ec)) return PauseAccepting();
    if (!ec) Admit(std::move(socket));
    Accept();
  });
}

// The pending connection stays in the backlog; it is accepted once descriptors are back.
void TelnetServer::PauseAccepting() {
  ++accept_pauses_;
  ExpireOverdue();
  accept_timer_.expires_after(kAcceptPause);
  accept_timer_.async_wait([this, alive = std::weak_ptr<bool>(alive_)](asio::error_code ec) {
    if (!ec && !alive.expired()) Accept();
  });
}

// Runs while some vty connection has not logged in yet.
void TelnetServer::ArmSweep() {
  if (sweep_armed_) return;
  sweep_armed_ = true;
  sweep_timer_.expires_after(options_.sweep_period);
  sweep_timer_.async_wait([this, alive = std::weak_ptr<bool>(alive_)](asio::error_code ec) {
    if (ec || alive.expired()) return;
    sweep_armed_ = false;
    ExpireOverdue();
    for (const auto& [key, entry] : connections_) {
      if (entry.login != nullptr && entry.login->session() == nullptr) return ArmSweep();
    }
  });
}

// A login past its timeout is told so and closed; one still there a few seconds later (its
// client reads nothing) is aborted.
void TelnetServer::ExpireOverdue() {
  const WallTime now = device_.Now();
  std::vector<TelnetConnection*> stuck;
  for (auto& [key, entry] : connections_) {
    if (entry.login == nullptr || !entry.login->LoginOverdue(now)) continue;
    if (entry.login->expired()) {
      stuck.push_back(key);
    } else {
      entry.login->ExpireLogin();
    }
  }
  for (TelnetConnection* key : stuck) {
    connections_[key].connection->Abort();
    connections_.erase(key);
  }
}

void TelnetServer::Admit(asio::ip::tcp::socket socket) {
  // The echo of what was typed and the answer go out as separate writes; with Nagle the answer
  // waits for the client's delayed ACK of the echo (40 ms per line typed).
  asio::error_code ec;
  socket.set_option(asio::ip::tcp::no_delay(true), ec);
  auto connection = std::make_shared<TelnetConnection>(std::move(socket));
  if (options_.console != nullptr) return AdmitConsole(connection);
  AdmitVty(connection);
}

// IOS answers a refused telnet by closing the TCP connection without a word: while it boots,
// when `transport input` leaves telnet out, and when every vty line is busy.
// So is a connection during `login block-for` quiet mode, or when the device's or the lab's
// pending logins are at their limit.
void TelnetServer::AdmitVty(const std::shared_ptr<TelnetConnection>& connection) {
  if (!device_.Accepts(Transport::kTelnet) || device_.LoginQuiet(connection->peer_address())) {
    return connection->Abort();
  }
  ExpireOverdue();
  std::optional<LoginSlot> slot = LoginSlot::Take({options_.device_slots, options_.lab_slots});
  if (!slot) return connection->Abort();
  std::unique_ptr<LineService::VtyLease> vty = device_.ReserveVty();
  if (!vty) return connection->Abort();
  TelnetVtySession::Options options{.vty = vty->number(),
                                    .retry_delay = options_.login_retry_delay,
                                    .login_timeout = options_.login_timeout,
                                    .local_port = port(),
                                    .slot = std::move(slot)};
  auto session = std::make_unique<TelnetVtySession>(device_, *connection, std::move(options));
  TelnetVtySession* raw = session.get();
  Track(connection, Entry{connection, std::move(session), std::move(vty), raw});
  raw->Start();
  ArmSweep();
}

void TelnetServer::AdmitConsole(const std::shared_ptr<TelnetConnection>& connection) {
  auto client = std::make_unique<ConsoleClient>(*options_.console, *connection);
  ConsoleClient* raw = client.get();
  Track(connection, Entry{connection, std::move(client), nullptr});
  raw->Attach();
}

void TelnetServer::Track(const std::shared_ptr<TelnetConnection>& connection, Entry entry) {
  TelnetConnection* key = connection.get();
  TelnetConnection::Handler* handler = entry.handler.get();
  connections_.emplace(key, std::move(entry));
  connection->Start(handler, [this, key, alive = std::weak_ptr<bool>(alive_)] {
    if (!alive.expired()) connections_.erase(key);
  });
}

// A reload ends every vty session (the client sees the connection closed); the console kind
// stays, as a terminal server does.
void TelnetServer::OnStateChanged(DeviceState state) {
  if (options_.console != nullptr || state == DeviceState::kRunning) return;
  for (auto& [key, entry] : connections_) entry.connection->Close();
}

}  // namespace iosup
