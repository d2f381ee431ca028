// Configuration sub-modes: interface shutdown (with its link messages) and `exit` from each.
#include "device/commands/device_session.h"
#include "device/commands/ios_command_set.h"

namespace iosup {

namespace {

using cli::CommandContext;

Config& Running(CommandContext& c) { return Dev(c).running_config(); }
const std::string& Section(CommandContext& c) { return DevSession(c).section(); }

void Shutdown(CommandContext& c, bool down) {
  const std::string name = Section(c).substr(10);
  const bool was_down = Running(c).interface(name).value_or(InterfaceConfig{}).shutdown;
  Running(c).SetSectionLine(Section(c), down ? "shutdown" : "no shutdown");
  if (was_down == down) return;
  if (down) {
    Dev(c).Log({"%LINK-5-CHANGED: Interface " + name + ", changed state to administratively down",
                "%LINEPROTO-5-UPDOWN: Line protocol on Interface " + name +
                    ", changed state to down"});
  } else {
    Dev(c).Log({"%LINK-3-UPDOWN: Interface " + name + ", changed state to up",
                "%LINEPROTO-5-UPDOWN: Line protocol on Interface " + name +
                    ", changed state to up"});
  }
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
