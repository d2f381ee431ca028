#include "testing/mem_flash_store.h"

#include <algorithm>
#include <cstring>

#include "base/tree_store.h"

namespace iosup {

namespace {

class MemReader : public FileReader {
 public:
  explicit MemReader(std::shared_ptr<const MemFlashStore::Content> c) : content_(std::move(c)) {}
  uint64_t size() const override { return content_->bytes.size(); }
  Result<size_t> ReadAt(uint64_t offset, std::span<uint8_t> out) override {
    if (offset >= content_->bytes.size()) return size_t{0};
    size_t n = std::min<uint64_t>(out.size(), content_->bytes.size() - offset);
    std::memcpy(out.data(), content_->bytes.data() + offset, n);
    return n;
  }

 private:
  std::shared_ptr<const MemFlashStore::Content> content_;
};

}  // namespace

// Keeps the bytes of one write in memory. A direct (non-staged) write fills the content already
// registered under the partial entry's id; a staged one registers its content at Finish.
class MemBackend : public WriteBackend {
 public:
  MemBackend(MemFlashStore& store, std::shared_ptr<MemFlashStore::Content> content,
             std::string id, bool registered)
      : store_(store), content_(std::move(content)), id_(std::move(id)), registered_(registered) {}

  Status Write(std::span<const uint8_t> data) override {
    content_->bytes.insert(content_->bytes.end(), data.begin(), data.end());
    return Status::Ok();
  }
  Result<std::string> Finish() override {
    store_.contents_[id_] = content_;
    return id_;
  }
  void Discard() override {
    if (registered_) store_.contents_.erase(id_);
  }

 private:
  MemFlashStore& store_;
  std::shared_ptr<MemFlashStore::Content> content_;
  std::string id_;
  bool registered_;
};

MemFlashStore::MemFlashStore(const Clock& clock, uint64_t capacity, uint64_t block_size)
    : clock_(clock), tree_(capacity, block_size) {}

SpaceInfo MemFlashStore::Space() const { return {tree_.capacity(), tree_.used()}; }

Result<FileInfo> MemFlashStore::Stat(std::string_view path) const {
  const FlashEntry* e = tree_.Find(path);
  if (e == nullptr) return NotFound(std::string(path));
  return e->info;
}

Result<std::vector<FileInfo>> MemFlashStore::List(std::string_view dir) const {
  return tree_.List(dir);
}

std::shared_ptr<MemFlashStore::Content> MemFlashStore::ContentOf(const FlashEntry& e) const {
  auto it = contents_.find(e.content_id);
  return it == contents_.end() ? nullptr : it->second;
}

Result<std::unique_ptr<FileReader>> MemFlashStore::OpenRead(std::string_view path) const {
  const FlashEntry* e = tree_.Find(path);
  if (e == nullptr) return NotFound(std::string(path));
  if (e->info.is_directory) return Status(ErrorCode::kIsDirectory, std::string(path));
  return std::unique_ptr<FileReader>(std::make_unique<MemReader>(ContentOf(*e)));
}

Result<std::unique_ptr<FileWriter>> MemFlashStore::Create(std::string_view path,
                                                          std::optional<uint64_t> expected_size) {
  return CreateInTree(
      tree_, clock_, *this, path, expected_size, [this](bool staged) -> Result<StartedWrite> {
        std::string id = NewContentId();
        auto content = std::make_shared<Content>();
        if (!staged) contents_[id] = content;
        return StartedWrite{
            std::make_unique<MemBackend>(*this, content, id, /*registered=*/!staged), id};
      });
}

Status MemFlashStore::Delete(std::string_view path) { return DeleteInTree(tree_, *this, path); }

Status MemFlashStore::Rename(std::string_view from, std::string_view to) {
  return RenameInTree(tree_, clock_, *this, from, to);
}

Status MemFlashStore::MakeDir(std::string_view path) { return tree_.MakeDir(path, clock_.Now()); }
Status MemFlashStore::RemoveDir(std::string_view path) { return tree_.RemoveDir(path); }

Status MemFlashStore::Format() {
  tree_.Clear();
  contents_.clear();
  return Status::Ok();
}

std::optional<std::string> MemFlashStore::ContentNote(std::string_view path,
                                                      std::string_view key) const {
  const FlashEntry* e = tree_.Find(path);
  if (e == nullptr || e->info.partial || e->info.is_directory) return std::nullopt;
  auto c = ContentOf(*e);
  if (!c) return std::nullopt;
  auto it = c->notes.find(key);
  if (it == c->notes.end()) return std::nullopt;
  return it->second;
}

void MemFlashStore::SetContentNote(std::string_view path, std::string_view key,
                                   std::string_view value) {
  const FlashEntry* e = tree_.Find(path);
  if (e == nullptr || e->info.partial || e->info.is_directory) return;
  if (auto c = ContentOf(*e)) c->notes[std::string(key)] = std::string(value);
}

Status MemFlashStore::PutBytes(std::string_view path, std::string_view bytes) {
  Result<std::unique_ptr<FileWriter>> w = Create(path, bytes.size());
  if (!w.ok()) return w.status();
  IOSUP_RETURN_IF_ERROR((*w)->Append(
      std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size())));
  return (*w)->Commit();
}

Result<std::string> MemFlashStore::GetBytes(std::string_view path) const {
  const FlashEntry* e = tree_.Find(path);
  if (e == nullptr || e->info.is_directory) return NotFound(std::string(path));
  auto c = ContentOf(*e);
  return std::string(c->bytes.begin(), c->bytes.end());
}

Status MemFlashStore::FlipBit(std::string_view path, uint64_t byte_offset) {
  const FlashEntry* e = tree_.Find(path);
  if (e == nullptr || e->info.is_directory) return NotFound(std::string(path));
  auto c = ContentOf(*e);
  if (byte_offset >= c->bytes.size()) return InvalidArgument("offset past end");
  c->bytes[byte_offset] ^= 0x01;
  c->notes.clear();
  return Status::Ok();
}

}  // namespace iosup
