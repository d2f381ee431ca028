// A FileSource over a directory, confined to it: every path is resolved beneath the root by the
// kernel (openat2 RESOLVE_BENEATH), so `..`, absolute paths and symlinks leading out are refused;
// only regular files are served; uploads are written to an unnamed temporary file (O_TMPFILE) and
// linked into place on Commit, so a failed, aborted or killed upload leaves nothing visible.
#ifndef IOSUP_TRANSFER_DIR_FILE_SOURCE_H_
#define IOSUP_TRANSFER_DIR_FILE_SOURCE_H_

#include <map>
#include <memory>
#include <string>
#include <tuple>

#include "transfer/file_source.h"

namespace iosup::tftp {

struct DirPolicy {
  bool allow_create = false;     // uploads may create new files
  bool allow_overwrite = false;  // uploads may replace existing files
};

// Turns a client's file name into a path relative to the root: leading '/' are dropped (the
// root is "/" for clients, as tftpd-hpa --secure does), "." and empty components are dropped.
// Refused (kPermissionDenied): "..", control characters, an empty result; (kIsDirectory) a name
// ending in '/' or "/.", which names a directory (served as an access violation, as a
// directory is).
Result<std::string> NormalizeRequestPath(std::string_view name);

// A FileWriter for a local path (the CLI's download target), with the same guarantee: an
// unnamed temporary in the target's directory, linked into place by Commit. Refuses to replace
// an existing file unless `overwrite`.
Result<std::unique_ptr<FileWriter>> OpenLocalFileWriter(const std::string& path, bool overwrite);

class DirFileSource : public FileSource {
 public:
  static Result<std::unique_ptr<DirFileSource>> Open(const std::string& root, DirPolicy policy);
  ~DirFileSource() override;

  Result<std::shared_ptr<FileReader>> OpenRead(std::string_view name) override;
  Result<std::unique_ptr<FileWriter>> OpenWrite(std::string_view name,
                                                std::optional<uint64_t> size) override;

  // Distinct open files currently shared by readers (for tests).
  size_t open_shared_files();

 private:
  DirFileSource(int root_fd, DirPolicy policy) : root_fd_(root_fd), policy_(policy) {}
  Result<int> OpenParent(const std::string& rel, std::string& leaf) const;

  using FileKey = std::tuple<uint64_t, uint64_t, uint64_t, int64_t>;  // dev, ino, size, mtime
  int root_fd_;
  DirPolicy policy_;
  std::map<FileKey, std::weak_ptr<FileReader>> shared_;
};

}  // namespace iosup::tftp

#endif  // IOSUP_TRANSFER_DIR_FILE_SOURCE_H_
