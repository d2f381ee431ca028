// Where the bytes of one DiskFlashStore write go: a staging file of the lab's blob store, hashed
// as it streams so Finish knows the blob id without a second read.
//
// Told that the bytes will probably be those of a local file (ExpectContent: a lab server's file
// that a device downloads), it compares instead of writing while they match, so a fleet copying
// one image writes it to disk once, not once per device. The first byte that differs, an
// unfinished ending or a blob not yet stored turns the matched prefix into real staging bytes
// (copied from that file), so every outcome leaves what plain writing would have left: the
// finished content, or a partial file of exactly the bytes received. (Only a process killed
// outright, with no chance to run that copy, leaves a shorter partial file behind.)
#ifndef IOSUP_PLATFORM_DISK_WRITE_BACKEND_H_
#define IOSUP_PLATFORM_DISK_WRITE_BACKEND_H_

#include <cstdint>
#include <string>
#include <vector>

#include "base/digest.h"
#include "base/tree_file_writer.h"
#include "platform/blob_store.h"

namespace iosup {

class DiskWriteBackend : public WriteBackend {
 public:
  // Takes `fd`, open for writing on the staging file `staging_name` of `blobs`.
  DiskWriteBackend(BlobStore& blobs, std::string staging_name, int fd);
  ~DiskWriteBackend() override;

  void ExpectContent(const std::string& local_file) override;
  Status Write(std::span<const uint8_t> data) override;
  Result<std::string> Finish() override;
  void Discard() override;

  // Bytes that went to the staging file (the rest matched the expected file).
  uint64_t staged_bytes() const { return staged_; }

 private:
  bool Matches(std::span<const uint8_t> data);
  // Copies the matched prefix from the expected file into the staging file and stops comparing.
  Status Materialize();
  // Appends to the staging file.
  Status Stage(std::span<const uint8_t> data);
  void CloseExpected();

  BlobStore& blobs_;
  std::string name_;
  int fd_;
  Hasher sha_;
  uint64_t received_ = 0;  // bytes given to Write
  uint64_t staged_ = 0;    // bytes in the staging file
  int expected_fd_ = -1;   // while comparing: the file the bytes so far matched
  uint64_t expected_size_ = 0;
  std::vector<uint8_t> compare_buffer_;
};

}  // namespace iosup

#endif  // IOSUP_PLATFORM_DISK_WRITE_BACKEND_H_
