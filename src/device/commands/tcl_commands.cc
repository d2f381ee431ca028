// `tclsh` and its mode: the shell itself is tcl_shell.h, fed by DeviceSession.
#include "device/commands/device_session.h"
#include "device/commands/ios_command_set.h"

namespace iosup {

void RegisterTclCommands(cli::CommandSet& set) {
  // No command is declared in "tcl": every line goes to the Tcl shell (DeviceSession), `?` is
  // typed like any character (Tcl text and file content may hold it).
  set.AddMode({.id = "tcl", .prompt_suffix = "(tcl)", .parent = "exec", .literal_question = true});
  Declare(set, {"exec"}, {.syntax = "tclsh", .help = {"Tool Command Language shell"}, .privilege = 15},
          [](cli::CommandContext& c) { DevSession(c).EnterTcl(); });
}

}  // namespace iosup
