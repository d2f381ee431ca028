// `iosup fault [--lab-dir DIR] list | clear [ID|all] | kinds | TARGET KIND [ARGS...]`:
// lab/fault_cli.h.
#include <memory>

#include "app/commands.h"
#include "lab/fault_cli.h"

namespace iosup {

namespace {

struct FaultArgs {
  std::string dir;
  std::vector<std::string> words;
};

}  // namespace

ToolRun DeclareFault(CLI::App& cmd) {
  auto args = std::make_shared<FaultArgs>();
  cmd.add_option("--lab-dir", args->dir, "Lab directory of the running lab (default: ~/.local/state/iosup/lab)");
  cmd.add_option("words", args->words,
                 "list | clear [ID|all] | kinds | TARGET KIND [ARGS...] (TARGET: DEVICE, "
                 "DEVICE->SERVER or DEVICE:INTERFACE)")
      ->required();
  cmd.positionals_at_end();
  return [args] {
    return RunFaultCommand(args->dir.empty() ? StateDir("lab") : args->dir, args->words);
  };
}

}  // namespace iosup
