// DATA blocks of a file being sent, by absolute block number (1 = first block; the wire number
// is the low 16 bits, so a transfer rolls over past 65535 blocks).
#ifndef IOSUP_TRANSFER_BLOCK_READER_H_
#define IOSUP_TRANSFER_BLOCK_READER_H_

#include <cstdint>
#include <memory>
#include <span>

#include "base/flash_store.h"
#include "base/status.h"
#include "transfer/tftp_packet.h"

namespace iosup::tftp {

class BlockReader {
 public:
  virtual ~BlockReader() = default;
  // Makes blocks [first, first + count) readable through Block(). Returns how many of them
  // exist (fewer at the end: the last block is the first one shorter than blksize, possibly
  // empty). `first` never decreases between calls. Spans from Block() stay valid until the next
  // Load().
  virtual Result<uint32_t> Load(uint64_t first, uint32_t count) = 0;
  virtual std::span<const uint8_t> Block(uint64_t n) const = 0;
  // Bytes of the file (not of the wire stream) consumed so far; exact for octet.
  virtual uint64_t file_size() const = 0;
};

// Reads `file` in large chunks (one pread serves many blocks). `file` may be shared with other
// transfers: only ReadAt is used.
std::unique_ptr<BlockReader> MakeBlockReader(std::shared_ptr<FileReader> file, Mode mode,
                                             uint32_t blksize);

}  // namespace iosup::tftp

#endif  // IOSUP_TRANSFER_BLOCK_READER_H_
