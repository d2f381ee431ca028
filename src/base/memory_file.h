// FileReader / FileWriter over bytes held in memory: configurations sent or received over the
// network, test data.
#ifndef IOSUP_BASE_MEMORY_FILE_H_
#define IOSUP_BASE_MEMORY_FILE_H_

#include <cstdint>
#include <memory>
#include <string>

#include "base/flash_store.h"

namespace iosup {

// Converts to a shared_ptr where one is wanted.
std::unique_ptr<FileReader> StringReader(std::string bytes);

// Collects what is written; Commit keeps it, Abort forgets it.
class StringWriter : public FileWriter {
 public:
  Status Append(std::span<const uint8_t> data) override;
  Status Commit() override { return Status::Ok(); }
  void Abort() override { bytes_.clear(); }
  uint64_t written() const override { return bytes_.size(); }
  const std::string& bytes() const { return bytes_; }

 private:
  std::string bytes_;
};

// Counts what is written and keeps none of it (benchmarks, fuzzing). Past `limit` bytes an
// Append fails as kNoSpace, as a full flash does.
class DiscardingWriter : public FileWriter {
 public:
  explicit DiscardingWriter(uint64_t limit = UINT64_MAX) : limit_(limit) {}
  Status Append(std::span<const uint8_t> data) override {
    if (data.size() > limit_ - written_) return NoSpace("discarding writer full");
    written_ += data.size();
    return Status::Ok();
  }
  Status Commit() override { return Status::Ok(); }
  void Abort() override {}
  uint64_t written() const override { return written_; }

 private:
  uint64_t limit_;
  uint64_t written_ = 0;
};

}  // namespace iosup

#endif  // IOSUP_BASE_MEMORY_FILE_H_
