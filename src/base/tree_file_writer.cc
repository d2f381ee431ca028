#include "base/tree_file_writer.h"

namespace iosup {

TreeFileWriter::TreeFileWriter(FlashTree& tree, const Clock& clock, TreeObserver& observer,
                               std::string path, bool staged, std::string partial_id,
                               std::unique_ptr<WriteBackend> backend)
    : tree_(tree),
      clock_(clock),
      observer_(observer),
      path_(std::move(path)),
      staged_(staged),
      partial_id_(std::move(partial_id)),
      backend_(std::move(backend)) {}

TreeFileWriter::~TreeFileWriter() {
  if (done_) return;
  // Interrupted. A staged replacement vanishes; a new file stays behind, partial.
  if (staged_) {
    tree_.Release(OccupiedBytes(written_, tree_.block_size()));
    backend_->Discard();
  }
}

FlashEntry* TreeFileWriter::OwnEntry() {
  FlashEntry* e = tree_.FindMutable(path_);
  return (e != nullptr && e->content_id == partial_id_) ? e : nullptr;
}

Status TreeFileWriter::Append(std::span<const uint8_t> data) {
  if (done_) return InvalidArgument("write after end of " + path_);
  if (!tree_.Fits(written_, data.size())) return NoSpace(path_);
  FlashEntry* entry = nullptr;
  if (!staged_) {
    entry = OwnEntry();
    if (entry == nullptr) return NotFound(path_);  // deleted while being written
  }
  IOSUP_RETURN_IF_ERROR(backend_->Write(data));
  uint64_t b = tree_.block_size();
  if (staged_) {
    tree_.Reserve(OccupiedBytes(written_ + data.size(), b) - OccupiedBytes(written_, b));
  } else {
    tree_.Resize(*entry, written_ + data.size());
    entry->info.mtime = clock_.Now();
  }
  written_ += data.size();
  return Status::Ok();
}

void TreeFileWriter::ExpectContent(const std::string& local_file) {
  if (!done_ && written_ == 0) backend_->ExpectContent(local_file);
}

Status TreeFileWriter::Commit() {
  if (done_) return InvalidArgument("commit after end of " + path_);
  done_ = true;
  if (staged_) tree_.Release(OccupiedBytes(written_, tree_.block_size()));
  Result<std::string> id = backend_->Finish();
  if (!id.ok()) {
    backend_->Discard();
    if (!staged_ && OwnEntry() != nullptr) (void)tree_.Remove(path_);
    (void)observer_.TreeChanged();
    return id.status();
  }
  if (staged_) {
    std::string old_id;
    if (const FlashEntry* old = tree_.Find(path_)) old_id = old->content_id;
    tree_.PutFile(path_, written_, clock_.Now(), /*partial=*/false, *id);
    if (!old_id.empty() && old_id != *id) observer_.ContentDropped(old_id);
  } else {
    FlashEntry* entry = OwnEntry();
    if (entry == nullptr) return NotFound(path_);
    entry->content_id = *id;
    entry->info.partial = false;
    entry->info.mtime = clock_.Now();
  }
  return observer_.TreeChanged();
}

void TreeFileWriter::Abort() {
  if (done_) return;
  done_ = true;
  if (staged_) tree_.Release(OccupiedBytes(written_, tree_.block_size()));
  backend_->Discard();
  if (!staged_ && OwnEntry() != nullptr) {
    (void)tree_.Remove(path_);
    (void)observer_.TreeChanged();
  }
}

}  // namespace iosup
