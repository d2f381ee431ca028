// Builds the monitor command sets from their tables (monitor_commands.h).
#include <map>
#include <memory>
#include <mutex>

#include "device/commands/ios_command_set.h"
#include "device/commands/monitor_commands.h"

namespace iosup {

namespace {

std::unique_ptr<cli::CommandSet> Build(const std::string& mode,
                                       std::span<const MonitorCommand> table) {
  auto set = std::make_unique<cli::CommandSet>();
  set->AddMode({.id = mode, .prompt_suffix = "", .parent = "", .is_config = false, .literal_question = true});
  for (const MonitorCommand& m : table) {
    Declare(*set, {mode}, {.syntax = m.syntax, .help = {}, .privilege = 1}, m.handler);
  }
  return set;
}

}  // namespace

const cli::CommandSet& MonitorCommandSet(const PlatformSpec& platform) {
  static std::mutex mu;
  static std::unique_ptr<cli::CommandSet> rommon, loader;
  std::lock_guard<std::mutex> lock(mu);
  if (platform.is_switch()) {
    if (!loader) loader = Build(kSwitchLoaderMode, SwitchLoaderCommands());
    return *loader;
  }
  if (!rommon) rommon = Build(kRommonMode, RommonCommands());
  return *rommon;
}

const MonitorCommand* FindMonitorCommand(std::span<const MonitorCommand> table,
                                         const std::string& word) {
  if (word.empty()) return nullptr;
  for (const MonitorCommand& m : table) {
    if (m.syntax.substr(0, m.syntax.find(' ')) == word) return &m;
  }
  return nullptr;
}

}  // namespace iosup
