// `iosup console DEVICE [--lab-dir DIR]`: lab/console_attach.h.
#include <memory>

#include "app/commands.h"
#include "lab/console_attach.h"

namespace iosup {

ToolRun DeclareConsole(CLI::App& cmd) {
  struct ConsoleArgs {
    std::string device, lab_dir;
  };
  auto args = std::make_shared<ConsoleArgs>();
  cmd.add_option("DEVICE", args->device, "Device name in the lab (R1, SW1)")->required();
  cmd.add_option("--lab-dir", args->lab_dir,
                 "Lab directory (default: $IOSUP_HOME/lab, else "
                 "${XDG_STATE_HOME:-~/.local/state}/iosup/lab)");
  return [args] {
    return AttachConsole(args->lab_dir.empty() ? StateDir("lab") : args->lab_dir, args->device);
  };
}

}  // namespace iosup
