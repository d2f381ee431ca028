#include "frontend/telnet_vty_session.h"

namespace iosup {

namespace {
constexpr auto kExpiredDrain = std::chrono::seconds(5);
}  // namespace

TelnetVtySession::TelnetVtySession(LineService& device, TelnetConnection& connection,
                                   Options options)
    : device_(device),
      connection_(connection),
      options_(std::move(options)),
      login_(device),
      idle_timer_(connection.executor()),
      retry_timer_(connection.executor()) {}

TelnetVtySession::~TelnetVtySession() {
  *alive_ = false;
  if (session_) session_->Close();
}

void TelnetVtySession::Start() {
  exec_timeout_seconds_ = device_.vty_policy().exec_timeout_seconds;
  VtyLoginDialog::Step step = login_.Start();
  connection_.Send(step.output);
  if (step.event == VtyLoginDialog::Event::kGranted) return OpenSession();
  if (step.event == VtyLoginDialog::Event::kRefused) return connection_.Close();
  login_deadline_ = device_.Now() + options_.login_timeout;
}

// Timers capture a weak token, not `this` alone: a wait already completed when the session is
// destroyed still runs its handler.
void TelnetVtySession::ArmTimer(std::chrono::milliseconds after, void (TelnetVtySession::*then)()) {
  idle_timer_.expires_after(after);
  idle_timer_.async_wait([this, then, alive = std::weak_ptr<bool>(alive_)](asio::error_code ec) {
    if (ec || alive.expired()) return;
    (this->*then)();
  });
}

void TelnetVtySession::OnData(std::string_view bytes) {
  if (!session_) return FeedLogin(bytes);
  if (exec_timeout_seconds_ > 0) {
    ArmTimer(std::chrono::seconds(exec_timeout_seconds_), &TelnetVtySession::ExecTimedOut);
  }
  session_->Input(bytes);
}

void TelnetVtySession::FeedLogin(std::string_view bytes) {
  for (char c : bytes) {
    if (waiting_retry_ || session_) return;  // typeahead during the pause is dropped
    const std::string field = login_.CurrentField();
    VtyLoginDialog::Step step = login_.Feed(c);
    connection_.Send(step.output);
    if (step.failed && !CountFailure()) return connection_.Close();
    if (login_.CurrentField() != field) {  // the next prompt gets its own time to answer
      login_deadline_ = device_.Now() + options_.login_timeout;
    }
    switch (step.event) {
      case VtyLoginDialog::Event::kNone:
        break;
      case VtyLoginDialog::Event::kGranted:
        return OpenSession();
      case VtyLoginDialog::Event::kRefused:
        return connection_.Close();
      case VtyLoginDialog::Event::kRetry:
        waiting_retry_ = true;
        retry_timer_.expires_after(options_.retry_delay);
        retry_timer_.async_wait([this, alive = std::weak_ptr<bool>(alive_)](asio::error_code ec) {
          if (!ec && !alive.expired()) RetryLogin();
        });
        return;
    }
  }
}

void TelnetVtySession::RetryLogin() {
  waiting_retry_ = false;
  connection_.Send(login_.NextPrompt());
  login_deadline_ = device_.Now() + options_.login_timeout;
}

bool TelnetVtySession::CountFailure() {
  device_.RecordLoginFailure({login_.user(), connection_.peer_address(), options_.local_port});
  return !device_.LoginQuiet(connection_.peer_address());
}

bool TelnetVtySession::LoginOverdue(WallTime now) const {
  return !session_ && !waiting_retry_ && now >= login_deadline_;
}

void TelnetVtySession::ExpireLogin() {
  if (session_ || expired_) return;
  expired_ = true;
  login_deadline_ = device_.Now() + kExpiredDrain;
  connection_.Send("\r\n% " + login_.CurrentField() + ":  timeout expired!\r\n");
  connection_.Close();
}

void TelnetVtySession::ExecTimedOut() { connection_.Close(); }

void TelnetVtySession::OpenSession() {
  options_.slot.reset();  // logged in: no longer a pending login
  SessionLine line{.name = "vty " + std::to_string(options_.vty),
                   .user = login_.user(),
                   .peer = connection_.peer_address()};
  session_ = device_.OpenExec(wire_, std::move(line), login_.privilege());
  session_->set_terminal_width(width_);
  session_->set_terminal_length(height_);
  session_->Start();
  if (exec_timeout_seconds_ > 0) {
    ArmTimer(std::chrono::seconds(exec_timeout_seconds_), &TelnetVtySession::ExecTimedOut);
  }
}

// IOS takes the window size from NAWS; a zero means "unknown" and changes nothing.
void TelnetVtySession::OnWindowSize(int width, int height) {
  if (width > 0) width_ = width;
  if (height > 0) height_ = height;
  if (!session_) return;
  session_->set_terminal_width(width_);
  session_->set_terminal_length(height_);
}

}  // namespace iosup
