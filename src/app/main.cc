// iosup: an emulated Cisco IOS / IOS-XE device, TFTP, an upgrade orchestrator and a lab, in one
// binary with one verb per job.
#include <CLI/CLI.hpp>

#include "app/commands.h"

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
