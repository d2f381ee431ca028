// FileReader / FileWriter over bytes held in memory: configurations sent or received over the
// network, test data.
#ifndef IOSUP_BASE_MEMORY_FILE_H_
#define IOSUP_BASE_MEMORY_FILE_H_

#include <memory>
#include <string>

#include "base/flash_store.h"

namespace iosup {

std::shared_ptr<FileReader> StringReader(std::string bytes);

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

}  // namespace iosup

#endif  // IOSUP_BASE_MEMORY_FILE_H_
