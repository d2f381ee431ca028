#include "platform/posix_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <utility>

namespace iosup {

namespace {

Status Errno(std::string_view what, const std::string& path) {
  int e = errno;
  ErrorCode code = ErrorCode::kIoError;
  if (e == ENOENT) code = ErrorCode::kNotFound;
  if (e == EACCES || e == EPERM) code = ErrorCode::kPermissionDenied;
  if (e == ENOSPC) code = ErrorCode::kNoSpace;
  return Status(code, std::string(what) + " " + path + ": " + std::strerror(e));
}

class PosixReader : public FileReader {
 public:
  PosixReader(int fd, uint64_t size) : fd_(fd), size_(size) {}
  ~PosixReader() override { ::close(fd_); }
  uint64_t size() const override { return size_; }
  Result<size_t> ReadAt(uint64_t offset, std::span<uint8_t> out) override {
    for (;;) {
      ssize_t n = ::pread(fd_, out.data(), out.size(), static_cast<off_t>(offset));
      if (n >= 0) return static_cast<size_t>(n);
      if (errno != EINTR) return Errno("read", "fd " + std::to_string(fd_));
    }
  }

 private:
  int fd_;
  uint64_t size_;
};

}  // namespace

Status SyncParentDir(const std::string& path) {
  std::string dir = std::filesystem::path(path).parent_path().string();
  if (dir.empty()) dir = ".";
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Errno("open", dir);
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return Errno("fsync", dir);
  return Status::Ok();
}

Status WriteFileAtomically(const std::string& path, std::string_view contents) {
  static std::atomic<uint64_t> counter{0};
  std::string tmp = path + ".tmp." + std::to_string(::getpid()) + "." +
                    std::to_string(counter.fetch_add(1));
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Errno("create", tmp);
  if (Status s = WriteAllTo(fd, {reinterpret_cast<const uint8_t*>(contents.data()), contents.size()}, tmp);
      !s.ok()) {
    ::close(fd);
    ::unlink(tmp.c_str());
    return s;
  }
  if (::fsync(fd) != 0) {
    Status s = Errno("fsync", tmp);
    ::close(fd);
    ::unlink(tmp.c_str());
    return s;
  }
  ::close(fd);
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    Status s = Errno("rename", tmp);
    ::unlink(tmp.c_str());
    return s;
  }
  return SyncParentDir(path);
}

Status WriteAllTo(int fd, std::span<const uint8_t> data, const std::string& name) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Errno("write", name);
    data = data.subspan(static_cast<size_t>(n));
  }
  return Status::Ok();
}

Result<std::string> ReadWholeFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Errno("open", path);
  std::string out;
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      Status s = Errno("read", path);
      ::close(fd);
      return s;
    }
    if (n == 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return out;
}

Result<std::unique_ptr<ScratchFile>> ScratchFile::Create(const std::string& dir) {
  IOSUP_RETURN_IF_ERROR(MakeDirs(dir));
  std::string name = dir + "/scratch-XXXXXX";
  const int fd = ::mkostemp(name.data(), O_CLOEXEC);
  if (fd < 0) return Errno("create a temporary file in", dir);
  ::unlink(name.c_str());
  return std::unique_ptr<ScratchFile>(new ScratchFile(fd, dir));
}

ScratchFile::~ScratchFile() {
  if (fd_ >= 0) ::close(fd_);
}

Status ScratchFile::Append(std::span<const uint8_t> data) {
  if (fd_ < 0) return Status(ErrorCode::kIoError, "scratch file already handed to a reader");
  while (!data.empty()) {
    const ssize_t n = ::pwrite(fd_, data.data(), data.size(), static_cast<off_t>(written_));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return Errno("write scratch file in", dir_);
    written_ += static_cast<uint64_t>(n);
    data = data.subspan(static_cast<size_t>(n));
  }
  return Status::Ok();
}

std::unique_ptr<FileReader> ScratchFile::TakeReader() {
  return std::make_unique<PosixReader>(std::exchange(fd_, -1), written_);
}

Result<std::unique_ptr<FileReader>> OpenPosixReader(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Errno("open", path);
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    Status s = Errno("stat", path);
    ::close(fd);
    return s;
  }
  if (S_ISDIR(st.st_mode)) {
    ::close(fd);
    return Status(ErrorCode::kIsDirectory, path);
  }
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  return std::unique_ptr<FileReader>(
      std::make_unique<PosixReader>(fd, static_cast<uint64_t>(st.st_size)));
}

Result<std::unique_ptr<AtomicFileWriter>> AtomicFileWriter::Open(const std::string& path) {
  std::string tmp = path + ".part." + std::to_string(::getpid());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Errno("create", tmp);
  return std::unique_ptr<AtomicFileWriter>(new AtomicFileWriter(path, tmp, fd));
}

AtomicFileWriter::~AtomicFileWriter() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_) ::unlink(tmp_.c_str());
}

Status AtomicFileWriter::Append(std::span<const uint8_t> data) { return WriteAllTo(fd_, data, tmp_); }

Status AtomicFileWriter::Commit() {
  if (::fsync(fd_) != 0) return Errno("fsync", tmp_);
  ::close(fd_);
  fd_ = -1;
  if (::rename(tmp_.c_str(), path_.c_str()) != 0) return Errno("rename", tmp_);
  committed_ = true;
  return SyncParentDir(path_);
}

Status MakeDirs(const std::string& path) {
  std::error_code ec;
  std::filesystem::create_directories(path, ec);
  if (ec) return IoError("mkdir " + path + ": " + ec.message());
  return Status::Ok();
}

}  // namespace iosup
