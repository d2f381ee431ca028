#include "lab/lab_netboot_port.h"

#include <fcntl.h>
#include <unistd.h>

#include <asio/io_context.hpp>
#include <cerrno>
#include <cstring>

#include "platform/posix_file.h"
#include "transfer/tftp_client.h"

namespace iosup {

namespace {

// Owns a descriptor; closes it when destroyed.
class UniqueFd {
 public:
  explicit UniqueFd(int fd = -1) : fd_(fd) {}
  UniqueFd(UniqueFd&& o) noexcept : fd_(std::exchange(o.fd_, -1)) {}
  UniqueFd& operator=(UniqueFd&&) = delete;
  ~UniqueFd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

Status ErrnoStatus(const std::string& what) {
  const int e = errno;
  if (e == ENOSPC || e == EDQUOT) return NoSpace(what + ": " + std::strerror(e));
  return Status(ErrorCode::kIoError, what + ": " + std::strerror(e));
}

// A file in `dir` that has no name from the start: unlinked as soon as it is created.
Result<UniqueFd> CreateUnlinkedFile(const std::string& dir) {
  IOSUP_RETURN_IF_ERROR(MakeDirs(dir));
  std::string name = dir + "/netboot-XXXXXX";
  UniqueFd fd(::mkostemp(name.data(), O_CLOEXEC));
  if (fd.get() < 0) return ErrnoStatus("cannot create a temporary file in " + dir);
  ::unlink(name.c_str());
  return fd;
}

// The client's sink: appends to the unnamed file.
class TempImageWriter : public FileWriter {
 public:
  explicit TempImageWriter(int fd) : fd_(fd) {}
  Status Append(std::span<const uint8_t> data) override {
    while (!data.empty()) {
      const ssize_t n = ::pwrite(fd_, data.data(), data.size(), static_cast<off_t>(written_));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return ErrnoStatus("netboot image");
      written_ += static_cast<uint64_t>(n);
      data = data.subspan(static_cast<size_t>(n));
    }
    return Status::Ok();
  }
  Status Commit() override { return Status::Ok(); }
  void Abort() override {}
  uint64_t written() const override { return written_; }

 private:
  int fd_;
  uint64_t written_ = 0;
};

// The received image; owns the unnamed file, which disappears with it.
class TempImageReader : public FileReader {
 public:
  TempImageReader(UniqueFd fd, uint64_t size) : fd_(std::move(fd)), size_(size) {}
  uint64_t size() const override { return size_; }
  Result<size_t> ReadAt(uint64_t offset, std::span<uint8_t> out) override {
    if (offset >= size_) return size_t{0};
    const size_t want = static_cast<size_t>(std::min<uint64_t>(out.size(), size_ - offset));
    for (;;) {
      const ssize_t n = ::pread(fd_.get(), out.data(), want, static_cast<off_t>(offset));
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return ErrnoStatus("netboot image");
      return static_cast<size_t>(n);
    }
  }

 private:
  UniqueFd fd_;
  uint64_t size_;
};

}  // namespace

Result<std::unique_ptr<FileReader>> LabNetbootPort::FetchImage(const std::string& host,
                                                               const std::string& file) {
  // Nothing answers for an address outside the lab: the client would only have timed out.
  std::optional<LoopbackEndpoint> where = map_.Find(host, "tftp");
  if (!where || !IsLoopbackAddress(where->address)) {
    return Status(ErrorCode::kTimedOut, "Timed out (no TFTP server at " + host + ")");
  }
  asio::error_code ec;
  const asio::ip::address address = asio::ip::make_address(where->address, ec);
  if (ec) return Status(ErrorCode::kTimedOut, "Timed out (bad endpoint " + where->address + ")");

  Result<UniqueFd> fd = CreateUnlinkedFile(options_.temp_dir);
  if (!fd.ok()) return fd.status();
  TempImageWriter sink(fd->get());
  tftp::ClientRequest request;
  request.remote_file = file;
  request.wants.blksize = options_.blksize;
  request.wants.tsize = true;
  request.retransmit_timeout = options_.retransmit_timeout;
  request.max_retries = options_.max_retries;

  asio::io_context io;  // private: the caller's loop is blocked until the image is here
  Result<tftp::TransferRecord> record = Status(ErrorCode::kAborted, "transfer did not finish");
  auto transfer = tftp::StartClientTransfer(
      io, asio::ip::udp::endpoint(address, where->port), std::move(request), &sink, nullptr,
      nullptr, [&record](Result<tftp::TransferRecord> r) { record = std::move(r); });
  io.run();
  if (!record.ok()) return record.status();
  return std::unique_ptr<FileReader>(new TempImageReader(std::move(*fd), sink.written()));
}

}  // namespace iosup
