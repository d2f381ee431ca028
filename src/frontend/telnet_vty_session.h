// What a telnet client meets on a vty line once the protocol is up: the IOS login dialog (with a
// pause after each failure), then an EXEC session on "vty N" at the user's privilege, sized by
// NAWS, closed after the line's exec-timeout of inactivity. BREAK is ignored in an EXEC session,
// as IOS does on a vty. One per connection; not thread-safe.
//
// The login dialog is bounded as IOS bounds it: each prompt waits 30 s for its answer on the
// device's clock (IOS's login response timeout; exec-timeout only starts with the EXEC session),
// checked by the server (LoginOverdue / ExpireLogin); each failure counts towards the device's
// `login block-for`, and one that starts quiet mode closes the connection. The session holds its
// LoginSlot until the login succeeds.
#ifndef IOSUP_FRONTEND_TELNET_VTY_SESSION_H_
#define IOSUP_FRONTEND_TELNET_VTY_SESSION_H_

#include <asio.hpp>
#include <chrono>
#include <memory>
#include <string>

#include <optional>

#include "cli/session.h"
#include "device/line_service.h"
#include "frontend/login_slots.h"
#include "frontend/telnet_connection.h"
#include "frontend/vty_login_dialog.h"

namespace iosup {

class TelnetVtySession : public TelnetConnection::Handler {
 public:
  struct Options {
    int vty = 0;                                      // the line: "vty <vty>"
    std::chrono::milliseconds retry_delay{1000};      // pause after a failed login
    std::chrono::milliseconds login_timeout{30'000};  // IOS: 30 s to answer Username/Password
    uint16_t local_port = 23;                         // for the SEC_LOGIN messages
    std::optional<LoginSlot> slot;                    // given back once logged in
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
  // Whether the prompt on screen has waited past its login timeout at `now` (device clock).
  bool LoginOverdue(WallTime now) const;
  // Ends an overdue login as IOS does: "% Username:  timeout expired!", then the connection
  // closes once that is written. The session is overdue again if that takes more than a few
  // seconds (a client that does not read): expired() then tells the server to abort it.
  void ExpireLogin();
  bool expired() const { return expired_; }

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
  void ExecTimedOut();
  void RetryLogin();
  bool CountFailure();  // false when the connection is to close (quiet mode began)

  LineService& device_;
  TelnetConnection& connection_;
  Options options_;
  Wire wire_{connection_};
  VtyLoginDialog login_;
  std::unique_ptr<cli::Session> session_;
  int width_ = 80, height_ = 24;
  int exec_timeout_seconds_ = 0;
  bool waiting_retry_ = false;
  bool expired_ = false;
  WallTime login_deadline_;
  asio::steady_timer idle_timer_;   // exec-timeout
  asio::steady_timer retry_timer_;  // the pause after a failed login
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace iosup

#endif  // IOSUP_FRONTEND_TELNET_VTY_SESSION_H_
