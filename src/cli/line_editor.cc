#include "cli/line_editor.h"

namespace iosup::cli {

namespace {
constexpr size_t kHistorySize = 20;  // IOS `terminal history size` default is 10; 20 is kinder
}

std::string LineEditor::MoveTo(size_t pos) {
  std::string out;
  if (pos < cursor_) {
    out.assign(cursor_ - pos, '\b');
  } else if (pos > cursor_) {
    out = line_.substr(cursor_, pos - cursor_);
  }
  cursor_ = pos;
  return echo_ ? out : std::string();
}

// Removes [from, to) and redraws the tail.
std::string LineEditor::Erase(size_t from, size_t to) {
  if (from >= to) return {};
  std::string out = MoveTo(from);
  line_.erase(from, to - from);
  std::string tail = line_.substr(from);
  if (echo_) {
    out += tail + std::string(to - from, ' ') + std::string(tail.size() + (to - from), '\b');
  }
  return out;
}

LineEditor::Step LineEditor::Insert(char c) {
  line_.insert(line_.begin() + static_cast<long>(cursor_), c);
  ++cursor_;
  if (!echo_) return {};
  std::string tail = line_.substr(cursor_);
  return {Action::kNone, std::string(1, c) + tail + std::string(tail.size(), '\b')};
}

std::string LineEditor::Recall(int delta) {
  if (history_.empty()) return {};
  int pos = history_pos_ + delta;
  if (pos < -1) pos = -1;
  if (pos >= static_cast<int>(history_.size())) pos = static_cast<int>(history_.size()) - 1;
  history_pos_ = pos;
  return Replace(pos == -1 ? std::string() : history_[history_.size() - 1 - pos]);
}

std::string LineEditor::Replace(std::string line) {
  if (cursor_ == line_.size() && line.starts_with(line_)) {  // completion: type the rest
    std::string rest = line.substr(line_.size());
    line_ = std::move(line);
    cursor_ = line_.size();
    return echo_ ? rest : std::string();
  }
  std::string out = MoveTo(0);
  const size_t old = line_.size();
  line_ = std::move(line);
  cursor_ = line_.size();
  if (!echo_) return {};
  out += line_;
  if (old > line_.size()) {
    out += std::string(old - line_.size(), ' ') + std::string(old - line_.size(), '\b');
  }
  return out;
}

void LineEditor::Clear() {
  line_.clear();
  cursor_ = 0;
  history_pos_ = -1;
  escape_ = 0;
}

void LineEditor::AddHistory(const std::string& line) {
  if (line.empty() || (!history_.empty() && history_.back() == line)) return;
  history_.push_back(line);
  if (history_.size() > kHistorySize) history_.pop_front();
}

LineEditor::Step LineEditor::Feed(char c) {
  const bool after_cr = last_cr_;
  last_cr_ = false;
  if (escape_ == 1) {
    escape_ = c == '[' || c == 'O' ? 2 : 0;
    return {};
  }
  if (escape_ == 2) {
    escape_ = 0;
    switch (c) {
      case 'A': return {Action::kNone, Recall(+1)};
      case 'B': return {Action::kNone, Recall(-1)};
      case 'C': return {Action::kNone, cursor_ < line_.size() ? MoveTo(cursor_ + 1) : ""};
      case 'D': return {Action::kNone, cursor_ > 0 ? MoveTo(cursor_ - 1) : ""};
      default: return {};
    }
  }
  switch (c) {
    case '\r':
      last_cr_ = true;
      return {Action::kEnter, ""};
    case '\n':
    case '\0':
      if (after_cr) return {};  // the second half of CR LF / CR NUL
      return {Action::kEnter, ""};
    case 0x1b: escape_ = 1; return {};
    case '?': return {Action::kHelp, ""};
    case '\t': return {Action::kComplete, ""};
    case 0x1a: return {Action::kCtrlZ, ""};
    case 0x03: return {Action::kInterrupt, ""};
    case 0x01: return {Action::kNone, MoveTo(0)};                 // Ctrl-A
    case 0x05: return {Action::kNone, MoveTo(line_.size())};      // Ctrl-E
    case 0x02: return {Action::kNone, cursor_ > 0 ? MoveTo(cursor_ - 1) : ""};  // Ctrl-B
    case 0x06: return {Action::kNone, cursor_ < line_.size() ? MoveTo(cursor_ + 1) : ""};  // Ctrl-F
    case 0x10: return {Action::kNone, Recall(+1)};                // Ctrl-P
    case 0x0e: return {Action::kNone, Recall(-1)};                // Ctrl-N
    case 0x15: return {Action::kNone, Erase(0, cursor_)};        // Ctrl-U
    case 0x17: {                                                  // Ctrl-W
      size_t p = cursor_;
      while (p > 0 && line_[p - 1] == ' ') --p;
      while (p > 0 && line_[p - 1] != ' ') --p;
      return {Action::kNone, Erase(p, cursor_)};
    }
    case 0x08:
    case 0x7f:
      return {Action::kNone, cursor_ > 0 ? Erase(cursor_ - 1, cursor_) : ""};
    default:
      if (static_cast<unsigned char>(c) < 0x20) return {};
      return Insert(c);
  }
}

}  // namespace iosup::cli
