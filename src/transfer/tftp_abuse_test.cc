// The server under abuse, over raw UDP on loopback: requests that never answer do not lock other
// clients out (a cap per client address, eviction of the longest-idle session, a bound on an
// unanswered first reply), a receiver that pauses is waited for, and a name that names a
// directory is refused. Bounded: a few dozen sockets, at most a few seconds each.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <optional>

#include "testing/temp_dir.h"
#include "transfer/tftp_test_util.h"

namespace iosup::tftp {
namespace {

using std::chrono::milliseconds;

// A UDP socket on 127.0.0.`host`, talking to the server by raw datagrams.
class RawPeer {
 public:
  explicit RawPeer(uint16_t server_port, int host = 1) : server_port_(server_port) {
    fd_ = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(0x7f000000u | static_cast<uint32_t>(host));
    bound_ = ::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  }
  ~RawPeer() { ::close(fd_); }
  bool bound() const { return bound_; }

  void SendRequest(bool is_write, const std::string& name, OptionList options = {}) {
    std::vector<uint8_t> p;
    AppendRequest(is_write, name, Mode::kOctet, options, p);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(server_port_);
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::sendto(fd_, p.data(), p.size(), 0, reinterpret_cast<sockaddr*>(&to), sizeof to);
  }
  // Sends an ACK to where the last datagram came from (the transfer's port).
  void Ack(uint16_t block) {
    std::vector<uint8_t> p;
    AppendAck(block, p);
    ::sendto(fd_, p.data(), p.size(), 0, reinterpret_cast<sockaddr*>(&from_), sizeof from_);
  }
  // The next datagram, or nothing within `wait`.
  std::optional<std::vector<uint8_t>> Receive(milliseconds wait) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(wait.count())) <= 0) return std::nullopt;
    std::vector<uint8_t> buf(70000);
    socklen_t len = sizeof from_;
    ssize_t n = ::recvfrom(fd_, buf.data(), buf.size(), 0, reinterpret_cast<sockaddr*>(&from_),
                           &len);
    if (n < 0) return std::nullopt;
    buf.resize(static_cast<size_t>(n));
    return buf;
  }
  // The first ERROR among the datagrams that arrive within `wait`.
  std::optional<ErrorNumber> WaitError(milliseconds wait) {
    const auto end = std::chrono::steady_clock::now() + wait;
    while (std::chrono::steady_clock::now() < end) {
      auto d = Receive(std::chrono::duration_cast<milliseconds>(end - std::chrono::steady_clock::now()));
      if (d && d->size() >= 4 && (*d)[1] == 5) return static_cast<ErrorNumber>((*d)[3]);
    }
    return std::nullopt;
  }

 private:
  int fd_;
  bool bound_ = false;
  uint16_t server_port_;
  sockaddr_in from_{};
};

// Downloads `name` in lock-step (no options), sleeping `pause` once after ACKing `pause_after`.
// The content, or nothing if the server sent an ERROR or went silent for 3 s.
std::optional<std::string> Download(RawPeer& peer, const std::string& name,
                                    uint16_t pause_after = 0, milliseconds pause = {}) {
  peer.SendRequest(false, name);
  std::string content;
  uint16_t expected = 1;
  for (;;) {
    std::optional<std::vector<uint8_t>> d = peer.Receive(milliseconds(3000));
    if (!d || d->size() < 4 || (*d)[1] != 3) return std::nullopt;
    const uint16_t block = static_cast<uint16_t>((*d)[2] << 8 | (*d)[3]);
    if (block != expected) continue;  // a retransmission of what we have
    content.append(d->begin() + 4, d->end());
    peer.Ack(block);
    if (d->size() < 4 + 512) return content;
    if (block == pause_after) std::this_thread::sleep_for(pause);
    ++expected;
  }
}

// `n` peers, the i-th on 127.0.0.`first_host + i * host_step`, each requesting good.bin with
// timeout=255 and never answering.
std::vector<std::unique_ptr<RawPeer>> StuckPeers(uint16_t port, int n, int first_host,
                                                 int host_step) {
  std::vector<std::unique_ptr<RawPeer>> peers;
  for (int i = 0; i < n; ++i) {
    peers.push_back(std::make_unique<RawPeer>(port, first_host + i * host_step));
    peers.back()->SendRequest(false, "good.bin", {{"timeout", "255"}});
  }
  return peers;
}

class TftpAbuse : public testing::Test {
 protected:
  void SetUp() override {
    content_ = RandomBytes(512 * 20 + 77, 14);
    WriteFile(root_.path() + "/good.bin", content_);
    std::filesystem::create_directory(root_.path() + "/sub");
  }
  TempDir root_;
  std::string content_;
};

// Issue 14 item 7, scaled down: a full table of requests that negotiated timeout=255 and never
// answer. A new client is served once they have been idle a while, and an evicted peer is told.
TEST_F(TftpAbuse, StuckRequestsDoNotLockOutANewClient) {
  ServerOptions options;
  options.max_sessions = 16;
  ServerThread server(root_.path(), {}, options);
  std::vector<std::unique_ptr<RawPeer>> stuck = StuckPeers(server.port(), 20, 10, 1);
  ASSERT_TRUE(stuck.back()->bound());
  std::this_thread::sleep_for(milliseconds(1200));
  RawPeer client(server.port(), 2);
  std::optional<std::string> got = Download(client, "good.bin");
  ASSERT_TRUE(got.has_value()) << "refused while the table is full of idle sessions";
  EXPECT_EQ(*got, content_);
  // The oldest stuck session made room, and its peer got an ERROR (after its OACK).
  EXPECT_TRUE(stuck.front()->WaitError(milliseconds(500)).has_value());
}

TEST_F(TftpAbuse, SessionsPerClientAddressAreCapped) {
  ServerOptions options;
  options.max_sessions_per_client = 4;
  ServerThread server(root_.path(), {}, options);
  std::vector<std::unique_ptr<RawPeer>> same_host = StuckPeers(server.port(), 10, 1, 0);
  int refused = 0;
  for (auto& p : same_host) {
    std::optional<std::vector<uint8_t>> d = p->Receive(milliseconds(1000));
    ASSERT_TRUE(d.has_value());
    refused += (*d)[1] == 5 ? 1 : 0;
  }
  EXPECT_EQ(refused, 6);
  RawPeer other(server.port(), 3);
  EXPECT_EQ(Download(other, "good.bin"), content_);
}

// However long the negotiated timeout, an OACK nobody answers holds its slot only for the
// server's own timeouts (here 6 x 100 ms); the peer is told.
TEST_F(TftpAbuse, UnansweredFirstReplyFreesItsSlot) {
  ServerOptions options;
  options.session.retransmit_timeout = milliseconds(100);
  ServerThread server(root_.path(), {}, options);
  RawPeer peer(server.port(), 1);
  peer.SendRequest(false, "good.bin", {{"timeout", "255"}});
  EXPECT_TRUE(peer.WaitError(milliseconds(3000)).has_value());
  ASSERT_TRUE(server.WaitRecords(1));
  EXPECT_EQ(server.records()[0].outcome, Outcome::kTimedOut);
}

// Issue 14 item 8: a receiver that pauses for a second (writing flash, a loaded host) gets its
// file; before, the adaptive timer's 5 ms floor doubled 5 times gave up after 0.32 s.
TEST_F(TftpAbuse, ReceiverPauseDoesNotAbortTheDownload) {
  ServerThread server(root_.path(), {});
  RawPeer peer(server.port(), 1);
  EXPECT_EQ(Download(peer, "good.bin", 3, milliseconds(1000)), content_);
}

// Issue 14 item 10: "good.bin/" and "good.bin/." name a directory; refused as a directory is.
TEST_F(TftpAbuse, NameEndingInSlashIsRefusedAsADirectory) {
  ServerThread server(root_.path(), {.allow_create = true});
  for (const std::string name : {"good.bin/", "good.bin/.", "/good.bin//", "good.bin/./", "sub/",
                                 "sub/.", "sub"}) {
    RawPeer peer(server.port(), 1);
    peer.SendRequest(false, name);
    std::optional<std::vector<uint8_t>> d = peer.Receive(milliseconds(2000));
    ASSERT_TRUE(d.has_value()) << name;
    EXPECT_EQ((*d)[1], 5) << name << " was served";
    EXPECT_EQ((*d)[3], static_cast<uint8_t>(ErrorNumber::kAccessViolation)) << name;
  }
  RawPeer writer(server.port(), 1);
  writer.SendRequest(true, "new.bin/");
  EXPECT_EQ(writer.WaitError(milliseconds(2000)), ErrorNumber::kAccessViolation);
  EXPECT_FALSE(std::filesystem::exists(root_.path() + "/new.bin"));
  RawPeer reader(server.port(), 1);
  EXPECT_EQ(Download(reader, "/good.bin"), content_);
}

}  // namespace
}  // namespace iosup::tftp
