// A FlashStore persisted on disk: the namespace in a JSON manifest replaced atomically on every
// change, the bytes in a BlobStore shared with the other devices of the lab. A kill at any
// instant leaves the manifest as it was before or after the change, never torn; a new file that
// was being written stays behind as a partial file, as on a real flash.
#ifndef IOSUP_PLATFORM_DISK_FLASH_STORE_H_
#define IOSUP_PLATFORM_DISK_FLASH_STORE_H_

#include <memory>
#include <string>

#include "base/clock.h"
#include "base/flash_store.h"
#include "base/flash_tree.h"
#include "base/tree_file_writer.h"
#include "platform/blob_store.h"

namespace iosup {

class DiskFlashStore : public FlashStore, private TreeObserver {
 public:
  // Loads `manifest_path` when it exists, else starts empty (and writes it at the first change).
  // `blobs` and `clock` must outlive the store; writers must not outlive it.
  static Result<std::unique_ptr<DiskFlashStore>> Open(BlobStore& blobs, std::string manifest_path,
                                                      const Clock& clock, uint64_t capacity,
                                                      uint64_t block_size);

  SpaceInfo Space() const override { return {tree_.capacity(), tree_.used()}; }
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

  Status ShareCopy(const FlashStore& from, std::string_view from_path,
                   std::string_view path) override;

  // Adds an existing blob as a complete file without copying bytes (lab provisioning).
  Status LinkBlob(std::string_view path, const std::string& blob_id);
  // The blob holding a complete file's bytes.
  std::optional<std::string> BlobIdOf(std::string_view path) const;

  // Until EndBatch(), changes stay in memory and EndBatch writes the manifest once, if anything
  // changed: for a sequence of changes that is only useful whole (a device's first
  // provisioning), which a kill half-way leaves as before the batch, not torn.
  void BeginBatch() { batch_ = true; }
  Status EndBatch();

  // The staging files the manifest at `manifest_path` names as its partial files' content: a
  // clean-up of abandoned writes must keep them. Empty when the manifest does not exist.
  static Result<std::vector<std::string>> StagingNamesIn(const std::string& manifest_path);

 private:
  DiskFlashStore(BlobStore& blobs, std::string manifest_path, const Clock& clock,
                 uint64_t capacity, uint64_t block_size)
      : blobs_(blobs), manifest_path_(std::move(manifest_path)), clock_(clock),
        tree_(capacity, block_size) {}
  Status Load();
  Status TreeChanged() override;
  Status SaveManifest();
  // Unlinks a partial file's staging bytes; blobs are shared and collected lab-wide.
  void ContentDropped(const std::string& content_id) override;

  BlobStore& blobs_;
  std::string manifest_path_;
  const Clock& clock_;
  FlashTree tree_;
  bool batch_ = false;    // BeginBatch() .. EndBatch()
  bool unsaved_ = false;  // changed during the batch
};

}  // namespace iosup

#endif  // IOSUP_PLATFORM_DISK_FLASH_STORE_H_
