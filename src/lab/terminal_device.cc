#include "lab/terminal_device.h"

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <iostream>

#include "device/commands/device_line_service.h"
#include "frontend/console_line.h"
#include "lab/address_map.h"
#include "lab/lab_storage.h"
#include "lab/lab_tftp_server.h"
#include "lab/lab_transfer_port.h"
#include "lab/netboot_buffers.h"
#include "platform/raw_terminal.h"
#include "platform/system_clock.h"

namespace iosup {

namespace {

constexpr char kEscape = 0x1d;  // Ctrl-]

class StdoutTerminal : public cli::Terminal {
 public:
  void Write(std::string_view bytes) override {
    size_t done = 0;
    while (done < bytes.size()) {
      ssize_t n = ::write(STDOUT_FILENO, bytes.data() + done, bytes.size() - done);
      if (n <= 0) return;
      done += static_cast<size_t>(n);
    }
  }
};

// The device's view of the network: TFTP servers by lab address, on loopback. The device's own
// transfers (copies and `boot system tftp:` images) run on `io`, polled by the console loop; the
// in-process server runs on its own thread, as a lab's do.
struct LabNetwork {
  asio::io_context io;
  AddressMap map;
  ServerLoop server_loop;
  LabTftpServer server;
  LabTransferPort port{io, map};

  ~LabNetwork() { server_loop.Stop([this] { server = {}; }); }

  Status Setup(const TerminalDeviceOptions& args) {
    for (const std::string& m : args.maps) IOSUP_RETURN_IF_ERROR(map.AddSpec(m, "tftp"));
    if (args.tftp_root.empty()) return Status::Ok();
    Result<LabTftpServer> served =
        ServeLabDirectory(server_loop, args.tftp_root, args.tftp_address, map);
    if (!served.ok()) return served.status();
    server = std::move(*served);
    server_loop.Start();
    return Status::Ok();
  }
};

// The device as shipped (or as the state directory left it), before power-on.
Result<std::unique_ptr<Device>> OpenShippedDevice(LabStorage& lab, const PlatformSpec& platform,
                                                  const TerminalDeviceOptions& args) {
  DeviceOptions options{.name = args.name.empty() ? platform.id : args.name};
  if (args.realistic) options.boot_time = platform.realistic_boot_time;
  options.realistic_file_timing = args.realistic;
  Result<std::unique_ptr<Device>> device = lab.OpenDevice(platform, options);
  if (!device.ok()) return device;
  IOSUP_RETURN_IF_ERROR((*device)->ProvisionFactoryDefaults(
      [&](FlashStore& st, const std::string& p, const ImageRecipe& r) {
        return lab.InstallImage(st, p, r);
      }));
  return device;
}

// Powers the device on and relays the terminal to its console until Ctrl-] or end of input.
void RunConsole(Device& device, LabNetwork& network, const Clock& clock) {
  StdoutTerminal out;
  RawTerminal raw(STDIN_FILENO);
  if (raw.active()) out.Write("[iosup: console of " + device.name() + "; Ctrl-] leaves]\r\n");
  DeviceLineService lines(device);
  ConsoleLine console(lines, out);
  device.PowerOn();
  for (;;) {
    network.io.restart();
    // While the boot waits for its image the loop serves that transfer as fast as it goes and
    // reads the console between; otherwise it polls transfers and sleeps on the console.
    const bool fetching = device.fetching_image();
    if (fetching) {
      network.io.run_for(std::chrono::milliseconds(20));
    } else {
      network.io.poll();
    }
    int timeout = fetching ? 0 : 20;
    if (auto next = device.NextDeadline()) {
      auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(*next - clock.Now()).count();
      timeout = static_cast<int>(std::clamp<long long>(ms, 0, timeout));
    }
    pollfd pfd{STDIN_FILENO, POLLIN, 0};
    int ready = ::poll(&pfd, 1, timeout);
    device.Tick();
    if (ready <= 0) continue;
    if (!(pfd.revents & POLLIN)) break;
    char buf[512];
    ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
    if (n <= 0) break;  // end of input
    std::string_view bytes(buf, static_cast<size_t>(n));
    size_t esc = bytes.find(kEscape);
    console.Input(bytes.substr(0, esc));
    if (esc != std::string_view::npos) break;
  }
  out.Write("\r\n");
}

}  // namespace

int RunTerminalDevice(const TerminalDeviceOptions& args) {
  Result<const PlatformSpec*> platform = FindPlatform(args.platform);
  if (!platform.ok()) {
    std::cerr << "iosup device: " << platform.status().message() << "\n";
    return 2;
  }
  SystemClock clock;
  Result<std::unique_ptr<LabStorage>> lab = LabStorage::Open(args.state, clock);
  if (!lab.ok()) {
    std::cerr << "iosup device: " << lab.status().ToString() << "\n";
    return 1;
  }
  Result<std::unique_ptr<Device>> device = OpenShippedDevice(**lab, **platform, args);
  if (!device.ok()) {
    std::cerr << "iosup device: " << device.status().ToString() << "\n";
    return 1;
  }
  LabNetwork network;
  if (Status n = network.Setup(args); !n.ok()) {
    std::cerr << "iosup device: " << n.ToString() << "\n";
    return 2;
  }
  (*device)->set_transfer(&network.port);
  (*device)->set_network(&network.port);
  (*device)->set_image_buffers(ScratchImageBuffers(args.state + "/netboot"));
  RunConsole(**device, network, clock);
  return 0;
}

}  // namespace iosup
