// User and privileged EXEC basics: enable/disable, exit, terminal settings, show privilege,
// show clock, show users, configure. (ping: ping_commands.cc)
#include <cstdio>
#include <memory>

#include "device/commands/device_session.h"
#include "device/commands/ios_command_set.h"
#include "device/ios_time.h"
#include "device/secrets.h"

namespace iosup {

namespace {

using cli::CommandContext;
using cli::Question;

void AskEnable(CommandContext& ctx, int target, int attempt) {
  ctx.Ask({Question::Kind::kSecret, "Password: ", ""},
          [target, attempt](CommandContext& c, const std::string& typed) {
            const Config& cfg = Dev(c).running_config();
            std::optional<std::string> secret = cfg.enable_secret();
            std::optional<std::string> password = cfg.enable_password();
            bool ok = secret ? SecretMatches(*secret, typed) : SecretMatches(*password, typed);
            if (ok) {
              c.session().set_privilege(target);
            } else if (attempt < 3) {
              AskEnable(c, target, attempt + 1);
            } else {
              c.Print("% Bad secrets\n\n");
            }
          });
}

void Enable(CommandContext& ctx) {
  int target = ctx.VarCount() > 0 ? std::atoi(ctx.Var(0).c_str()) : 15;
  const Config& cfg = Dev(ctx).running_config();
  if (target <= ctx.session().privilege()) {
    ctx.session().set_privilege(target);
    return;
  }
  if (!cfg.enable_secret() && !cfg.enable_password()) {
    if (DevSession(ctx).line().is_console()) {
      ctx.session().set_privilege(target);
    } else {
      ctx.Print("% No password set\n");
    }
    return;
  }
  AskEnable(ctx, target, 1);
}

void ShowUsers(CommandContext& ctx) {
  std::string out = "    Line       User       Host(s)              Idle       Location\n";
  int n = 0;
  for (DeviceSession* s : DeviceSession::SessionsOf(Dev(ctx))) {
    const bool me = s == &DevSession(ctx);
    const int number = s->line().is_console() ? 0 : 866 + n++;
    char row[160];
    std::snprintf(row, sizeof row, "%c%3d %-10s%-11s%-21s%-11s%s\n", me ? '*' : ' ', number,
                  s->line().name.c_str(), s->line().user.c_str(), "idle",
                  "00:00:00", s->line().peer.c_str());
    out += row;
  }
  ctx.Print(out + "\n  Interface    User               Mode         Idle     Peer Address\n\n");
}

void EnterConfig(CommandContext& ctx) {
  ctx.Print("Enter configuration commands, one per line.  End with CNTL/Z.\n");
  ctx.session().SetMode("config");
}

}  // namespace

void RegisterExecCommands(cli::CommandSet& set, const PlatformSpec&) {
  const std::vector<std::string> exec = {"exec"};
  Declare(set, exec, {.syntax = "enable [<0-15>]", .help = {"Turn on privileged commands", "Enable level"}},
          Enable);
  Declare(set, exec, {.syntax = "disable [<0-15>]", .help = {"Turn off privileged commands", "Privilege level to go to"}},
          [](CommandContext& c) {
            c.session().set_privilege(c.VarCount() ? std::atoi(c.Var(0).c_str()) : 1);
          });
  for (const char* word : {"exit", "logout", "quit"}) {
    Declare(set, exec, {.syntax = word, .help = {"Exit from the EXEC"}},
            [](CommandContext& c) { c.session().Close(); });
  }
  Declare(set, exec, {.syntax = "terminal length <0-512>", .help = {"Set terminal line parameters", "Set number of lines on a screen", "Number of lines on screen (0 for no pausing)"}},
          [](CommandContext& c) { c.session().set_terminal_length(std::atoi(c.Var(0).c_str())); });
  Declare(set, exec, {.syntax = "terminal width <0-512>", .help = {"", "Set width of the display terminal", "Number of characters on a screen line"}},
          [](CommandContext& c) { c.session().set_terminal_width(std::atoi(c.Var(0).c_str())); });
  Declare(set, exec, {.syntax = "terminal monitor", .help = {"", "Copy debug output to the current terminal line"}},
          [](CommandContext& c) { DevSession(c).set_monitor(true); });
  Declare(set, exec, {.syntax = "terminal no (monitor|length|width)", .help = {"", "Negate a command or set its defaults", "Copy debug output to the current terminal line", "Set number of lines on a screen", "Set width of the display terminal"}},
          [](CommandContext& c) {
            if (c.Has("length")) c.session().set_terminal_length(24);
            if (c.Has("width")) c.session().set_terminal_width(80);
            if (c.Has("monitor")) DevSession(c).set_monitor(false);
          });
  Declare(set, exec, {.syntax = "show privilege", .help = {"Show running system information", "Show current privilege level"}},
          [](CommandContext& c) {
            c.Print("Current privilege level is " + std::to_string(c.session().privilege()) + "\n");
          });
  Declare(set, exec, {.syntax = "show clock [detail]", .help = {"", "Display the system clock", "Display detailed information"}, .pipeable = true},
          [](CommandContext& c) { c.Print(ShowClockTime(Dev(c).clock().Now()) + "\n"); });
  Declare(set, exec, {.syntax = "show users [all]", .help = {"", "Display information about terminal lines", "Include information about inactive ports"}, .pipeable = true},
          ShowUsers);
  Declare(set, exec, {.syntax = "configure terminal", .help = {"Enter configuration mode", "Configure from the terminal"}, .privilege = 15},
          EnterConfig);
  Declare(set, exec, {.syntax = "configure", .privilege = 15}, [](CommandContext& c) {
    c.Ask({Question::Kind::kLine, "Configuring from terminal, memory, or network [terminal]? ", "terminal"},
          [](CommandContext& c2, const std::string& a) {
            if (a == "terminal" || a == "t") EnterConfig(c2);
            else c2.Print("?Must be \"terminal\", \"memory\" or \"network\"\n");
          });
  });
}

}  // namespace iosup
