#include "device/commands/loader_session.h"

#include "device/commands/monitor_commands.h"

namespace iosup {

namespace {

cli::Session::Options LoaderOptions(const Device& d) {
  cli::Session::Options o;
  o.start_mode = d.platform().is_switch() ? kSwitchLoaderMode : kRommonMode;
  o.privilege = 15;
  o.terminal_length = 0;  // monitors do not page
  return o;
}

std::string FirstWord(const std::string& line) {
  const size_t b = line.find_first_not_of(' ');
  if (b == std::string::npos) return "";
  return line.substr(b, line.find(' ', b) - b);
}

}  // namespace

LoaderSession::LoaderSession(Device& device, cli::Terminal& terminal)
    : cli::Session(MonitorCommandSet(device.platform()), terminal, LoaderOptions(device)),
      device_(device) {}

std::string LoaderSession::Prompt() const {
  if (is_switch()) return "switch: ";
  return "rommon " + std::to_string(device_.monitor_command_number()) + " > ";
}

void LoaderSession::LineEntered(const std::string& line) {
  if (line.find_first_not_of(' ') != std::string::npos) device_.CountMonitorCommand();
}

// ROMMON: `monitor: command "x" not found` (real 2600/1941 wording); a known command with bad
// arguments prints its usage. The switch loader's unknown-command line is unverified.
void LoaderSession::ParseFailed(const std::string& line, const cli::ParseResult& r) {
  const std::string word = FirstWord(line);
  auto table = is_switch() ? SwitchLoaderCommands() : RommonCommands();
  const MonitorCommand* cmd = FindMonitorCommand(table, word);
  if (cmd == nullptr || r.outcome == cli::ParseResult::Outcome::kAmbiguous) {
    WriteRaw(is_switch() ? "unknown cmd: " + word + "\n"
                         : "monitor: command \"" + word + "\" not found\n");
    return;
  }
  if (!cmd->usage.empty()) WriteRaw(cmd->usage + "\n");
}

}  // namespace iosup
