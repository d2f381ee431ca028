// POSIX file helpers: whole-file atomic replacement and a FileReader over a file descriptor.
#ifndef IOSUP_PLATFORM_POSIX_FILE_H_
#define IOSUP_PLATFORM_POSIX_FILE_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "base/flash_store.h"
#include "base/status.h"

namespace iosup {

// Replaces `path` with `contents` so that a crash at any instant leaves either the old file or
// the new one: write a temporary in the same directory, fsync it, rename over, fsync the
// directory.
Status WriteFileAtomically(const std::string& path, std::string_view contents);

Result<std::string> ReadWholeFile(const std::string& path);

// Writes all of `data` to `fd` at its offset, through short writes and EINTR. `name` says
// which file in the error.
Status WriteAllTo(int fd, std::span<const uint8_t> data, const std::string& name);

// fsyncs the directory holding `path`, making a rename into it durable.
Status SyncParentDir(const std::string& path);

// Opens `path` for sequential reading (the kernel is told so).
Result<std::unique_ptr<FileReader>> OpenPosixReader(const std::string& path);

Status MakeDirs(const std::string& path);

// A file without a name in `dir` (unlinked as soon as it is created), written as a stream and
// then read back through TakeReader(): it disappears with its reader, or with the process. For
// data that lives only while it is used (a network boot's image).
class ScratchFile : public FileWriter {
 public:
  static Result<std::unique_ptr<ScratchFile>> Create(const std::string& dir);
  ~ScratchFile() override;
  Status Append(std::span<const uint8_t> data) override;
  Status Commit() override { return Status::Ok(); }
  void Abort() override {}
  uint64_t written() const override { return written_; }
  // The bytes written so far, as a reader that owns the file from now on; the writer is spent.
  std::unique_ptr<FileReader> TakeReader();

 private:
  ScratchFile(int fd, std::string dir) : fd_(fd), dir_(std::move(dir)) {}
  int fd_;
  std::string dir_;
  uint64_t written_ = 0;
};

// Writes a large file in a stream and puts it in place only when complete: bytes go to a
// temporary beside `path`; Commit fsyncs and renames; destruction without Commit removes the
// temporary, so a failed or killed write never leaves a partial file under `path`.
class AtomicFileWriter {
 public:
  static Result<std::unique_ptr<AtomicFileWriter>> Open(const std::string& path);
  ~AtomicFileWriter();
  Status Append(std::span<const uint8_t> data);
  Status Commit();

 private:
  AtomicFileWriter(std::string path, std::string tmp, int fd)
      : path_(std::move(path)), tmp_(std::move(tmp)), fd_(fd) {}
  std::string path_;
  std::string tmp_;
  int fd_;
  bool committed_ = false;
};

}  // namespace iosup

#endif  // IOSUP_PLATFORM_POSIX_FILE_H_
