// Everything a lab server's address serves besides TFTP, from the same root: FTP, HTTP and SCP
// on 127.0.0.1 (ports the kernel picks), mapped in the address map as that address's "ftp",
// "http" and "scp", so a device's `copy ftp://`, `copy http://` and `copy scp://` to the lab's
// server reach them. Each service has its own confined view of the root (DirFileSource): paths
// stay beneath it, uploads create new files and appear only complete.
#ifndef IOSUP_LAB_LAB_FILE_SERVERS_H_
#define IOSUP_LAB_LAB_FILE_SERVERS_H_

#include <memory>
#include <string>

#include "lab/address_map.h"
#include "lab/lab_scp_server.h"
#include "transfer/ftp_file_server.h"
#include "transfer/http_file_server.h"
#include "transfer/server_loop.h"

namespace iosup {

struct LabFileServers {
  std::unique_ptr<FtpFileServer> ftp;
  std::unique_ptr<HttpFileServer> http;
  std::unique_ptr<LabScpServer> scp;
};

// Starts the three on `loop` (destroy them on its thread) with `credentials` for FTP (which
// also takes anonymous, read only) and SCP; the SCP host key lives in `host_key_file`.
Result<LabFileServers> ServeLabFiles(ServerLoop& loop, const std::string& root,
                                     const std::string& lab_address,
                                     const LabCredentials& credentials,
                                     const std::string& host_key_file, AddressMap& map);

}  // namespace iosup

#endif  // IOSUP_LAB_LAB_FILE_SERVERS_H_
