#include "base/tree_store.h"

namespace iosup {

Result<std::unique_ptr<FileWriter>> CreateInTree(FlashTree& tree, const Clock& clock,
                                                 TreeObserver& observer, std::string_view path,
                                                 std::optional<uint64_t> expected_size,
                                                 const StartWrite& start) {
  IOSUP_RETURN_IF_ERROR(tree.CheckWritable(path));
  if (expected_size && !tree.Fits(0, *expected_size)) return NoSpace(std::string(path));
  bool staged = tree.Find(path) != nullptr;
  Result<StartedWrite> write = start(staged);
  if (!write.ok()) return write.status();
  if (!staged) {
    tree.PutFile(path, 0, clock.Now(), /*partial=*/true, write->content_id);
    Status s = observer.TreeChanged();
    if (!s.ok()) {
      (void)tree.Remove(path);
      write->backend->Discard();
      return s;
    }
  }
  return std::unique_ptr<FileWriter>(
      std::make_unique<TreeFileWriter>(tree, clock, observer, std::string(path), staged,
                                       std::move(write->content_id), std::move(write->backend)));
}

Status DeleteInTree(FlashTree& tree, TreeObserver& observer, std::string_view path) {
  const FlashEntry* e = tree.Find(path);
  if (e == nullptr) return NotFound(std::string(path));
  std::string id = e->content_id;
  IOSUP_RETURN_IF_ERROR(tree.Remove(path));
  observer.ContentDropped(id);
  return observer.TreeChanged();
}

Status RenameInTree(FlashTree& tree, const Clock& clock, TreeObserver& observer,
                    std::string_view from, std::string_view to) {
  std::string replaced;
  if (const FlashEntry* old = tree.Find(to); old != nullptr && from != to) {
    replaced = old->content_id;
  }
  IOSUP_RETURN_IF_ERROR(tree.Rename(from, to, clock.Now()));
  if (!replaced.empty()) observer.ContentDropped(replaced);
  return observer.TreeChanged();
}

}  // namespace iosup
