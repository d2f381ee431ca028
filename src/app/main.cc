// iosup: an emulated Cisco IOS / IOS-XE device, TFTP, an upgrade orchestrator and a lab, in one
// binary with one verb per job. main() builds the CLI from kTools, parses, and runs the chosen row.
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <vector>

#include "app/commands.h"
#include "platform/open_file_limit.h"

namespace iosup {

namespace {

// In the order `iosup --help` lists them.
constexpr Tool kTools[] = {
    {"demo",
     "Start the upgrade guide's built-in lab and upgrade R1 (ISR4321) and SW1 (Catalyst 2960) end to end over SSH",
     DeclareDemo},
    {"image", "Build test images and inspect images", DeclareImage},
    {"platforms", "List the platforms a device can emulate", DeclarePlatforms},
    {"device", "Run one emulated device with its console on this terminal", DeclareDevice},
    {"tftpd", "Run the TFTP server on a directory", DeclareTftpd},
    {"tftp", "TFTP client: get or put one file", DeclareTftp},
    {"lab", "Run a lab of emulated devices and servers in the foreground", DeclareLab},
    {"console",
     "Attach this terminal to a device's console in a running lab (Ctrl-] q leaves)",
     DeclareConsole},
    {"fault", "Inject, list or clear faults in a running lab (loss, corrupt copy, full flash, ...)",
     DeclareFault},
    {"upgrade", "Upgrade devices over SSH: stage, verify, boot, reload, check", DeclareUpgrade},
};

}  // namespace

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
  // Before any server starts: out of descriptors, a lab refuses connections.
  iosup::RaiseOpenFileLimit();
  CLI::App app{"iosup: practise and automate Cisco IOS / IOS-XE image upgrades"};
  app.require_subcommand(1);
  std::vector<iosup::ToolRun> runs;
  for (const iosup::Tool& tool : iosup::kTools) {
    runs.push_back(tool.declare(*app.add_subcommand(tool.name, tool.help)));
  }
  CLI11_PARSE(app, argc, argv);
  for (size_t i = 0; i < runs.size(); ++i) {
    if (app.got_subcommand(iosup::kTools[i].name)) return runs[i]();
  }
  return 0;
}
