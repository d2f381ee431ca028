#include "lab/image_file.h"

#include "base/digest.h"
#include "device/image_format.h"
#include "platform/posix_file.h"

namespace iosup {

Result<std::string> WriteImageFile(const std::string& path, const ImageRecipe& recipe) {
  Result<std::unique_ptr<AtomicFileWriter>> out = AtomicFileWriter::Open(path);
  if (!out.ok()) return out.status();
  Hasher md5(DigestKind::kMd5);
  IOSUP_RETURN_IF_ERROR(GenerateImage(recipe, [&](std::span<const uint8_t> chunk) {
    md5.Update(chunk);
    return (*out)->Append(chunk);
  }));
  IOSUP_RETURN_IF_ERROR((*out)->Commit());
  return md5.FinishHex();
}

}  // namespace iosup
