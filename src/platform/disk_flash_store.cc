#include "platform/disk_flash_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>

#include "base/tree_store.h"
#include "platform/disk_write_backend.h"
#include "platform/posix_file.h"

namespace iosup {

namespace {

// Content ids of partial files name their staging file; complete files name their blob.
constexpr std::string_view kStagingPrefix = "staging:";

bool IsStagingId(std::string_view id) { return id.substr(0, kStagingPrefix.size()) == kStagingPrefix; }
std::string StagingName(std::string_view id) { return std::string(id.substr(kStagingPrefix.size())); }

int64_t ToNanos(WallTime t) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}
WallTime FromNanos(int64_t ns) {
  return WallTime(std::chrono::duration_cast<Duration>(std::chrono::nanoseconds(ns)));
}

}  // namespace

Result<std::unique_ptr<DiskFlashStore>> DiskFlashStore::Open(BlobStore& blobs,
                                                             std::string manifest_path,
                                                             const Clock& clock,
                                                             uint64_t capacity,
                                                             uint64_t block_size) {
  std::unique_ptr<DiskFlashStore> store(
      new DiskFlashStore(blobs, std::move(manifest_path), clock, capacity, block_size));
  IOSUP_RETURN_IF_ERROR(store->Load());
  return store;
}

Status DiskFlashStore::Load() {
  Result<std::string> text = ReadWholeFile(manifest_path_);
  if (!text.ok()) {
    if (text.status().code() == ErrorCode::kNotFound) return Status::Ok();
    return text.status();
  }
  nlohmann::json j = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || !j["entries"].is_array()) return Corrupt("manifest " + manifest_path_);
  for (const auto& e : j["entries"]) {
    FlashEntry entry;
    entry.info.path = e.value("path", "");
    entry.info.is_directory = e.value("dir", false);
    entry.info.size = e.value("size", uint64_t{0});
    entry.info.mtime = FromNanos(e.value("mtime", int64_t{0}));
    entry.info.index = e.value("index", 0u);
    entry.info.partial = e.value("partial", false);
    entry.content_id = e.value("content", "");
    if (entry.info.path.empty()) return Corrupt("manifest entry without path");
    if (entry.info.partial && IsStagingId(entry.content_id)) {
      // An interrupted write: its size is whatever reached the staging file.
      struct stat st;
      std::string p = blobs_.StagingPath(StagingName(entry.content_id));
      entry.info.size = ::stat(p.c_str(), &st) == 0 ? static_cast<uint64_t>(st.st_size) : 0;
    }
    tree_.Restore(std::move(entry));
  }
  return Status::Ok();
}

Status DiskFlashStore::TreeChanged() {
  if (batch_) {
    unsaved_ = true;
    return Status::Ok();
  }
  return SaveManifest();
}

Status DiskFlashStore::EndBatch() {
  batch_ = false;
  if (!unsaved_) return Status::Ok();
  unsaved_ = false;
  return SaveManifest();
}

Status DiskFlashStore::SaveManifest() {
  nlohmann::json entries = nlohmann::json::array();
  tree_.ForEach([&](const FlashEntry& e) {
    entries.push_back({{"path", e.info.path},
                       {"dir", e.info.is_directory},
                       {"size", e.info.size},
                       {"mtime", ToNanos(e.info.mtime)},
                       {"index", e.info.index},
                       {"partial", e.info.partial},
                       {"content", e.content_id}});
  });
  nlohmann::json j = {{"format", 1}, {"entries", entries}};
  return WriteFileAtomically(manifest_path_, j.dump(1));
}

Result<FileInfo> DiskFlashStore::Stat(std::string_view path) const {
  const FlashEntry* e = tree_.Find(path);
  if (e == nullptr) return NotFound(std::string(path));
  return e->info;
}

Result<std::vector<FileInfo>> DiskFlashStore::List(std::string_view dir) const {
  return tree_.List(dir);
}

Result<std::unique_ptr<FileReader>> DiskFlashStore::OpenRead(std::string_view path) const {
  const FlashEntry* e = tree_.Find(path);
  if (e == nullptr) return NotFound(std::string(path));
  if (e->info.is_directory) return Status(ErrorCode::kIsDirectory, std::string(path));
  if (IsStagingId(e->content_id)) {
    return OpenPosixReader(blobs_.StagingPath(StagingName(e->content_id)));
  }
  return blobs_.OpenBlob(e->content_id);
}

Result<std::unique_ptr<FileWriter>> DiskFlashStore::Create(std::string_view path,
                                                           std::optional<uint64_t> expected_size) {
  return CreateInTree(tree_, clock_, *this, path, expected_size,
                      [this](bool staged) -> Result<StartedWrite> {
                        Result<std::string> staging = blobs_.NewStaging();
                        if (!staging.ok()) return staging.status();
                        int fd = ::open(blobs_.StagingPath(*staging).c_str(), O_WRONLY | O_CLOEXEC);
                        if (fd < 0)
                          return IoError(std::string("open staging: ") + std::strerror(errno));
                        return StartedWrite{std::make_unique<DiskWriteBackend>(blobs_, *staging, fd),
                                            std::string(kStagingPrefix) + *staging};
                      });
}

Status DiskFlashStore::Delete(std::string_view path) { return DeleteInTree(tree_, *this, path); }

Status DiskFlashStore::Rename(std::string_view from, std::string_view to) {
  return RenameInTree(tree_, clock_, *this, from, to);
}

void DiskFlashStore::ContentDropped(const std::string& content_id) {
  if (IsStagingId(content_id)) ::unlink(blobs_.StagingPath(StagingName(content_id)).c_str());
}

Status DiskFlashStore::MakeDir(std::string_view path) {
  IOSUP_RETURN_IF_ERROR(tree_.MakeDir(path, clock_.Now()));
  return TreeChanged();
}

Status DiskFlashStore::RemoveDir(std::string_view path) {
  IOSUP_RETURN_IF_ERROR(tree_.RemoveDir(path));
  return TreeChanged();
}

Status DiskFlashStore::Format() {
  tree_.ForEach([&](const FlashEntry& e) {
    if (IsStagingId(e.content_id)) ::unlink(blobs_.StagingPath(StagingName(e.content_id)).c_str());
  });
  tree_.Clear();
  return TreeChanged();
}

std::optional<std::string> DiskFlashStore::ContentNote(std::string_view path,
                                                       std::string_view key) const {
  const FlashEntry* e = tree_.Find(path);
  if (e == nullptr || e->info.partial || e->info.is_directory) return std::nullopt;
  return blobs_.Note(e->content_id, key);
}

void DiskFlashStore::SetContentNote(std::string_view path, std::string_view key,
                                    std::string_view value) {
  const FlashEntry* e = tree_.Find(path);
  if (e == nullptr || e->info.partial || e->info.is_directory) return;
  (void)blobs_.SetNote(e->content_id, key, value);
}

std::optional<std::string> DiskFlashStore::BlobIdOf(std::string_view path) const {
  const FlashEntry* e = tree_.Find(path);
  if (e == nullptr || e->info.partial || e->info.is_directory) return std::nullopt;
  return e->content_id;
}

Status DiskFlashStore::LinkBlob(std::string_view path, const std::string& blob_id) {
  if (!blobs_.Has(blob_id)) return NotFound("blob " + blob_id);
  IOSUP_RETURN_IF_ERROR(tree_.CheckWritable(path));
  Result<std::unique_ptr<FileReader>> r = blobs_.OpenBlob(blob_id);
  if (!r.ok()) return r.status();
  uint64_t size = (*r)->size();
  uint64_t old = 0;
  if (const FlashEntry* e = tree_.Find(path)) old = OccupiedBytes(e->info.size, tree_.block_size());
  if (tree_.used() - old + OccupiedBytes(size, tree_.block_size()) > tree_.capacity()) {
    return NoSpace(std::string(path));
  }
  tree_.PutFile(path, size, clock_.Now(), /*partial=*/false, blob_id);
  return TreeChanged();
}

Status DiskFlashStore::ShareCopy(const FlashStore& from, std::string_view from_path,
                                 std::string_view path) {
  const auto* disk = dynamic_cast<const DiskFlashStore*>(&from);
  if (disk == nullptr || &disk->blobs_ != &blobs_) return FlashStore::ShareCopy(from, from_path, path);
  std::optional<std::string> blob = disk->BlobIdOf(from_path);
  if (!blob) return FlashStore::ShareCopy(from, from_path, path);
  // As Create does for a byte copy: the new content must fit beside the file it replaces, which
  // stays until the copy is whole.
  Result<FileInfo> info = disk->Stat(from_path);
  if (!info.ok()) return info.status();
  IOSUP_RETURN_IF_ERROR(tree_.CheckWritable(path));
  if (!tree_.Fits(0, info->size)) return NoSpace(std::string(path));
  return LinkBlob(path, *blob);
}

Result<std::vector<std::string>> DiskFlashStore::StagingNamesIn(const std::string& manifest_path) {
  std::vector<std::string> names;
  Result<std::string> text = ReadWholeFile(manifest_path);
  if (!text.ok()) {
    if (text.status().code() == ErrorCode::kNotFound) return names;
    return text.status();
  }
  nlohmann::json j = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Corrupt("manifest " + manifest_path);
  if (!j.is_object() || !j.contains("entries") || !j["entries"].is_array()) return names;
  for (const auto& e : j["entries"]) {
    const std::string content = e.is_object() ? e.value("content", "") : "";
    if (IsStagingId(content)) names.push_back(StagingName(content));
  }
  return names;
}

}  // namespace iosup
