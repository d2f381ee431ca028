#include "lab/image_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

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

Result<WrittenImage> WriteImageForBlob(const std::string& path, const ImageRecipe& recipe) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
  if (fd < 0) return IoError("open " + path + ": " + std::strerror(errno));
  Hasher sha(DigestKind::kSha256);
  Status s = GenerateImage(recipe, [&](std::span<const uint8_t> chunk) -> Status {
    sha.Update(chunk);
    return WriteAllTo(fd, chunk, path);
  });
  if (s.ok() && ::fsync(fd) != 0) s = IoError("fsync " + path + ": " + std::strerror(errno));
  ::close(fd);
  IOSUP_RETURN_IF_ERROR(s);
  Result<std::unique_ptr<FileReader>> reader = OpenPosixReader(path);
  if (!reader.ok()) return reader.status();
  Result<ImageCheck> check = CheckImage(**reader);
  if (!check.ok()) return check.status();
  return WrittenImage{sha.FinishHex(), *check};
}

}  // namespace iosup
