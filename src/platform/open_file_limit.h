// The process's descriptor limit. A lab of a thousand devices holds several thousand sockets and
// files; the soft limit (often 1024) is raised once, at the binary's start.
#ifndef IOSUP_PLATFORM_OPEN_FILE_LIMIT_H_
#define IOSUP_PLATFORM_OPEN_FILE_LIMIT_H_

#include <cstdint>

namespace iosup {

// Raises RLIMIT_NOFILE's soft limit to its hard limit. Returns the soft limit now in effect
// (0 when it cannot be read).
uint64_t RaiseOpenFileLimit();
// The soft limit in effect (0 when it cannot be read).
uint64_t OpenFileLimit();

}  // namespace iosup

#endif  // IOSUP_PLATFORM_OPEN_FILE_LIMIT_H_
