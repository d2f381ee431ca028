// The SSH (and SCP) server of one emulated device, on the caller's asio io_context: accepts TCP
// connections, refuses them while the device is not running IOS (booting, ROMMON, off) or when
// its vty lines' `transport input` excludes ssh, and hands the others to libssh
// (SshConnection). A reload closes every session. One thread: everything runs on `io`.
#ifndef IOSUP_FRONTEND_SSH_SERVER_H_
#define IOSUP_FRONTEND_SSH_SERVER_H_

#ifndef ASIO_STANDALONE
#define ASIO_STANDALONE
#endif
#include <libssh/server.h>

#include <asio.hpp>
#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "base/status.h"
#include "device/line_service.h"

namespace iosup {

class SshConnection;

class SshServer : public DeviceListener {
 public:
  struct Options {
    std::string address = "127.0.0.1";
    uint16_t port = 0;          // 0 = ephemeral
    std::string host_key_file;  // generated (ed25519) into this path if missing; "" = in memory
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

  void OnStateChanged(DeviceState state) override;

 private:
  SshServer(asio::io_context& io, LineService& device);
  Status Listen(const Options& options);
  void Accept();
  void OnAccepted(asio::ip::tcp::socket socket);
  bool Admits() const;

  asio::io_context& io_;
  LineService& device_;
  asio::ip::tcp::acceptor acceptor_;
  ssh_bind bind_ = nullptr;
  uint16_t port_ = 0;
  std::map<SshConnection*, std::shared_ptr<SshConnection>> connections_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace iosup

#endif  // IOSUP_FRONTEND_SSH_SERVER_H_
