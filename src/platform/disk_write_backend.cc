#include "platform/disk_write_backend.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "platform/posix_file.h"

namespace iosup {

DiskWriteBackend::DiskWriteBackend(BlobStore& blobs, std::string staging_name, int fd)
    : blobs_(blobs), name_(std::move(staging_name)), fd_(fd), sha_(DigestKind::kSha256) {}

DiskWriteBackend::~DiskWriteBackend() {
  // An interrupted write stays a partial file: its staging file must hold what was received.
  if (fd_ >= 0 && expected_fd_ >= 0) (void)Materialize();
  CloseExpected();
  if (fd_ >= 0) ::close(fd_);
}

void DiskWriteBackend::ExpectContent(const std::string& local_file) {
  if (received_ != 0 || fd_ < 0 || expected_fd_ >= 0) return;
  const int fd = ::open(local_file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return;
  }
  expected_fd_ = fd;
  expected_size_ = static_cast<uint64_t>(st.st_size);
}

void DiskWriteBackend::CloseExpected() {
  if (expected_fd_ >= 0) ::close(expected_fd_);
  expected_fd_ = -1;
}

bool DiskWriteBackend::Matches(std::span<const uint8_t> data) {
  if (received_ + data.size() > expected_size_) return false;
  compare_buffer_.resize(data.size());
  size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::pread(expected_fd_, compare_buffer_.data() + done, data.size() - done,
                              static_cast<off_t>(received_ + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return std::memcmp(compare_buffer_.data(), data.data(), data.size()) == 0;
}

Status DiskWriteBackend::Stage(std::span<const uint8_t> data) {
  IOSUP_RETURN_IF_ERROR(WriteAllTo(fd_, data, "staging " + name_));
  staged_ += data.size();
  return Status::Ok();
}

Status DiskWriteBackend::Materialize() {
  const int from = expected_fd_;
  expected_fd_ = -1;
  Status copied = Status::Ok();
  std::vector<uint8_t> chunk(1 << 20);
  for (uint64_t at = staged_; copied.ok() && at < received_;) {
    const size_t want = static_cast<size_t>(std::min<uint64_t>(chunk.size(), received_ - at));
    const ssize_t n = ::pread(from, chunk.data(), want, static_cast<off_t>(at));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      copied = IoError("read " + std::string(n < 0 ? std::strerror(errno) : "short file") +
                       " while copying the matched bytes into staging");
      break;
    }
    copied = Stage(std::span(chunk).first(static_cast<size_t>(n)));
    at += static_cast<uint64_t>(n);
  }
  ::close(from);
  return copied;
}

Status DiskWriteBackend::Write(std::span<const uint8_t> data) {
  if (expected_fd_ >= 0 && !Matches(data)) IOSUP_RETURN_IF_ERROR(Materialize());
  if (expected_fd_ < 0) IOSUP_RETURN_IF_ERROR(Stage(data));
  sha_.Update(data);
  received_ += data.size();
  return Status::Ok();
}

Result<std::string> DiskWriteBackend::Finish() {
  std::string id = sha_.FinishHex();
  // The whole expected file, already stored as a blob: nothing to write at all.
  const bool stored = expected_fd_ >= 0 && received_ == expected_size_ && blobs_.Has(id);
  if (!stored && expected_fd_ >= 0) IOSUP_RETURN_IF_ERROR(Materialize());
  CloseExpected();
  if (!stored && ::fsync(fd_) != 0) return IoError(std::string("fsync staging: ") + std::strerror(errno));
  ::close(fd_);
  fd_ = -1;
  IOSUP_RETURN_IF_ERROR(blobs_.Adopt(name_, id));  // drops the staging file when the blob exists
  return id;
}

void DiskWriteBackend::Discard() {
  CloseExpected();
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  ::unlink(blobs_.StagingPath(name_).c_str());
}

}  // namespace iosup
