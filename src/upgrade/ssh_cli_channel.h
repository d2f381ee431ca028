// CliChannel over SSH (libssh client): password or keyboard-interactive authentication, a PTY
// shell, privileged EXEC, paging off. (SCP push: scp_push.h.)
// Blocking: one channel belongs to one thread at a time; channels share nothing, so one
// process drives many devices from many threads. Waits block inside libssh with timeouts (no
// polling loop). Offers libssh's default algorithms first, then the SHA-1 / CBC ones older IOS
// releases need (diffie-hellman-group14-sha1, ssh-rsa, aes*-cbc, hmac-sha1).
//
// How Run() reads the device (see CliChannel for the contract):
//  - the prompt is the last line, "<hostname>" + optional "(mode)" + '>' or '#', with the
//    hostname from the previous prompt; after 300 ms of silence a prompt of another name is
//    accepted too (the hostname changed);
//  - a dialog row answers when the pending output ends with its prompt, or when the question
//    on the last line contains it ("Destination filename [" matches "... [x.bin]? ");
//  - a question is a last line ending in '?', "[confirm]", "[yes/no]:" or ':' after 300 ms of
//    silence; unanswered, it is interrupted with Ctrl-C (kUnsupported, message = that line);
//  - output left over from an earlier command (after a kTimedOut) is discarded before sending.
#ifndef IOSUP_UPGRADE_SSH_CLI_CHANNEL_H_
#define IOSUP_UPGRADE_SSH_CLI_CHANNEL_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "upgrade/cli_channel.h"
#include "upgrade/ssh_endpoint.h"

namespace iosup::upgrade {

// Connects and logs in, reaches privileged EXEC (`enable` and its Password: prompt when the
// prompt ends in '>'), then sends `terminal length 0` and `terminal width 511`. Errors:
// kUnavailable (connection refused, reset, or closed before the prompt), kTimedOut (no answer
// within connect_timeout), kPermissionDenied (authentication or enable refused).
// Host keys are not checked: the orchestrator targets devices by address from its inventory.
Result<std::unique_ptr<CliChannel>> ConnectSsh(const SshEndpoint& endpoint);

}  // namespace iosup::upgrade

#endif  // IOSUP_UPGRADE_SSH_CLI_CHANNEL_H_
