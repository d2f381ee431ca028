#include "device/image_buffer.h"

#include <string>
#include <utility>

#include "base/memory_file.h"

namespace iosup {

namespace {

class MemoryBuffer : public ImageBuffer {
 public:
  Status Append(std::span<const uint8_t> data) override {
    if (spent_) return Status(ErrorCode::kIoError, "image buffer already read back");
    bytes_.append(reinterpret_cast<const char*>(data.data()), data.size());
    return Status::Ok();
  }
  Status Commit() override { return Status::Ok(); }
  void Abort() override { bytes_.clear(); }
  uint64_t written() const override { return bytes_.size(); }
  std::unique_ptr<FileReader> TakeReader() override {
    spent_ = true;
    return StringReader(std::exchange(bytes_, {}));
  }

 private:
  std::string bytes_;
  bool spent_ = false;
};

}  // namespace

std::unique_ptr<ImageBuffer> MemoryImageBuffer() { return std::make_unique<MemoryBuffer>(); }

}  // namespace iosup
