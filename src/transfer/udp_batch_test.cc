// SendBatch and RecvBatch over loopback: whatever way a batch goes out (one send, a sendmmsg of
// single datagrams, runs of equal-sized datagrams segmented by the kernel), the receiver sees
// each datagram whole, separate and in order.
#include "transfer/udp_batch.h"
#include "testing/loopback_peer.h"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>
#include <vector>

namespace iosup::tftp {
namespace {

class LoopbackPair : public ::testing::Test {
 protected:
  void SetUp() override {
    receiver_ = ::socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
    sender_ = ::socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
    ASSERT_GE(receiver_, 0);
    ASSERT_GE(sender_, 0);
    EnlargeSocketBuffers(receiver_, 8 << 20);
    sockaddr_in a = LoopbackAddress();
    ASSERT_EQ(::bind(receiver_, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
    socklen_t len = sizeof a;
    ASSERT_EQ(::getsockname(receiver_, reinterpret_cast<sockaddr*>(&a), &len), 0);
    ASSERT_EQ(::connect(sender_, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
  }
  void TearDown() override {
    ::close(receiver_);
    ::close(sender_);
  }

  // Everything queued at the receiver, one string per datagram.
  std::vector<std::string> Drain(size_t expected, size_t max_bytes) {
    std::vector<std::string> got;
    RecvBatch batch(16, max_bytes);
    while (got.size() < expected) {
      pollfd p{receiver_, POLLIN, 0};
      if (::poll(&p, 1, 2000) != 1) break;
      Result<size_t> n = batch.Receive(receiver_);
      if (!n.ok()) break;
      for (size_t i = 0; i < *n; ++i) {
        std::span<const uint8_t> d = batch.datagram(i);
        got.emplace_back(d.begin(), d.end());
      }
    }
    return got;
  }

  int receiver_ = -1;
  int sender_ = -1;
};

// DATA datagrams for blocks 1..sizes.size(), block i's payload `sizes[i-1]` bytes of a letter
// that names the block.
struct DataBatch {
  explicit DataBatch(const std::vector<size_t>& sizes) {
    for (size_t i = 0; i < sizes.size(); ++i) {
      payloads.emplace_back(sizes[i], static_cast<uint8_t>('a' + i % 26));
    }
    for (size_t i = 0; i < sizes.size(); ++i) {
      OutDatagram d;
      d.header = DataHeader(static_cast<uint16_t>(i + 1));
      d.header_len = 4;
      d.body = payloads[i];
      datagrams.push_back(d);
    }
  }
  std::string Expected(size_t i) const {
    std::string s(reinterpret_cast<const char*>(datagrams[i].header.data()), 4);
    s.append(payloads[i].begin(), payloads[i].end());
    return s;
  }
  std::vector<std::vector<uint8_t>> payloads;
  std::vector<OutDatagram> datagrams;
};

TEST_F(LoopbackPair, RunOfEqualBlocksArrivesAsSeparateDatagrams) {
  // 100 full blocks and a short final one: more than one segmented run, and a sendmmsg of
  // several of them.
  std::vector<size_t> sizes(100, 1468);
  sizes.push_back(17);
  DataBatch batch(sizes);
  Result<size_t> sent = SendBatch(sender_, batch.datagrams);
  ASSERT_TRUE(sent.ok()) << sent.status().ToString();
  EXPECT_EQ(*sent, sizes.size());
  std::vector<std::string> got = Drain(sizes.size(), 1472);
  ASSERT_EQ(got.size(), sizes.size());
  for (size_t i = 0; i < got.size(); ++i) EXPECT_EQ(got[i], batch.Expected(i)) << "block " << i + 1;
}

TEST_F(LoopbackPair, MixedSizesAndControlPacketsKeepTheirBoundaries) {
  std::vector<size_t> sizes = {512, 512, 100, 512, 0, 8192, 8192, 8192, 8191};
  DataBatch batch(sizes);
  const std::vector<uint8_t> error = {0, 5, 0, 1, 'x', 0};
  std::vector<OutDatagram> all = batch.datagrams;
  OutDatagram control;
  control.body = error;
  all.insert(all.begin() + 3, control);
  Result<size_t> sent = SendBatch(sender_, all);
  ASSERT_TRUE(sent.ok()) << sent.status().ToString();
  EXPECT_EQ(*sent, all.size());
  std::vector<std::string> got = Drain(all.size(), 8196);
  ASSERT_EQ(got.size(), all.size());
  EXPECT_EQ(got[3], std::string(error.begin(), error.end()));
  got.erase(got.begin() + 3);
  for (size_t i = 0; i < got.size(); ++i) EXPECT_EQ(got[i], batch.Expected(i)) << "block " << i + 1;
}

TEST_F(LoopbackPair, LoneDatagramGoesOutWhole) {
  DataBatch batch({1468});
  Result<size_t> sent = SendBatch(sender_, batch.datagrams);
  ASSERT_TRUE(sent.ok());
  EXPECT_EQ(*sent, 1u);
  std::vector<std::string> got = Drain(1, 1472);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0], batch.Expected(0));
}

TEST_F(LoopbackPair, ReceiveReportsTruncatedDatagrams) {
  DataBatch batch({600});
  ASSERT_TRUE(SendBatch(sender_, batch.datagrams).ok());
  RecvBatch recv(4, 516);
  pollfd p{receiver_, POLLIN, 0};
  ASSERT_EQ(::poll(&p, 1, 2000), 1);
  Result<size_t> n = recv.Receive(receiver_);
  ASSERT_TRUE(n.ok());
  ASSERT_EQ(*n, 1u);
  EXPECT_TRUE(recv.truncated(0));
  EXPECT_EQ(recv.datagram(0).size(), 517u);  // cut one past the limit: still seen as too long
  EXPECT_LT(*n, recv.capacity());            // a batch not filled: the socket is drained
}

}  // namespace
}  // namespace iosup::tftp
