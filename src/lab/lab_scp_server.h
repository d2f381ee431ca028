// The SCP service of a lab server's address: `scp -O` (and a device's `copy scp://`) reach the
// same directory the lab's TFTP server serves, through the SSH front-end the devices use (libssh),
// with a file-only "device" behind it: the lab's credentials log in, no shell or command runs, and
// every path goes through DirFileSource, confined to the root (no "..", no symlink out).
#ifndef IOSUP_LAB_LAB_SCP_SERVER_H_
#define IOSUP_LAB_LAB_SCP_SERVER_H_

#include <memory>
#include <string>

#include "base/status.h"
#include "lab/address_map.h"
#include "transfer/server_loop.h"

namespace iosup {

struct LabCredentials {
  std::string username = "admin";
  std::string password = "cisco";
};

class LabScpServer {
 public:
  // Serves `root` over SCP on 127.0.0.1 (a port the kernel picks) on `loop`, with the host key
  // kept in `host_key_file`, and maps `lab_address`'s scp to it. Lives on the loop's thread from
  // the loop's start: destroy it there.
  static Result<std::unique_ptr<LabScpServer>> Start(ServerLoop& loop, const std::string& root,
                                                     const std::string& host_key_file,
                                                     LabCredentials credentials,
                                                     const std::string& lab_address,
                                                     AddressMap& map);
  ~LabScpServer();
  uint16_t port() const;

  struct Parts;

 private:
  explicit LabScpServer(std::unique_ptr<Parts> parts);
  std::unique_ptr<Parts> parts_;
};

}  // namespace iosup

#endif  // IOSUP_LAB_LAB_SCP_SERVER_H_
