// One file system of a device (bootflash:, flash:, nvram:, usbflash0:, ...). Paths are relative to
// the file system's root, '/'-separated, without a leading slash: "dir/image.bin".
//
// Implementations: MemFlashStore (testing/) and DiskFlashStore (platform/). Not thread-safe: a
// device and its stores live on one strand.
#ifndef IOSUP_BASE_FLASH_STORE_H_
#define IOSUP_BASE_FLASH_STORE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/status.h"

namespace iosup {

struct FileInfo {
  std::string path;           // relative path inside the file system
  bool is_directory = false;
  uint64_t size = 0;          // bytes; 0 for directories
  WallTime mtime;
  uint32_t index = 0;         // stable listing number, assigned at creation (like an inode)
  bool partial = false;       // a write that never completed: verify and boot must fail on it
  bool read_only = false;
};

struct SpaceInfo {
  uint64_t capacity = 0;
  uint64_t used = 0;
  uint64_t free() const { return capacity > used ? capacity - used : 0; }
};

// Bytes a file of `size` occupies on a store with `block` bytes per allocation unit. Every store
// accounts space with this rule, so `dir` totals are exact and identical across implementations.
inline uint64_t OccupiedBytes(uint64_t size, uint64_t block) {
  if (block == 0) return size;
  return (size + block - 1) / block * block;
}

class FileReader {
 public:
  virtual ~FileReader() = default;
  virtual uint64_t size() const = 0;
  // Reads up to `out.size()` bytes at `offset`; returns how many were read (0 only at the end).
  virtual Result<size_t> ReadAt(uint64_t offset, std::span<uint8_t> out) = 0;
};

// A file being written, byte stream in. Exactly one of three endings:
//  - Commit(): the file is complete. If it replaced an existing file, the swap is atomic.
//  - Abort(): the write never happened (a new file disappears; a replaced one stays as it was).
//  - destruction without either: an interruption (power loss, killed copy). A new file stays
//    behind as partial, with the bytes written so far; a replaced file stays as it was.
class FileWriter {
 public:
  virtual ~FileWriter() = default;
  // Fails with kNoSpace (nothing of `data` written) when the store is full.
  virtual Status Append(std::span<const uint8_t> data) = 0;
  // A hint, before the first Append: the bytes to come are probably those of `local_file` (a
  // regular file on this machine, e.g. the lab server's copy of a downloaded image). A writer
  // may then keep a reference while they match instead of storing them again; what it ends up
  // holding is the same either way. Writers that wrap another pass it on.
  virtual void ExpectContent(const std::string& local_file) {}
  virtual Status Commit() = 0;
  virtual void Abort() = 0;
  virtual uint64_t written() const = 0;
};

class FlashStore {
 public:
  virtual ~FlashStore() = default;

  virtual SpaceInfo Space() const = 0;
  virtual uint64_t block_size() const = 0;

  virtual Result<FileInfo> Stat(std::string_view path) const = 0;
  // Entries directly inside `dir` ("" = root), in index order.
  virtual Result<std::vector<FileInfo>> List(std::string_view dir) const = 0;

  virtual Result<std::unique_ptr<FileReader>> OpenRead(std::string_view path) const = 0;
  // Starts writing `path`. If a file exists there, the new content replaces it only at Commit.
  // `expected_size`, when known, is checked against free space before a byte is written.
  virtual Result<std::unique_ptr<FileWriter>> Create(std::string_view path,
                                                     std::optional<uint64_t> expected_size) = 0;

  virtual Status Delete(std::string_view path) = 0;
  virtual Status Rename(std::string_view from, std::string_view to) = 0;
  virtual Status MakeDir(std::string_view path) = 0;
  virtual Status RemoveDir(std::string_view path) = 0;  // must be empty
  // Erases everything (ROMMON `tftpdnld` on platforms that format flash, `format` command).
  virtual Status Format() = 0;

  // Facts derived from a file's content (its MD5, whether it is a good image, ...), remembered
  // with the content: the same bytes under another name or on another device share them, and a
  // change of content forgets them. Partial files have none.
  virtual std::optional<std::string> ContentNote(std::string_view path,
                                                 std::string_view key) const = 0;
  virtual void SetContentNote(std::string_view path, std::string_view key,
                              std::string_view value) = 0;

  // Makes `path` a complete copy of `from`'s file `from_path` without moving its bytes, when the
  // two stores share content (devices of one lab share a blob store): no read, no write, no
  // hash. kUnsupported when they do not, or when the source is partial; the caller then copies
  // the bytes. kNoSpace as a copy would report it; the old `path` stays on any error.
  virtual Status ShareCopy(const FlashStore& from, std::string_view from_path,
                           std::string_view path) {
    return Status(ErrorCode::kUnsupported, "content not shared");
  }
};

// Opens the stores of one device: one per file system, by name, plus the hidden one that keeps
// its NVRAM variables ("env"). Memory-backed in tests, disk-backed in a lab.
class StoreProvider {
 public:
  virtual ~StoreProvider() = default;
  virtual Result<std::unique_ptr<FlashStore>> Open(std::string_view name, uint64_t capacity,
                                                   uint64_t block_size) = 0;
};

// `path` becomes exactly `data`, replacing a file there only once the whole is written.
Status WriteWholeFile(FlashStore& store, std::string_view path, std::string_view data);
Result<std::string> ReadWholeStoreFile(const FlashStore& store, std::string_view path);

// Splits "a/b/c" into {"a/b", "c"}; "c" into {"", "c"}.
std::pair<std::string_view, std::string_view> SplitParent(std::string_view path);
// Normalises a user-supplied relative path: strips leading/trailing '/', collapses "//" and "."
// components. ".." is rejected (kInvalidArgument): a flash path never leaves its file system.
Result<std::string> NormalizeFlashPath(std::string_view path);

}  // namespace iosup

#endif  // IOSUP_BASE_FLASH_STORE_H_
