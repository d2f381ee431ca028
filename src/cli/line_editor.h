// Character-at-a-time line editing as IOS terminals do it: echo, backspace, Ctrl-A/E/B/F
// (and arrow keys), Ctrl-U/W, history with Ctrl-P/N or up/down arrows. Feed() takes one byte
// and returns what the terminal should show and whether a line action happened.
#ifndef IOSUP_CLI_LINE_EDITOR_H_
#define IOSUP_CLI_LINE_EDITOR_H_

#include <deque>
#include <string>

namespace iosup::cli {

class LineEditor {
 public:
  enum class Action { kNone, kEnter, kHelp, kComplete, kCtrlZ, kInterrupt };
  struct Step {
    Action action = Action::kNone;
    std::string echo;  // bytes to write to the terminal
  };

  Step Feed(char c);
  // Inserts `c` at the cursor as typed text, whatever its meaning to Feed() (a literal `?`).
  Step Type(char c) { return Insert(c); }
  const std::string& line() const { return line_; }
  size_t cursor() const { return cursor_; }
  // Replaces the line (after Tab completion) and returns the bytes that redraw it.
  std::string Replace(std::string line);
  void Clear();
  void AddHistory(const std::string& line);
  void set_echo(bool echo) { echo_ = echo; }

 private:
  Step Insert(char c);
  std::string MoveTo(size_t pos);
  std::string Erase(size_t from, size_t to);
  std::string Recall(int delta);

  std::string line_;
  size_t cursor_ = 0;
  bool echo_ = true;
  int escape_ = 0;  // 0 none, 1 after ESC, 2 after ESC [
  bool last_cr_ = false;
  std::deque<std::string> history_;
  int history_pos_ = -1;  // -1: not browsing
};

}  // namespace iosup::cli

#endif  // IOSUP_CLI_LINE_EDITOR_H_
