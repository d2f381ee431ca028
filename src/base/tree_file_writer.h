// The FileWriter every FlashStore hands out: it keeps the FlashTree's namespace and accounting
// right through the three endings (commit, abort, interruption) while a store-specific backend
// keeps the bytes.
#ifndef IOSUP_BASE_TREE_FILE_WRITER_H_
#define IOSUP_BASE_TREE_FILE_WRITER_H_

#include <memory>
#include <string>

#include "base/clock.h"
#include "base/flash_store.h"
#include "base/flash_tree.h"

namespace iosup {

// Where the bytes of one write go.
class WriteBackend {
 public:
  virtual ~WriteBackend() = default;
  // FileWriter::ExpectContent, before the first Write.
  virtual void ExpectContent(const std::string& local_file) {}
  virtual Status Write(std::span<const uint8_t> data) = 0;
  // Makes the bytes durable and returns the content id the finished file refers to.
  virtual Result<std::string> Finish() = 0;
  // Forgets the bytes (abort, or an interrupted staged replacement).
  virtual void Discard() = 0;
};

// Store callbacks. Both may be no-ops.
class TreeObserver {
 public:
  virtual ~TreeObserver() = default;
  // The tree changed in a way that must survive a restart (persist the manifest now).
  virtual Status TreeChanged() = 0;
  // No entry refers to `content_id` any more.
  virtual void ContentDropped(const std::string& content_id) = 0;
};

class TreeFileWriter : public FileWriter {
 public:
  // `staged`: a file exists at `path` and is replaced only at Commit. Otherwise the caller has
  // already added a partial entry for `path` whose content id is `partial_id`.
  TreeFileWriter(FlashTree& tree, const Clock& clock, TreeObserver& observer, std::string path,
                 bool staged, std::string partial_id, std::unique_ptr<WriteBackend> backend);
  ~TreeFileWriter() override;

  Status Append(std::span<const uint8_t> data) override;
  void ExpectContent(const std::string& local_file) override;
  Status Commit() override;
  void Abort() override;
  uint64_t written() const override { return written_; }

 private:
  FlashEntry* OwnEntry();

  FlashTree& tree_;
  const Clock& clock_;
  TreeObserver& observer_;
  std::string path_;
  bool staged_;
  std::string partial_id_;
  std::unique_ptr<WriteBackend> backend_;
  bool done_ = false;
  uint64_t written_ = 0;
};

}  // namespace iosup

#endif  // IOSUP_BASE_TREE_FILE_WRITER_H_
