#include "base/memory_file.h"

#include <algorithm>
#include <cstring>

namespace iosup {

namespace {
class BytesReader : public FileReader {
 public:
  explicit BytesReader(std::string b) : bytes_(std::move(b)) {}
  uint64_t size() const override { return bytes_.size(); }
  Result<size_t> ReadAt(uint64_t offset, std::span<uint8_t> out) override {
    if (offset >= bytes_.size()) return size_t{0};
    size_t n = std::min<uint64_t>(out.size(), bytes_.size() - offset);
    std::memcpy(out.data(), bytes_.data() + offset, n);
    return n;
  }

 private:
  std::string bytes_;
};
}  // namespace

std::unique_ptr<FileReader> StringReader(std::string bytes) {
  return std::make_unique<BytesReader>(std::move(bytes));
}

Status StringWriter::Append(std::span<const uint8_t> data) {
  bytes_.append(reinterpret_cast<const char*>(data.data()), data.size());
  return Status::Ok();
}

}  // namespace iosup
