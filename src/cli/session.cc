#include "cli/session.h"

#include <cctype>
#include <utility>

namespace iosup::cli {

namespace {
constexpr std::string_view kMore = " --More-- ";
constexpr std::string_view kUnMore = "\b\b\b\b\b\b\b\b\b\b          \b\b\b\b\b\b\b\b\b\b";
}  // namespace

// ---------------------------------------------------------------- CommandContext

bool CommandContext::Has(std::string_view keyword) const {
  for (const Arg& a : args_) {
    if (a.is_keyword() && a.value == keyword) return true;
  }
  return false;
}

std::string CommandContext::Var(size_t i) const {
  for (const Arg& a : args_) {
    if (a.is_keyword()) continue;
    if (i-- == 0) return a.value;
  }
  return {};
}

size_t CommandContext::VarCount() const {
  size_t n = 0;
  for (const Arg& a : args_) n += !a.is_keyword();
  return n;
}

std::optional<std::string> CommandContext::After(std::string_view keyword) const {
  for (size_t i = 0; i + 1 < args_.size(); ++i) {
    if (args_[i].is_keyword() && args_[i].value == keyword) return args_[i + 1].value;
  }
  return std::nullopt;
}

void CommandContext::Print(std::string_view text) { session_.Emit(text); }

void CommandContext::Ask(Question q,
                         std::function<void(CommandContext&, const std::string&)> on_answer) {
  session_.question_ = Session::PendingQuestion{std::move(q), std::move(on_answer)};
  session_.question_shown_ = false;
}

std::shared_ptr<PendingCommand> CommandContext::Detach() {
  ++session_.detached_;
  auto pending = std::shared_ptr<PendingCommand>(new PendingCommand(&session_, session_.alive_));
  std::erase_if(session_.pending_, [](const auto& p) { return p.expired(); });
  session_.pending_.push_back(pending);
  return pending;
}

void PendingCommand::Print(std::string_view text) {
  if (alive()) session_->Write(text);
}

void PendingCommand::Finish() {
  if (!alive()) return;
  finished_ = true;
  on_interrupt_ = nullptr;
  --session_->detached_;
  session_->Settle();
  if (session_->detached_ == 0 && !session_->typeahead_.empty()) {
    session_->Input(std::exchange(session_->typeahead_, {}));
  }
}

// ---------------------------------------------------------------- Session

Session::Session(const CommandSet& commands, Terminal& terminal, Options options)
    : commands_(commands),
      terminal_(terminal),
      mode_(options.start_mode),
      privilege_(options.privilege),
      terminal_length_(options.terminal_length),
      terminal_width_(options.terminal_width) {}

Session::~Session() { *alive_ = false; }

std::string Session::Prompt() const {
  const ModeSpec* m = commands_.Mode(mode_);
  return Hostname() + (m ? m->prompt_suffix : "") + (privilege_ >= 2 ? "#" : ">");
}

void Session::Start() { Write(Prompt()); }

void Session::Close() {
  if (closed_) return;
  for (const std::string& m : std::exchange(deferred_, {})) Write(m);
  closed_ = true;
  terminal_.Close();
}

void Session::SetMode(const std::string& mode) {
  if (mode == mode_) return;
  std::string from = mode_;
  mode_ = mode;
  ModeChanged(from, mode);
}

void Session::Write(std::string_view text) {
  if (closed_) return;
  std::string out;
  out.reserve(text.size() + 16);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) out += '\r';
    out += text[i];
  }
  terminal_.Write(out);
}

void Session::Input(std::string_view bytes) {
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (closed_) return;
    if (detached_ > 0) {  // a command is still running: keep typeahead for later
      const char c = bytes[i];
      if ((c != 0x03 && c != 0x1e) || !InterruptPending()) typeahead_ += c;
      continue;
    }
    Feed(bytes[i]);
  }
}

bool Session::InterruptPending() {
  bool any = false;
  for (const std::weak_ptr<PendingCommand>& weak : std::vector(pending_)) {
    std::shared_ptr<PendingCommand> p = weak.lock();
    if (!p || !p->alive() || !p->on_interrupt_) continue;
    std::function<void()> interrupt = std::exchange(p->on_interrupt_, nullptr);
    interrupt();
    any = true;
  }
  return any;
}

void Session::Feed(char c) {
  if (swallow_lf_) {
    swallow_lf_ = false;
    if (c == '\n' || c == '\0') return;
  }
  // CR LF and CR NUL are one Enter whatever reads it: the line, a question or --More--. The
  // second byte must not answer the [confirm] the first one brought up.
  if (c == '\r') swallow_lf_ = true;
  switch (state_) {
    case State::kEditing: FeedEditing(c); break;
    case State::kQuestion: FeedQuestion(c); break;
    case State::kMore: FeedMore(c); break;
  }
}

void Session::FeedEditing(char c) {
  LineEditor::Step step = editor_.Feed(c);
  Write(step.echo);
  const ModeSpec* m = commands_.Mode(mode_);
  switch (step.action) {
    case LineEditor::Action::kNone: return;
    case LineEditor::Action::kEnter: {
      Write("\n");
      std::string line = editor_.line();
      editor_.AddHistory(line);
      editor_.Clear();
      RunLine(line);
      return;
    }
    case LineEditor::Action::kHelp:
      if (m != nullptr && m->literal_question) {
        Write(editor_.Type('?').echo);
        return;
      }
      Write("?\n");
      ShowHelp();
      Write(Prompt() + editor_.line());
      return;
    case LineEditor::Action::kComplete: {
      const CommandTree* tree = commands_.Tree(mode_);
      if (auto done = tree ? tree->Complete(editor_.line(), privilege_) : std::nullopt) {
        Write(editor_.Replace(*done));
      }
      return;
    }
    case LineEditor::Action::kCtrlZ:
    case LineEditor::Action::kInterrupt:
      if (m != nullptr && m->is_config) {
        Write("^Z\n");
        editor_.Clear();
        SetMode("exec");
        Write(Prompt());
      } else if (step.action == LineEditor::Action::kInterrupt) {
        Write("^C\n");
        editor_.Clear();
        Write(Prompt());
      }
      return;
  }
}

void Session::RunLine(const std::string& line) {
  page_lines_ = 0;
  ++depth_;
  LineEntered(line);
  Dispatch(line);
  --depth_;
  Settle();
}

void Session::Execute(const std::string& line, size_t column) {
  const std::string saved = mode_;
  const std::optional<size_t> saved_base = caret_base_;
  caret_base_ = Prompt().size() + column;
  mode_ = "exec";
  Dispatch(line);
  caret_base_ = saved_base;
  if (mode_ == "exec" && !closed_) mode_ = saved;
}

void Session::PrintError(const std::string& line, size_t offset) {
  (void)line;
  const size_t base = caret_base_ ? *caret_base_ : Prompt().size();
  Write(std::string(base + offset, ' ') + "^\n% Invalid input detected at '^' marker.\n\n");
}

void Session::Dispatch(const std::string& line) {
  size_t bar = std::string::npos;
  for (size_t i = 1; i < line.size(); ++i) {
    if (line[i] == '|' && line[i - 1] == ' ') {
      bar = i;
      break;
    }
  }
  const std::string cmd = line.substr(0, bar == std::string::npos ? line.size() : bar - 1);
  const CommandTree* tree = commands_.Tree(mode_);
  if (tree == nullptr) return;
  ParseResult r = tree->Parse(cmd, privilege_);
  auto emulated = [](const ParseResult& p) {
    return p.outcome == ParseResult::Outcome::kOk && !p.command->not_emulated;
  };
  // A command unknown in a configuration sub-mode is tried in the enclosing mode, as IOS does;
  // so is one of IOS's words the emulation lacks, for a real command there wins.
  for (const ModeSpec* m = commands_.Mode(mode_);
       !emulated(r) && m && m->is_config && !m->parent.empty();) {
    const ModeSpec* parent = commands_.Mode(m->parent);
    if (parent == nullptr || !parent->is_config) break;
    ParseResult up = commands_.Tree(parent->id)->Parse(cmd, privilege_);
    if (emulated(up) ||
        (up.outcome == ParseResult::Outcome::kOk && r.outcome != ParseResult::Outcome::kOk)) {
      SetMode(parent->id);
      r = std::move(up);
    }
    m = parent;
  }
  if (r.outcome == ParseResult::Outcome::kEmpty) return;
  if (r.outcome != ParseResult::Outcome::kOk) {
    // The pipe belongs to the line IOS reports in its errors; the caret offsets count in `cmd`.
    ParseFailed(r.outcome == ParseResult::Outcome::kAmbiguous ? line : cmd, r);
    return;
  }
  if (bar != std::string::npos && r.command->passes_pipe) {
    r = commands_.Tree(mode_)->Parse(line, privilege_);  // the pipe is its LINE's business
    bar = std::string::npos;
  }
  if (bar != std::string::npos) {
    if (!r.command->pipeable) {
      PrintError(line, bar);
      return;
    }
    FilterError err{};
    Result<OutputFilter> f = ParseOutputFilter(std::string_view(line).substr(bar + 1), &err);
    if (!f.ok()) {
      if (err.kind == FilterError::Kind::kIncomplete) {
        Write("% Incomplete command.\n\n");
      } else {
        PrintError(line, bar + 1 + err.offset);
      }
      return;
    }
    filter_ = std::move(*f);
    capturing_ = true;
  }
  CommandContext ctx(*this, std::move(r.args), bar == std::string::npos ? line : cmd);
  commands_.HandlerOf(*r.command)(ctx);
  if (capturing_) {
    capturing_ = false;
    std::string out = ApplyOutputFilter(*filter_, captured_);
    captured_.clear();
    filter_.reset();
    Emit(out);
  }
}

void Session::ParseFailed(const std::string& line, const ParseResult& r) {
  switch (r.outcome) {
    case ParseResult::Outcome::kEmpty:
    case ParseResult::Outcome::kOk: return;
    case ParseResult::Outcome::kAmbiguous: Write("% Ambiguous command:  \"" + line + "\"\n"); return;
    case ParseResult::Outcome::kIncomplete: Write("% Incomplete command.\n\n"); return;
    case ParseResult::Outcome::kInvalid: {
      size_t first_end = line.find_first_not_of(' ');
      bool single = first_end != std::string::npos &&
                    line.find(' ', first_end) == std::string::npos;
      if (mode_ == "exec" && single && r.error_offset == first_end) {
        CommandContext ctx(*this, {}, line);
        UnknownExecWord(ctx, line.substr(first_end));
        return;
      }
      PrintError(line, r.error_offset);
      return;
    }
  }
}

void Session::UnknownExecWord(CommandContext& ctx, const std::string& word) {
  ctx.Print("Translating \"" + word + "\"...domain server (255.255.255.255)\n");
  ctx.Print("% Unknown command or computer name, or unable to find computer address\n");
}

void Session::ShowHelp() {
  const CommandTree* tree = commands_.Tree(mode_);
  if (tree == nullptr) return;
  HelpResult h = tree->Help(editor_.line(), privilege_);
  switch (h.outcome) {
    case HelpResult::Outcome::kInvalid: PrintError(editor_.line(), h.error_offset); return;
    case HelpResult::Outcome::kAmbiguous:
      Write("% Ambiguous command:  \"" + editor_.line() + "\"\n");
      return;
    case HelpResult::Outcome::kUnrecognized: Write("% Unrecognized command\n"); return;
    case HelpResult::Outcome::kOk: {
      const ModeSpec* m = commands_.Mode(mode_);
      const bool top = editor_.line().find_first_not_of(' ') == std::string::npos;
      Write((top && m != nullptr && !m->help_title.empty() ? m->help_title + "\n" : "") +
            FormatHelp(h) + "\n");
      return;
    }
  }
}

// ---------------------------------------------------------------- output and paging

void Session::Emit(std::string_view text) {
  if (capturing_) {
    captured_ += text;
    return;
  }
  if (terminal_length_ <= 0 && state_ != State::kMore) {
    Write(text);
    return;
  }
  size_t i = 0;
  while (i < text.size()) {
    size_t nl = text.find('\n', i);
    if (nl == std::string_view::npos) {
      // A partial line (progress dots, a prompt): never held back.
      if (state_ == State::kMore) more_lines_.emplace_back(text.substr(i));
      else Write(text.substr(i));
      return;
    }
    std::string line(text.substr(i, nl + 1 - i));
    i = nl + 1;
    // --More-- appears only when a line is waiting beyond a full page.
    if (state_ == State::kEditing && terminal_length_ > 0 && page_lines_ >= terminal_length_ - 1) {
      Write(kMore);
      state_ = State::kMore;
    }
    if (state_ == State::kMore) {
      more_lines_.push_back(std::move(line));
      continue;
    }
    Write(line);
    ++page_lines_;
  }
}

void Session::FlushPage() {
  state_ = State::kEditing;
  while (!more_lines_.empty() && state_ == State::kEditing) {
    std::string line = std::move(more_lines_.front());
    more_lines_.pop_front();
    Emit(line);
  }
}

void Session::FeedMore(char c) {
  Write(kUnMore);
  if (c == ' ') {
    page_lines_ = 0;
    FlushPage();
  } else if (c == '\r' || c == '\n') {
    page_lines_ = terminal_length_ - 2;  // one more line, then --More-- again
    FlushPage();
  } else {
    more_lines_.clear();
    state_ = State::kEditing;
  }
  if (state_ == State::kEditing) Settle();
}

// ---------------------------------------------------------------- dialogs

void Session::Settle() {
  if (depth_ > 0 || closed_ || state_ == State::kMore || detached_ > 0) return;
  if (question_ && !question_shown_) {
    question_shown_ = true;
    state_ = State::kQuestion;
    editor_.Clear();
    editor_.set_echo(question_->q.kind != Question::Kind::kSecret);
    Write(question_->q.prompt);
    return;
  }
  if (question_) return;
  Write(Prompt());
  for (const std::string& m : std::exchange(deferred_, {})) Notify(m);
}

void Session::AnswerQuestion(const std::string& answer) {
  PendingQuestion q = std::move(*question_);
  question_.reset();
  question_shown_ = false;
  state_ = State::kEditing;
  editor_.set_echo(true);
  page_lines_ = 0;
  ++depth_;
  CommandContext ctx(*this, {}, "");
  q.on_answer(ctx, answer);
  --depth_;
  Settle();
}

void Session::FeedQuestion(char c) {
  const Question& q = question_->q;
  if (c == 0x03) {  // Ctrl-C abandons the command
    Write("^C\n");
    question_.reset();
    question_shown_ = false;
    state_ = State::kEditing;
    editor_.set_echo(true);
    editor_.Clear();
    Settle();
    return;
  }
  if (q.kind == Question::Kind::kConfirm) {
    const bool yes = c == '\r' || c == '\n' || c == 'y' || c == 'Y';
    Write((c == '\r' || c == '\n') ? "\n" : std::string(1, c) + "\n");
    AnswerQuestion(yes ? "y" : "n");
    return;
  }
  LineEditor::Step step = editor_.Feed(c);
  Write(step.echo);
  if (step.action != LineEditor::Action::kEnter) return;
  Write("\n");
  std::string answer = editor_.line();
  editor_.Clear();
  if (q.kind == Question::Kind::kLine && answer.empty()) answer = q.default_answer;
  if (q.kind == Question::Kind::kYesNo) {
    std::string a;
    for (char ch : answer) a += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (a == "yes" || a == "y" || a == "ye") {
      answer = "yes";
    } else if (a == "no" || a == "n") {
      answer = "no";
    } else {
      Write("% Please answer 'yes' or 'no'.\n" + q.prompt);
      return;
    }
  }
  AnswerQuestion(answer);
}

void Session::Notify(std::string_view text) {
  if (closed_) return;
  if (depth_ > 0) {
    deferred_.emplace_back(text);
    return;
  }
  if (state_ != State::kEditing || question_) {
    Write(text);
    return;
  }
  std::string msg(text);
  if (msg.empty() || msg.back() != '\n') msg += '\n';
  Write("\n" + msg);
  Write(Prompt() + editor_.line());
}

}  // namespace iosup::cli
