#include "transfer/block_reader.h"

#include <algorithm>
#include <vector>

#include "transfer/netascii.h"

namespace iosup::tftp {

namespace {

// One file read serves at most this much beyond what the sender asked for: enough to amortise
// the read over many small blocks, small enough that reading ahead one large block after a send
// ends before the peer's ACK arrives (a long read would delay the answer to that ACK).
constexpr uint64_t kReadAheadBytes = 32 * 1024;

// Octet: block n covers file bytes [(n-1)*B, n*B) and lives in slot n % slots of a ring, so a
// block read once is never read or copied again while the sender may still need it.
// Invariant: blocks [lo_, hi_) are in the ring, hi_ - lo_ <= slots.
class OctetReader : public BlockReader {
 public:
  OctetReader(std::shared_ptr<FileReader> file, uint32_t blksize)
      : file_(std::move(file)),
        size_(file_->size()),
        blksize_(blksize),
        total_(size_ / blksize + 1),  // the last block is short, maybe empty
        read_ahead_(static_cast<uint32_t>(kReadAheadBytes / blksize)) {}

  Result<uint32_t> Load(uint64_t first, uint32_t count) override {
    if (first < 1 || first > total_ || count == 0) return 0u;
    const uint32_t avail = static_cast<uint32_t>(std::min<uint64_t>(count, total_ - first + 1));
    // Room for what is asked, the block after it (the sender reads one ahead) and read-ahead.
    if (avail + 1 + read_ahead_ > slots_) Reshape(avail + 1 + read_ahead_);
    if (first >= hi_) lo_ = hi_ = first;  // nothing kept is wanted any more
    lo_ = std::max(lo_, first);
    const uint64_t need = first + avail;
    if (need <= hi_) return avail;
    const uint64_t upto = std::min({need + read_ahead_, lo_ + slots_, total_ + 1});
    while (hi_ < upto) {  // at most two reads: up to the ring's end, then from its start
      const uint64_t run = std::min(upto - hi_, slots_ - hi_ % slots_);
      IOSUP_RETURN_IF_ERROR(ReadBlocks(hi_, run));
      hi_ += run;
    }
    return avail;
  }

  std::span<const uint8_t> Block(uint64_t n) const override {
    if (n < lo_ || n >= hi_) return {};
    return std::span(ring_).subspan((n % slots_) * blksize_, BlockBytes(n));
  }

  uint64_t file_size() const override { return size_; }

 private:
  size_t BlockBytes(uint64_t n) const {
    const uint64_t begin = (n - 1) * blksize_;
    return static_cast<size_t>(std::min<uint64_t>(blksize_, size_ - std::min(size_, begin)));
  }

  // Blocks [first, first + run), adjacent in the file and in the ring, in one read.
  Status ReadBlocks(uint64_t first, uint64_t run) {
    const uint64_t offset = (first - 1) * blksize_;
    const uint64_t bytes = std::min<uint64_t>(run * blksize_, size_ - std::min(size_, offset));
    std::span<uint8_t> out = std::span(ring_).subspan((first % slots_) * blksize_, bytes);
    for (size_t done = 0; done < out.size();) {
      Result<size_t> n = file_->ReadAt(offset + done, out.subspan(done));
      if (!n.ok()) return n.status();
      if (*n == 0) return IoError("file shrank while being sent");
      done += *n;
    }
    return Status::Ok();
  }

  // The first load, or a window larger than the ring holds: a larger ring, keeping what the
  // old one held.
  void Reshape(uint64_t slots) {
    std::vector<uint8_t> ring(slots * blksize_);
    for (uint64_t n = lo_; n < hi_; ++n) {
      std::span<const uint8_t> block = Block(n);
      std::copy(block.begin(), block.end(), ring.begin() + (n % slots) * blksize_);
    }
    ring_ = std::move(ring);
    slots_ = slots;
  }

  std::shared_ptr<FileReader> file_;
  uint64_t size_;
  uint64_t blksize_;
  uint64_t total_;
  uint32_t read_ahead_;
  uint64_t slots_ = 0;
  std::vector<uint8_t> ring_;
  uint64_t lo_ = 0;
  uint64_t hi_ = 0;
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
