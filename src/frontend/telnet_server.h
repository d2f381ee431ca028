// The telnet front-end of one device. Two kinds:
//  - vty (the default): as IOS's telnet server. A connection is accepted only while the device is
//    running and its vty lines allow telnet (`transport input`). It holds a line from its
//    arrival (LineService::ReserveVty: the lowest free "vty N" of the device, shared with SSH;
//    with none free the connection is closed), gets the IOS login dialog, then an EXEC session
//    on that line.
//    A reload (the device leaving kRunning) closes every session. Until it logs in, a connection
//    holds a LoginSlot of the device's and the lab's pools (a full pool refuses it) and its
//    login dialog times out on the device's clock (checked every sweep_period and at each
//    accept); during `login block-for` quiet mode new connections are refused.
//  - console (Options::console set): a reverse-telnet console server, as a terminal server in
//    front of the console port. One client at a time; no login; stays up through reloads; an IAC
//    BRK in the first seconds of a boot drops the device into ROMMON.
// Everything runs on the io_context's one thread, the device's strand. Not thread-safe.
#ifndef IOSUP_FRONTEND_TELNET_SERVER_H_
#define IOSUP_FRONTEND_TELNET_SERVER_H_

#include <asio.hpp>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "base/status.h"
#include "device/line_service.h"
#include "frontend/console_port.h"
#include "frontend/login_slots.h"
#include "frontend/telnet_connection.h"

namespace iosup {

class TelnetVtySession;

class TelnetServer : public DeviceListener {
 public:
  struct Options {
    std::string address = "127.0.0.1";
    uint16_t port = 0;  // 0 = ephemeral
    // Console kind: serve this console port instead of vty lines (must outlive the server).
    ConsolePort* console = nullptr;
    std::chrono::milliseconds login_retry_delay{1000};
    std::chrono::milliseconds login_timeout{30'000};  // per prompt, on the device's clock
    // Pending logins of this device (shared with its SSH server) and of the lab; as
    // SshServer::Options.
    std::shared_ptr<LoginSlots> device_slots;
    std::shared_ptr<LoginSlots> lab_slots;
    std::chrono::milliseconds sweep_period{1000};
  };

  // Listens on `options.address:port`. `io` and `device` must outlive the server. Destroying the
  // server closes every connection at once.
  static Result<std::unique_ptr<TelnetServer>> Start(asio::io_context& io, LineService& device,
                                                     Options options);
  ~TelnetServer() override;
  TelnetServer(const TelnetServer&) = delete;
  TelnetServer& operator=(const TelnetServer&) = delete;

  uint16_t port() const;
  // Connections open now (for tests and the lab's status).
  size_t connection_count() const { return connections_.size(); }
  // Times accepting paused because the process was out of descriptors (for tests).
  size_t accept_pauses() const { return accept_pauses_; }

  void OnStateChanged(DeviceState state) override;

 private:
  struct Entry {
    std::shared_ptr<TelnetConnection> connection;
    std::unique_ptr<TelnetConnection::Handler> handler;
    std::unique_ptr<LineService::VtyLease> vty;  // held from arrival, through login, to the end
    TelnetVtySession* login = nullptr;  // the handler of a vty connection
  };

  TelnetServer(asio::io_context& io, LineService& device, Options options);
  void Accept();
  void PauseAccepting();
  void ArmSweep();
  void ExpireOverdue();
  void Admit(asio::ip::tcp::socket socket);
  void AdmitVty(const std::shared_ptr<TelnetConnection>& connection);
  void AdmitConsole(const std::shared_ptr<TelnetConnection>& connection);
  void Track(const std::shared_ptr<TelnetConnection>& connection, Entry entry);

  asio::io_context& io_;
  LineService& device_;
  Options options_;
  asio::ip::tcp::acceptor acceptor_;
  asio::steady_timer accept_timer_;
  asio::steady_timer sweep_timer_;
  bool sweep_armed_ = false;
  size_t accept_pauses_ = 0;
  std::map<TelnetConnection*, Entry> connections_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace iosup

#endif  // IOSUP_FRONTEND_TELNET_SERVER_H_
