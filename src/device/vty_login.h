// Who may log in on a vty line (SSH, telnet) and at what privilege, from the device's own
// running-config: `line vty 0 4` with `login local` (usernames and secrets), `login` with a line
// password, or neither ("% Login disabled" / no password set); `transport input` lists what may
// connect. Shared by every network front-end.
#ifndef IOSUP_DEVICE_VTY_LOGIN_H_
#define IOSUP_DEVICE_VTY_LOGIN_H_

#include <string>
#include <string_view>

#include "base/status.h"
#include "device/config.h"

namespace iosup {

struct VtyPolicy {
  enum class Login { kLocal, kLinePassword, kNone };
  Login login = Login::kLinePassword;
  std::string line_password;            // "login" with "password X"
  bool ssh = true, telnet = true;       // transport input
  int exec_timeout_seconds = 600;       // 0 = never
};

// The policy of the first vty line block (IOS default when none is configured: login with no
// password set, transport all, 10 minutes).
VtyPolicy VtyPolicyOf(const Config& config);

// The SSH server's settings (IOS defaults when unset): `ip ssh time-out` bounds the time from
// the TCP connection to a successful authentication; `ip ssh authentication-retries` is how many
// failed attempts a connection gets before it is closed.
struct SshPolicy {
  int timeout_seconds = 120;
  int authentication_retries = 3;
};
SshPolicy SshPolicyOf(const Config& config);

// Checks credentials. Returns the privilege the session starts at (the user's `privilege N`,
// else 1). kPermissionDenied for a wrong user or password; kUnsupported when the line has
// `login` but no password (IOS: "Password required, but none set").
Result<int> VtyLogin(const Config& config, std::string_view user, std::string_view password);

}  // namespace iosup

#endif  // IOSUP_DEVICE_VTY_LOGIN_H_
