// iosup: an emulated Cisco IOS / IOS-XE device, TFTP, an upgrade orchestrator and a lab, in one
// binary with one verb per job.
#include <CLI/CLI.hpp>

#include "app/commands.h"

#include <cstdlib>

namespace iosup {

std::string StateDir(const std::string& leaf) {
  auto set = [](const char* name) -> const char* {
    const char* v = std::getenv(name);
    return v != nullptr && *v != '\0' ? v : nullptr;
  };
  if (const char* home = set("IOSUP_HOME")) return std::string(home) + "/" + leaf;
  if (const char* state = set("XDG_STATE_HOME")) return std::string(state) + "/iosup/" + leaf;
  const char* home = set("HOME");
  return std::string(home != nullptr ? home : ".") + "/.local/state/iosup/" + leaf;
}

}  // namespace iosup

int main(int argc, char** argv) {
  CLI::App app{"iosup: practise and automate Cisco IOS / IOS-XE image upgrades"};
  app.require_subcommand(1);
  int exit_code = 0;
  iosup::RegisterDemoCommand(app, exit_code);
  iosup::RegisterImageCommands(app, exit_code);
  iosup::RegisterPlatformsCommand(app, exit_code);
  iosup::RegisterDeviceCommand(app, exit_code);
  iosup::RegisterTftpCommands(app, exit_code);
  iosup::RegisterLabCommand(app, exit_code);
  iosup::RegisterConsoleCommand(app, exit_code);
  iosup::RegisterUpgradeCommand(app, exit_code);
  CLI11_PARSE(app, argc, argv);
  return exit_code;
}
