// The libssh client session both the CLI channel and SCP push open: options (with the
// algorithms older IOS releases need), connect, authenticate, a channel, and the deadline and
// error helpers they share. Internal to the upgrade layer's SSH client.
#ifndef IOSUP_UPGRADE_SSH_SESSION_H_
#define IOSUP_UPGRADE_SSH_SESSION_H_

#include <libssh/libssh.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "base/status.h"
#include "upgrade/ssh_endpoint.h"

namespace iosup::upgrade {

using SteadyClock = std::chrono::steady_clock;
using Deadline = SteadyClock::time_point;

// No wait is longer than this, whatever a caller asks.
constexpr auto kLongestWait = std::chrono::hours(24 * 30);

struct SessionCloser {
  void operator()(ssh_session s) const {
    ssh_disconnect(s);
    ssh_free(s);
  }
};
using Session = std::unique_ptr<ssh_session_struct, SessionCloser>;
struct ChannelCloser {
  void operator()(ssh_channel c) const { ssh_channel_free(c); }
};
using Channel = std::unique_ptr<ssh_channel_struct, ChannelCloser>;

// Now + d, clamped to [0, kLongestWait].
Deadline After(Duration d);
// Milliseconds left until `d`, rounded up so a wait never ends just short of it.
int MillisUntil(Deadline d);

// "host:port", IPv6 literals in brackets: how errors name the device.
std::string Where(const SshEndpoint& ep);
// A failed libssh call: kTimedOut when libssh gave up waiting, else kUnavailable.
Status SessionError(ssh_session s, const std::string& where, const std::string& doing);
// Acknowledges the peer's next segments at once (TCP_QUICKACK); see ssh_session.cc.
void QuickAck(ssh_session s);

// Connected and authenticated (password, else keyboard-interactive). Host keys are not
// checked: the orchestrator targets devices by address from its inventory.
Result<Session> OpenSession(const SshEndpoint& ep);
Result<Channel> OpenChannel(ssh_session s, const std::string& where);

// A session with one channel open on it, and how errors name the device.
struct SshConnection {
  Session session;
  Channel channel;
  std::string where;
};
Result<SshConnection> OpenConnection(const SshEndpoint& ep);

}  // namespace iosup::upgrade

#endif  // IOSUP_UPGRADE_SSH_SESSION_H_
