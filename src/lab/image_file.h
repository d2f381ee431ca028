// A generated image (device/image_format.h) written to a file of the host, for the lab's TFTP
// servers, `iosup image make` and tests.
#ifndef IOSUP_LAB_IMAGE_FILE_H_
#define IOSUP_LAB_IMAGE_FILE_H_

#include <string>

#include "base/status.h"
#include "device/image_format.h"

namespace iosup {

// Writes the image `recipe` describes to `path`, put in place only when complete (a failed or
// killed write leaves no partial file there), and returns its MD5, hashed while writing.
Result<std::string> WriteImageFile(const std::string& path, const ImageRecipe& recipe);

struct WrittenImage {
  std::string sha256;  // of every byte written (a blob's id)
  ImageCheck check;    // CheckImage of the file, read back
};
// Writes the image `recipe` describes over the existing file `path` (a blob store's staging
// file), durably, and returns its SHA-256, hashed while writing, and its check.
Result<WrittenImage> WriteImageForBlob(const std::string& path, const ImageRecipe& recipe);

}  // namespace iosup

#endif  // IOSUP_LAB_IMAGE_FILE_H_
