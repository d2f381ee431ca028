#include "base/flash_tree.h"

#include <algorithm>

namespace iosup {

uint64_t FlashTree::Occupied(const FileInfo& info) const {
  return info.is_directory ? block_size_ : OccupiedBytes(info.size, block_size_);
}

const FlashEntry* FlashTree::Find(std::string_view path) const {
  auto it = entries_.find(path);
  return it == entries_.end() ? nullptr : &it->second;
}

FlashEntry* FlashTree::FindMutable(std::string_view path) {
  auto it = entries_.find(path);
  return it == entries_.end() ? nullptr : &it->second;
}

Result<std::vector<FileInfo>> FlashTree::List(std::string_view dir) const {
  if (!dir.empty()) {
    const FlashEntry* d = Find(dir);
    if (d == nullptr) return NotFound(std::string(dir));
    if (!d->info.is_directory) return Status(ErrorCode::kNotDirectory, std::string(dir));
  }
  std::vector<FileInfo> out;
  for (const auto& [path, entry] : entries_) {
    if (SplitParent(path).first == dir) out.push_back(entry.info);
  }
  std::sort(out.begin(), out.end(),
            [](const FileInfo& a, const FileInfo& b) { return a.index < b.index; });
  return out;
}

Status FlashTree::CheckWritable(std::string_view path) const {
  if (path.empty()) return Status(ErrorCode::kIsDirectory, "/");
  auto [parent, name] = SplitParent(path);
  if (name.empty()) return InvalidArgument(std::string(path));
  if (!parent.empty()) {
    const FlashEntry* p = Find(parent);
    if (p == nullptr) return NotFound(std::string(parent));
    if (!p->info.is_directory) return Status(ErrorCode::kNotDirectory, std::string(parent));
  }
  const FlashEntry* e = Find(path);
  if (e != nullptr && e->info.is_directory) return Status(ErrorCode::kIsDirectory, std::string(path));
  return Status::Ok();
}

bool FlashTree::Fits(uint64_t old_size, uint64_t extra) const {
  uint64_t grow = OccupiedBytes(old_size + extra, block_size_) - OccupiedBytes(old_size, block_size_);
  return used() + grow <= capacity_;
}

FlashEntry& FlashTree::PutFile(std::string_view path, uint64_t size, WallTime mtime, bool partial,
                               std::string content_id) {
  uint32_t index = 0;
  if (const FlashEntry* old = Find(path)) {
    index = old->info.index;  // a replaced file keeps its place in listings
    used_ -= Occupied(old->info);
    entries_.erase(entries_.find(path));
  }
  FlashEntry entry;
  entry.info.path = std::string(path);
  entry.info.size = size;
  entry.info.mtime = mtime;
  entry.info.partial = partial;
  entry.info.index = index != 0 ? index : next_index_++;
  entry.content_id = std::move(content_id);
  used_ += Occupied(entry.info);
  return entries_.emplace(std::string(path), std::move(entry)).first->second;
}

void FlashTree::Resize(FlashEntry& entry, uint64_t new_size) {
  used_ -= Occupied(entry.info);
  entry.info.size = new_size;
  used_ += Occupied(entry.info);
}

Status FlashTree::Remove(std::string_view path) {
  auto it = entries_.find(path);
  if (it == entries_.end()) return NotFound(std::string(path));
  if (it->second.info.is_directory) return Status(ErrorCode::kIsDirectory, std::string(path));
  used_ -= Occupied(it->second.info);
  entries_.erase(it);
  return Status::Ok();
}

Status FlashTree::Rename(std::string_view from, std::string_view to, WallTime mtime) {
  auto it = entries_.find(from);
  if (it == entries_.end()) return NotFound(std::string(from));
  if (it->second.info.is_directory) return Unsupported("rename of a directory");
  IOSUP_RETURN_IF_ERROR(CheckWritable(to));
  if (from == to) return Status::Ok();
  FlashEntry moved = std::move(it->second);
  entries_.erase(it);
  if (const FlashEntry* old = Find(to)) {
    used_ -= Occupied(old->info);
    entries_.erase(entries_.find(to));
  }
  moved.info.path = std::string(to);
  moved.info.mtime = mtime;
  entries_.emplace(std::string(to), std::move(moved));
  return Status::Ok();
}

Status FlashTree::MakeDir(std::string_view path, WallTime mtime) {
  if (Find(path) != nullptr) return AlreadyExists(std::string(path));
  auto [parent, name] = SplitParent(path);
  if (name.empty()) return InvalidArgument(std::string(path));
  if (!parent.empty()) {
    const FlashEntry* p = Find(parent);
    if (p == nullptr || !p->info.is_directory) return NotFound(std::string(parent));
  }
  if (used() + block_size_ > capacity_) return NoSpace(std::string(path));
  FlashEntry entry;
  entry.info.path = std::string(path);
  entry.info.is_directory = true;
  entry.info.mtime = mtime;
  entry.info.index = next_index_++;
  used_ += Occupied(entry.info);
  entries_.emplace(std::string(path), std::move(entry));
  return Status::Ok();
}

Status FlashTree::RemoveDir(std::string_view path) {
  auto it = entries_.find(path);
  if (it == entries_.end()) return NotFound(std::string(path));
  if (!it->second.info.is_directory) return Status(ErrorCode::kNotDirectory, std::string(path));
  for (const auto& [p, e] : entries_) {
    if (SplitParent(p).first == path) return Status(ErrorCode::kNotEmpty, std::string(path));
  }
  used_ -= Occupied(it->second.info);
  entries_.erase(it);
  return Status::Ok();
}

void FlashTree::Clear() {
  entries_.clear();
  used_ = 0;
}

void FlashTree::ForEach(const std::function<void(const FlashEntry&)>& fn) const {
  for (const auto& [path, entry] : entries_) fn(entry);
}

void FlashTree::Restore(FlashEntry entry) {
  next_index_ = std::max(next_index_, entry.info.index + 1);
  used_ += Occupied(entry.info);
  std::string key = entry.info.path;
  entries_[key] = std::move(entry);
}

}  // namespace iosup
