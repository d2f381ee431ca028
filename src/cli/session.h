// One terminal session on the IOS command line, as a byte stream in and out (no sockets): line
// editing, `?` help at once, Tab completion, modes and prompts, dispatch to handlers, dialogs
// declared as data, `terminal length` paging with --More--, output pipes, and asynchronous
// messages that do not break the line being typed. The same code serves console, telnet and SSH.
// Not thread-safe; the owner feeds it on the device's strand.
#ifndef IOSUP_CLI_SESSION_H_
#define IOSUP_CLI_SESSION_H_

#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/command_set.h"
#include "cli/line_editor.h"
#include "cli/output_filter.h"

namespace iosup::cli {

// Where a session's bytes go. Close() ends the connection (exit, reload, exec-timeout).
class Terminal {
 public:
  virtual ~Terminal() = default;
  virtual void Write(std::string_view bytes) = 0;
  virtual void Close() {}
};

// An interactive question, declared as data.
struct Question {
  enum class Kind {
    kConfirm,  // "...? [confirm]": Enter or y = yes, anything else = no; one keystroke
    kLine,     // "Destination filename [x]? ": a line; empty = `default_answer`
    kYesNo,    // "Save? [yes/no]: ": yes or no, asked again otherwise
    kSecret,   // "Password: ": a line, not echoed
  };
  Kind kind = Kind::kLine;
  std::string prompt;
  std::string default_answer;
};

class Session;

// A command still running after its handler returned (a transfer in progress). While any is
// pending the session prints no prompt and keeps typed input for later, as IOS does; Ctrl-C or
// Ctrl-^ (the escape sequence) instead interrupts a command that says how. Safe to use after the
// session is gone: it then does nothing.
class PendingCommand {
 public:
  void Print(std::string_view text);
  // Ends the command: the prompt comes back and buffered input is processed.
  void Finish();
  bool alive() const { return *alive_ && !finished_; }
  // What Ctrl-C / Ctrl-^ do while the command runs: `interrupt` stops it at once and Finish()es
  // it. Without one the keys wait in the typeahead like any other.
  void OnInterrupt(std::function<void()> interrupt) { on_interrupt_ = std::move(interrupt); }

 private:
  friend class CommandContext;
  friend class Session;
  PendingCommand(Session* s, std::shared_ptr<bool> alive) : session_(s), alive_(std::move(alive)) {}
  Session* session_;
  std::shared_ptr<bool> alive_;
  bool finished_ = false;
  std::function<void()> on_interrupt_;
};

// What a handler sees: the words it matched and the session to act on.
class CommandContext {
 public:
  CommandContext(Session& session, std::vector<Arg> args, std::string line)
      : session_(session), args_(std::move(args)), line_(std::move(line)) {}

  Session& session() { return session_; }
  const std::vector<Arg>& args() const { return args_; }
  const std::string& line() const { return line_; }  // as typed (without any pipe)
  // Whether `keyword` was matched (its full text).
  bool Has(std::string_view keyword) const;
  // The value of the i-th variable (0-based); empty when absent.
  std::string Var(size_t i) const;
  size_t VarCount() const;
  // The word matched right after `keyword`, if any.
  std::optional<std::string> After(std::string_view keyword) const;

  void Print(std::string_view text);  // "\n" line ends
  void Ask(Question q, std::function<void(CommandContext&, const std::string&)> on_answer);
  // Keeps the command running after the handler returns (see PendingCommand).
  std::shared_ptr<PendingCommand> Detach();

 private:
  Session& session_;
  std::vector<Arg> args_;
  std::string line_;
};

class Session {
 public:
  struct Options {
    std::string start_mode = "exec";
    int privilege = 1;
    int terminal_length = 24;
    int terminal_width = 80;
  };
  Session(const CommandSet& commands, Terminal& terminal, Options options);
  virtual ~Session();

  void Start();  // prints the first prompt
  void Input(std::string_view bytes);
  // An asynchronous message (syslog, reload banner): printed at once; the prompt and the line
  // being typed are redrawn after it.
  void Notify(std::string_view text);
  void Close();
  bool closed() const { return closed_; }
  // Whether the next keystroke is taken alone, without RETURN ([confirm], --More--).
  bool WantsKeystroke() const {
    return state_ == State::kMore ||
           (state_ == State::kQuestion && question_ && question_->q.kind == Question::Kind::kConfirm);
  }

  // --- for handlers
  virtual std::string Hostname() const = 0;
  const std::string& mode() const { return mode_; }
  void SetMode(const std::string& mode);
  int privilege() const { return privilege_; }
  void set_privilege(int p) { privilege_ = p; }
  int terminal_length() const { return terminal_length_; }
  void set_terminal_length(int n) { terminal_length_ = n; }
  int terminal_width() const { return terminal_width_; }
  void set_terminal_width(int n) { terminal_width_ = n; }
  // Hostname + mode suffix + `>`/`#`; a session with another shape (`rommon 3 > `) overrides it.
  virtual std::string Prompt() const;
  // Runs `line` as if typed in exec mode (for `do` and for scripted input); output as usual.
  // `column`: where `line` starts after the prompt on screen, so an error's caret lands under
  // what was typed (`do` passes where its argument starts).
  void Execute(const std::string& line, size_t column = 0);
  const CommandSet& commands() const { return commands_; }

 protected:
  // Called for an unknown single word in EXEC: IOS takes it as a host to connect to.
  virtual void UnknownExecWord(CommandContext& ctx, const std::string& word);
  // Called after the mode changed (e.g. to log %SYS-5-CONFIG_I when configuration ends).
  virtual void ModeChanged(const std::string& from, const std::string& to) {}
  // Called with every line RETURN submits, before it runs (history numbers in a prompt).
  virtual void LineEntered(const std::string& line) {}
  // Answers a line that does not parse in the current mode (r.outcome is not kOk). The default
  // prints IOS's errors; a session with its own wording (a ROM monitor) overrides it.
  virtual void ParseFailed(const std::string& line, const ParseResult& r);
  void WriteRaw(std::string_view text) { Write(text); }

 private:
  friend class CommandContext;
  friend class PendingCommand;
  enum class State { kEditing, kQuestion, kMore };

  void Feed(char c);
  void FeedEditing(char c);
  void FeedQuestion(char c);
  void FeedMore(char c);
  // Ctrl-C / Ctrl-^ while commands run: interrupts those that can be; false when none could.
  bool InterruptPending();
  void RunLine(const std::string& line);
  void Dispatch(const std::string& line);
  void ShowHelp();
  void PrintError(const std::string& line, size_t offset);
  void Emit(std::string_view text);  // through the pager
  void Write(std::string_view text);  // straight to the terminal, "\n" -> "\r\n"
  void FlushPage();
  void Settle();  // after a command: ask the pending question or print the prompt
  void AnswerQuestion(const std::string& answer);

  const CommandSet& commands_;
  Terminal& terminal_;
  std::string mode_;
  int privilege_;
  int terminal_length_;
  int terminal_width_;
  State state_ = State::kEditing;
  bool closed_ = false;
  LineEditor editor_;

  // Output capture while a command with a pipe runs.
  std::optional<OutputFilter> filter_;
  std::string captured_;
  bool capturing_ = false;

  // Paging: lines waiting behind --More--.
  std::deque<std::string> more_lines_;
  int page_lines_ = 0;

  // Dialogs: the question being answered, and questions asked while output is paged.
  struct PendingQuestion {
    Question q;
    std::function<void(CommandContext&, const std::string&)> on_answer;
  };
  std::optional<PendingQuestion> question_;
  bool question_shown_ = false;
  int depth_ = 0;  // nesting of Dispatch/answers, to print the prompt once
  std::optional<size_t> caret_base_;  // set while Execute runs: the screen column of its line
  bool swallow_lf_ = false;  // the last byte was a CR: drop the LF/NUL after it
  // Messages that arrived while a command ran: printed after its prompt, as IOS does.
  std::vector<std::string> deferred_;
  int detached_ = 0;         // commands still running after their handler returned
  std::string typeahead_;    // input received meanwhile
  std::vector<std::weak_ptr<PendingCommand>> pending_;  // those commands
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace iosup::cli

#endif  // IOSUP_CLI_SESSION_H_
