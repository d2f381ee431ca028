// Transfers through a relay that drops, duplicates, delays and reorders datagrams at 1% and 10%:
// each one ends byte-exact, or fails with kTimedOut and leaves nothing committed.
#include <gtest/gtest.h>

#include "testing/temp_dir.h"
#include "transfer/lossy_proxy_test_support.h"
#include "transfer/tftp_client.h"
#include "transfer/tftp_test_util.h"

namespace iosup::tftp {
namespace {

struct Case {
  const char* name;
  double rate;
  bool put;
  uint32_t blksize;
  uint32_t windowsize;
  size_t size;
};

class TftpLossy : public testing::TestWithParam<Case> {};

ServerOptions FastRetransmits() {
  ServerOptions o;
  o.session.retransmit_timeout = std::chrono::milliseconds(40);
  o.session.max_retries = 10;
  return o;
}

TEST_P(TftpLossy, EndsByteExactOrTimedOut) {
  const Case c = GetParam();
  TempDir root;
  ServerThread server(root.path(), {.allow_create = true}, FastRetransmits());
  const std::string content = RandomBytes(c.size, static_cast<uint32_t>(c.size));
  LossyProxy proxy(server.port(),
                   {.drop = c.rate, .duplicate = c.rate, .delay = c.rate},
                   static_cast<uint32_t>(c.rate * 1000) + c.windowsize);
  ClientRequest req{.is_write = c.put, .remote_file = c.put ? "up.bin" : "down.bin",
                    .wants = {.blksize = c.blksize, .windowsize = c.windowsize, .tsize = true},
                    .retransmit_timeout = std::chrono::milliseconds(40), .max_retries = 10};
  RecordingWriter sink;
  Result<TransferRecord> r = Status(ErrorCode::kAborted, "");
  if (c.put) {
    r = RunClientTransfer("127.0.0.1", proxy.port(), req, nullptr,
                          iosup::StringReader(content));
  } else {
    WriteFile(root.path() + "/down.bin", content);
    r = RunClientTransfer("127.0.0.1", proxy.port(), req, &sink, nullptr);
  }
  if (!r.ok()) {
    EXPECT_EQ(r.status().code(), ErrorCode::kTimedOut) << r.status().ToString();
    EXPECT_FALSE(sink.committed());
    return;
  }
  if (c.put) {
    ASSERT_TRUE(server.WaitRecords(1));
    EXPECT_EQ(Md5(ReadFile(root.path() + "/up.bin")), Md5(content));
  } else {
    EXPECT_TRUE(sink.committed());
    EXPECT_EQ(Md5(sink.bytes()), Md5(content));
  }
  if (c.rate >= 0.1) EXPECT_GT(proxy.dropped(), 0u);
}

INSTANTIATE_TEST_SUITE_P(
    Impaired, TftpLossy,
    testing::Values(Case{"Get1PctLockStep", 0.01, false, 512, 1, 150000},
                    Case{"Get10PctLockStep", 0.10, false, 512, 1, 60000},
                    Case{"Get1PctWindow16", 0.01, false, 1468, 16, 2000000},
                    Case{"Get10PctWindow16", 0.10, false, 1468, 16, 400000},
                    Case{"Get10PctWindow64Big", 0.10, false, 8192, 64, 2000000},
                    Case{"Put1PctWindow8", 0.01, true, 1024, 8, 500000},
                    Case{"Put10PctLockStep", 0.10, true, 512, 1, 50000},
                    Case{"Put10PctWindow8", 0.10, true, 1024, 8, 200000}),
    [](const testing::TestParamInfo<Case>& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace iosup::tftp
