// Content-addressed storage shared by every device of a lab: a file's bytes live once under their
// SHA-256, however many devices and names hold them. A blob also remembers facts derived from its
// content (MD5, SHA-512, image check), so each is computed once per content, not per device.
//
// Layout under the root:  blobs/ab/<sha256>        content, never modified
//                         blobs/ab/<sha256>.notes  JSON object of notes, replaced atomically
//                         staging/                 writes in flight and interrupted partials
//                         names/<key-hash>         blob id recorded under a caller's key
// Not thread-safe; one lab owns one store.
#ifndef IOSUP_PLATFORM_BLOB_STORE_H_
#define IOSUP_PLATFORM_BLOB_STORE_H_

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "base/flash_store.h"
#include "base/status.h"

namespace iosup {

class BlobStore {
 public:
  static Result<std::unique_ptr<BlobStore>> Open(const std::string& root);

  const std::string& root() const { return root_; }

  // A new, empty, exclusively created staging file; returns its name (relative to staging/).
  Result<std::string> NewStaging();
  std::string StagingPath(const std::string& name) const;
  // Moves a finished staging file into the store as blob `sha256`; when that blob exists already
  // the staging file is simply removed. Either way the blob is durable on return.
  Status Adopt(const std::string& staging_name, const std::string& sha256);
  // Removes the staging files of writers that are gone (a lab killed during a copy), except
  // `keep` (partial files a manifest still names). Files of a process still running are left
  // alone. Returns the bytes freed.
  uint64_t RemoveAbandonedStaging(const std::set<std::string>& keep);

  bool Has(const std::string& id) const;
  std::string BlobPath(const std::string& id) const;
  Result<std::unique_ptr<FileReader>> OpenBlob(const std::string& id) const;

  std::optional<std::string> Note(const std::string& id, std::string_view key) const;
  Status SetNote(const std::string& id, std::string_view key, std::string_view value);

  // A caller-chosen key naming a blob (e.g. the recipe of a generated image), so the same recipe
  // is built once per lab.
  std::optional<std::string> Named(const std::string& key) const;
  Status SetNamed(const std::string& key, const std::string& id);

 private:
  explicit BlobStore(std::string root) : root_(std::move(root)) {}
  const std::map<std::string, std::string, std::less<>>& NotesOf(const std::string& id) const;

  std::string root_;
  mutable std::map<std::string, std::map<std::string, std::string, std::less<>>> notes_cache_;
};

}  // namespace iosup

#endif  // IOSUP_PLATFORM_BLOB_STORE_H_
