// Commands as data: each command is declared once by a syntax string, and the same declaration
// drives matching with abbreviations, `?` help, Tab completion and the IOS errors
// (% Invalid input / % Ambiguous command / % Incomplete command).
//
// Syntax: words separated by spaces; keywords literal; placeholders per token.h; `[ ... ]` is
// optional; `( a | b c )` is a choice. Example: "verify (/md5|/sha512) URL [WORD]".
#ifndef IOSUP_CLI_COMMAND_TREE_H_
#define IOSUP_CLI_COMMAND_TREE_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "cli/token.h"

namespace iosup::cli {

struct CommandSpec {
  std::string syntax;
  std::vector<std::string> help;  // one per token, in the order tokens appear in `syntax`
  int privilege = 1;              // 1 = user EXEC, 15 = privileged
  int id = -1;                    // caller's handle, returned by Parse
  bool pipeable = false;          // output may be filtered with `| include` and friends
  bool passes_pipe = false;       // its LINE keeps `| ...` for the command it runs (`do`)
  bool not_emulated = false;      // a word of IOS's vocabulary the emulation lacks: any real
                                  // command of an enclosing mode wins over it
};

// One matched word: the token it matched and the value (a keyword's full text, or the word as
// typed; for LINE the rest of the line).
struct Arg {
  const Token* token = nullptr;
  std::string value;
  bool is_keyword() const { return token->kind == TokenKind::kKeyword; }
};

struct ParseResult {
  enum class Outcome { kOk, kEmpty, kInvalid, kAmbiguous, kIncomplete };
  Outcome outcome = Outcome::kEmpty;
  size_t error_offset = 0;  // kInvalid: where the offending word starts in the line
  const CommandSpec* command = nullptr;
  std::vector<Arg> args;
};

struct HelpEntry {
  std::string word;  // keyword, placeholder, or "<cr>"
  std::string help;
};

struct HelpResult {
  enum class Outcome { kOk, kInvalid, kAmbiguous, kUnrecognized };
  Outcome outcome = Outcome::kOk;
  size_t error_offset = 0;
  bool completions = false;  // "sh?": words only, no help column
  std::vector<HelpEntry> entries;
};

class CommandTree {
 public:
  CommandTree();
  ~CommandTree();
  CommandTree(CommandTree&&) noexcept;
  CommandTree& operator=(CommandTree&&) noexcept;

  // Compiles and adds a command. kInvalidArgument for malformed syntax.
  Status Add(CommandSpec spec);

  ParseResult Parse(std::string_view line, int privilege) const;
  // `?` typed at the end of `line` (the `?` itself not included).
  HelpResult Help(std::string_view line, int privilege) const;
  // Tab: `line` with its last word completed (and a space), when exactly one keyword fits.
  std::optional<std::string> Complete(std::string_view line, int privilege) const;
  // Whether some command starts with the keywords `words` ("no aaa"), each spelled in full
  // (case-insensitive).
  bool StartsCommand(std::string_view words) const;

  struct Node;

 private:
  std::vector<std::unique_ptr<CommandSpec>> specs_;
  std::unique_ptr<Node> root_;
};

// Formats help entries as IOS prints them after `?`.
std::string FormatHelp(const HelpResult& help);

}  // namespace iosup::cli

#endif  // IOSUP_CLI_COMMAND_TREE_H_
