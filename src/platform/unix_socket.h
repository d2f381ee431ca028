// Unix-domain stream sockets: how tools reach a lab device's console socket.
#ifndef IOSUP_PLATFORM_UNIX_SOCKET_H_
#define IOSUP_PLATFORM_UNIX_SOCKET_H_

#include <string>

#include "base/status.h"

namespace iosup {

// A connected socket (the caller closes it). kInvalidArgument for a path too long for a socket
// address, kUnavailable when nothing listens there ("<path>: <reason>").
Result<int> ConnectUnixStream(const std::string& path);

}  // namespace iosup

#endif  // IOSUP_PLATFORM_UNIX_SOCKET_H_
