// The namespace and space accounting shared by every FlashStore implementation: which files and
// directories exist, their listing indexes, sizes and the bytes they occupy. Content itself is
// referred to by an opaque id that the implementation owns (a blob hash, a memory slot).
#ifndef IOSUP_BASE_FLASH_TREE_H_
#define IOSUP_BASE_FLASH_TREE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/flash_store.h"
#include "base/status.h"

namespace iosup {

struct FlashEntry {
  FileInfo info;
  std::string content_id;  // implementation-defined; empty for directories
};

class FlashTree {
 public:
  FlashTree(uint64_t capacity, uint64_t block_size)
      : capacity_(capacity), block_size_(block_size) {}

  uint64_t capacity() const { return capacity_; }
  uint64_t block_size() const { return block_size_; }
  // Occupied bytes of all entries plus bytes reserved by writes in flight.
  uint64_t used() const { return used_ + reserved_; }
  uint64_t free() const { return capacity_ > used() ? capacity_ - used() : 0; }

  const FlashEntry* Find(std::string_view path) const;
  FlashEntry* FindMutable(std::string_view path);
  Result<std::vector<FileInfo>> List(std::string_view dir) const;

  // Checks that a file may be written at `path`: the parent directory exists and `path` is not a
  // directory. Does not care whether a file is already there.
  Status CheckWritable(std::string_view path) const;

  // Adds a file entry and returns it. A file already at `path` is replaced and its listing index
  // kept. Space must have been checked.
  FlashEntry& PutFile(std::string_view path, uint64_t size, WallTime mtime, bool partial,
                      std::string content_id);
  // Changes a file's size, keeping the accounting exact.
  void Resize(FlashEntry& entry, uint64_t new_size);
  Status Remove(std::string_view path);  // files only
  Status Rename(std::string_view from, std::string_view to, WallTime mtime);
  Status MakeDir(std::string_view path, WallTime mtime);
  Status RemoveDir(std::string_view path);
  void Clear();

  // Space held by writes that have not become entries yet (staged replacements).
  void Reserve(uint64_t bytes) { reserved_ += bytes; }
  void Release(uint64_t bytes) { reserved_ -= bytes < reserved_ ? bytes : reserved_; }

  // Whether `extra` more bytes fit once a file grows from `old_size` to `old_size + extra`.
  bool Fits(uint64_t old_size, uint64_t extra) const;

  // Every entry, for persistence. Restoring goes through Restore(), which keeps indexes.
  void ForEach(const std::function<void(const FlashEntry&)>& fn) const;
  void Restore(FlashEntry entry);
  uint32_t next_index() const { return next_index_; }

 private:
  uint64_t Occupied(const FileInfo& info) const;

  uint64_t capacity_;
  uint64_t block_size_;
  uint64_t used_ = 0;
  uint64_t reserved_ = 0;
  uint32_t next_index_ = 1;
  std::map<std::string, FlashEntry, std::less<>> entries_;
};

}  // namespace iosup

#endif  // IOSUP_BASE_FLASH_TREE_H_
