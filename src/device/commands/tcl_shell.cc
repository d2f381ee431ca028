#include "device/commands/tcl_shell.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "base/flash_store.h"

namespace iosup {

namespace {

constexpr size_t npos = std::string_view::npos;

Status TclError(std::string message) {
  return Status(ErrorCode::kInvalidArgument, std::move(message));
}

bool IsSeparator(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ';'; }

// The '}' that closes the '{' at s[i], or npos.
size_t MatchBrace(std::string_view s, size_t i) {
  int depth = 0;
  for (; i < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
    } else if (s[i] == '{') {
      ++depth;
    } else if (s[i] == '}' && --depth == 0) {
      return i;
    }
  }
  return npos;
}

// The ']' that closes the '[' at s[i], or npos. Braced text inside does not count.
size_t MatchBracket(std::string_view s, size_t i) {
  int depth = 0;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '\\') {
      ++i;
    } else if (c == '{') {
      const size_t e = MatchBrace(s, i);
      if (e == npos) return npos;
      i = e;
    } else if (c == '[') {
      ++depth;
    } else if (c == ']' && --depth == 0) {
      return i;
    }
  }
  return npos;
}

// The '"' that closes the one at s[i], or npos.
size_t MatchQuote(std::string_view s, size_t i) {
  for (++i; i < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
    } else if (s[i] == '[') {
      const size_t e = MatchBracket(s, i);
      if (e == npos) return npos;
      i = e;
    } else if (s[i] == '"') {
      return i;
    }
  }
  return npos;
}

char Escaped(char c) {
  switch (c) {
    case 'n': return '\n';
    case 't': return '\t';
    case 'r': return '\r';
    case '\n': return ' ';
    default: return c;
  }
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace

bool TclComplete(std::string_view s) {
  int braces = 0;
  int brackets = 0;
  bool quote = false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '\\') {
      ++i;
    } else if (braces > 0) {
      if (c == '{') ++braces;
      if (c == '}') --braces;
    } else if (c == '{' && !quote) {
      ++braces;
    } else if (c == '"') {
      quote = !quote;
    } else if (c == '[') {
      ++brackets;
    } else if (c == ']' && brackets > 0) {
      --brackets;
    }
  }
  return braces == 0 && brackets == 0 && !quote;
}

TclShell::~TclShell() { (void)CloseAll(); }

TclShell::Fed TclShell::Feed(std::string_view line) {
  if (pending_.size() + line.size() + 1 > kMaxScript) {
    pending_.clear();
    pending_started_ = false;
    host_.Print("% Tcl command longer than " + std::to_string(kMaxScript) +
                " bytes: discarded\n");
    return Fed::kDone;
  }
  if (pending_started_) pending_ += '\n';
  pending_ += line;
  pending_started_ = true;
  if (!TclComplete(pending_)) return Fed::kMore;
  const std::string script = std::exchange(pending_, {});
  pending_started_ = false;
  Result<std::string> r = EvalScript(script, 0);
  if (!r.ok()) {
    host_.Print(r.status().message() + "\n");
  } else if (!r->empty()) {
    host_.Print(*r + "\n");
  }
  if (!quit_) return Fed::kDone;
  if (Status s = CloseAll(); !s.ok()) host_.Print(s.message() + "\n");
  return Fed::kQuit;
}

Result<std::string> TclShell::EvalScript(std::string_view s, int depth) {
  if (depth > kMaxDepth) return TclError("too many nested evaluations (infinite loop?)");
  std::string result;
  size_t i = 0;
  while (i < s.size() && !quit_) {
    while (i < s.size() && IsSeparator(s[i])) ++i;
    if (i >= s.size()) break;
    if (s[i] == '#') {
      while (i < s.size() && s[i] != '\n') ++i;
      continue;
    }
    const size_t start = i;
    std::vector<std::string> words;
    while (i < s.size() && s[i] != '\n' && s[i] != ';') {
      if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r') {
        ++i;
        continue;
      }
      if (s[i] == '\\' && i + 1 < s.size() && s[i + 1] == '\n') {
        i += 2;
        continue;
      }
      Result<std::string> word = NextWord(s, i, depth);
      if (!word.ok()) return word.status();
      words.push_back(std::move(*word));
    }
    Result<std::string> r = EvalCommand(std::move(words), s.substr(start, i - start));
    if (!r.ok()) return r;
    result = std::move(*r);
  }
  return result;
}

// The word that starts at s[i] (braced, quoted or bare), substituted as Tcl does; `i` moves past
// it.
Result<std::string> TclShell::NextWord(std::string_view s, size_t& i, int depth) {
  if (s[i] == '{') {
    const size_t e = MatchBrace(s, i);
    if (e == npos) return TclError("missing close-brace");
    std::string word(s.substr(i + 1, e - i - 1));
    i = e + 1;
    if (i < s.size() && !IsSeparator(s[i])) return TclError("extra characters after close-brace");
    return word;
  }
  if (s[i] == '"') {
    const size_t e = MatchQuote(s, i);
    if (e == npos) return TclError("missing \"");
    Result<std::string> word = Substitute(s.substr(i + 1, e - i - 1), depth);
    i = e + 1;
    if (i < s.size() && !IsSeparator(s[i])) return TclError("extra characters after close-quote");
    return word;
  }
  size_t e = i;
  while (e < s.size() && !IsSeparator(s[e])) {
    if (s[e] == '\\') {
      e += 2;
    } else if (s[e] == '[') {
      const size_t m = MatchBracket(s, e);
      if (m == npos) return TclError("missing close-bracket");
      e = m + 1;
    } else {
      ++e;
    }
  }
  e = std::min(e, s.size());
  Result<std::string> word = Substitute(s.substr(i, e - i), depth);
  i = e;
  return word;
}

Result<std::string> TclShell::Substitute(std::string_view t, int depth) {
  std::string out;
  for (size_t i = 0; i < t.size(); ++i) {
    const char c = t[i];
    if (c == '\\' && i + 1 < t.size()) {
      out += Escaped(t[++i]);
    } else if (c == '[') {
      const size_t m = MatchBracket(t, i);
      if (m == npos) return TclError("missing close-bracket");
      Result<std::string> r = EvalScript(t.substr(i + 1, m - i - 1), depth + 1);
      if (!r.ok()) return r;
      out += *r;
      i = m;
    } else if (c == '$' && i + 1 < t.size()) {
      size_t b = i + 1;
      size_t e = b;
      std::string name;
      if (t[b] == '{') {
        e = t.find('}', b);
        if (e == npos) return TclError("missing close-brace for variable name");
        name = std::string(t.substr(b + 1, e - b - 1));
      } else {
        while (e < t.size() && (std::isalnum(static_cast<unsigned char>(t[e])) || t[e] == '_' ||
                                t[e] == ':')) {
          ++e;
        }
        name = std::string(t.substr(b, e - b));
        --e;
      }
      if (name.empty()) {
        out += c;
        continue;
      }
      auto it = variables_.find(name);
      if (it == variables_.end()) return TclError("can't read \"" + name + "\": no such variable");
      out += it->second;
      i = e;
    } else {
      out += c;
    }
    if (out.size() > kMaxFile) return TclError("string too long");
  }
  return out;
}

Result<std::string> TclShell::EvalCommand(std::vector<std::string> w, std::string_view raw) {
  if (w.empty()) return std::string();
  const std::string& cmd = w[0];
  if (cmd == "tclquit" || cmd == "exit") {
    quit_ = true;
    return std::string();
  }
  if (cmd == "puts") return Puts(w);
  if (cmd == "open") return Open(w);
  if (cmd == "set") return Set(w);
  if (cmd == "close" || cmd == "flush") {
    if (w.size() != 2) return TclError("wrong # args: should be \"" + cmd + " channelId\"");
    if (!channels_.contains(w[1])) return TclError("can not find channel named \"" + w[1] + "\"");
    return cmd == "close" ? Close(w[1]) : std::string();
  }
  if (!host_.RunIos(std::string(Trim(raw)))) {
    return TclError("invalid command name \"" + cmd + "\"");
  }
  return std::string();
}

Result<std::string> TclShell::Puts(const std::vector<std::string>& w) {
  size_t k = 1;
  bool newline = true;
  if (w.size() > 2 && w[1] == "-nonewline") {
    newline = false;
    k = 2;
  }
  const size_t rest = w.size() - k;
  if (rest != 1 && rest != 2) {
    return TclError("wrong # args: should be \"puts ?-nonewline? ?channelId? string\"");
  }
  const std::string text = w.back() + (newline ? "\n" : "");
  if (rest == 1 || w[k] == "stdout" || w[k] == "stderr") {
    host_.Print(text);
    return std::string();
  }
  auto it = channels_.find(w[k]);
  if (it == channels_.end()) return TclError("can not find channel named \"" + w[k] + "\"");
  if (!it->second.writable) {
    return TclError("channel \"" + w[k] + "\" wasn't opened for writing");
  }
  if (it->second.data.size() + text.size() > kMaxFile) {
    return TclError("error writing \"" + w[k] + "\": file too large");
  }
  it->second.data += text;
  return std::string();
}

Result<std::string> TclShell::Open(const std::vector<std::string>& w) {
  if (w.size() < 2 || w.size() > 4) {
    return TclError("wrong # args: should be \"open fileName ?access? ?permissions?\"");
  }
  const std::string access = w.size() > 2 ? w[2] : "r";
  static const std::vector<std::string> kModes = {"r", "r+", "w", "w+", "a", "a+"};
  if (std::find(kModes.begin(), kModes.end(), access) == kModes.end()) {
    return TclError("illegal access mode \"" + access + "\"");
  }
  const std::string cant = "couldn't open \"" + w[1] + "\": ";
  if (channels_.size() >= kMaxChannels) return TclError(cant + "too many open files");
  Result<ResolvedPath> where = device_.file_systems().Resolve(w[1]);
  if (!where.ok() || where->path.empty()) return TclError(cant + "no such file or directory");
  Channel ch{.url = w[1], .where = *where, .writable = access != "r"};
  if (access[0] != 'w') {
    Result<FileInfo> st = where->store->Stat(where->path);
    if (!st.ok()) return TclError(cant + "no such file or directory");
    if (st->size > kMaxFile) return TclError(cant + "file too large");
    if (access[0] == 'a') {
      Result<std::string> old = ReadWholeStoreFile(*where->store, where->path);
      if (!old.ok()) return TclError(cant + "no such file or directory");
      ch.data = std::move(*old);
    }
  }
  if (ch.writable && access[0] == 'r') {
    Result<std::string> old = ReadWholeStoreFile(*where->store, where->path);
    if (old.ok()) ch.data = std::move(*old);
  }
  const std::string name = "file" + std::to_string(next_channel_++);
  channels_.emplace(name, std::move(ch));
  return name;
}

Result<std::string> TclShell::Close(const std::string& name) {
  auto it = channels_.find(name);
  Channel ch = std::move(it->second);
  channels_.erase(it);
  if (!ch.writable) return std::string();
  Status s = WriteWholeFile(*ch.where.store, ch.where.path, ch.data);
  if (!s.ok()) {
    return TclError("error closing \"" + name + "\": " +
                    (s.code() == ErrorCode::kNoSpace ? "no space left on device" : s.message()));
  }
  return std::string();
}

Result<std::string> TclShell::Set(const std::vector<std::string>& w) {
  if (w.size() != 2 && w.size() != 3) {
    return TclError("wrong # args: should be \"set varName ?newValue?\"");
  }
  if (w.size() == 2) {
    auto it = variables_.find(w[1]);
    if (it == variables_.end()) return TclError("can't read \"" + w[1] + "\": no such variable");
    return it->second;
  }
  if (!variables_.contains(w[1]) && variables_.size() >= kMaxVariables) {
    return TclError("can't set \"" + w[1] + "\": too many variables");
  }
  variables_[w[1]] = w[2];
  return w[2];
}

Status TclShell::CloseAll() {
  Status first = Status::Ok();
  while (!channels_.empty()) {
    Result<std::string> r = Close(channels_.begin()->first);
    if (!r.ok() && first.ok()) first = r.status();
  }
  return first;
}

}  // namespace iosup
