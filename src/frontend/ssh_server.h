// The SSH (and SCP) server of one emulated device, on the caller's asio io_context: accepts TCP
// connections, refuses them while the device is not running IOS (booting, ROMMON, off) or when
// its vty lines' `transport input` excludes ssh, and hands the others to libssh
// (SshConnection). A reload closes every session. One thread: everything runs on `io`.
//
// Before authentication a connection is bounded as sshd bounds it: it must authenticate within
// `ip ssh time-out` (on the device's clock; IOS default 120 s) or it is closed; it holds a
// LoginSlot of the device's and the lab's pools, and a connection finding either full, or
// arriving while the device is in `login block-for` quiet mode, is closed at once. Out of
// descriptors, accepting pauses briefly instead of spinning.
#ifndef IOSUP_FRONTEND_SSH_SERVER_H_
#define IOSUP_FRONTEND_SSH_SERVER_H_

#ifndef ASIO_STANDALONE
#define ASIO_STANDALONE
#endif
#include <libssh/server.h>

#include <asio.hpp>
#include <chrono>
#include <cstdint>
#include <map>
#include <functional>
#include <memory>
#include <string>

#include "base/status.h"
#include "device/line_service.h"
#include "frontend/login_slots.h"

namespace iosup {

class SshConnection;

class SshServer : public DeviceListener {
 public:
  struct Options {
    std::string address = "127.0.0.1";
    uint16_t port = 0;          // 0 = ephemeral
    std::string host_key_file;  // generated (ed25519) into this path if missing; "" = in memory
    // Unauthenticated connections of this device (shared with its telnet server) and of the
    // whole lab. Null device pool: a pool of LoginSlots::kDeviceDefault of its own; null lab
    // pool: no lab bound.
    std::shared_ptr<LoginSlots> device_slots;
    std::shared_ptr<LoginSlots> lab_slots;
    // How often connections past their `ip ssh time-out` are looked for (also at each accept).
    std::chrono::milliseconds sweep_period{1000};
    // Asked as a session's command is sent (a shell line's end, an exec request): true drops
    // the connection then, before the command runs and with no answer, as a server or path that
    // fails mid-command does (a lab's injected fault). Null: never.
    std::function<bool()> drop_at_command;
  };

  // Serves SSH for `device` on io. `device` must outlive the server. Fails when the address
  // cannot be bound or the host key cannot be read or written.
  static Result<std::unique_ptr<SshServer>> Start(asio::io_context& io, LineService& device,
                                                  Options options);
  ~SshServer() override;
  SshServer(const SshServer&) = delete;
  SshServer& operator=(const SshServer&) = delete;

  uint16_t port() const { return port_; }
  // Connections open now (authenticating, in a shell, running an exec or SCP).
  size_t active_sessions() const { return connections_.size(); }
  // Times accepting paused because the process was out of descriptors (for tests).
  size_t accept_pauses() const { return accept_pauses_; }

  void OnStateChanged(DeviceState state) override;

 private:
  SshServer(asio::io_context& io, LineService& device, Options options);
  Status Listen(const Options& options);
  void Accept();
  void PauseAccepting();
  void OnAccepted(asio::ip::tcp::socket socket);
  bool Admits(const std::string& peer) const;
  void ArmSweep();
  void ExpireOverdue();  // closes connections past their pre-authentication deadline

  asio::io_context& io_;
  LineService& device_;
  Options options_;
  asio::ip::tcp::acceptor acceptor_;
  asio::steady_timer accept_timer_;
  asio::steady_timer sweep_timer_;
  bool sweep_armed_ = false;
  size_t accept_pauses_ = 0;
  ssh_bind bind_ = nullptr;
  uint16_t port_ = 0;
  std::map<SshConnection*, std::shared_ptr<SshConnection>> connections_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace iosup

#endif  // IOSUP_FRONTEND_SSH_SERVER_H_
