// SCP push of a local file into a device's flash, over the libssh client session.
#ifndef IOSUP_UPGRADE_SCP_PUSH_H_
#define IOSUP_UPGRADE_SCP_PUSH_H_

#include <cstdint>
#include <functional>
#include <string>

#include "base/status.h"
#include "upgrade/ssh_endpoint.h"

namespace iosup::upgrade {

// Copies `local_path` to `remote_path` ("flash:/c2960-...bin") with the SCP protocol
// (`scp -t <remote_path>` on an exec channel, on a connection of its own). `progress` is called
// with the bytes sent so far, after each chunk. Errors carry the device's own refusal text
// ("%Error opening flash:x.bin (Not enough space on device)", "Administratively disabled.")
// with a code from its wording: kNoSpace, kPermissionDenied, kNotFound, else kIoError. Each
// acknowledgement is awaited max(connect_timeout, 60 s): the last one follows the flash write.
// A failed upload closes the channel before the end, so the device keeps no partial file.
Status ScpPush(const SshEndpoint& endpoint, const std::string& local_path,
               const std::string& remote_path,
               const std::function<void(uint64_t bytes_sent)>& progress = {});

}  // namespace iosup::upgrade

#endif  // IOSUP_UPGRADE_SCP_PUSH_H_
