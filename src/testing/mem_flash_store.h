// A FlashStore held in memory, for tests. Same accounting as DiskFlashStore (FlashTree).
#ifndef IOSUP_TESTING_MEM_FLASH_STORE_H_
#define IOSUP_TESTING_MEM_FLASH_STORE_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/flash_store.h"
#include "base/flash_tree.h"
#include "base/tree_file_writer.h"

namespace iosup {

class MemFlashStore : public FlashStore, private TreeObserver {
 public:
  // `clock` must outlive the store. Writers must not outlive the store.
  MemFlashStore(const Clock& clock, uint64_t capacity, uint64_t block_size = 512);

  SpaceInfo Space() const override;
  uint64_t block_size() const override { return tree_.block_size(); }
  Result<FileInfo> Stat(std::string_view path) const override;
  Result<std::vector<FileInfo>> List(std::string_view dir) const override;
  Result<std::unique_ptr<FileReader>> OpenRead(std::string_view path) const override;
  Result<std::unique_ptr<FileWriter>> Create(std::string_view path,
                                             std::optional<uint64_t> expected_size) override;
  Status Delete(std::string_view path) override;
  Status Rename(std::string_view from, std::string_view to) override;
  Status MakeDir(std::string_view path) override;
  Status RemoveDir(std::string_view path) override;
  Status Format() override;
  std::optional<std::string> ContentNote(std::string_view path,
                                         std::string_view key) const override;
  void SetContentNote(std::string_view path, std::string_view key,
                      std::string_view value) override;

  // Test helpers: whole-file put/get and in-place corruption (flips one bit, forgets notes).
  Status PutBytes(std::string_view path, std::string_view bytes);
  Result<std::string> GetBytes(std::string_view path) const;
  Status FlipBit(std::string_view path, uint64_t byte_offset);

  struct Content {
    std::vector<uint8_t> bytes;
    std::map<std::string, std::string, std::less<>> notes;
  };

 private:
  friend class MemBackend;
  std::shared_ptr<Content> ContentOf(const FlashEntry& e) const;
  Status TreeChanged() override { return Status::Ok(); }
  void ContentDropped(const std::string& content_id) override { contents_.erase(content_id); }
  std::string NewContentId() { return "m" + std::to_string(next_content_++); }

  const Clock& clock_;
  FlashTree tree_;
  uint64_t next_content_ = 1;
  std::map<std::string, std::shared_ptr<Content>, std::less<>> contents_;
};

}  // namespace iosup

#endif  // IOSUP_TESTING_MEM_FLASH_STORE_H_
