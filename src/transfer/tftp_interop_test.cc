// Interoperability on loopback, every peer started here: our server with the curl, tftp-hpa and
// atftp clients; our client with tftpd-hpa (in.tftpd) and atftpd. Byte-exact, checked by MD5.
#include <gtest/gtest.h>

#include <pwd.h>
#include <grp.h>
#include <signal.h>
#include <sys/prctl.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

#include "testing/loopback_peer.h"
#include "testing/temp_dir.h"
#include "transfer/tftp_client.h"
#include "transfer/tftp_test_util.h"

namespace iosup::tftp {
namespace {

bool Exists(const std::string& path) { return ::access(path.c_str(), X_OK) == 0; }

int Shell(const std::string& cmd) {
  int rc = std::system(("timeout 30 " + cmd + " >/dev/null 2>&1").c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}


std::string UserName() {
  passwd* pw = ::getpwuid(::getuid());
  return pw ? pw->pw_name : "root";
}
std::string GroupName() {
  group* gr = ::getgrgid(::getgid());
  return gr ? gr->gr_name : "root";
}

// A peer server process, stopped when the object dies, and killed by the kernel if this test
// process dies first (PR_SET_PDEATHSIG), so a killed test run leaves no server behind.

class OurServer : public testing::Test {
 protected:
  OurServer()
      : content_(RandomBytes(3 << 20, 5)),
        server_(root_.path(), {.allow_create = true}) {
    WriteFile(root_.path() + "/img.bin", content_);
  }
  std::string Url(const std::string& name) {
    return "tftp://127.0.0.1:" + std::to_string(server_.port()) + "/" + name;
  }
  std::string Out(const std::string& name) { return local_.path() + "/" + name; }

  TempDir root_, local_;
  std::string content_;
  ServerThread server_;
};

// The uploads below are checked as soon as the client returns: the server commits the file
// before it sends the final ACK.
TEST_F(OurServer, CurlGetsAndPuts) {
  ASSERT_EQ(Shell("curl -sS -o " + Out("a") + " " + Url("img.bin")), 0);
  EXPECT_EQ(Md5(ReadFile(Out("a"))), Md5(content_));
  ASSERT_EQ(Shell("curl -sS --tftp-blksize 1468 -o " + Out("b") + " " + Url("img.bin")), 0);
  EXPECT_EQ(Md5(ReadFile(Out("b"))), Md5(content_));
  ASSERT_EQ(Shell("curl -sS --tftp-blksize 65464 -o " + Out("b2") + " " + Url("img.bin")), 0);
  EXPECT_EQ(Md5(ReadFile(Out("b2"))), Md5(content_));
  WriteFile(Out("up"), RandomBytes(700000, 9));
  ASSERT_EQ(Shell("curl -sS --tftp-blksize 1024 -T " + Out("up") + " " + Url("curl-up.bin")), 0);
  EXPECT_EQ(Md5(ReadFile(root_.path() + "/curl-up.bin")), Md5(ReadFile(Out("up"))));
  EXPECT_NE(Shell("curl -sS -o " + Out("c") + " " + Url("missing.bin")), 0);
}

TEST_F(OurServer, TftpHpaGetsAndPutsOctetAndNetascii) {
  const std::string base = "tftp 127.0.0.1 " + std::to_string(server_.port());
  ASSERT_EQ(Shell(base + " -m binary -c get img.bin " + Out("a")), 0);
  EXPECT_EQ(Md5(ReadFile(Out("a"))), Md5(content_));
  WriteFile(Out("up"), RandomBytes(300000, 4));
  ASSERT_EQ(Shell(base + " -m binary -c put " + Out("up") + " hpa-up.bin"), 0);
  EXPECT_EQ(Md5(ReadFile(root_.path() + "/hpa-up.bin")), Md5(ReadFile(Out("up"))));
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "interface Gi0/" + std::to_string(i) + "\n";
  WriteFile(root_.path() + "/r1-confg", text);
  ASSERT_EQ(Shell(base + " -m ascii -c get r1-confg " + Out("confg")), 0);
  EXPECT_EQ(ReadFile(Out("confg")), text);
}

TEST_F(OurServer, AtftpGetsAndPutsWithWindows) {
  const std::string port = std::to_string(server_.port());
  for (const char* opts : {"", "--option 'blksize 1468' --option 'windowsize 16'",
                           "--option 'blksize 8192' --option 'windowsize 64'"}) {
    ASSERT_EQ(Shell(std::string("atftp ") + opts + " -g -r img.bin -l " + Out("a") +
                    " 127.0.0.1 " + port),
              0)
        << opts;
    EXPECT_EQ(Md5(ReadFile(Out("a"))), Md5(content_)) << opts;
  }
  WriteFile(Out("up"), RandomBytes(500000, 8));
  ASSERT_EQ(Shell("atftp --option 'blksize 1468' --option 'windowsize 8' -p -l " + Out("up") +
                  " -r atftp-up.bin 127.0.0.1 " + port),
            0);
  EXPECT_EQ(Md5(ReadFile(root_.path() + "/atftp-up.bin")), Md5(ReadFile(Out("up"))));
}

Result<TransferRecord> OurGet(uint16_t port, const std::string& file, RecordingWriter& sink,
                              ClientWants wants, Mode mode = Mode::kOctet) {
  ClientRequest req{.remote_file = file, .mode = mode, .wants = wants,
                    .retransmit_timeout = std::chrono::milliseconds(300)};
  return RunClientTransfer("127.0.0.1", port, req, &sink, nullptr);
}

Result<TransferRecord> OurPut(uint16_t port, const std::string& file, const std::string& data,
                              ClientWants wants) {
  ClientRequest req{.is_write = true, .remote_file = file, .wants = wants,
                    .retransmit_timeout = std::chrono::milliseconds(300)};
  return RunClientTransfer("127.0.0.1", port, req, nullptr, iosup::StringReader(data));
}

TEST(OurClient, AgainstTftpdHpaFallsBackFromWindowsize) {
  if (!Exists("/usr/sbin/in.tftpd")) GTEST_FAIL() << "missing install step: " << "tftpd-hpa not installed (scripts/setup.sh)";
  TempDir root;
  const std::string content = RandomBytes(2 << 20, 6);
  WriteFile(root.path() + "/img.bin", content);
  const uint16_t port = FreeLoopbackPort(SOCK_DGRAM);
  PeerProcess server({"/usr/sbin/in.tftpd", "-L", "-c", "-u", UserName(), "-s", root.path(), "-a",
                "127.0.0.1:" + std::to_string(port)});
  ASSERT_TRUE(server.running());
  RecordingWriter plain;
  ASSERT_TRUE(OurGet(port, "img.bin", plain, {}).ok());
  EXPECT_EQ(Md5(plain.bytes()), Md5(content));
  RecordingWriter windowed;
  Result<TransferRecord> r =
      OurGet(port, "img.bin", windowed, {.blksize = 1468, .windowsize = 16, .tsize = true});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->options.blksize, 1468u);
  EXPECT_EQ(r->options.windowsize, 1u);  // tftpd-hpa has no windowsize: lock-step
  EXPECT_EQ(r->options.tsize, content.size());
  EXPECT_EQ(Md5(windowed.bytes()), Md5(content));
  const std::string up = RandomBytes(400000, 12);
  ASSERT_TRUE(OurPut(port, "up.bin", up, {.blksize = 1024, .windowsize = 8, .tsize = true}).ok());
  EXPECT_EQ(Md5(ReadFile(root.path() + "/up.bin")), Md5(up));
  RecordingWriter missing;
  EXPECT_EQ(OurGet(port, "missing.bin", missing, {}).status().code(), ErrorCode::kNotFound);
}

std::string AtftpdBinary() {
  if (Exists("/usr/sbin/atftpd")) return "/usr/sbin/atftpd";
  const std::string dest = std::string(IOSUP_PEER_CACHE) + "/atftpd";
  const std::string bin = dest + "/usr/sbin/atftpd";
  if (!Exists(bin)) Shell(std::string(IOSUP_FETCH_ATFTPD) + " " + dest);
  return Exists(bin) ? bin : "";
}

TEST(OurClient, AgainstAtftpdWithWindows) {
  const std::string atftpd = AtftpdBinary();
  if (atftpd.empty()) {
    GTEST_FAIL() << "missing install step: " << "atftpd unavailable: `apt-get download atftpd` failed (offline?); see "
                    "src/transfer/testdata/fetch_atftpd.sh";
  }
  TempDir root;
  ::chmod(root.path().c_str(), 0777);
  const std::string content = RandomBytes(3 << 20, 7);
  WriteFile(root.path() + "/img.bin", content);
  const uint16_t port = FreeLoopbackPort(SOCK_DGRAM);
  PeerProcess server({atftpd, "--daemon", "--no-fork", "--user", UserName(), "--group", GroupName(),
                "--port", std::to_string(port), "--bind-address", "127.0.0.1", "--logfile",
                "/dev/null", root.path()});
  ASSERT_TRUE(server.running());
  for (uint32_t window : {1u, 16u}) {
    RecordingWriter sink;
    Result<TransferRecord> r =
        OurGet(port, "img.bin", sink, {.blksize = 1468, .windowsize = window, .tsize = true});
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->options.windowsize, window);
    EXPECT_EQ(Md5(sink.bytes()), Md5(content));
  }
  const std::string up = RandomBytes(500000, 13);
  ASSERT_TRUE(OurPut(port, "up.bin", up, {.blksize = 1468, .windowsize = 8}).ok());
  // atftpd acknowledges the last block before it has flushed and closed the file; under load
  // the file can still be short for a moment after our client is done.
  std::string got;
  for (int i = 0; i < 100; ++i) {
    got = ReadFile(root.path() + "/up.bin");
    if (got.size() == up.size()) break;
    ::usleep(20000);
  }
  EXPECT_EQ(Md5(got), Md5(up));
}

}  // namespace
}  // namespace iosup::tftp
