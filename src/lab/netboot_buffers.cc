#include "lab/netboot_buffers.h"

#include <memory>
#include <utility>

#include "platform/posix_file.h"

namespace iosup {

namespace {

class ScratchBuffer : public ImageBuffer {
 public:
  explicit ScratchBuffer(std::unique_ptr<ScratchFile> file) : file_(std::move(file)) {}
  Status Append(std::span<const uint8_t> data) override { return file_->Append(data); }
  Status Commit() override { return file_->Commit(); }
  // The file has no name: what was written goes with this buffer.
  void Abort() override {}
  uint64_t written() const override { return file_->written(); }
  std::unique_ptr<FileReader> TakeReader() override { return file_->TakeReader(); }

 private:
  std::unique_ptr<ScratchFile> file_;
};

}  // namespace

ImageBufferFactory ScratchImageBuffers(std::string dir) {
  return [dir = std::move(dir)]() -> Result<std::unique_ptr<ImageBuffer>> {
    Result<std::unique_ptr<ScratchFile>> file = ScratchFile::Create(dir);
    if (!file.ok()) return file.status();
    return std::unique_ptr<ImageBuffer>(std::make_unique<ScratchBuffer>(std::move(*file)));
  };
}

}  // namespace iosup
