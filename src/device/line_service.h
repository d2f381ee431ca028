// The one port through which a front-end (console, telnet, SSH with SCP) reaches a device: the
// device's events and state, which transports its vty lines take, password and public-key
// logins, a vty line held per connection, a CLI session opened on a line, the file systems SCP
// serves, and the console's own business (BREAK, the monitor's command line, the initial
// configuration question). Front-ends include this header and nothing else of device/.
// Implemented by the device side (device/commands/device_line_service.h); a test may fake it.
// Not thread-safe: use on the device's strand.
#ifndef IOSUP_DEVICE_LINE_SERVICE_H_
#define IOSUP_DEVICE_LINE_SERVICE_H_

#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"
#include "device/device_state.h"
#include "device/file_systems.h"
#include "base/clock.h"
#include "device/ios_errors.h"  // IosReason: the wording of the file systems' errors
#include "device/login_guard.h"  // LoginGuard::Failure
#include "device/vty_login.h"   // VtyPolicy

namespace iosup {

// The port opens CLI sessions (implemented in device/commands, where cli/ and device/ meet);
// the device model itself knows nothing of them. Front-ends include cli/session.h.
namespace cli {
class Session;
class Terminal;
}  // namespace cli

// The line a CLI session runs on, and who is on it.
struct SessionLine {
  std::string name = "con 0";  // "con 0", "vty 0"
  std::string user;            // empty on an unauthenticated console
  std::string peer;            // remote address for vty lines
  bool is_console() const { return name.starts_with("con"); }
};

// How a connection reaches a vty line (`transport input`).
enum class Transport { kTelnet, kSsh };

class LineService {
 public:
  // One vty line held by a network connection from its arrival (before its login) to its end,
  // so that no other connection is given it. The line is free again when this is destroyed.
  class VtyLease {
   public:
    virtual ~VtyLease() = default;
    virtual int number() const = 0;
    std::string name() const { return "vty " + std::to_string(number()); }  // as SessionLine
  };

  virtual ~LineService() = default;

  // --- the device's events: what it prints, and each change of state (boot, reload, power,
  // ROM monitor). A listener must be removed before it is destroyed.
  virtual void AddListener(DeviceListener* listener) = 0;
  virtual void RemoveListener(DeviceListener* listener) = 0;
  virtual DeviceState state() const = 0;
  virtual std::string hostname() const = 0;

  // --- vty lines (telnet, SSH)
  // Whether a connection over `transport` is taken now: IOS runs and the vty lines'
  // `transport input` lists it.
  virtual bool Accepts(Transport transport) const = 0;
  // The vty lines' login, transports and exec-timeout, as the running-config says now.
  virtual VtyPolicy vty_policy() const = 0;
  // A password login (VtyLogin): the privilege the session starts at; kPermissionDenied for a
  // wrong user or password, kUnsupported when the line has `login` but no password.
  virtual Result<int> PasswordLogin(std::string_view user, std::string_view password) const = 0;
  // A public-key login (`ip ssh pubkey-chain`), `key_base64` being the key blob as OpenSSH
  // encodes it: the privilege, or an error when the key is not one IOS takes (RSA) or not
  // configured for `user`.
  virtual Result<int> PublicKeyLogin(std::string_view user, std::string_view key_base64) const = 0;
  // --- what bounds a login: the device's clock (login timeouts), `ip ssh time-out` and
  // `ip ssh authentication-retries`, and `login block-for` (Device::LoginQuiet and
  // RecordLoginFailure: quiet mode refuses new connections from `source`).
  virtual WallTime Now() const = 0;
  virtual SshPolicy ssh_policy() const = 0;
  virtual bool LoginQuiet(const std::string& source) const = 0;
  virtual void RecordLoginFailure(const LoginGuard::Failure& failure) = 0;
  // The lowest free vty line (telnet and SSH share them); null when every line is busy.
  virtual std::unique_ptr<VtyLease> ReserveVty() = 0;
  // An IOS EXEC session on `line` at `privilege`, writing to `terminal` (which must outlive
  // it); Start() prints its first prompt.
  virtual std::unique_ptr<cli::Session> OpenExec(cli::Terminal& terminal, SessionLine line,
                                                 int privilege) = 0;

  // --- SCP (`ip scp server enable`)
  virtual bool scp_server_enabled() const = 0;
  virtual FileSystemTable& file_systems() = 0;

  // --- the console line
  // The command line of the ROM monitor or the switch loader (state kRomMonitor), writing to
  // `terminal` (which must outlive it).
  virtual std::unique_ptr<cli::Session> OpenMonitor(cli::Terminal& terminal) = 0;
  // A BREAK on the console: aborts a boot into the monitor; ignored otherwise.
  virtual void Break() = 0;
  // IOS came up without a startup-config and asks whether to enter the initial configuration
  // dialog; the console answers it (`enter`: yes) before any session starts there.
  virtual bool setup_dialog_pending() const = 0;
  virtual void AnswerSetupDialog(bool enter) = 0;
};

}  // namespace iosup

#endif  // IOSUP_DEVICE_LINE_SERVICE_H_
