// The FlashStore operations every store over a FlashTree shares (DiskFlashStore, MemFlashStore):
// the namespace checks, the partial entry of a new file and the order of callbacks. The store
// supplies only where bytes go (a WriteBackend) and what a dropped content id means to it.
#ifndef IOSUP_BASE_TREE_STORE_H_
#define IOSUP_BASE_TREE_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/flash_store.h"
#include "base/flash_tree.h"
#include "base/status.h"
#include "base/tree_file_writer.h"

namespace iosup {

// A write the store has started: where its bytes go and the content id of its partial entry.
struct StartedWrite {
  std::unique_ptr<WriteBackend> backend;
  std::string content_id;
};
// `staged`: a file exists at the path and is replaced only at Commit; else a new partial entry
// will refer to `content_id` from the start.
using StartWrite = std::function<Result<StartedWrite>(bool staged)>;

// FlashStore::Create: checks `path` and the announced size, starts the write, adds a new file's
// partial entry and persists it (observer.TreeChanged()); if that fails, the entry and the
// write's bytes go. `tree`, `clock` and `observer` must outlive the writer.
Result<std::unique_ptr<FileWriter>> CreateInTree(FlashTree& tree, const Clock& clock,
                                                 TreeObserver& observer, std::string_view path,
                                                 std::optional<uint64_t> expected_size,
                                                 const StartWrite& start);

// FlashStore::Delete: removes the file, drops its content, persists.
Status DeleteInTree(FlashTree& tree, TreeObserver& observer, std::string_view path);

// FlashStore::Rename: moves the file (replacing a file at `to`, whose content is dropped),
// persists.
Status RenameInTree(FlashTree& tree, const Clock& clock, TreeObserver& observer,
                    std::string_view from, std::string_view to);

}  // namespace iosup

#endif  // IOSUP_BASE_TREE_STORE_H_
