#include "lab/networked_lab.h"

#include <algorithm>
#include <asio/post.hpp>
#include <cstdio>
#include <future>

#include "device/commands/device_line_service.h"
#include "frontend/console_socket.h"
#include "frontend/ssh_server.h"
#include "frontend/telnet_server.h"
#include "lab/control_socket.h"
#include "lab/fault_control.h"
#include "lab/port_assignment.h"
#include "platform/open_file_limit.h"
#include "platform/posix_file.h"

namespace iosup {

namespace {

// Small labs get memorable ports (2201, 2202, ... for SSH; 2301, ... for telnet) when they are
// free; otherwise, and for fleets, the kernel picks.
constexpr size_t kFixedPortDevices = 99;
// Connections not logged in yet, across every device's SSH and telnet: a quarter of the
// process's descriptors at most, so a storm against one device (which holds at most
// LoginSlots::kDeviceDefault) or against many leaves descriptors for the devices' files, the
// servers and the sessions already logged in.
size_t LabPendingLogins() {
  const uint64_t limit = OpenFileLimit();
  return std::max<size_t>(64, limit == 0 ? 256 : static_cast<size_t>(limit / 4));
}

// One device's front-ends and the port they reach it through: declared first, it is destroyed
// after them.
struct DeviceFrontends {
  explicit DeviceFrontends(Device& device) : lines(device) {}
  DeviceLineService lines;
  std::unique_ptr<ConsoleSocket> console;
  std::unique_ptr<TelnetServer> telnet;
  std::unique_ptr<SshServer> ssh;
};

// Starts `Server` on `preferred` (0: the kernel's pick); when that port is taken, on one the
// kernel picks, saying so on stderr when the port was one the lab had kept for the device.
template <typename Server, typename Options>
Result<std::unique_ptr<Server>> StartOnPort(asio::io_context& io, LineService& device,
                                            Options options, uint16_t preferred, bool kept,
                                            const std::string& what) {
  options.port = preferred;
  Result<std::unique_ptr<Server>> server = Server::Start(io, device, options);
  if (server.ok() || preferred == 0) return server;
  options.port = 0;
  server = Server::Start(io, device, options);
  if (server.ok() && kept) {
    std::fprintf(stderr, "iosup lab: %s port %u (kept in ports.yaml) is taken; now %u\n",
                 what.c_str(), preferred, (*server)->port());
  }
  return server;
}

// The ports the lab in `dir` kept; an unreadable file is reported and replaced.
PortAssignment KeptPorts(const std::string& dir) {
  Result<PortAssignment> kept = PortAssignment::Load(PortAssignment::PathIn(dir));
  if (kept.ok()) return std::move(*kept);
  std::fprintf(stderr, "iosup lab: %s; assigning ports afresh\n", kept.status().message().c_str());
  return PortAssignment();
}

}  // namespace

Status AttachLabFrontends(LabHost& host) {
  IOSUP_RETURN_IF_ERROR(MakeDirs(host.dir() + "/console"));
  IOSUP_RETURN_IF_ERROR(MakeDirs(host.dir() + "/keys"));
  const bool fixed = host.devices().size() <= kFixedPortDevices;
  auto lab_slots = std::make_shared<LoginSlots>(LabPendingLogins());
  PortAssignment ports = KeptPorts(host.dir());
  IOSUP_RETURN_IF_ERROR(host.Attach([&](HostedDevice& d, size_t i) -> Status {
    const std::optional<DevicePorts> kept = ports.Find(d.definition.name);
    const DevicePorts preferred =
        kept ? *kept
        : fixed ? DevicePorts{static_cast<uint16_t>(2201 + i), static_cast<uint16_t>(2301 + i)}
                : DevicePorts{};
    auto frontends = std::make_shared<DeviceFrontends>(*d.device);
    LineService& device = frontends->lines;
    auto device_slots = std::make_shared<LoginSlots>(LoginSlots::kDeviceDefault);
    SshServer::Options ssh_options;
    ssh_options.host_key_file = host.dir() + "/keys/" + d.definition.name + ".key";
    ssh_options.device_slots = device_slots;
    ssh_options.lab_slots = lab_slots;
    ssh_options.drop_at_command = [&host, name = d.definition.name] {
      return host.faults().DropSshSessionNow(name);
    };
    TelnetServer::Options telnet_options;
    telnet_options.device_slots = device_slots;
    telnet_options.lab_slots = lab_slots;
    Result<std::unique_ptr<SshServer>> ssh = StartOnPort<SshServer>(
        host.io(), device, ssh_options, preferred.ssh, kept.has_value(), d.definition.name + ": ssh");
    if (!ssh.ok()) return ssh.status();
    d.ssh_port = (*ssh)->port();
    Result<std::unique_ptr<TelnetServer>> telnet =
        StartOnPort<TelnetServer>(host.io(), device, telnet_options, preferred.telnet,
                                  kept.has_value(), d.definition.name + ": telnet");
    if (!telnet.ok()) return telnet.status();
    d.telnet_port = (*telnet)->port();
    d.console_path = ConsoleSocketPath(host.dir(), d.definition.name);
    Result<std::unique_ptr<ConsoleSocket>> console =
        ConsoleSocket::Start(host.io(), device, d.console_path);
    if (!console.ok()) return console.status();
    frontends->ssh = std::move(*ssh);
    frontends->telnet = std::move(*telnet);
    frontends->console = std::move(*console);
    d.frontends.push_back(std::move(frontends));
    ports.Set(d.definition.name, DevicePorts{d.ssh_port, d.telnet_port});
    return Status::Ok();
  }));
  return ports.Save(PortAssignment::PathIn(host.dir()));
}

Status AttachLabControl(LabHost& host) {
  Result<std::unique_ptr<ControlSocket>> control =
      ControlSocket::Start(host.io(), ControlSocketPath(host.dir()), [&host](const std::string& req) {
        return HandleFaultRequestText(host.faults().registry(), req, "cli");
      });
  if (!control.ok()) return control.status();
  host.Keep(std::shared_ptr<ControlSocket>(std::move(*control)));
  return Status::Ok();
}

Result<uint16_t> AttachLabHttpApi(LabHost& host, const LabHttpApi::Options& options) {
  Result<std::unique_ptr<LabHttpApi>> api =
      LabHttpApi::Start(options, [&host](const std::string& request) -> std::string {
        auto answer = std::make_shared<std::promise<std::string>>();
        std::future<std::string> result = answer->get_future();
        asio::post(host.io(), [&host, request, answer] {
          answer->set_value(HandleFaultRequestText(host.faults().registry(), request, "http"));
        });
        if (result.wait_for(std::chrono::seconds(5)) != std::future_status::ready) {
          return R"({"ok": false, "error": "the lab did not answer"})";
        }
        return result.get();
      });
  if (!api.ok()) return api.status();
  const uint16_t port = (*api)->port();
  host.Keep(std::shared_ptr<LabHttpApi>(std::move(*api)));
  return port;
}

std::string ConsoleSocketPath(const std::string& lab_dir, const std::string& device) {
  return lab_dir + "/console/" + device + ".sock";
}

Result<std::unique_ptr<LabHost>> StartNetworkedLab(const Topology& topology, LabHost::Options options,
                                                   const Clock& clock) {
  Result<std::unique_ptr<LabHost>> host = LabHost::Start(topology, std::move(options), clock);
  if (!host.ok()) return host;
  IOSUP_RETURN_IF_ERROR(AttachLabFrontends(**host));
  IOSUP_RETURN_IF_ERROR(AttachLabControl(**host));
  return host;
}

void PrintLabEndpoints(LabHost& host) {
  std::printf("%-10s %-9s %-16s %-34s %-28s %s\n", "DEVICE", "PLATFORM", "ADDRESS", "SSH", "TELNET",
              "CONSOLE");
  for (HostedDevice& d : host.devices()) {
    std::string ssh = d.ssh_port ? "ssh -p " + std::to_string(d.ssh_port) + " " +
                                       d.definition.username + "@127.0.0.1"
                                 : "-";
    std::string telnet = d.telnet_port ? "telnet 127.0.0.1 " + std::to_string(d.telnet_port) : "-";
    std::string console = d.console_path.empty() ? "-" : "iosup console " + d.definition.name;
    std::printf("%-10s %-9s %-16s %-34s %-28s %s\n", d.definition.name.c_str(),
                d.definition.platform.c_str(),
                d.definition.address.empty() ? "-" : d.definition.address.c_str(), ssh.c_str(),
                telnet.c_str(), console.c_str());
  }
  for (const HostedServer& s : host.servers()) {
    std::printf("server tftp %s -> 127.0.0.1:%u, root %s, published hashes in %s\n",
                s.definition.address.c_str(), s.port, s.root.c_str(), s.manifest.c_str());
    std::printf("server ftp/http/scp %s -> 127.0.0.1:%u / :%u / :%u, same root\n",
                s.definition.address.c_str(), s.ftp_port, s.http_port, s.scp_port);
  }
  if (!host.devices().empty()) {
    const DeviceDefinition& d = host.devices().front().definition;
    std::printf("credentials: %s / %s, enable secret %s\n", d.username.c_str(), d.password.c_str(),
                d.enable.c_str());
  }
}

}  // namespace iosup
