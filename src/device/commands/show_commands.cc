// show version, show <fs>:, dir, show file systems, show boot / bootvar, show running-config,
// show startup-config, show ip interface brief, show reload, show [ip] access-lists.
#include "device/access_lists_view.h"
#include "device/commands/device_session.h"
#include "device/commands/ios_command_set.h"
#include "device/flash_listing.h"
#include "device/ios_errors.h"
#include "device/show_system.h"
#include "device/show_version.h"

namespace iosup {

namespace {

using cli::CommandContext;

void Dir(CommandContext& ctx) {
  Device& d = Dev(ctx);
  const std::string url = ctx.VarCount() ? ctx.Var(0) : d.file_systems().primary().spec->name + ":";
  Result<ResolvedPath> where = d.file_systems().Resolve(url);
  Result<std::string> out = where.ok() ? DirListing(*where, d.platform()) : where.status();
  if (!out.ok()) {
    std::string shown = where.ok() ? where->spec->name + ":/" + where->path : url;
    ctx.Print("%Error opening " + shown + " (" + IosReason(out.status()) + ")\n");
    return;
  }
  ctx.Print(*out);
}

void ShowFs(CommandContext& ctx, const std::string& prefix) {
  Device& d = Dev(ctx);
  Result<ResolvedPath> where = d.file_systems().Resolve(prefix);
  Result<std::string> out = where.ok() ? ShowFlash(*where, d.platform()) : where.status();
  ctx.Print(out.ok() ? *out : "%Error opening " + prefix + " (" + IosReason(out.status()) + ")\n");
}

// `show running-config interface X`: that interface's section, or IOS's caret under the name.
void ShowRunningInterface(CommandContext& c) {
  const std::string typed = c.Var(0) + (c.VarCount() > 1 ? c.Var(1) : "");
  const std::string name = CanonicalInterface(Dev(c).platform(), typed);
  std::string out = name.empty() ? "" : ShowRunningSection(Dev(c), "interface " + name);
  if (out.empty()) {
    const size_t at = c.line().find(c.Var(0));
    const size_t column = c.session().Prompt().size() + (at == std::string::npos ? 0 : at);
    out = std::string(column, ' ') + "^\n% Invalid input detected at '^' marker.\n\n";
  }
  c.Print(out);
}

}  // namespace

void RegisterShowCommands(cli::CommandSet& set, const PlatformSpec& platform) {
  const std::vector<std::string> exec = {"exec"};
  Declare(set, exec, {.syntax = "show version", .help = {"Show running system information", "System hardware and software status"}, .pipeable = true},
          [](CommandContext& c) { c.Print(ShowVersion(Dev(c).system_facts())); });
  for (const FileSystemSpec& fs : platform.file_systems) {
    if (fs.capacity == 0) continue;
    std::vector<std::string> names = {fs.name};
    names.insert(names.end(), fs.aliases.begin(), fs.aliases.end());
    for (const std::string& name : names) {
      Declare(set, exec, {.syntax = "show " + name + ":", .help = {"", "display information about " + name + ": file system"}, .pipeable = true},
              [prefix = name + ":"](CommandContext& c) { ShowFs(c, prefix); });
    }
  }
  Declare(set, exec, {.syntax = "dir [/all] [URL]", .help = {"List files on a filesystem", "List all files", "Directory or file name"}, .pipeable = true},
          Dir);
  Declare(set, exec, {.syntax = "show file systems", .help = {"", "Show file information", "List filesystems"}, .pipeable = true},
          [](CommandContext& c) { c.Print(ShowFileSystems(Dev(c))); });
  Declare(set, exec, {.syntax = "show boot", .help = {"", "show boot attributes"}, .pipeable = true},
          [](CommandContext& c) { c.Print(ShowBoot(Dev(c))); });
  if (!platform.is_switch()) {
    Declare(set, exec, {.syntax = "show bootvar", .help = {"", "Boot and related environment variables"}, .pipeable = true},
            [](CommandContext& c) { c.Print(ShowBootvar(Dev(c))); });
  }
  Declare(set, exec, {.syntax = "show running-config [(all|brief|full)]", .help = {"", "Current operating configuration", "Configuration with defaults", "configuration without certificate data and encrypted data", "full configuration"}, .privilege = 15, .pipeable = true},
          [](CommandContext& c) { c.Print(ShowRunningConfig(Dev(c), c.Has("all"))); });
  Declare(set, exec, {.syntax = "show running-config interface WORD [WORD]", .help = {"", "", "Show interface configuration", "Interface type and number", "Interface number"}, .privilege = 15, .pipeable = true},
          ShowRunningInterface);
  Declare(set, exec, {.syntax = "show running-config class-map [WORD]", .help = {"", "", "Show class-map information", "class-map name"}, .privilege = 15, .pipeable = true},
          [](CommandContext& c) { c.Print(ShowRunningSections(Dev(c), "class-map", c.Var(0))); });
  Declare(set, exec, {.syntax = "show running-config policy-map [WORD]", .help = {"", "", "Show policy-map information", "policy-map name"}, .privilege = 15, .pipeable = true},
          [](CommandContext& c) { c.Print(ShowRunningSections(Dev(c), "policy-map", c.Var(0))); });
  Declare(set, exec, {.syntax = "show startup-config", .help = {"", "Contents of startup configuration"}, .privilege = 15, .pipeable = true},
          [](CommandContext& c) { c.Print(ShowStartupConfig(Dev(c))); });
  Declare(set, exec, {.syntax = "show ip interface brief", .help = {"", "IP information", "IP interface status and configuration", "Brief summary of IP status and configuration"}, .pipeable = true},
          [](CommandContext& c) { c.Print(ShowIpInterfaceBrief(Dev(c))); });
  Declare(set, exec, {.syntax = "show reload", .help = {"", "Scheduled reload information"}, .pipeable = true},
          [](CommandContext& c) { c.Print(ShowReload(Dev(c))); });
  const auto access_lists = [](CommandContext& c) {
    c.Print(ShowAccessLists(Dev(c).running_config(), c.VarCount() ? c.Var(0) : ""));
  };
  Declare(set, exec, {.syntax = "show access-lists [WORD]", .help = {"", "List access lists", "ACL name or number"}, .pipeable = true},
          access_lists);
  Declare(set, exec, {.syntax = "show ip access-lists [WORD]", .help = {"", "IP information", "List IP access lists", "ACL name or number"}, .pipeable = true},
          access_lists);
}

}  // namespace iosup
