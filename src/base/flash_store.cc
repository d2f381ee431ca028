#include "base/flash_store.h"

#include "base/relative_path.h"

namespace iosup {

std::pair<std::string_view, std::string_view> SplitParent(std::string_view path) {
  size_t slash = path.rfind('/');
  if (slash == std::string_view::npos) return {std::string_view(), path};
  return {path.substr(0, slash), path.substr(slash + 1)};
}

Result<std::string> NormalizeFlashPath(std::string_view path) {
  std::optional<RelativePath> p = ParseRelativePath(path);
  if (!p) return InvalidArgument("path leaves the file system: " + std::string(path));
  return std::move(p->path);
}

Status WriteWholeFile(FlashStore& store, std::string_view path, std::string_view data) {
  Result<std::unique_ptr<FileWriter>> w = store.Create(path, data.size());
  if (!w.ok()) return w.status();
  Status s = (*w)->Append(std::span(reinterpret_cast<const uint8_t*>(data.data()), data.size()));
  if (!s.ok()) {
    (*w)->Abort();
    return s;
  }
  return (*w)->Commit();
}

Result<std::string> ReadWholeStoreFile(const FlashStore& store, std::string_view path) {
  Result<std::unique_ptr<FileReader>> r = store.OpenRead(path);
  if (!r.ok()) return r.status();
  std::string out((*r)->size(), '\0');
  uint64_t done = 0;
  while (done < out.size()) {
    Result<size_t> n = (*r)->ReadAt(
        done, std::span<uint8_t>(reinterpret_cast<uint8_t*>(out.data()) + done, out.size() - done));
    if (!n.ok()) return n.status();
    if (*n == 0) break;
    done += *n;
  }
  out.resize(done);
  return out;
}

}  // namespace iosup
