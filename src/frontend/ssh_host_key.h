// The SSH server's host key: loaded from a file, or generated (ed25519) and saved there on first
// use, so a lab keeps its identity across restarts.
#ifndef IOSUP_FRONTEND_SSH_HOST_KEY_H_
#define IOSUP_FRONTEND_SSH_HOST_KEY_H_

#include <libssh/libssh.h>

#include <string>

#include "base/status.h"

namespace iosup {

// Loads the private key at `path`, or generates one and writes it there (mode 0600, atomically:
// a temporary file renamed into place). An empty `path` generates a key kept in memory only.
// The caller owns the returned key (ssh_key_free, or hand it to ssh_bind).
Result<ssh_key> LoadOrCreateHostKey(const std::string& path);

}  // namespace iosup

#endif  // IOSUP_FRONTEND_SSH_HOST_KEY_H_
