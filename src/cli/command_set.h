// Modes as data and the commands of each, with their handlers: what a session dispatches on.
// Built once per platform and shared, read-only, by every session of every device of it.
#ifndef IOSUP_CLI_COMMAND_SET_H_
#define IOSUP_CLI_COMMAND_SET_H_

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "cli/command_tree.h"

namespace iosup::cli {

class CommandContext;
using Handler = std::function<void(CommandContext&)>;

struct ModeSpec {
  std::string id;             // "exec", "config", "config-if"
  std::string prompt_suffix;  // "", "(config)", "(config-if)"
  std::string parent;         // mode that `exit` returns to; a command unknown here is tried there
  bool is_config = false;     // `end` / Ctrl-Z return to exec, `do` runs exec commands
  bool literal_question = false;  // `?` is typed like any character (ROM monitors), not help
};

class CommandSet {
 public:
  void AddMode(ModeSpec mode);
  // Declares `spec` in every mode of `modes`.
  Status Add(const std::vector<std::string>& modes, CommandSpec spec, Handler handler);

  const ModeSpec* Mode(const std::string& id) const;
  const CommandTree* Tree(const std::string& mode) const;
  const Handler& HandlerOf(const CommandSpec& spec) const { return handlers_[spec.id]; }

 private:
  std::map<std::string, ModeSpec> modes_;
  std::map<std::string, CommandTree> trees_;
  std::vector<Handler> handlers_;
};

}  // namespace iosup::cli

#endif  // IOSUP_CLI_COMMAND_SET_H_
