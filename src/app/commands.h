// iosup's subcommands as a table (ninja's kTools[] is the model): each row has a name, the one
// line `iosup --help` shows, and a function that declares the subcommand's flags and returns
// what runs once they are parsed. That function calls one function of a lower layer; app/ holds
// flag parsing only.
#ifndef IOSUP_APP_COMMANDS_H_
#define IOSUP_APP_COMMANDS_H_

#include <CLI/CLI.hpp>

#include <functional>
#include <string>

namespace iosup {

// Runs a parsed subcommand; returns the process exit status.
using ToolRun = std::function<int()>;

struct Tool {
  const char* name;
  const char* help;  // one line
  // Declares the flags (and nested verbs) on `cmd`, the subcommand named `name`.
  ToolRun (*declare)(CLI::App& cmd);
};

// Where iosup keeps `leaf` ("lab", "demo-lab"): $IOSUP_HOME/leaf, else
// ${XDG_STATE_HOME:-~/.local/state}/iosup/leaf.
std::string StateDir(const std::string& leaf);

ToolRun DeclareDemo(CLI::App& cmd);
ToolRun DeclareImage(CLI::App& cmd);
ToolRun DeclarePlatforms(CLI::App& cmd);
ToolRun DeclareDevice(CLI::App& cmd);
ToolRun DeclareTftpd(CLI::App& cmd);
ToolRun DeclareTftp(CLI::App& cmd);
ToolRun DeclareLab(CLI::App& cmd);
ToolRun DeclareConsole(CLI::App& cmd);
ToolRun DeclareFault(CLI::App& cmd);
ToolRun DeclareUpgrade(CLI::App& cmd);

}  // namespace iosup

#endif  // IOSUP_APP_COMMANDS_H_
