// Where a TFTP server's files come from and uploads go: a directory root (DirFileSource) today,
// a lab's blob store or a device's flash later. The server speaks only to this interface.
#ifndef IOSUP_TRANSFER_FILE_SOURCE_H_
#define IOSUP_TRANSFER_FILE_SOURCE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

#include "base/flash_store.h"
#include "base/status.h"

namespace iosup::tftp {

// Not thread-safe: a server calls it from its one event loop.
class FileSource {
 public:
  virtual ~FileSource() = default;

  // Opens `name` as the client sent it. Readers of the same file may share one reader (and one
  // open file); a reader sees the content as of its opening even if an upload replaces the file.
  // Errors: kNotFound, kPermissionDenied (outside the root, not a regular file, policy), kIoError.
  virtual Result<std::shared_ptr<FileReader>> OpenRead(std::string_view name) = 0;

  // Starts an upload of `name`. Nothing appears under `name` before the writer's Commit; Abort
  // or destruction without Commit discards everything. `size` is the announced size (tsize),
  // when known, so a full disk is refused before the first byte. Errors: kPermissionDenied,
  // kAlreadyExists, kNoSpace, kNotFound (missing directory), kIoError.
  virtual Result<std::unique_ptr<FileWriter>> OpenWrite(std::string_view name,
                                                        std::optional<uint64_t> size) = 0;
};

}  // namespace iosup::tftp

#endif  // IOSUP_TRANSFER_FILE_SOURCE_H_
