// What a telnet client meets on a vty line once the protocol is up: the IOS login dialog (with a
// pause after each failure and a 30-second login timeout), then an EXEC session on "vty N" at the
// user's privilege, sized by NAWS, closed after the line's exec-timeout of inactivity. BREAK is
// ignored in an EXEC session, as IOS does on a vty. One per connection; not thread-safe.
#ifndef IOSUP_FRONTEND_TELNET_VTY_SESSION_H_
#define IOSUP_FRONTEND_TELNET_VTY_SESSION_H_

#include <asio.hpp>
#include <chrono>
#include <memory>
#include <string>

#include "cli/session.h"
#include "device/line_service.h"
#include "frontend/telnet_connection.h"
#include "frontend/vty_login_dialog.h"

namespace iosup {

class TelnetVtySession : public TelnetConnection::Handler {
 public:
  struct Options {
    int vty = 0;                                      // the line: "vty <vty>"
    std::chrono::milliseconds retry_delay{1000};      // pause after a failed login
    std::chrono::milliseconds login_timeout{30'000};  // IOS: 30 s to answer Username/Password
  };

  // `device` and `connection` must outlive the session.
  TelnetVtySession(LineService& device, TelnetConnection& connection, Options options);
  ~TelnetVtySession() override;

  // Prints the login dialog (or opens the session at once with `no login`).
  void Start();
  void OnData(std::string_view bytes) override;
  void OnWindowSize(int width, int height) override;

  // The EXEC session once logged in (null before).
  cli::Session* session() { return session_.get(); }

 private:
  // Writes a session's bytes to the connection; Close() (exit, logout) closes it.
  class Wire : public cli::Terminal {
   public:
    explicit Wire(TelnetConnection& c) : connection_(c) {}
    void Write(std::string_view bytes) override { connection_.Send(bytes); }
    void Close() override { connection_.Close(); }

   private:
    TelnetConnection& connection_;
  };

  void FeedLogin(std::string_view bytes);
  void OpenSession();
  void ArmTimer(std::chrono::milliseconds after, void (TelnetVtySession::*then)());
  void LoginTimedOut();
  void ExecTimedOut();
  void RetryLogin();

  LineService& device_;
  TelnetConnection& connection_;
  Options options_;
  Wire wire_{connection_};
  VtyLoginDialog login_;
  std::unique_ptr<cli::Session> session_;
  int width_ = 80, height_ = 24;
  int exec_timeout_seconds_ = 0;
  bool waiting_retry_ = false;
  asio::steady_timer idle_timer_;   // login timeout, then exec-timeout
  asio::steady_timer retry_timer_;  // the pause after a failed login
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace iosup

#endif  // IOSUP_FRONTEND_TELNET_VTY_SESSION_H_
