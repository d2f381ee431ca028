// The file systems of one device by prefix ("bootflash:", its alias "flash:", "nvram:") and the
// parsing of IOS file URLs against them. Does not own the stores.
#ifndef IOSUP_DEVICE_FILE_SYSTEMS_H_
#define IOSUP_DEVICE_FILE_SYSTEMS_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/flash_store.h"
#include "base/status.h"
#include "catalog/platform_catalog.h"

namespace iosup {

struct ResolvedPath {
  const FileSystemSpec* spec = nullptr;
  FlashStore* store = nullptr;
  std::string path;  // normalised, relative to the file system root ("" = root)

  // "bootflash:x.bin" / "bootflash:dir/x.bin": the canonical way to name it.
  std::string Display() const { return spec->name + ":" + path; }
};

class FileSystemTable {
 public:
  // The first file system added is the default (what a bare "x.bin" or `dir` refers to).
  void Add(const FileSystemSpec* spec, FlashStore* store);

  // Resolves "bootflash:/dir/x.bin", "flash:x.bin" (alias), "bootflash:" (root) or "x.bin"
  // (default file system). kNotFound for an unknown prefix; kInvalidArgument for "..".
  Result<ResolvedPath> Resolve(std::string_view url) const;
  // Finds by prefix without a path ("flash" or "flash:").
  const ResolvedPath* Find(std::string_view prefix) const;
  const ResolvedPath& primary() const { return entries_.front(); }
  const std::vector<ResolvedPath>& all() const { return entries_; }

 private:
  std::vector<ResolvedPath> entries_;
};

}  // namespace iosup

#endif  // IOSUP_DEVICE_FILE_SYSTEMS_H_
