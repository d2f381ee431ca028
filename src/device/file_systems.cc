#include "device/file_systems.h"

#include <algorithm>

namespace iosup {

void FileSystemTable::Add(const FileSystemSpec* spec, FlashStore* store) {
  entries_.push_back({spec, store, ""});
}

const ResolvedPath* FileSystemTable::Find(std::string_view prefix) const {
  if (!prefix.empty() && prefix.back() == ':') prefix.remove_suffix(1);
  for (const ResolvedPath& e : entries_) {
    if (e.spec->name == prefix) return &e;
    if (std::find(e.spec->aliases.begin(), e.spec->aliases.end(), prefix) !=
        e.spec->aliases.end()) {
      return &e;
    }
  }
  return nullptr;
}

Result<ResolvedPath> FileSystemTable::Resolve(std::string_view url) const {
  if (entries_.empty()) return NotFound("no file systems");
  size_t colon = url.find(':');
  const ResolvedPath* fs = &entries_.front();
  std::string_view rest = url;
  if (colon != std::string_view::npos) {
    fs = Find(url.substr(0, colon));
    if (fs == nullptr) return NotFound("no such file system: " + std::string(url.substr(0, colon + 1)));
    rest = url.substr(colon + 1);
  }
  Result<std::string> path = NormalizeFlashPath(rest);
  if (!path.ok()) return path.status();
  ResolvedPath out = *fs;
  out.path = *path;
  return out;
}

}  // namespace iosup
