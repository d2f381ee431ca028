#include "app/lab_frontends.h"

#include "frontend/console_socket.h"
#include "frontend/ssh_server.h"
#include "frontend/telnet_server.h"
#include "platform/posix_file.h"

namespace iosup {

namespace {

// Small labs get memorable ports (2201, 2202, ... for SSH; 2301, ... for telnet) when they are
// free; otherwise, and for fleets, the kernel picks.
constexpr size_t kFixedPortDevices = 99;

template <typename Server, typename Options>
Result<std::unique_ptr<Server>> StartOnPort(asio::io_context& io, Device& device, Options options,
                                            uint16_t preferred) {
  options.port = preferred;
  Result<std::unique_ptr<Server>> server = Server::Start(io, device, options);
  if (server.ok() || preferred == 0) return server;
  options.port = 0;
  return Server::Start(io, device, options);
}

}  // namespace

Status AttachLabFrontends(LabHost& host) {
  IOSUP_RETURN_IF_ERROR(MakeDirs(host.dir() + "/console"));
  IOSUP_RETURN_IF_ERROR(MakeDirs(host.dir() + "/keys"));
  const bool fixed = host.devices().size() <= kFixedPortDevices;
  return host.Attach([&](HostedDevice& d, size_t i) -> Status {
    Device& device = *d.device;
    SshServer::Options ssh_options;
    ssh_options.host_key_file = host.dir() + "/keys/" + d.definition.name + ".key";
    Result<std::unique_ptr<SshServer>> ssh = StartOnPort<SshServer>(
        host.io(), device, ssh_options, fixed ? static_cast<uint16_t>(2201 + i) : 0);
    if (!ssh.ok()) return ssh.status();
    d.ssh_port = (*ssh)->port();
    Result<std::unique_ptr<TelnetServer>> telnet = StartOnPort<TelnetServer>(
        host.io(), device, TelnetServer::Options{}, fixed ? static_cast<uint16_t>(2301 + i) : 0);
    if (!telnet.ok()) return telnet.status();
    d.telnet_port = (*telnet)->port();
    d.console_path = host.dir() + "/console/" + d.definition.name + ".sock";
    Result<std::unique_ptr<ConsoleSocket>> console =
        ConsoleSocket::Start(host.io(), device, d.console_path);
    if (!console.ok()) return console.status();
    d.frontends.push_back(std::shared_ptr<SshServer>(std::move(*ssh)));
    d.frontends.push_back(std::shared_ptr<TelnetServer>(std::move(*telnet)));
    d.frontends.push_back(std::shared_ptr<ConsoleSocket>(std::move(*console)));
    return Status::Ok();
  });
}

}  // namespace iosup
