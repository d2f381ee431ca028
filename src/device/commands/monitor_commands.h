// The commands of the ROM monitors, declared as data: one table per monitor (router ROMMON,
// Catalyst boot loader). The same rows drive parsing, `help` and the usage lines printed when
// arguments do not parse. Handlers run in a LoaderSession.
#ifndef IOSUP_DEVICE_COMMANDS_MONITOR_COMMANDS_H_
#define IOSUP_DEVICE_COMMANDS_MONITOR_COMMANDS_H_

#include <span>
#include <string>

#include "catalog/platform_catalog.h"
#include "cli/command_set.h"

namespace iosup {

struct MonitorCommand {
  std::string syntax;  // cli syntax ("confreg [HEX]")
  std::string help;    // its line in `help`
  std::string usage;   // printed when the arguments do not parse; empty: none
  cli::Handler handler;
  bool listed = true;  // shown by `help`
};

inline constexpr char kRommonMode[] = "rommon";
inline constexpr char kSwitchLoaderMode[] = "switch-loader";

std::span<const MonitorCommand> RommonCommands();
std::span<const MonitorCommand> SwitchLoaderCommands();
// The monitor command set of `platform`'s loader kind (built once, shared).
const cli::CommandSet& MonitorCommandSet(const PlatformSpec& platform);
// The row whose first word is `word` in `table`, if any.
const MonitorCommand* FindMonitorCommand(std::span<const MonitorCommand> table,
                                         const std::string& word);

// Pieces shared by the tables (one file each).
void RommonConfregDialog(cli::CommandContext& ctx);  // `confreg` without a value
void RommonTftpdnld(cli::CommandContext& ctx);       // `tftpdnld`
void LoaderTftpBoot(cli::CommandContext& ctx, const std::string& url);  // `boot tftp://h/f`

}  // namespace iosup

#endif  // IOSUP_DEVICE_COMMANDS_MONITOR_COMMANDS_H_
