// Where a device holds a `boot system tftp:` image while it arrives and is checked (IOS holds it
// in DRAM): the device fills one buffer per fetch through its TransferPort, then reads it back.
// A lab keeps large images out of memory with a buffer on disk (lab/netboot_buffers.h).
#ifndef IOSUP_DEVICE_IMAGE_BUFFER_H_
#define IOSUP_DEVICE_IMAGE_BUFFER_H_

#include <functional>
#include <memory>

#include "base/flash_store.h"
#include "base/status.h"

namespace iosup {

class ImageBuffer : public FileWriter {
 public:
  // The bytes written so far, as a reader that owns them from now on; the buffer is spent
  // (later Appends fail).
  virtual std::unique_ptr<FileReader> TakeReader() = 0;
};

// Makes the buffer for one fetch.
using ImageBufferFactory = std::function<Result<std::unique_ptr<ImageBuffer>>()>;

// A buffer in memory: a device's default.
std::unique_ptr<ImageBuffer> MemoryImageBuffer();

}  // namespace iosup

#endif  // IOSUP_DEVICE_IMAGE_BUFFER_H_
