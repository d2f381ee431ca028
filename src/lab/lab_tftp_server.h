// A directory served over TFTP on 127.0.0.1 (a port the kernel picks) and known to devices by
// its lab address through the address map: the lab's servers and `iosup device --tftp-root`.
#ifndef IOSUP_LAB_LAB_TFTP_SERVER_H_
#define IOSUP_LAB_LAB_TFTP_SERVER_H_

#include <cstdint>
#include <memory>
#include <string>

#include "base/status.h"
#include "lab/address_map.h"
#include "transfer/dir_file_source.h"
#include "transfer/server_loop.h"
#include "transfer/tftp_server.h"

namespace iosup {

struct LabTftpServer {
  std::unique_ptr<tftp::DirFileSource> source;
  std::unique_ptr<tftp::TftpServer> server;  // declared last: destroyed before its source
  uint16_t port = 0;
};

// Serves `root` (uploads allowed) on `loop`, and maps `lab_address`'s tftp to it. The server
// lives on the loop's thread: destroy it there (ServerLoop::Stop's teardown).
Result<LabTftpServer> ServeLabDirectory(ServerLoop& loop, const std::string& root,
                                        const std::string& lab_address, AddressMap& map);

}  // namespace iosup

#endif  // IOSUP_LAB_LAB_TFTP_SERVER_H_
