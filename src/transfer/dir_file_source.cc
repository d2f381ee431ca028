#include "transfer/dir_file_source.h"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>

#include "base/relative_path.h"

namespace iosup::tftp {

namespace {

constexpr uint64_t kResolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;

int OpenBeneath(int dir_fd, const std::string& rel, int flags) {
  struct open_how how{};
  how.flags = static_cast<uint64_t>(flags | O_CLOEXEC);
  how.resolve = kResolve;
  for (;;) {
    long fd = ::syscall(SYS_openat2, dir_fd, rel.c_str(), &how, sizeof how);
    if (fd >= 0 || errno != EINTR) return static_cast<int>(fd);
  }
}

Status FromErrno(int e, std::string_view what, std::string_view name) {
  std::string m = std::string(what) + " " + std::string(name) + ": ";
  switch (e) {
    case ENOENT:
    case ENOTDIR:
      return NotFound(m + "no such file");
    case EXDEV:
    case ELOOP:
      return PermissionDenied(m + "outside the root");
    case EACCES:
    case EPERM:
    case EROFS:
      return PermissionDenied(m + std::strerror(e));
    case ENOSPC:
    case EDQUOT:
      return NoSpace(m + "disk full");
    case EEXIST:
      return AlreadyExists(m + "file exists");
    default:
      return IoError(m + std::strerror(e));
  }
}

// One open file shared by every reader of it.
class SharedFdReader : public FileReader {
 public:
  SharedFdReader(int fd, uint64_t size) : fd_(fd), size_(size) {}
  ~SharedFdReader() override { ::close(fd_); }
  uint64_t size() const override { return size_; }
  Result<size_t> ReadAt(uint64_t offset, std::span<uint8_t> out) override {
    if (offset >= size_) return size_t{0};
    size_t want = static_cast<size_t>(std::min<uint64_t>(out.size(), size_ - offset));
    for (;;) {
      ssize_t n = ::pread(fd_, out.data(), want, static_cast<off_t>(offset));
      if (n >= 0) return static_cast<size_t>(n);
      if (errno != EINTR) return FromErrno(errno, "read", "file");
    }
  }

 private:
  int fd_;
  uint64_t size_;
};

std::string RandomSuffix() {
  static std::mt19937_64 rng(std::random_device{}());
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(rng()));
  return buf;
}

// An upload into an unnamed file in the target directory (or, where O_TMPFILE is unsupported,
// a hidden temporary removed on Abort), put in place by Commit.
class UploadWriter : public FileWriter {
 public:
  UploadWriter(int dir_fd, std::string leaf, int fd, std::string named_tmp, bool replace)
      : dir_fd_(dir_fd), leaf_(std::move(leaf)), fd_(fd), named_tmp_(std::move(named_tmp)),
        replace_(replace) {}
  ~UploadWriter() override { Abort(); }

  Status Append(std::span<const uint8_t> data) override {
    if (fd_ < 0) return IoError("upload already finished");
    size_t done = 0;
    while (done < data.size()) {
      ssize_t n = ::write(fd_, data.data() + done, data.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return FromErrno(errno, "write", leaf_);
      done += static_cast<size_t>(n);
    }
    written_ += data.size();
    return Status::Ok();
  }

  Status Commit() override {
    if (fd_ < 0) return IoError("upload already finished");
    if (::fdatasync(fd_) != 0) return FromErrno(errno, "sync", leaf_);
    Status s = named_tmp_.empty() ? LinkUnnamed() : MoveNamed();
    if (!s.ok()) return s;
    ::close(fd_);
    fd_ = -1;
    int d = ::openat(dir_fd_, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (d >= 0) {
      ::fsync(d);
      ::close(d);
    }
    CloseDir();
    return Status::Ok();
  }

  void Abort() override {
    if (fd_ >= 0) {
      ::close(fd_);
      fd_ = -1;
      if (!named_tmp_.empty()) ::unlinkat(dir_fd_, named_tmp_.c_str(), 0);
    }
    CloseDir();
  }

  uint64_t written() const override { return written_; }

 private:
  Status LinkUnnamed() {
    const std::string proc = "/proc/self/fd/" + std::to_string(fd_);
    if (!replace_) {
      // Create-only: the link fails if someone created the name meanwhile.
      if (::linkat(AT_FDCWD, proc.c_str(), dir_fd_, leaf_.c_str(), AT_SYMLINK_FOLLOW) != 0) {
        return FromErrno(errno, "link", leaf_);
      }
      return Status::Ok();
    }
    named_tmp_ = "." + leaf_ + ".iosup-" + RandomSuffix();
    if (::linkat(AT_FDCWD, proc.c_str(), dir_fd_, named_tmp_.c_str(), AT_SYMLINK_FOLLOW) != 0) {
      Status s = FromErrno(errno, "link", leaf_);
      named_tmp_.clear();
      return s;
    }
    return MoveNamed();
  }

  Status MoveNamed() {
    int rc = replace_ ? ::renameat(dir_fd_, named_tmp_.c_str(), dir_fd_, leaf_.c_str())
                      : ::linkat(dir_fd_, named_tmp_.c_str(), dir_fd_, leaf_.c_str(), 0);
    Status s = rc == 0 ? Status::Ok() : FromErrno(errno, "rename", leaf_);
    if (!replace_ || !s.ok()) ::unlinkat(dir_fd_, named_tmp_.c_str(), 0);
    named_tmp_.clear();
    return s;
  }

  void CloseDir() {
    if (dir_fd_ >= 0) ::close(dir_fd_);
    dir_fd_ = -1;
  }

  int dir_fd_;
  std::string leaf_;
  int fd_;
  std::string named_tmp_;  // set when the data lives under a hidden temporary name
  bool replace_;
  uint64_t written_ = 0;
};

// Takes ownership of `dir_fd`.
Result<std::unique_ptr<FileWriter>> CreateUpload(int dir_fd, const std::string& leaf,
                                                 bool replace) {
  int fd = ::openat(dir_fd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0644);
  std::string named;
  if (fd < 0 && (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL)) {
    named = "." + leaf + ".iosup-" + RandomSuffix();
    fd = ::openat(dir_fd, named.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0644);
  }
  if (fd < 0) {
    Status s = FromErrno(errno, "create", leaf);
    ::close(dir_fd);
    return s;
  }
  return std::unique_ptr<FileWriter>(
      std::make_unique<UploadWriter>(dir_fd, leaf, fd, named, replace));
}

}  // namespace

Result<std::string> NormalizeRequestPath(std::string_view name) {
  for (char c : name) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      return PermissionDenied("file name with control characters");
    }
  }
  std::optional<RelativePath> p = ParseRelativePath(name);
  if (!p) return PermissionDenied(std::string(name) + ": '..' is not allowed");
  if (p->path.empty()) return PermissionDenied("empty file name");
  // "good.bin/" and "good.bin/." are not "good.bin": they name a directory, never served.
  if (p->names_directory) return Status(ErrorCode::kIsDirectory, p->path + ": names a directory");
  return std::move(p->path);
}

Result<std::unique_ptr<DirFileSource>> DirFileSource::Open(const std::string& root,
                                                           DirPolicy policy) {
  int fd = ::open(root.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return FromErrno(errno, "open root", root);
  return std::unique_ptr<DirFileSource>(new DirFileSource(fd, policy));
}

DirFileSource::~DirFileSource() { ::close(root_fd_); }

size_t DirFileSource::open_shared_files() {
  size_t n = 0;
  for (const auto& [key, weak] : shared_) n += weak.expired() ? 0 : 1;
  return n;
}

Result<std::shared_ptr<FileReader>> DirFileSource::OpenRead(std::string_view name) {
  Result<std::string> rel = NormalizeRequestPath(name);
  if (!rel.ok()) return rel.status();
  // Look before opening: a device or FIFO is never opened (opening one can have side effects).
  int path_fd = OpenBeneath(root_fd_, *rel, O_PATH);
  if (path_fd < 0) return FromErrno(errno, "open", *rel);
  struct stat st;
  int rc = ::fstat(path_fd, &st);
  ::close(path_fd);
  if (rc != 0) return FromErrno(errno, "stat", *rel);
  if (!S_ISREG(st.st_mode)) return PermissionDenied(*rel + ": not a regular file");
  int fd = OpenBeneath(root_fd_, *rel, O_RDONLY | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) return FromErrno(errno, "open", *rel);
  struct stat st2;
  if (::fstat(fd, &st2) != 0 || !S_ISREG(st2.st_mode) || st2.st_ino != st.st_ino) {
    ::close(fd);
    return PermissionDenied(*rel + ": changed while opening");
  }
  for (auto it = shared_.begin(); it != shared_.end();) {
    it = it->second.expired() ? shared_.erase(it) : std::next(it);
  }
  FileKey key{st2.st_dev, st2.st_ino, static_cast<uint64_t>(st2.st_size),
              st2.st_mtim.tv_sec * 1000000000LL + st2.st_mtim.tv_nsec};
  if (auto it = shared_.find(key); it != shared_.end()) {
    if (std::shared_ptr<FileReader> existing = it->second.lock()) {
      ::close(fd);
      return existing;
    }
  }
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  auto reader = std::make_shared<SharedFdReader>(fd, static_cast<uint64_t>(st2.st_size));
  shared_[key] = reader;
  return std::shared_ptr<FileReader>(reader);
}

Result<int> DirFileSource::OpenParent(const std::string& rel, std::string& leaf) const {
  size_t slash = rel.rfind('/');
  leaf = slash == std::string::npos ? rel : rel.substr(slash + 1);
  std::string parent = slash == std::string::npos ? "." : rel.substr(0, slash);
  int fd = OpenBeneath(root_fd_, parent, O_PATH | O_DIRECTORY);
  if (fd < 0) return FromErrno(errno, "open directory", parent);
  return fd;
}

Result<std::unique_ptr<FileWriter>> DirFileSource::OpenWrite(std::string_view name,
                                                             std::optional<uint64_t> size) {
  Result<std::string> rel = NormalizeRequestPath(name);
  if (!rel.ok()) return rel.status();
  std::string leaf;
  Result<int> dir = OpenParent(*rel, leaf);
  if (!dir.ok()) return dir.status();
  auto fail = [&](Status s) -> Result<std::unique_ptr<FileWriter>> {
    ::close(*dir);
    return s;
  };
  struct stat st;
  const bool exists = ::fstatat(*dir, leaf.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0;
  if (!exists && errno != ENOENT) return fail(FromErrno(errno, "stat", *rel));
  if (exists && !S_ISREG(st.st_mode)) return fail(PermissionDenied(*rel + ": not a regular file"));
  if (exists && !policy_.allow_overwrite) return fail(AlreadyExists(*rel + ": file exists"));
  if (!exists && !policy_.allow_create) return fail(PermissionDenied(*rel + ": uploads may not create files"));
  struct statvfs vfs;
  if (size && ::fstatvfs(*dir, &vfs) == 0 &&
      static_cast<uint64_t>(vfs.f_bavail) * vfs.f_frsize < *size) {
    return fail(NoSpace(*rel + ": not enough space"));
  }
  return CreateUpload(*dir, leaf, policy_.allow_overwrite);
}

Result<std::unique_ptr<FileWriter>> OpenLocalFileWriter(const std::string& path, bool overwrite) {
  size_t slash = path.rfind('/');
  std::string parent = slash == std::string::npos ? "." : path.substr(0, slash + 1);
  std::string leaf = slash == std::string::npos ? path : path.substr(slash + 1);
  if (leaf.empty() || leaf == "." || leaf == "..") return InvalidArgument(path + ": not a file name");
  int dir = ::open(parent.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (dir < 0) return FromErrno(errno, "open directory", parent);
  struct stat st;
  if (::fstatat(dir, leaf.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && !overwrite) {
    ::close(dir);
    return AlreadyExists(path + ": file exists");
  }
  return CreateUpload(dir, leaf, overwrite);
}

}  // namespace iosup::tftp
