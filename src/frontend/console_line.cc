#include "frontend/console_line.h"

#include "device/commands/ios_command_set.h"

namespace iosup {

ConsoleLine::ConsoleLine(Device& device, cli::Terminal& terminal)
    : device_(device), terminal_(terminal) {
  device_.AddListener(this);
}

ConsoleLine::~ConsoleLine() {
  device_.RemoveListener(this);
  session_.reset();
}

void ConsoleLine::WriteRaw(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) out += '\r';
    out += text[i];
  }
  terminal_.Write(out);
}

void ConsoleLine::Activate() {
  if (session_ || device_.state() != DeviceState::kRunning) return;
  session_closed_ = false;
  cli::Session::Options options;
  session_ = std::make_unique<DeviceSession>(device_, IosCommandSet(device_.platform()),
                                             session_terminal_, options, SessionLine{});
  session_->Start();
}

void ConsoleLine::Input(std::string_view bytes) {
  in_input_ = true;
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (session_) {
      session_->Input(bytes.substr(i, 1));
      ReapIfClosed();
      continue;
    }
    if (device_.state() == DeviceState::kRunning && (bytes[i] == '\r' || bytes[i] == '\n')) {
      if (bytes[i] == '\r' && i + 1 < bytes.size() && (bytes[i + 1] == '\n' || bytes[i + 1] == '\0')) ++i;
      Activate();
    }
    // ROMMON and the switch loader get their own command line (not yet): input is ignored.
  }
  in_input_ = false;
  if (end_pending_) EndSession();
}

void ConsoleLine::ReapIfClosed() {
  if (end_pending_) return EndSession();
  if (!session_closed_) return;
  session_.reset();
  session_closed_ = false;
  WriteRaw("\n\n" + device_.hostname() +
           " con0 is now available\n\n\n\n\n\nPress RETURN to get started.\n\n\n");
}

void ConsoleLine::EndSession() {
  end_pending_ = false;
  session_.reset();
  session_closed_ = false;
}

void ConsoleLine::OnConsole(std::string_view text) {
  if (session_ && device_.state() == DeviceState::kRunning) {
    session_->Notify(text);
  } else {
    WriteRaw(text);
  }
}

void ConsoleLine::OnStateChanged(DeviceState state) {
  if (state == DeviceState::kRunning || !session_) return;
  // The session may be inside a handler (reload): silence it now, end it once the input that
  // caused it returns.
  if (in_input_) {
    end_pending_ = true;
    session_->Close();
  } else {
    EndSession();
  }
}

}  // namespace iosup
