// Configuration sub-modes: interface shutdown (with its link messages) and `exit` from each.
#include "device/commands/device_session.h"
#include "device/commands/ios_command_set.h"

namespace iosup {

namespace {

using cli::CommandContext;

Config& Running(CommandContext& c) { return Dev(c).running_config(); }
const std::string& Section(CommandContext& c) { return DevSession(c).section(); }

// The link messages come from the device, which derives the interface's new state (a port with
// no carrier comes up as "down") and tells the far end.
void Shutdown(CommandContext& c, bool down) {
  Running(c).SetSectionLine(Section(c), down ? "shutdown" : "no shutdown");
  Dev(c).RefreshInterfaces();
}

}  // namespace

void RegisterSubmodeCommands(cli::CommandSet& set, const PlatformSpec&) {
  // The lines of each sub-mode are rows of the configuration model (config_rows_sections.cc),
  // declared by RegisterConfigCommands; shutdown is here for the link messages it sends.
  const std::string intf = "config-if";
  Declare(set, {intf}, {.syntax = "shutdown", .help = {"Shutdown the selected interface"}, .privilege = 15},
          [](CommandContext& c) { Shutdown(c, true); });
  Declare(set, {intf}, {.syntax = "no shutdown", .help = {"", "Shutdown the selected interface"}, .privilege = 15},
          [](CommandContext& c) { Shutdown(c, false); });
  Declare(set, {intf, "config-line", "config-router", "config-std-nacl", "config-ext-nacl", "config-archive",
                "config-cmap", "config-pmap", "config-vlan"},
          {.syntax = "exit", .help = {"Exit from the current mode"}, .privilege = 15},
          [](CommandContext& c) { c.session().SetMode("config"); });
  Declare(set, {"config-pmap-c"}, {.syntax = "exit", .help = {"Exit from class action configuration mode"}, .privilege = 15},
          [](CommandContext& c) { c.session().SetMode("config-pmap"); });
}

}  // namespace iosup
