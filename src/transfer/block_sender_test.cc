// BlockSender's pacing, driven by hand with a fake clock: bursts sized to a receiver's buffer,
// paced bursts, the wait after a gap, the tail-loss probe, and lock-step (window 1) untouched.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>

#include "base/memory_file.h"
#include "transfer/block_transfer.h"

namespace iosup::tftp {
namespace {

using std::chrono::microseconds;
using std::chrono::milliseconds;

class SenderFixture {
 public:
  SenderFixture(uint32_t blksize, uint32_t windowsize, size_t file_bytes)
      : reader_(MakeBlockReader(StringReader(std::string(file_bytes, 'x')), Mode::kOctet,
                                blksize)),
        sender_(*reader_, blksize, windowsize, milliseconds(1000)) {}

  // Block numbers (wire) of what the last call queued; clears the outbox.
  std::vector<uint16_t> Sent() {
    std::vector<uint16_t> blocks;
    for (const OutDatagram& d : out_.datagrams) {
      blocks.push_back(static_cast<uint16_t>(d.header[2] << 8 | d.header[3]));
    }
    out_.clear();
    return blocks;
  }

  BlockSender& sender() { return sender_; }
  Outbox& out() { return out_; }
  SteadyTime now_{};

 private:
  std::unique_ptr<BlockReader> reader_;
  BlockSender sender_;
  Outbox out_;
};

TEST(DatagramsInReceiveBuffer, MatchesWhatLinuxChargesPerDatagram) {
  // Measured on loopback with the default 212992-byte buffer: 166, 92, 12 and 3 datagrams.
  EXPECT_NEAR(DatagramsInReceiveBuffer(512, 212992), 166, 8);
  EXPECT_NEAR(DatagramsInReceiveBuffer(1468, 212992), 92, 4);
  EXPECT_EQ(DatagramsInReceiveBuffer(8192, 212992), 11u);  // one under: never overflow
  EXPECT_EQ(DatagramsInReceiveBuffer(65464, 212992), 2u);
  EXPECT_EQ(DatagramsInReceiveBuffer(65464, 1000), 1u);  // always at least one
}

TEST(BlockSender, WindowThatFitsTheReceiverGoesOutAtOnce) {
  SenderFixture f(1468, 64, 1468 * 200);
  ASSERT_TRUE(f.sender().StartWindow(f.now_, f.out()).ok());
  std::vector<uint16_t> sent = f.Sent();
  ASSERT_EQ(sent.size(), 64u);
  EXPECT_EQ(sent.front(), 1);
  EXPECT_EQ(sent.back(), 64);
}

TEST(BlockSender, LargeBlocksArePacedInBurstsTheReceiverHolds) {
  SenderFixture f(65464, 16, 65464 * 40);
  ASSERT_TRUE(f.sender().StartWindow(f.now_, f.out()).ok());
  const size_t first = f.Sent().size();
  EXPECT_EQ(first, DatagramsInReceiveBuffer(65464, 212992));
  // Nothing more until the receiver had time to drain that burst.
  const SteadyTime due = f.sender().next_send_time();
  ASSERT_GT(due, f.now_);
  ASSERT_TRUE(f.sender().OnPaceTimer(due - microseconds(1), f.out()).ok());
  EXPECT_TRUE(f.Sent().empty());
  size_t total = first;
  for (int i = 0; i < 20 && total < 16; ++i) {
    f.now_ = f.sender().next_send_time();
    ASSERT_TRUE(f.sender().OnPaceTimer(f.now_, f.out()).ok());
    total += f.Sent().size();
  }
  EXPECT_EQ(total, 16u);  // the whole window, and not one block beyond it
}

TEST(BlockSender, UnansweredWindowIsProbedWithItsLastBlock) {
  SenderFixture f(1468, 16, 1468 * 100);
  ASSERT_TRUE(f.sender().StartWindow(f.now_, f.out()).ok());
  ASSERT_EQ(f.Sent().size(), 16u);
  const SteadyTime probe_at = f.sender().next_send_time();
  ASSERT_NE(probe_at, SteadyTime::max());
  EXPECT_LT(probe_at - f.now_, f.sender().rto());
  ASSERT_TRUE(f.sender().OnPaceTimer(probe_at, f.out()).ok());
  EXPECT_EQ(f.Sent(), std::vector<uint16_t>{16});
  // One probe per window: after it, only the retransmission timeout is left.
  EXPECT_EQ(f.sender().next_send_time(), SteadyTime::max());
  // The receiver reports a gap after block 9: the next window starts at 10.
  f.now_ = probe_at + microseconds(100);
  EXPECT_EQ(f.sender().OnAck(9, f.now_), BlockSender::AckVerdict::kAdvanced);
  ASSERT_TRUE(f.sender().StartWindow(f.now_, f.out()).ok());
  std::vector<uint16_t> sent = f.Sent();
  if (sent.empty()) {  // the restart waits for the receiver's queue to drain
    f.now_ = f.sender().next_send_time();
    ASSERT_TRUE(f.sender().OnPaceTimer(f.now_, f.out()).ok());
    sent = f.Sent();
  }
  ASSERT_FALSE(sent.empty());
  EXPECT_EQ(sent.front(), 10);
}

TEST(BlockSender, GapInsideTheWindowDelaysTheRestart) {
  SenderFixture f(8192, 64, 8192 * 200);
  ASSERT_TRUE(f.sender().StartWindow(f.now_, f.out()).ok());
  const size_t burst = f.Sent().size();
  ASSERT_GT(burst, 4u);
  f.now_ += microseconds(50);
  ASSERT_EQ(f.sender().OnAck(3, f.now_), BlockSender::AckVerdict::kAdvanced);
  ASSERT_TRUE(f.sender().StartWindow(f.now_, f.out()).ok());
  EXPECT_TRUE(f.Sent().empty());  // what followed the gap still drains at the receiver
  EXPECT_GT(f.sender().next_send_time(), f.now_);
  f.now_ = f.sender().next_send_time();
  ASSERT_TRUE(f.sender().OnPaceTimer(f.now_, f.out()).ok());
  std::vector<uint16_t> sent = f.Sent();
  ASSERT_FALSE(sent.empty());
  EXPECT_EQ(sent.front(), 4);
  EXPECT_LT(sent.size(), burst);  // a loss inside the first burst shrinks the burst
}

TEST(BlockSender, LockStepIsNeverProbedOrPaced) {
  SenderFixture f(512, 1, 512 * 10);
  ASSERT_TRUE(f.sender().StartWindow(f.now_, f.out()).ok());
  EXPECT_EQ(f.Sent(), std::vector<uint16_t>{1});
  EXPECT_EQ(f.sender().next_send_time(), SteadyTime::max());
  // A duplicate ACK sends nothing (no Sorcerer's Apprentice); a new one moves on.
  EXPECT_EQ(f.sender().OnAck(0, f.now_), BlockSender::AckVerdict::kIgnored);
  EXPECT_EQ(f.sender().OnAck(1, f.now_), BlockSender::AckVerdict::kAdvanced);
  EXPECT_EQ(f.sender().OnAck(1, f.now_), BlockSender::AckVerdict::kIgnored);
}

// Counts the reads that reach the file.
class CountingReader : public FileReader {
 public:
  explicit CountingReader(uint64_t size) : size_(size) {}
  uint64_t size() const override { return size_; }
  Result<size_t> ReadAt(uint64_t offset, std::span<uint8_t> out) override {
    ++reads;
    const size_t n = static_cast<size_t>(std::min<uint64_t>(out.size(), size_ - offset));
    bytes += n;
    std::fill_n(out.begin(), n, uint8_t{'x'});
    return n;
  }
  int reads = 0;
  uint64_t bytes = 0;

 private:
  uint64_t size_;
};

// Lock-step at 65464-byte blocks: the read of the next block happens in ReadAhead, while the
// receiver answers, never between its ACK and the next block; each read is one block (a long
// read would itself delay the answer to an ACK that arrives meanwhile), and no byte is read
// twice.
TEST(BlockSender, ReadAheadReadsTheFileBeforeTheAckNotAfter) {
  constexpr uint32_t kBlk = 65464;
  auto file = std::make_shared<CountingReader>(uint64_t{kBlk} * 12 + 100);
  auto reader = MakeBlockReader(file, Mode::kOctet, kBlk);
  BlockSender sender(*reader, kBlk, 1, milliseconds(1000));
  Outbox out;
  SteadyTime now{};
  ASSERT_TRUE(sender.StartWindow(now, out).ok());
  ASSERT_EQ(file->reads, 1);
  int read_ahead = 0;
  for (uint16_t block = 1; block <= 12; ++block) {
    ASSERT_EQ(out.datagrams.size(), 1u) << block;
    EXPECT_EQ(out.datagrams[0].body.size(), kBlk);
    out.clear();  // sent
    const int before_ahead = file->reads;
    sender.ReadAhead();
    EXPECT_LE(file->reads - before_ahead, 1) << block;
    read_ahead += file->reads - before_ahead;
    ASSERT_EQ(sender.OnAck(block, now), BlockSender::AckVerdict::kAdvanced);
    const int before_send = file->reads;
    ASSERT_TRUE(sender.StartWindow(now, out).ok());
    EXPECT_EQ(file->reads, before_send) << "block " << block + 1 << " waited for a read";
  }
  EXPECT_EQ(out.datagrams.at(0).body.size(), 100u);  // the short final block
  EXPECT_EQ(read_ahead, 12);
  EXPECT_EQ(file->bytes, file->size());
}

TEST(BlockSender, CleanWindowsGrowTheBurstTowardTheWindow) {
  SenderFixture f(16384, 64, 16384 * 530);
  ASSERT_TRUE(f.sender().StartWindow(f.now_, f.out()).ok());
  const uint32_t initial = f.sender().burst();
  uint16_t acked = 0;
  for (int window = 0; window < 8; ++window) {
    size_t sent = f.Sent().size();
    while (sent < 64) {
      f.now_ = f.sender().next_send_time();
      ASSERT_NE(f.now_, SteadyTime::max());
      ASSERT_TRUE(f.sender().OnPaceTimer(f.now_, f.out()).ok());
      sent += f.Sent().size();
    }
    acked = static_cast<uint16_t>(acked + 64);
    f.now_ += microseconds(200);
    ASSERT_EQ(f.sender().OnAck(acked, f.now_), BlockSender::AckVerdict::kAdvanced);
    ASSERT_TRUE(f.sender().StartWindow(f.now_, f.out()).ok());
  }
  EXPECT_GT(f.sender().burst(), initial);
  EXPECT_LE(f.sender().burst(), 64u);
}

}  // namespace
}  // namespace iosup::tftp
