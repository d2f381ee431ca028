#include "frontend/console_line.h"

namespace iosup {

ConsoleLine::ConsoleLine(LineService& device, cli::Terminal& terminal)
    : device_(device), terminal_(terminal) {
  device_.AddListener(this);
}

ConsoleLine::~ConsoleLine() {
  device_.RemoveListener(this);
  session_.reset();
  retired_.clear();
}

void ConsoleLine::WriteRaw(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) out += '\r';
    out += text[i];
  }
  terminal_.Write(out);
}

void ConsoleLine::OpenSession(bool monitor) {
  session_terminal_ = std::make_unique<SessionTerminal>(*this);
  if (monitor) {
    session_ = device_.OpenMonitor(*session_terminal_);
    exec_ = nullptr;
  } else {
    session_ = device_.OpenExec(*session_terminal_, SessionLine{}, /*privilege=*/1);
    exec_ = session_.get();
  }
  session_->Start();
}

void ConsoleLine::Activate() {
  if (session_) return;
  if (device_.state() == DeviceState::kRomMonitor) return OpenSession(/*monitor=*/true);
  if (device_.state() == DeviceState::kRunning && !device_.setup_dialog_pending()) {
    OpenSession(/*monitor=*/false);
  }
}

void ConsoleLine::RetireSession() {
  if (!session_) return;
  session_terminal_->closed = true;
  session_->Close();
  retired_.push_back(std::move(session_));
  retired_terminals_.push_back(std::move(session_terminal_));
  exec_ = nullptr;
  if (input_depth_ == 0) {
    retired_.clear();
    retired_terminals_.clear();
  }
}

void ConsoleLine::Break() { device_.Break(); }

void ConsoleLine::Input(std::string_view bytes) {
  ++input_depth_;
  for (size_t i = 0; i < bytes.size(); ++i) {
    const char c = bytes[i];
    if (c == kBreakByte && !session_) {
      Break();
      continue;
    }
    if (session_) {
      session_->Input(bytes.substr(i, 1));
      ReapIfClosed();
      continue;
    }
    if (device_.state() != DeviceState::kRunning) continue;  // booting: nothing listens
    if (device_.setup_dialog_pending()) {
      FeedSetupDialog(c);
      continue;
    }
    if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < bytes.size() && (bytes[i + 1] == '\n' || bytes[i + 1] == '\0')) ++i;
      Activate();
    }
  }
  if (--input_depth_ == 0) {
    retired_.clear();
    retired_terminals_.clear();
  }
}

// "Would you like to enter the initial configuration dialog? [yes/no]: " is answered on the
// console line itself: no session exists until it is.
void ConsoleLine::FeedSetupDialog(char c) {
  cli::LineEditor::Step step = setup_editor_.Feed(c);
  WriteRaw(step.echo);
  if (step.action != cli::LineEditor::Action::kEnter) return;
  WriteRaw("\n");
  std::string a = setup_editor_.line();
  setup_editor_.Clear();
  for (char& ch : a) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (a == "no" || a == "n") return device_.AnswerSetupDialog(false);
  if (a == "yes" || a == "y" || a == "ye") return device_.AnswerSetupDialog(true);
  WriteRaw("% Please answer 'yes' or 'no'.\n"
           "Would you like to enter the initial configuration dialog? [yes/no]: ");
}

void ConsoleLine::ReapIfClosed() {
  if (!session_ || !session_terminal_->closed) return;
  const bool was_exec = exec_ != nullptr;
  RetireSession();
  if (!was_exec) return;
  WriteRaw("\n\n" + device_.hostname() +
           " con0 is now available\n\n\n\n\n\nPress RETURN to get started.\n\n\n");
}

void ConsoleLine::OnConsole(std::string_view text) {
  if (exec_ != nullptr && device_.state() == DeviceState::kRunning) {
    exec_->Notify(text);
  } else {
    WriteRaw(text);
  }
}

void ConsoleLine::OnStateChanged(DeviceState state) {
  // The open session belongs to the state that just ended (it may be inside the handler that
  // caused the change: reload, reset, boot): silence it now, free it once the input returns.
  if (state == DeviceState::kRunning && exec_ != nullptr) return;
  RetireSession();
  if (state == DeviceState::kRomMonitor) OpenSession(/*monitor=*/true);
}

}  // namespace iosup
