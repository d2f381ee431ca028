// Where and as whom the SSH client logs in to a device.
#ifndef IOSUP_UPGRADE_SSH_ENDPOINT_H_
#define IOSUP_UPGRADE_SSH_ENDPOINT_H_

#include <chrono>
#include <cstdint>
#include <string>

#include "base/clock.h"

namespace iosup::upgrade {

struct SshEndpoint {
  std::string host;  // name or address as given (an IPv6 literal without brackets)
  uint16_t port = 22;
  std::string username;
  std::string password;
  std::string enable_secret;  // sent to `enable` when the login lands in user EXEC
  Duration connect_timeout = std::chrono::seconds(15);
};

}  // namespace iosup::upgrade

#endif  // IOSUP_UPGRADE_SSH_ENDPOINT_H_
