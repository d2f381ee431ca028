// Confinement and hostile input: path escapes, symlinks, special files, malformed and overlong
// packets, uploads that are aborted, abandoned or killed mid-way.
#include <gtest/gtest.h>

#include <dirent.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <set>

#include "testing/temp_dir.h"
#include "transfer/tftp_client.h"
#include "transfer/tftp_test_util.h"
#include "testing/loopback_peer.h"

namespace iosup::tftp {
namespace {

std::set<std::string> Entries(const std::string& dir) {
  std::set<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    out.insert(e.path().filename().string());
  }
  return out;
}

TEST(DirFileSource, NormalizesAndRefusesEscapes) {
  EXPECT_EQ(*NormalizeRequestPath("/a//b/./c"), "a/b/c");
  EXPECT_EQ(NormalizeRequestPath("../etc/passwd").status().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(NormalizeRequestPath("a/../../x").status().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(NormalizeRequestPath("a/..").status().code(), ErrorCode::kPermissionDenied);
  EXPECT_FALSE(NormalizeRequestPath("/").ok());
  EXPECT_FALSE(NormalizeRequestPath("a\nb").ok());
}

class Confinement : public testing::Test {
 protected:
  void SetUp() override {
    WriteFile(outside_.path() + "/secret", "secret");
    WriteFile(root_.path() + "/ok.bin", "ok");
    ::mkdir((root_.path() + "/sub").c_str(), 0755);
    WriteFile(root_.path() + "/sub/inner.bin", "inner");
    ::symlink((outside_.path() + "/secret").c_str(), (root_.path() + "/link-out").c_str());
    ::symlink("../..", (root_.path() + "/sub/up").c_str());
    ::symlink("inner.bin", (root_.path() + "/sub/link-in").c_str());
    ::symlink(outside_.path().c_str(), (root_.path() + "/dir-out").c_str());
    ::mkfifo((root_.path() + "/fifo").c_str(), 0644);
    ::symlink("/dev/zero", (root_.path() + "/zero").c_str());
    source_ = std::move(*DirFileSource::Open(root_.path(), {.allow_create = true}));
  }
  ErrorCode ReadCode(const std::string& name) { return source_->OpenRead(name).status().code(); }

  TempDir root_, outside_;
  std::unique_ptr<DirFileSource> source_;
};

TEST_F(Confinement, ReadsStayInsideTheRoot) {
  EXPECT_TRUE(source_->OpenRead("ok.bin").ok());
  EXPECT_TRUE(source_->OpenRead("/ok.bin").ok());
  EXPECT_TRUE(source_->OpenRead("sub/link-in").ok());  // a symlink inside the root is fine
  EXPECT_EQ(ReadCode("../" + std::filesystem::path(outside_.path()).filename().string() + "/secret"),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(ReadCode(outside_.path() + "/secret"), ErrorCode::kNotFound);  // root-relative
  EXPECT_EQ(ReadCode("link-out"), ErrorCode::kPermissionDenied);
  EXPECT_EQ(ReadCode("dir-out/secret"), ErrorCode::kPermissionDenied);
  EXPECT_EQ(ReadCode("sub/up/etc/passwd"), ErrorCode::kPermissionDenied);
  EXPECT_EQ(ReadCode("fifo"), ErrorCode::kPermissionDenied);  // and does not block
  EXPECT_EQ(ReadCode("zero"), ErrorCode::kPermissionDenied);
  EXPECT_EQ(ReadCode("sub"), ErrorCode::kPermissionDenied);
  EXPECT_EQ(ReadCode("missing"), ErrorCode::kNotFound);
}

TEST_F(Confinement, ReadersShareOneOpenFile) {
  auto a = source_->OpenRead("ok.bin");
  auto b = source_->OpenRead("/ok.bin");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->get(), b->get());
  EXPECT_EQ(source_->open_shared_files(), 1u);
}

TEST_F(Confinement, UploadsStayInsideAndAppearOnlyWhenComplete) {
  EXPECT_EQ(source_->OpenWrite("../x", {}).status().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(source_->OpenWrite("dir-out/x", {}).status().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(source_->OpenWrite("link-out", {}).status().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(source_->OpenWrite("fifo", {}).status().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(source_->OpenWrite("ok.bin", {}).status().code(), ErrorCode::kAlreadyExists);
  EXPECT_EQ(source_->OpenWrite("big", uint64_t{1} << 62).status().code(), ErrorCode::kNoSpace);
  const std::set<std::string> before = Entries(root_.path());
  {
    auto w = source_->OpenWrite("new.bin", {});
    ASSERT_TRUE(w.ok());
    ASSERT_TRUE((*w)->Append(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>("abc"), 3)).ok());
    EXPECT_EQ(Entries(root_.path()), before);  // nothing visible while writing
    (*w)->Abort();
  }
  EXPECT_EQ(Entries(root_.path()), before);
  auto w = source_->OpenWrite("sub/new.bin", {});
  ASSERT_TRUE(w.ok());
  ASSERT_TRUE((*w)->Append(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>("abc"), 3)).ok());
  ASSERT_TRUE((*w)->Commit().ok());
  EXPECT_EQ(ReadFile(root_.path() + "/sub/new.bin"), "abc");
  EXPECT_EQ(ReadFile(outside_.path() + "/secret"), "secret");
}

// Sends raw datagrams to a server and reads the answer.
std::string Exchange(uint16_t port, const std::string& packet) {
  int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
  const sockaddr_in to = LoopbackAddress(port);
  timeval tv{0, 300000};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::sendto(fd, packet.data(), packet.size(), 0, reinterpret_cast<const sockaddr*>(&to), sizeof to);
  char buf[70000];
  ssize_t n = ::recv(fd, buf, sizeof buf, 0);
  ::close(fd);
  return n > 0 ? std::string(buf, static_cast<size_t>(n)) : std::string();
}

std::string Req(int op, const std::string& name, const std::string& mode = "octet") {
  return std::string("\0", 1) + static_cast<char>(op) + name + '\0' + mode + '\0';
}

uint16_t ErrorCodeOf(const std::string& reply) {
  if (reply.size() < 4 || reply[1] != 5) return 0xffff;
  return static_cast<uint16_t>((static_cast<uint8_t>(reply[2]) << 8) | static_cast<uint8_t>(reply[3]));
}

TEST_F(Confinement, ServerRefusesHostileRequests) {
  ServerThread server(root_.path(), {.allow_create = true});
  const uint16_t p = server.port();
  EXPECT_EQ(ErrorCodeOf(Exchange(p, Req(1, "../etc/passwd"))), 2);
  EXPECT_EQ(ErrorCodeOf(Exchange(p, Req(1, "/etc/passwd"))), 1);
  EXPECT_EQ(ErrorCodeOf(Exchange(p, Req(1, "link-out"))), 2);
  EXPECT_EQ(ErrorCodeOf(Exchange(p, Req(1, "sub/up/etc/passwd"))), 2);
  EXPECT_EQ(ErrorCodeOf(Exchange(p, Req(1, "fifo"))), 2);
  EXPECT_EQ(ErrorCodeOf(Exchange(p, Req(2, "../evil"))), 2);
  EXPECT_EQ(ErrorCodeOf(Exchange(p, Req(2, "dir-out/evil"))), 2);
  EXPECT_EQ(ErrorCodeOf(Exchange(p, Req(1, std::string(2000, 'a')))), 4);  // overlong name
  EXPECT_EQ(ErrorCodeOf(Exchange(p, Req(1, "ok.bin", "mail"))), 4);
  EXPECT_EQ(ErrorCodeOf(Exchange(p, std::string("\0\1ok.bin", 8))), 4);  // no terminator
  EXPECT_EQ(Exchange(p, std::string("\0\4\0\1", 4)), "");  // stray ACK: no answer
  EXPECT_EQ(Exchange(p, std::string("\xff\xff garbage", 10)), "");
  EXPECT_FALSE(std::filesystem::exists(outside_.path() + "/evil"));
  // A well-formed request still works after all that.
  EXPECT_EQ(Exchange(p, Req(1, "ok.bin")), std::string("\0\3\0\1ok", 6));
}

TEST(TftpUpload, AbortedOrAbandonedUploadLeavesNothing) {
  TempDir root;
  WriteFile(root.path() + "/target.bin", "good");
  ServerOptions options;
  options.session.retransmit_timeout = std::chrono::milliseconds(30);
  options.session.max_retries = 2;
  ServerThread server(root.path(), {.allow_create = true, .allow_overwrite = true}, options);
  const std::set<std::string> before = Entries(root.path());
  // Clients that send part of a file and then disappear.
  const sockaddr_in to = LoopbackAddress(server.port());
  for (const std::string& pkt : {Req(2, "target.bin"), Req(2, "fresh.bin")}) {
    int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
    ::sendto(fd, pkt.data(), pkt.size(), 0, reinterpret_cast<const sockaddr*>(&to), sizeof to);
    char buf[600];
    sockaddr_in tid{};
    socklen_t len = sizeof tid;
    ASSERT_EQ(::recvfrom(fd, buf, sizeof buf, 0, reinterpret_cast<sockaddr*>(&tid), &len), 4);
    std::string data = std::string("\0\3\0\1", 4) + std::string(512, 'x');
    ::sendto(fd, data.data(), data.size(), 0, reinterpret_cast<sockaddr*>(&tid), sizeof tid);
    ::close(fd);
  }
  ASSERT_TRUE(server.WaitRecords(2));
  EXPECT_EQ(server.records()[0].outcome, Outcome::kTimedOut);
  EXPECT_EQ(Entries(root.path()), before);
  EXPECT_EQ(ReadFile(root.path() + "/target.bin"), "good");
}

// Runs a server in a child process (so it can be killed), reporting its port through a pipe.
pid_t ForkServer(const std::string& root, uint16_t* port) {
  int fds[2];
  if (::pipe(fds) != 0) return -1;
  pid_t pid = ::fork();
  if (pid == 0) {
    ::close(fds[0]);
    asio::io_context io;
    auto source = DirFileSource::Open(root, {.allow_create = true, .allow_overwrite = true});
    ServerOptions o;
    o.listen.emplace_back(asio::ip::make_address("127.0.0.1"), 0);
    auto server = TftpServer::Start(io, **source, o);
    uint16_t p = (*server)->local_endpoints()[0].port();
    (void)!::write(fds[1], &p, sizeof p);
    io.run();
    ::_exit(0);
  }
  ::close(fds[1]);
  (void)!::read(fds[0], port, sizeof *port);
  ::close(fds[0]);
  return pid;
}

TEST(TftpUpload, KilledServerNeverLeavesAPartialFile) {
  TempDir root;
  const std::string good = RandomBytes(3000, 1);
  WriteFile(root.path() + "/target.bin", good);
  const std::set<std::string> before = Entries(root.path());
  const std::string upload = RandomBytes(4 << 20, 2);
  std::mt19937 rng(42);
  for (int round = 0; round < 6; ++round) {
    uint16_t port = 0;
    pid_t pid = ForkServer(root.path(), &port);
    ASSERT_GT(pid, 0);
    std::thread client([&] {
      ClientRequest req{.is_write = true, .remote_file = round % 2 ? "target.bin" : "new.bin",
                        .wants = {.blksize = 1024, .windowsize = 4},
                        .retransmit_timeout = std::chrono::milliseconds(50), .max_retries = 2};
      (void)RunClientTransfer("127.0.0.1", port, req, nullptr,
                              iosup::StringReader(upload));
    });
    std::this_thread::sleep_for(std::chrono::microseconds(rng() % 60000));
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    client.join();
    std::set<std::string> after = Entries(root.path());
    after.erase("new.bin");  // only if the upload completed before the kill
    EXPECT_EQ(after, before) << "round " << round;
    EXPECT_EQ(Md5(ReadFile(root.path() + "/target.bin")).size(), 32u);
    const std::string now = ReadFile(root.path() + "/target.bin");
    EXPECT_TRUE(now == good || now == upload) << "round " << round << ": partial target";
    if (std::filesystem::exists(root.path() + "/new.bin")) {
      EXPECT_EQ(ReadFile(root.path() + "/new.bin"), upload);
      std::filesystem::remove(root.path() + "/new.bin");
    }
    WriteFile(root.path() + "/target.bin", good);
  }
}

}  // namespace
}  // namespace iosup::tftp
