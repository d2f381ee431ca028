#include "transfer/block_reader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>

#include "testing/test_bytes.h"

namespace iosup::tftp {
namespace {

// A file that counts what is read from it.
class CountingFile : public FileReader {
 public:
  explicit CountingFile(std::string bytes) : bytes_(std::move(bytes)) {}
  uint64_t size() const override { return bytes_.size(); }
  Result<size_t> ReadAt(uint64_t offset, std::span<uint8_t> out) override {
    const size_t n = std::min<size_t>(out.size(), bytes_.size() - offset);
    std::copy_n(bytes_.begin() + static_cast<ptrdiff_t>(offset), n, out.begin());
    ++reads;
    read_bytes += n;
    largest_read = std::max(largest_read, n);
    return n;
  }
  const std::string& bytes() const { return bytes_; }
  int reads = 0;
  uint64_t read_bytes = 0;
  size_t largest_read = 0;

 private:
  std::string bytes_;
};

std::string Expected(const std::string& file, uint32_t blksize, uint64_t n) {
  const uint64_t begin = (n - 1) * blksize;
  if (begin >= file.size()) return "";
  return file.substr(begin, blksize);
}

std::string AsString(std::span<const uint8_t> block) {
  return std::string(block.begin(), block.end());
}

// A sender's pattern: windows that start where the last ACK left them (sometimes not moving at
// all, a retransmission), asking for a window and then one block more (the read-ahead). Every
// block asked for is the file's, and no byte of the file is read twice.
TEST(OctetBlockReader, ServesEveryWindowPatternReadingEachByteOnce) {
  for (uint32_t blksize : {8u, 512u, 1468u, 8192u, 65464u}) {
    for (uint32_t window : {1u, 7u, 64u}) {
      const uint64_t blocks = std::min<uint64_t>(2000, (4u << 20) / blksize);
      auto file = std::make_shared<CountingFile>(PatternBytes(blocks * blksize + blksize / 3));
      auto reader = MakeBlockReader(file, Mode::kOctet, blksize);
      const uint64_t total = file->size() / blksize + 1;
      std::mt19937 random(blksize * 131 + window);
      uint64_t first = 1;
      while (first <= total) {
        for (uint32_t count : {window, window + 1}) {
          Result<uint32_t> avail = reader->Load(first, count);
          ASSERT_TRUE(avail.ok()) << avail.status().ToString();
          ASSERT_EQ(*avail, std::min<uint64_t>(count, total - first + 1));
          for (uint64_t n = first; n < first + *avail; ++n) {
            ASSERT_EQ(AsString(reader->Block(n)), Expected(file->bytes(), blksize, n))
                << "blksize " << blksize << " window " << window << " block " << n;
          }
        }
        first += random() % (window + 1);  // 0: the window is sent again
      }
      EXPECT_EQ(file->read_bytes, file->size()) << "blksize " << blksize << " window " << window;
    }
  }
}

// Lock-step with large blocks: each read is the one block the sender is about to need, so a
// read done while the peer answers is short (hpa-like), never a long read that would delay the
// answer to the next ACK.
TEST(OctetBlockReader, LargeBlocksAreReadOneAtATime) {
  constexpr uint32_t kBlk = 65464;
  auto file = std::make_shared<CountingFile>(PatternBytes(kBlk * 20));
  auto reader = MakeBlockReader(file, Mode::kOctet, kBlk);
  for (uint64_t first = 1; first <= 21; ++first) {
    ASSERT_TRUE(reader->Load(first, 1).ok());  // the block sent
    ASSERT_TRUE(reader->Load(first, 2).ok());  // read ahead while the peer answers
  }
  EXPECT_EQ(file->largest_read, kBlk);
  EXPECT_EQ(file->read_bytes, file->size());
}

// Small blocks are read in batches: one read serves dozens of blocks.
TEST(OctetBlockReader, SmallBlocksAreReadManyAtOnce) {
  constexpr uint32_t kBlk = 512;
  auto file = std::make_shared<CountingFile>(PatternBytes(kBlk * 1000 + 1));
  auto reader = MakeBlockReader(file, Mode::kOctet, kBlk);
  for (uint64_t first = 1; first <= 1001; ++first) {
    ASSERT_TRUE(reader->Load(first, 2).ok());
  }
  EXPECT_LE(file->reads, 1000 / 32);
  EXPECT_EQ(file->read_bytes, file->size());
}

TEST(OctetBlockReader, FileThatShrinksIsAnError) {
  class Shrinking : public FileReader {
   public:
    uint64_t size() const override { return 10000; }
    Result<size_t> ReadAt(uint64_t offset, std::span<uint8_t> out) override {
      if (offset >= 3000) return size_t{0};
      const size_t n = std::min<size_t>(out.size(), 3000 - offset);
      std::fill_n(out.begin(), n, uint8_t{1});
      return n;
    }
  };
  auto reader = MakeBlockReader(std::make_shared<Shrinking>(), Mode::kOctet, 512);
  Result<uint32_t> avail = reader->Load(1, 20);
  ASSERT_FALSE(avail.ok());
  EXPECT_NE(avail.status().ToString().find("shrank"), std::string::npos);
}

}  // namespace
}  // namespace iosup::tftp
