// The iosup subcommands. Each Register* adds one verb to the CLI11 app; the handlers wire layers
// together and hold no logic of their own.
#ifndef IOSUP_APP_COMMANDS_H_
#define IOSUP_APP_COMMANDS_H_

#include <CLI/CLI.hpp>

#include <string>

namespace iosup {

// Where iosup keeps `leaf` ("lab", "demo-lab"): $IOSUP_HOME/leaf, else
// ${XDG_STATE_HOME:-~/.local/state}/iosup/leaf.
std::string StateDir(const std::string& leaf);

// Sets `exit_code` when the chosen subcommand has run.
void RegisterDemoCommand(CLI::App& app, int& exit_code);
void RegisterImageCommands(CLI::App& app, int& exit_code);
void RegisterPlatformsCommand(CLI::App& app, int& exit_code);
void RegisterDeviceCommand(CLI::App& app, int& exit_code);
void RegisterTftpCommands(CLI::App& app, int& exit_code);
void RegisterLabCommand(CLI::App& app, int& exit_code);
void RegisterConsoleCommand(CLI::App& app, int& exit_code);
void RegisterUpgradeCommand(CLI::App& app, int& exit_code);

}  // namespace iosup

#endif  // IOSUP_APP_COMMANDS_H_
