// When a device does not come back after a reload, its console says why: a lab console socket
// (or a terminal server's Unix socket) is asked for its prompt, e.g. "rommon 1 >" or "switch:".
#ifndef IOSUP_UPGRADE_LOST_DEVICE_PROBE_H_
#define IOSUP_UPGRADE_LOST_DEVICE_PROBE_H_

#include <string>

#include "base/clock.h"
#include "base/status.h"

namespace iosup::upgrade {

// Connects to the Unix socket at `path`, sends a carriage return, and returns the last non-empty
// line printed within `wait` (trailing spaces kept out).
Result<std::string> ProbeConsolePrompt(const std::string& path, Duration wait);

}  // namespace iosup::upgrade

#endif  // IOSUP_UPGRADE_LOST_DEVICE_PROBE_H_
