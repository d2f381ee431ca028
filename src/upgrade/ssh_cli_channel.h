// CliChannel over SSH (libssh client): password or keyboard-interactive authentication, a PTY
// shell, privileged EXEC, paging off. Also SCP push of a local file into the device's flash.
// Blocking: one channel belongs to one thread at a time.
#ifndef IOSUP_UPGRADE_SSH_CLI_CHANNEL_H_
#define IOSUP_UPGRADE_SSH_CLI_CHANNEL_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "upgrade/cli_channel.h"

namespace iosup::upgrade {

struct SshEndpoint {
  std::string host;  // name or address as given (an IPv6 literal without brackets)
  uint16_t port = 22;
  std::string username;
  std::string password;
  std::string enable_secret;  // sent to `enable` when the login lands in user EXEC
  Duration connect_timeout = std::chrono::seconds(15);
};

// Connects and logs in, reaches privileged EXEC (`enable` and its Password: prompt when the
// prompt ends in '>'), then sends `terminal length 0` and `terminal width 511`. Errors:
// kUnavailable (connection refused, reset, or closed before the prompt), kTimedOut (no answer
// within connect_timeout), kPermissionDenied (authentication or enable refused).
// Host keys are not checked: the orchestrator targets devices by address from its inventory.
Result<std::unique_ptr<CliChannel>> ConnectSsh(const SshEndpoint& endpoint);

// Copies `local_path` to `remote_path` ("flash:/c2960-...bin") with the SCP protocol
// (`scp -t <remote_path>` on an exec channel). `progress` is called with the bytes sent so far.
// Errors carry the device's own refusal text (e.g. "scp: flash:/x: Not enough space on device").
Status ScpPush(const SshEndpoint& endpoint, const std::string& local_path,
               const std::string& remote_path,
               const std::function<void(uint64_t bytes_sent)>& progress = {});

}  // namespace iosup::upgrade

#endif  // IOSUP_UPGRADE_SSH_CLI_CHANNEL_H_
