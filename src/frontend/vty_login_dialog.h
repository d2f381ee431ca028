// The "User Access Verification" dialog of a vty line, as IOS runs it on telnet: Username: and
// Password: for `login local`, Password: alone for a line password, nothing with `no login`, and
// "Password required, but none set" when `login` has no password. Pure state machine: bytes in,
// text out; the caller owns the socket and the pause after a failed attempt.
#ifndef IOSUP_FRONTEND_VTY_LOGIN_DIALOG_H_
#define IOSUP_FRONTEND_VTY_LOGIN_DIALOG_H_

#include <string>

#include "device/line_service.h"

namespace iosup {

class VtyLoginDialog {
 public:
  enum class Event {
    kNone,     // keep feeding
    kGranted,  // logged in: user() and privilege() are set
    kRetry,    // a wrong attempt: pause, then print NextPrompt()
    kRefused,  // print the output, then close the connection
  };
  struct Step {
    std::string output;  // "\r\n" line ends, ready for the wire
    Event event = Event::kNone;
    bool failed = false;  // a wrong user or password was just refused (kRetry or kRefused)
  };
  static constexpr int kMaxAttempts = 3;

  // Reads the vty policy from `device` once; `device` must outlive the dialog.
  explicit VtyLoginDialog(const LineService& device);

  // What to print when the connection opens. kGranted at once without login; kRefused when the
  // line has no password to check.
  Step Start();
  // One byte typed by the client. Input is ignored while a retry is pending.
  Step Feed(char c);
  // The prompt that starts the next attempt after kRetry.
  std::string NextPrompt();
  // Which prompt is on screen ("Username" / "Password"), for the login timeout message.
  std::string CurrentField() const;

  const std::string& user() const { return user_; }
  int privilege() const { return privilege_; }

 private:
  enum class Field { kUser, kPassword, kWaiting, kDone };
  Step Submit();
  Step CheckPassword();
  std::string FirstPrompt() const;

  const LineService& device_;
  VtyPolicy policy_;
  Field field_ = Field::kUser;
  std::string typed_;
  std::string user_;
  int privilege_ = 1;
  int attempts_ = 0;
  bool after_cr_ = false;  // a CR ended the last line: its LF or NUL is not input
};

}  // namespace iosup

#endif  // IOSUP_FRONTEND_VTY_LOGIN_DIALOG_H_
