#include "transfer/block_reader.h"

#include <algorithm>
#include <vector>

#include "transfer/netascii.h"

namespace iosup::tftp {

namespace {

constexpr uint64_t kChunkBytes = 256 * 1024;

// Octet: block n covers file bytes [(n-1)*B, n*B). Invariant: buf_ holds file bytes
// [buf_off_, buf_off_ + buf_.size()).
class OctetReader : public BlockReader {
 public:
  OctetReader(std::shared_ptr<FileReader> file, uint32_t blksize)
      : file_(std::move(file)), size_(file_->size()), blksize_(blksize) {}

  Result<uint32_t> Load(uint64_t first, uint32_t count) override {
    const uint64_t total = size_ / blksize_ + 1;  // the last block is short, maybe empty
    if (first < 1 || first > total) return 0u;
    const uint32_t avail = static_cast<uint32_t>(std::min<uint64_t>(count, total - first + 1));
    const uint64_t begin = (first - 1) * blksize_;
    const uint64_t end = std::min(size_, (first - 1 + avail) * blksize_);
    if (begin >= buf_off_ && end <= buf_off_ + buf_.size()) return avail;
    uint64_t want = std::max(end - begin, kChunkBytes / blksize_ * blksize_);
    want = std::min(want, size_ - begin);
    buf_.resize(want);
    buf_off_ = begin;
    size_t done = 0;
    while (done < want) {
      Result<size_t> n = file_->ReadAt(begin + done, std::span(buf_).subspan(done));
      if (!n.ok()) return n.status();
      if (*n == 0) return IoError("file shrank while being sent");
      done += *n;
    }
    return avail;
  }

  std::span<const uint8_t> Block(uint64_t n) const override {
    const uint64_t begin = (n - 1) * blksize_;
    const uint64_t end = std::min(size_, begin + blksize_);
    if (begin < buf_off_ || end > buf_off_ + buf_.size() || begin > end) return {};
    return std::span(buf_).subspan(begin - buf_off_, end - begin);
  }

  uint64_t file_size() const override { return size_; }

 private:
  std::shared_ptr<FileReader> file_;
  uint64_t size_;
  uint32_t blksize_;
  std::vector<uint8_t> buf_;
  uint64_t buf_off_ = 0;
};

// Netascii: the wire stream is produced sequentially. Invariant: enc_[start_..] holds the wire
// bytes from block base_ on.
class NetasciiReader : public BlockReader {
 public:
  NetasciiReader(std::shared_ptr<FileReader> file, uint32_t blksize)
      : file_(std::move(file)), blksize_(blksize) {}

  Result<uint32_t> Load(uint64_t first, uint32_t count) override {
    if (first < base_) return InvalidArgument("netascii blocks go forward only");
    const size_t drop = std::min<uint64_t>((first - base_) * blksize_, enc_.size() - start_);
    start_ += drop;
    base_ = first;
    if (start_ > enc_.size() / 2) {
      enc_.erase(enc_.begin(), enc_.begin() + static_cast<ptrdiff_t>(start_));
      start_ = 0;
    }
    const uint64_t need = static_cast<uint64_t>(count) * blksize_;
    std::vector<uint8_t> raw(64 * 1024);
    while (!eof_ && enc_.size() - start_ < need) {
      Result<size_t> n = file_->ReadAt(in_off_, raw);
      if (!n.ok()) return n.status();
      if (*n == 0) eof_ = true;
      in_off_ += *n;
      NetasciiEncode(std::span(raw).first(*n), enc_);
    }
    const uint64_t have = enc_.size() - start_;
    if (have >= need) return count;
    // At end of stream: full blocks plus the final short one (the sender never asks past it).
    return static_cast<uint32_t>(have / blksize_ + 1);
  }

  std::span<const uint8_t> Block(uint64_t n) const override {
    if (n < base_) return {};
    const uint64_t off = start_ + (n - base_) * blksize_;
    if (off > enc_.size()) return {};
    return std::span(enc_).subspan(off, std::min<uint64_t>(blksize_, enc_.size() - off));
  }

  uint64_t file_size() const override { return in_off_; }

 private:
  std::shared_ptr<FileReader> file_;
  uint32_t blksize_;
  std::vector<uint8_t> enc_;
  size_t start_ = 0;
  uint64_t base_ = 1;
  uint64_t in_off_ = 0;
  bool eof_ = false;
};

}  // namespace

std::unique_ptr<BlockReader> MakeBlockReader(std::shared_ptr<FileReader> file, Mode mode,
                                             uint32_t blksize) {
  if (mode == Mode::kNetascii) return std::make_unique<NetasciiReader>(std::move(file), blksize);
  return std::make_unique<OctetReader>(std::move(file), blksize);
}

}  // namespace iosup::tftp
