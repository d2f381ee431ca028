// Bounds shared by the lab's TCP file servers (HTTP, FTP): how many clients at once, how long a
// silent one is kept, the longest request line and the largest upload.
#ifndef IOSUP_TRANSFER_FILE_SERVER_LIMITS_H_
#define IOSUP_TRANSFER_FILE_SERVER_LIMITS_H_

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace iosup {

struct FileServerLimits {
  size_t max_connections = 64;             // more are closed at once
  std::chrono::milliseconds idle{30000};   // no byte either way for this long: closed
  size_t max_request_bytes = 8192;         // request head / command line
  uint64_t max_upload_bytes = 8ull << 30;  // 8 GiB, above any image of the catalog
  size_t chunk_bytes = 64 * 1024;          // file data per read and write
};

}  // namespace iosup

#endif  // IOSUP_TRANSFER_FILE_SERVER_LIMITS_H_
