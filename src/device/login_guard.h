// IOS's protection of vty logins against guessing (`login block-for N attempts M within T`): M
// failed logins within T seconds put the device in quiet mode for N seconds, during which every
// new telnet and SSH connection is refused, except from sources the `login quiet-mode
// access-class` ACL permits. Entering and leaving quiet mode are logged as IOS does
// (%SEC_LOGIN-1-QUIET_MODE_ON, %SEC_LOGIN-5-QUIET_MODE_OFF). Pure state machine on the caller's
// clock: the policy is passed in on each event, as read from the running-config at that moment.
#ifndef IOSUP_DEVICE_LOGIN_GUARD_H_
#define IOSUP_DEVICE_LOGIN_GUARD_H_

#include <cstdint>
#include <deque>
#include <optional>
#include <string>

#include "base/clock.h"
#include "device/config.h"

namespace iosup {

struct LoginBlockPolicy {
  int block_seconds = 0;   // quiet period
  int attempts = 0;        // failures that start it...
  int within_seconds = 0;  // ...within this window
  std::string quiet_acl;   // `login quiet-mode access-class X`: sources exempt; "" = none
};
// The `login block-for` of `config`, if configured.
std::optional<LoginBlockPolicy> LoginBlockPolicyOf(const Config& config);

class LoginGuard {
 public:
  struct Failure {
    std::string user;
    std::string source;  // the client's address
    uint16_t local_port = 0;
  };

  // Counts a failed login at `now`. Returns the QUIET_MODE_ON message (no syslog stamp, no line
  // end) when this failure starts quiet mode. Ignored without a policy or while quiet.
  std::optional<std::string> RecordFailure(const std::optional<LoginBlockPolicy>& policy,
                                           WallTime now, const Failure& failure);
  // Whether quiet mode holds at `now` (ended by Tick, or at once when the policy is removed).
  bool quiet() const { return quiet_until_.has_value(); }
  // Ends quiet mode once its period has passed (returns the QUIET_MODE_OFF message), or silently
  // when `login block-for` was removed. Forgets failures older than the window.
  std::optional<std::string> Tick(const std::optional<LoginBlockPolicy>& policy, WallTime now);
  // When Tick has something to do next, if anything.
  std::optional<WallTime> NextWakeup() const { return quiet_until_; }
  // Forgets everything (a reload).
  void Reset();

 private:
  std::deque<WallTime> failures_;  // within the current window, oldest first
  std::optional<WallTime> quiet_until_;
};

}  // namespace iosup

#endif  // IOSUP_DEVICE_LOGIN_GUARD_H_
