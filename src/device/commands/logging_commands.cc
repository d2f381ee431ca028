// Message logging at the EXEC: show logging, clear logging, send log. The model is syslog.h;
// `terminal monitor` (exec_commands.cc) chooses whether a vty line receives the messages.
#include <string>

#include "device/commands/device_session.h"
#include "device/commands/ios_command_set.h"
#include "device/syslog.h"

namespace iosup {

namespace {

using cli::CommandContext;
using cli::Question;

constexpr const char* kUserlogNames[] = {"EMERG", "ALERT", "CRIT", "ERR",
                                         "WARNING", "NOTICE", "INFO", "DEBUG"};

// IOS's tty number of a line: con 0 is 0; vty lines follow the aux line of a router.
int TtyNumber(const SessionLine& line, const PlatformSpec& platform) {
  if (line.is_console()) return 0;
  const int vty = std::atoi(line.name.substr(line.name.find(' ') + 1).c_str());
  return vty + (platform.is_switch() ? 1 : 2);
}

void SendLog(CommandContext& c) {
  DeviceSession& s = DevSession(c);
  int severity = kSyslogDebugging;
  std::string text = c.Var(c.VarCount() - 1);
  if (c.VarCount() == 2) severity = std::atoi(c.Var(0).c_str());
  const std::string user = s.line().user;
  s.device().Log("%SYS-" + std::to_string(severity) + "-USERLOG_" + kUserlogNames[severity] +
                 ": Message from tty" + std::to_string(TtyNumber(s.line(), s.device().platform())) +
                 "(user id:" + (user.empty() ? "" : " " + user) + "): " + text);
}

}  // namespace

void RegisterLoggingCommands(cli::CommandSet& set, const PlatformSpec&) {
  const std::vector<std::string> exec = {"exec"};
  Declare(set, exec, {.syntax = "show logging", .help = {"Show running system information", "Show the contents of logging buffers"}, .privilege = 15, .pipeable = true},
          [](CommandContext& c) {
            const Device& d = Dev(c);
            c.Print(d.syslog().Show(d.logging_settings()));
          });
  Declare(set, exec, {.syntax = "clear logging", .help = {"Reset functions", "Clear logging buffer"}, .privilege = 15},
          [](CommandContext& c) {
            c.Ask({Question::Kind::kConfirm, "Clear logging buffer [confirm]", ""},
                  [](CommandContext& c2, const std::string& yes) {
                    if (yes == "y") Dev(c2).ClearLoggingBuffer();
                  });
          });
  Declare(set, exec, {.syntax = "send log [<0-7>] LINE", .help = {"Send a message to other tty lines", "Logging commands", "Severity level of the message", "Message to log"}, .privilege = 15},
          SendLog);
}

}  // namespace iosup
