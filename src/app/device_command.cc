// `iosup device --platform P --state DIR [--name N] [--realistic] [--tftp-root DIR
//  [--tftp-address A]] [--map LAB=127.0.0.1:PORT]...`: lab/terminal_device.h.
#include <memory>

#include "app/commands.h"
#include "lab/terminal_device.h"

namespace iosup {

ToolRun DeclareDevice(CLI::App& cmd) {
  auto args = std::make_shared<TerminalDeviceOptions>();
  cmd.add_option("--platform", args->platform, "Platform (see `iosup platforms`)")->capture_default_str();
  cmd.add_option("--state", args->state, "State directory (created as shipped if new)")->required();
  cmd.add_option("--name", args->name, "Device name (default: the platform)");
  cmd.add_flag("--realistic", args->realistic, "Boot, copies and verify take the platform's real time");
  cmd.add_option("--tftp-root", args->tftp_root,
                 "Serve this directory over TFTP to the device (an in-process server on loopback)");
  cmd.add_option("--tftp-address", args->tftp_address, "Lab address of that server")
      ->capture_default_str();
  cmd.add_option("--map", args->maps,
                 "A TFTP server elsewhere on this machine: LAB_ADDRESS=127.0.0.1:PORT (repeatable)");
  return [args] { return RunTerminalDevice(*args); };
}

}  // namespace iosup
