// When a session retransmits and when it gives up, driven by hand with injected time: a receiver
// (or a slow server) that stalls for seconds is waited for, whatever the adaptive retransmission
// timer does meanwhile; a request whose first reply is never answered frees its slot within
// seconds, whatever `timeout` it negotiated.
#include <gtest/gtest.h>

#include <string>

#include "base/memory_file.h"
#include "transfer/client_session.h"
#include "transfer/server_session.h"

namespace iosup::tftp {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr size_t kFileBytes = 512 * 12 + 100;

class MemSource : public FileSource {
 public:
  Result<std::shared_ptr<FileReader>> OpenRead(std::string_view) override {
    return std::shared_ptr<FileReader>(StringReader(std::string(kFileBytes, 'x')));
  }
  Result<std::unique_ptr<FileWriter>> OpenWrite(std::string_view,
                                                std::optional<uint64_t>) override {
    return std::unique_ptr<FileWriter>(std::make_unique<DiscardingWriter>());
  }
};

uint8_t Opcode(const OutDatagram& d) {
  return d.header_len ? d.header[1] : (d.body.size() > 1 ? d.body[1] : 0);
}

// The highest DATA block queued in `out`, or -1.
int HighestData(const Outbox& out) {
  int block = -1;
  for (const OutDatagram& d : out.datagrams) {
    if (Opcode(d) == 3) block = std::max(block, d.header[2] << 8 | d.header[3]);
  }
  return block;
}

bool HasOpcode(const Outbox& out, uint8_t opcode) {
  for (const OutDatagram& d : out.datagrams) {
    if (Opcode(d) == opcode) return true;
  }
  return false;
}

std::vector<uint8_t> AckBytes(uint16_t block) {
  std::vector<uint8_t> ack;
  AppendAck(block, ack);
  return ack;
}

// Fires every timer of `session` until `until` (injected time) or until it finishes.
template <typename Session>
void RunTimersUntil(Session& session, SteadyTime& now, SteadyTime until, Outbox& out) {
  for (int i = 0; i < 100000 && !session.finished(); ++i) {
    const SteadyTime next = session.deadline();
    if (next > until) break;
    now = std::max(now, next);
    out.clear();
    session.OnTimer(now, out);
  }
  now = std::max(now, until);
}

// Acknowledges each DATA block `session` sends (ACK 0 for an OACK) 1 ms later, except for one
// 5 s silence after block 4, until the session finishes.
template <typename Session>
void AckWithOneStall(Session& session, SteadyTime& now, Outbox& out) {
  bool stalled = false;
  for (int i = 0; i < 1000 && !session.finished(); ++i) {
    int block = HighestData(out);
    if (block < 0 && HasOpcode(out, 6)) block = 0;  // OACK: ACK 0
    if (block < 0) {                                 // nothing new: the next timer
      RunTimersUntil(session, now, session.deadline(), out);
      continue;
    }
    if (block == 4 && !stalled) {
      stalled = true;
      RunTimersUntil(session, now, now + seconds(5), out);
      if (session.finished()) return;
    }
    now += milliseconds(1);
    out.clear();
    session.OnDatagram(AckBytes(static_cast<uint16_t>(block)), now, out);
  }
}

Outcome DownloadWithStall(SessionConfig config, std::vector<Option> options) {
  MemSource source;
  ServerSession session(config, source);
  Request rrq{.is_write = false, .filename = "f", .mode = Mode::kOctet, .options = options};
  SteadyTime now{};
  Outbox out;
  session.Start(rrq, now, out);
  AckWithOneStall(session, now, out);
  return session.record().outcome;
}

TEST(ServerSessionTimeout, SurvivesAFiveSecondReceiverStall) {
  EXPECT_EQ(DownloadWithStall(SessionConfig{}, {}), Outcome::kOk);
}

TEST(ServerSessionTimeout, SurvivesAStallWithinTheNegotiatedTimeout) {
  EXPECT_EQ(DownloadWithStall(SessionConfig{}, {{"timeout", "5"}}), Outcome::kOk);
}

TEST(ServerSessionTimeout, SurvivesAStallWithinTheConfiguredTimeout) {
  SessionConfig config;
  config.retransmit_timeout = milliseconds(2000);
  config.max_retries = 2;  // three timeouts of silence: 6 s
  EXPECT_EQ(DownloadWithStall(config, {}), Outcome::kOk);
}

TEST(ServerSessionTimeout, GivesUpOnAPeerSilentLongerThanItsTimeouts) {
  SessionConfig config;  // 1 s, 5 retries
  MemSource source;
  ServerSession session(config, source);
  Request rrq{.is_write = false, .filename = "f", .mode = Mode::kOctet, .options = {}};
  SteadyTime now{};
  Outbox out;
  session.Start(rrq, now, out);
  out.clear();
  session.OnDatagram(AckBytes(1), now + milliseconds(1), out);
  RunTimersUntil(session, now, now + seconds(60), out);
  EXPECT_EQ(session.record().outcome, Outcome::kTimedOut);
  EXPECT_TRUE(HasOpcode(out, 5));  // the peer is told
}

// A request that negotiates the largest timeout and never answers the OACK (or the first DATA,
// or the WRQ's ACK 0) is given up after the server's own timeouts, not 6 x 255 s.
void ExpectUnansweredFirstReplyBounded(bool is_write, std::vector<Option> options) {
  MemSource source;
  ServerSession session(SessionConfig{}, source);
  Request request{.is_write = is_write, .filename = "f", .mode = Mode::kOctet,
                  .options = options};
  const SteadyTime start{};
  SteadyTime now = start;
  Outbox out;
  session.Start(request, now, out);
  RunTimersUntil(session, now, start + seconds(60), out);
  EXPECT_TRUE(session.finished());
  EXPECT_EQ(session.record().outcome, Outcome::kTimedOut);
  EXPECT_LE(session.record().end - start, seconds(10));
}

TEST(ServerSessionTimeout, UnansweredOackFreesTheSessionWhateverTheTimeout) {
  ExpectUnansweredFirstReplyBounded(false, {{"timeout", "255"}});
}

TEST(ServerSessionTimeout, UnansweredWriteAckFreesTheSessionWhateverTheTimeout) {
  ExpectUnansweredFirstReplyBounded(true, {{"timeout", "255"}});
}

TEST(ServerSessionTimeout, UnansweredFirstDataFreesTheSession) {
  ExpectUnansweredFirstReplyBounded(false, {});
}

// An upload (a device copying to a slow server): the server acknowledges at once, except for
// one 5 s silence after block 4.
TEST(ClientSessionTimeout, UploadSurvivesAFiveSecondServerStall) {
  ClientRequest request;
  request.is_write = true;
  request.remote_file = "f";
  ClientSession session(request, nullptr, StringReader(std::string(kFileBytes, 'y')), nullptr);
  SteadyTime now{};
  Outbox out;
  session.Start(now, out);
  out.clear();
  session.OnDatagram(AckBytes(0), now, out);  // a server without options: lock-step
  AckWithOneStall(session, now, out);
  EXPECT_EQ(session.record().outcome, Outcome::kOk) << session.status().ToString();
}

}  // namespace
}  // namespace iosup::tftp
