// DatagramSocket on a real io_context and loopback: batches arrive through the handler, a
// socket found drained still wakes for the next datagram, and a receive cancelled by Close() or
// by destroying the socket never reaches its handler and releases what it held.
#include "transfer/datagram_socket.h"
#include "testing/loopback_peer.h"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <asio/steady_timer.hpp>
#include <string>
#include <vector>

namespace iosup::tftp {
namespace {

using asio::ip::udp;

class DatagramSocketTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sender_ = ::socket(AF_INET, SOCK_DGRAM, 0);
    ASSERT_GE(sender_, 0);
  }
  void TearDown() override { ::close(sender_); }

  // Opens `s` on 127.0.0.1 and returns its port.
  uint16_t OpenLoopback(DatagramSocket& s) {
    EXPECT_TRUE(s.Open(udp::v4(), 1 << 20).ok());
    EXPECT_TRUE(s.Bind(udp::endpoint(asio::ip::make_address("127.0.0.1"), 0)).ok());
    sockaddr_in a{};
    socklen_t len = sizeof a;
    ::getsockname(s.native_handle(), reinterpret_cast<sockaddr*>(&a), &len);
    return ntohs(a.sin_port);
  }

  void SendTo(uint16_t port, const std::string& text) {
    const sockaddr_in a = LoopbackAddress(port);
    ASSERT_EQ(::sendto(sender_, text.data(), text.size(), 0, reinterpret_cast<const sockaddr*>(&a),
                       sizeof a),
              static_cast<ssize_t>(text.size()));
  }

  asio::io_context io_;
  int sender_ = -1;
  uint16_t port_ = 0;
};

TEST_F(DatagramSocketTest, BatchesReachTheHandlerInOrder) {
  RecvBatch batch(8, 64);
  std::vector<std::string> got;
  DatagramSocket* self = nullptr;
  DatagramSocket socket(io_, [&](Result<size_t> n) {
    ASSERT_TRUE(n.ok());
    ASSERT_GE(*n, 1u);
    for (size_t i = 0; i < *n; ++i) {
      got.emplace_back(batch.datagram(i).begin(), batch.datagram(i).end());
    }
    if (got.size() < 3) self->AsyncReceive(batch, nullptr);
  });
  self = &socket;
  const uint16_t port = OpenLoopback(socket);
  for (const char* t : {"one", "two", "three"}) SendTo(port, t);
  socket.AsyncReceive(batch, nullptr);
  io_.run_for(std::chrono::seconds(5));
  EXPECT_EQ(got, (std::vector<std::string>{"one", "two", "three"}));
}

TEST_F(DatagramSocketTest, DrainedSocketWakesForTheNextDatagram) {
  RecvBatch batch(8, 64);
  int batches = 0;
  std::string last;
  DatagramSocket* self = nullptr;
  asio::steady_timer later(io_);
  DatagramSocket socket(io_, [&](Result<size_t> n) {
    ASSERT_TRUE(n.ok());
    ++batches;
    last.assign(batch.datagram(*n - 1).begin(), batch.datagram(*n - 1).end());
    if (batches == 1) {
      // The batch was not full: the socket is known drained, and the next receive waits for
      // readiness without polling. A datagram sent later must still wake it.
      self->AsyncReceive(batch, nullptr);
      later.expires_after(std::chrono::milliseconds(20));
      later.async_wait([&](std::error_code) { SendTo(port_, "late"); });
    }
  });
  self = &socket;
  port_ = OpenLoopback(socket);
  SendTo(port_, "first");
  socket.AsyncReceive(batch, nullptr);
  io_.run_for(std::chrono::seconds(5));
  EXPECT_EQ(batches, 2);
  EXPECT_EQ(last, "late");
}

TEST_F(DatagramSocketTest, CloseCancelsWithoutCallingTheHandler) {
  RecvBatch batch(8, 64);
  bool called = false;
  auto held = std::make_shared<int>(7);
  std::weak_ptr<int> watch = held;
  DatagramSocket socket(io_, [&](Result<size_t>) { called = true; });
  OpenLoopback(socket);
  socket.AsyncReceive(batch, std::move(held));
  EXPECT_TRUE(socket.receiving());
  socket.Close();
  io_.run_for(std::chrono::milliseconds(200));
  EXPECT_FALSE(called);
  EXPECT_FALSE(socket.receiving());
  EXPECT_TRUE(watch.expired());  // the keepalive was released with the cancelled receive
}

TEST_F(DatagramSocketTest, SocketDestroyedWhileReceivingIsSafe) {
  RecvBatch batch(8, 64);
  bool called = false;
  auto held = std::make_shared<int>(7);
  std::weak_ptr<int> watch = held;
  uint16_t port = 0;
  {
    DatagramSocket socket(io_, [&](Result<size_t>) { called = true; });
    port = OpenLoopback(socket);
    socket.AsyncReceive(batch, std::move(held));
  }
  SendTo(port, "nobody listens");
  io_.run_for(std::chrono::milliseconds(200));
  EXPECT_FALSE(called);
  EXPECT_TRUE(watch.expired());
}

TEST_F(DatagramSocketTest, IoContextDestroyedWhileReceivingReleasesTheOwner) {
  // As a session does: the pending receive is what keeps the socket's owner alive.
  auto io = std::make_unique<asio::io_context>();
  RecvBatch batch(8, 64);
  auto socket = std::make_shared<DatagramSocket>(*io, [](Result<size_t>) {});
  std::weak_ptr<DatagramSocket> watch = socket;
  OpenLoopback(*socket);
  socket->AsyncReceive(batch, socket);
  socket.reset();
  EXPECT_FALSE(watch.expired());
  io.reset();  // abandons the receive, which releases the socket, which closes
  EXPECT_TRUE(watch.expired());
}

}  // namespace
}  // namespace iosup::tftp
