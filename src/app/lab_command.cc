// `iosup lab [TOPOLOGY.yaml] [--devices N --platform P] [--lab-dir DIR] [--realistic]
// [--http [ADDR:]PORT [--token T]]`:
// lab/foreground_lab.h.
#include <memory>

#include "app/commands.h"
#include "lab/foreground_lab.h"

namespace iosup {

ToolRun DeclareLab(CLI::App& cmd) {
  auto args = std::make_shared<ForegroundLabOptions>();
  cmd.add_option("topology", args->topology, "Topology YAML, or a built-in one: seed (the default, NetsTuts_R1 and NetsTuts_SW1), cat9300, cat9300-stack");
  cmd.add_option("--devices", args->devices, "A fleet of N devices of --platform instead");
  cmd.add_option("--platform", args->platform, "Platform of the fleet")->capture_default_str();
  cmd.add_option("--lab-dir", args->dir, "Lab directory (default: ~/.local/state/iosup/lab)");
  cmd.add_flag("--realistic", args->realistic, "Boots, copies and verify take the platforms' real time");
  cmd.add_option("--http", args->http,
                 "Serve the fault API (JSON) on [ADDRESS:]PORT; loopback unless --token is given");
  cmd.add_option("--token", args->token, "Bearer token the HTTP API requires (needed off loopback)");
  return [args] {
    ForegroundLabOptions options = *args;
    if (options.dir.empty()) options.dir = StateDir("lab");
    return RunForegroundLab(options);
  };
}

}  // namespace iosup
