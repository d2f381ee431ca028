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

// A first word of a mode's commands on IOS, for the part of IOS's vocabulary not emulated.
struct VocabularyWord {
  std::string word;
  std::string help;   // as IOS's `?` lists it
  int privilege = 1;  // 15: privileged EXEC only
};

struct ModeSpec {
  std::string id;             // "exec", "config", "config-if"
  std::string prompt_suffix;  // "", "(config)", "(config-if)"
  std::string parent;         // mode that `exit` returns to; a command unknown here is tried there
  bool is_config = false;     // `end` / Ctrl-Z return to exec, `do` runs exec commands
  bool literal_question = false;  // `?` is typed like any character (ROM monitors), not help
  std::string help_title;     // "Exec commands:": what `?` on an empty line prints first
};

class CommandSet {
 public:
  void AddMode(ModeSpec mode);
  // Declares `spec` in every mode of `modes`.
  Status Add(const std::vector<std::string>& modes, CommandSpec spec, Handler handler);
  // Declares the rest of IOS's vocabulary of `mode`: each word not starting a command already
  // takes anything after it and runs `not_emulated`, so that ambiguity, `?` and Tab see what a
  // real device has; in a configuration mode, so does its `no` form. Call after every command
  // of the mode is added.
  Status AddVocabulary(const std::string& mode, const std::vector<VocabularyWord>& words,
                       const Handler& not_emulated);

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
