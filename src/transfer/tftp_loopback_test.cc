// Our client against our server on loopback: modes, option edge values, windows, rollover,
// uploads and their policy, errors, IPv6, the session cap.
#include <gtest/gtest.h>

#include <sys/socket.h>

#include "testing/temp_dir.h"
#include "transfer/tftp_client.h"
#include "transfer/tftp_test_util.h"
#include "testing/loopback_peer.h"

namespace iosup::tftp {
namespace {

struct GetResult {
  Result<TransferRecord> record;
  std::string data;
  bool committed;
};

GetResult Get(uint16_t port, const std::string& file, ClientWants wants = {},
              Mode mode = Mode::kOctet, const std::string& host = "127.0.0.1") {
  ClientRequest req{.remote_file = file, .mode = mode, .wants = wants,
                    .retransmit_timeout = std::chrono::milliseconds(200)};
  RecordingWriter sink;
  Result<TransferRecord> r = RunClientTransfer(host, port, req, &sink, nullptr);
  return {std::move(r), sink.bytes(), sink.committed()};
}

Result<TransferRecord> Put(uint16_t port, const std::string& file, const std::string& data,
                           ClientWants wants = {}, Mode mode = Mode::kOctet) {
  ClientRequest req{.is_write = true, .remote_file = file, .mode = mode, .wants = wants,
                    .retransmit_timeout = std::chrono::milliseconds(200)};
  return RunClientTransfer("127.0.0.1", port, req, nullptr, iosup::StringReader(data));
}

TEST(TftpLoopback, OctetSizesAroundBlockBoundaries) {
  TempDir root;
  ServerThread server(root.path(), {});
  for (size_t size : {0, 1, 511, 512, 513, 1024, 70000}) {
    std::string content = RandomBytes(size, static_cast<uint32_t>(size));
    WriteFile(root.path() + "/f" + std::to_string(size), content);
    GetResult g = Get(server.port(), "f" + std::to_string(size));
    ASSERT_TRUE(g.record.ok()) << size << ": " << g.record.status().ToString();
    EXPECT_TRUE(g.committed);
    EXPECT_EQ(Md5(g.data), Md5(content)) << size;
    EXPECT_EQ(g.record->bytes, size);
  }
}

TEST(TftpLoopback, BlockSizeEdgesWithAndWithoutWindows) {
  TempDir root;
  ServerThread server(root.path(), {});
  const std::string content = RandomBytes(200000, 7);
  WriteFile(root.path() + "/img.bin", content);
  for (uint32_t blksize : {8u, 9u, 512u, 1468u, 8192u, 65464u}) {
    for (uint32_t window : {1u, 16u, 64u}) {
      if (blksize < 512 && window == 1) continue;  // 25000 round trips: covered by rollover
      GetResult g = Get(server.port(), "img.bin",
                        {.blksize = blksize, .windowsize = window, .tsize = true});
      ASSERT_TRUE(g.record.ok()) << blksize << "/" << window << ": "
                                 << g.record.status().ToString();
      EXPECT_EQ(g.record->options.blksize, blksize);
      EXPECT_EQ(g.record->options.windowsize, window);  // our client announces its buffer
      EXPECT_EQ(g.record->options.tsize, content.size());
      EXPECT_EQ(Md5(g.data), Md5(content)) << blksize << "/" << window;
    }
  }
}

TEST(TftpLoopback, ClientAsksForAWindowUnlessToldOtherwise) {
  TempDir root;
  ServerOptions small_windows;
  small_windows.session.limits.max_windowsize = 8;
  ServerThread server(root.path(), {.allow_create = true});
  ServerThread capped(root.path(), {}, small_windows);
  const std::string content = RandomBytes(300000, 5);
  WriteFile(root.path() + "/img.bin", content);
  GetResult g = Get(server.port(), "img.bin");
  ASSERT_TRUE(g.record.ok()) << g.record.status().ToString();
  EXPECT_EQ(g.record->options.windowsize, kDefaultReadWindow);
  EXPECT_EQ(Md5(g.data), Md5(content));
  GetResult c = Get(capped.port(), "img.bin");  // the server grants less: its limit
  ASSERT_TRUE(c.record.ok()) << c.record.status().ToString();
  EXPECT_EQ(c.record->options.windowsize, 8u);
  EXPECT_EQ(Md5(c.data), Md5(content));
  GetResult l = Get(server.port(), "img.bin", {.windowsize = 1});  // asked for lock-step
  ASSERT_TRUE(l.record.ok());
  EXPECT_EQ(l.record->options.windowsize, 1u);
  Result<TransferRecord> p = Put(server.port(), "up.bin", content);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->options.windowsize, kDefaultWriteWindow);
  EXPECT_EQ(Md5(ReadFile(root.path() + "/up.bin")), Md5(content));
}

TEST(TftpLoopback, AnnouncedReceiveBufferEarnsLargerWindows) {
  TempDir root;
  ServerThread server(root.path(), {});
  const std::string content = RandomBytes(3000000, 9);
  WriteFile(root.path() + "/img.bin", content);
  // Our client announces its (large) receive buffer: the server grants the window it asked
  // for, where a reader with a default buffer gets what that holds.
  GetResult g = Get(server.port(), "img.bin", {.blksize = 8192, .windowsize = 64});
  ASSERT_TRUE(g.record.ok()) << g.record.status().ToString();
  EXPECT_EQ(g.record->options.windowsize, 64u);
  EXPECT_GT(64u, DatagramsInReceiveBuffer(8192, kLinuxDefaultReceiveBuffer));
  EXPECT_EQ(Md5(g.data), Md5(content));
  GetResult big = Get(server.port(), "img.bin", {.blksize = 65464});
  ASSERT_TRUE(big.record.ok()) << big.record.status().ToString();
  // What the client's buffer holds at that block size, far more than a default buffer does.
  EXPECT_GT(big.record->options.windowsize,
            4 * DatagramsInReceiveBuffer(65464, kLinuxDefaultReceiveBuffer));
  EXPECT_LE(big.record->options.windowsize, kDefaultReadWindow);
  EXPECT_EQ(Md5(big.data), Md5(content));
}

TEST(TftpLoopback, BlockNumberRollsOverBothWays) {
  TempDir root;
  ServerThread server(root.path(), {.allow_create = true});
  // 600 KB in 8-byte blocks is 75000 blocks: the 16-bit block number wraps once.
  const std::string content = RandomBytes(600000, 11);
  WriteFile(root.path() + "/big.bin", content);
  GetResult g = Get(server.port(), "big.bin", {.blksize = 8, .windowsize = 64});
  ASSERT_TRUE(g.record.ok()) << g.record.status().ToString();
  EXPECT_EQ(Md5(g.data), Md5(content));
  Result<TransferRecord> p = Put(server.port(), "up.bin", content, {.blksize = 8, .windowsize = 32});
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(Md5(ReadFile(root.path() + "/up.bin")), Md5(content));
}

TEST(TftpLoopback, NetasciiBothWays) {
  TempDir root;
  ServerThread server(root.path(), {.allow_create = true});
  std::string text;
  for (int i = 0; i < 3000; ++i) text += "line " + std::to_string(i) + (i % 7 ? "\n" : "\r");
  WriteFile(root.path() + "/text.txt", text);
  GetResult g = Get(server.port(), "text.txt", {.blksize = 100}, Mode::kNetascii);
  ASSERT_TRUE(g.record.ok()) << g.record.status().ToString();
  EXPECT_EQ(g.data, text);
  GetResult w = Get(server.port(), "text.txt", {.blksize = 512, .windowsize = 8}, Mode::kNetascii);
  ASSERT_TRUE(w.record.ok());
  EXPECT_EQ(w.data, text);
  ASSERT_TRUE(Put(server.port(), "text2.txt", text, {}, Mode::kNetascii).ok());
  EXPECT_EQ(ReadFile(root.path() + "/text2.txt"), text);
}

TEST(TftpLoopback, UploadPolicyAndErrors) {
  TempDir root;
  WriteFile(root.path() + "/exists.bin", "old");
  {
    ServerThread readonly(root.path(), {});
    EXPECT_EQ(Put(readonly.port(), "new.bin", "x").status().code(), ErrorCode::kPermissionDenied);
    EXPECT_EQ(Get(readonly.port(), "missing.bin").record.status().code(), ErrorCode::kNotFound);
  }
  {
    ServerThread create(root.path(), {.allow_create = true});
    EXPECT_EQ(Put(create.port(), "exists.bin", "new").status().code(),
              ErrorCode::kAlreadyExists);
    EXPECT_EQ(ReadFile(root.path() + "/exists.bin"), "old");
    ASSERT_TRUE(Put(create.port(), "sub/../new.bin", "x").status().code() ==
                ErrorCode::kPermissionDenied);
    ASSERT_TRUE(Put(create.port(), "new.bin", std::string(5000, 'n'), {.blksize = 1024}).ok());
    EXPECT_EQ(ReadFile(root.path() + "/new.bin"), std::string(5000, 'n'));
  }
  {
    ServerThread overwrite(root.path(), {.allow_create = false, .allow_overwrite = true});
    ASSERT_TRUE(Put(overwrite.port(), "exists.bin", "new", {.tsize = true}).ok());
    EXPECT_EQ(ReadFile(root.path() + "/exists.bin"), "new");
  }
}

TEST(TftpLoopback, DownloadRefusedWhenTsizeDoesNotFit) {
  TempDir root;
  ServerThread server(root.path(), {});
  WriteFile(root.path() + "/f", RandomBytes(10000, 1));
  struct NoRoom : ClientObserver {
    Status OnStart(const TransferOptions& o) override {
      return o.tsize && *o.tsize > 100 ? NoSpace("Not enough space on device") : Status::Ok();
    }
  } observer;
  RecordingWriter sink;
  ClientRequest req{.remote_file = "f", .wants = {.tsize = true}};
  Result<TransferRecord> r = RunClientTransfer("127.0.0.1", server.port(), req, &sink, nullptr,
                                               &observer);
  EXPECT_EQ(r.status().code(), ErrorCode::kNoSpace);
  EXPECT_TRUE(sink.aborted());
  EXPECT_TRUE(sink.bytes().empty());
  ASSERT_TRUE(server.WaitRecords(1));
  EXPECT_EQ(server.records()[0].outcome, Outcome::kPeerError);
}

TEST(TftpLoopback, Ipv6) {
  TempDir root;
  ServerThread server(root.path(), {}, {}, "::1");
  const std::string content = RandomBytes(100000, 3);
  WriteFile(root.path() + "/v6.bin", content);
  GetResult g = Get(server.port(), "v6.bin", {.blksize = 1428, .windowsize = 8}, Mode::kOctet,
                    "::1");
  ASSERT_TRUE(g.record.ok()) << g.record.status().ToString();
  EXPECT_EQ(Md5(g.data), Md5(content));
  ASSERT_TRUE(server.WaitRecords(1));
  EXPECT_EQ(server.records()[0].peer.substr(0, 5), "[::1]");
}

TEST(TftpLoopback, LogsOneLinePerTransfer) {
  TempDir root;
  ServerThread server(root.path(), {});
  WriteFile(root.path() + "/a", "hello");
  ASSERT_TRUE(Get(server.port(), "a").record.ok());
  ASSERT_FALSE(Get(server.port(), "b").record.ok());
  ASSERT_TRUE(server.WaitRecords(2));
  std::vector<TransferRecord> r = server.records();
  ASSERT_EQ(r.size(), 2u);
  std::string line = FormatTransferLog(r[0], false);
  EXPECT_NE(line.find("RRQ \"a\" octet"), std::string::npos) << line;
  EXPECT_NE(line.find("bytes=5 "), std::string::npos) << line;
  EXPECT_NE(line.find("outcome=ok"), std::string::npos) << line;
  std::string json = FormatTransferLog(r[1], true);
  EXPECT_NE(json.find("\"outcome\":\"refused\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"client\":\"127.0.0.1:"), std::string::npos) << json;
}

// Raw datagrams to the well-known port, answers read back.
class RawClient {
 public:
  explicit RawClient(uint16_t port)
      : fd_(::socket(AF_INET, SOCK_DGRAM, 0)), to_(LoopbackAddress(port)) {
    timeval tv{2, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }
  ~RawClient() { ::close(fd_); }
  void Send(const std::string& bytes) {
    ::sendto(fd_, bytes.data(), bytes.size(), 0, reinterpret_cast<sockaddr*>(&to_), sizeof to_);
  }
  std::string Receive() {
    char buf[70000];
    ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    return n > 0 ? std::string(buf, static_cast<size_t>(n)) : std::string();
  }

 private:
  int fd_;
  sockaddr_in to_;
};

std::string Rrq(const std::string& name) { return std::string("\0\1", 2) + name + '\0' + "octet" + '\0'; }

TEST(TftpLoopback, SessionCapAnswersBusy) {
  TempDir root;
  WriteFile(root.path() + "/f", RandomBytes(5000, 2));
  ServerOptions options;
  options.max_sessions = 1;
  ServerThread server(root.path(), {}, options);
  RawClient first(server.port()), second(server.port());
  first.Send(Rrq("f"));
  EXPECT_EQ(first.Receive().substr(0, 4), std::string("\0\3\0\1", 4));  // DATA 1, not acked
  second.Send(Rrq("f"));
  std::string busy = second.Receive();
  EXPECT_EQ(busy.substr(0, 4), std::string("\0\5\0\0", 4));
  EXPECT_NE(busy.find("busy"), std::string::npos);
}

}  // namespace
}  // namespace iosup::tftp
