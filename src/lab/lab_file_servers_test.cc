// The lab server's FTP, HTTP and SCP services, through real clients on loopback (curl, OpenSSH's
// scp) and through the lab's devices (`copy ftp://`, `copy http://`, `copy scp:` and back), all
// against the root the lab's TFTP server serves.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>

#include "base/digest.h"
#include "device/commands/device_line_service.h"
#include "frontend/console_line.h"
#include "lab/lab_host.h"
#include "lab/networked_lab.h"
#include "testing/capture_terminal.h"
#include "testing/manual_clock.h"
#include "testing/temp_dir.h"

namespace iosup {
namespace {

constexpr const char* kLab = R"(
devices:
  - {name: R1, platform: ISR4321, hostname: R1, image_size: 120000, address: 192.168.1.1}
servers:
  - type: tftp
    address: 192.168.1.100
    files:
      - {name: isr4300-universalk9.16.12.04.SPA.bin, size: 300000}
)";
constexpr const char* kImage = "isr4300-universalk9.16.12.04.SPA.bin";

std::string FileMd5(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return in ? DigestHex(DigestKind::kMd5, bytes) : "<missing>";
}

// Runs `cmd` with /bin/sh; its exit status.
int Sh(const std::string& cmd) {
  const int s = std::system(cmd.c_str());
  return WIFEXITED(s) ? WEXITSTATUS(s) : -1;
}

class LabFileServersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto host = LabHost::Start(*ParseTopology(kLab), {.dir = dir_.path() + "/lab"}, clock_);
    ASSERT_TRUE(host.ok()) << host.status().ToString();
    host_ = std::move(*host);
    server_ = &host_->servers()[0];
    image_md5_ = FileMd5(server_->root + "/" + kImage);
    ASSERT_NE(image_md5_, "<missing>");
  }
  void TearDown() override {
    console_.reset();
    lines_.reset();
    host_.reset();
  }
  Device& r1() { return *host_->devices()[0].device; }
  // The lab's loop runs while a client process (curl, scp) talks to the servers' own thread.
  int Client(const std::string& cmd) { return Sh(cmd); }
  std::string Console(const std::string& input, const std::string& until = "R1#") {
    if (!console_) {
      lines_ = std::make_unique<DeviceLineService>(r1());
      console_ = std::make_unique<ConsoleLine>(*lines_, term_);
      console_->Activate();
      console_->Input("enable\rcisco\r");
    }
    term_.out.clear();
    console_->Input(input);
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!term_.out.ends_with(until) && std::chrono::steady_clock::now() < give_up) {
      host_->io().restart();
      host_->io().run_for(std::chrono::milliseconds(10));
    }
    return term_.out;
  }
  std::string FlashMd5(const std::string& name) {
    Result<std::string> bytes = ReadWholeStoreFile(*r1().file_systems().primary().store, name);
    return bytes.ok() ? DigestHex(DigestKind::kMd5, *bytes) : "<missing>";
  }

  TempDir dir_;
  ManualClock clock_;
  std::unique_ptr<LabHost> host_;
  const HostedServer* server_ = nullptr;
  std::string image_md5_;
  RawCaptureTerminal term_;
  std::unique_ptr<DeviceLineService> lines_;
  std::unique_ptr<ConsoleLine> console_;
};

TEST_F(LabFileServersTest, CurlGetsAndPutsOverHttp) {
  const std::string base = "http://127.0.0.1:" + std::to_string(server_->http_port) + "/";
  const std::string out = dir_.path() + "/got.bin";
  ASSERT_EQ(Client("curl -sf -o " + out + " " + base + kImage), 0);
  EXPECT_EQ(FileMd5(out), image_md5_);
  EXPECT_EQ(Client("curl -sf -o /dev/null " + base + "missing.bin"), 22);  // 404
  // Outside the root: refused, whatever the spelling.
  EXPECT_EQ(Client("curl -sf --path-as-is -o /dev/null " + base + "../lab.db"), 22);
  std::filesystem::create_directories(dir_.path() + "/outside");
  std::ofstream(dir_.path() + "/outside/secret") << "secret";
  std::filesystem::create_symlink(dir_.path() + "/outside", server_->root + "/link");
  EXPECT_EQ(Client("curl -sf -o /dev/null " + base + "link/secret"), 22);
  // PUT creates a file, complete; an existing one is not replaced.
  std::ofstream(dir_.path() + "/up.cfg") << "hostname R9\n";
  ASSERT_EQ(Client("curl -sf -o /dev/null -T " + dir_.path() + "/up.cfg " + base + "r9-confg"), 0);
  EXPECT_EQ(FileMd5(server_->root + "/r9-confg"), FileMd5(dir_.path() + "/up.cfg"));
  EXPECT_EQ(Client("curl -sf -o /dev/null -T " + dir_.path() + "/up.cfg " + base + kImage), 22);
  EXPECT_EQ(FileMd5(server_->root + "/" + kImage), image_md5_);
}

TEST_F(LabFileServersTest, CurlGetsAndPutsOverFtp) {
  const std::string port = std::to_string(server_->ftp_port);
  const std::string out = dir_.path() + "/got.bin";
  ASSERT_EQ(Client("curl -sf -o " + out + " ftp://admin:cisco@127.0.0.1:" + port + "/" + kImage),
            0);
  EXPECT_EQ(FileMd5(out), image_md5_);
  // Anonymous reads...
  std::filesystem::remove(out);
  ASSERT_EQ(Client("curl -sf -o " + out + " ftp://127.0.0.1:" + port + "/" + kImage), 0);
  EXPECT_EQ(FileMd5(out), image_md5_);
  // ...but does not write; a wrong password does not log in.
  std::ofstream(dir_.path() + "/up.bin") << std::string(70000, 'x');
  EXPECT_NE(Client("curl -sf -T " + dir_.path() + "/up.bin ftp://127.0.0.1:" + port + "/anon.bin"),
            0);
  EXPECT_FALSE(std::filesystem::exists(server_->root + "/anon.bin"));
  EXPECT_EQ(Client("curl -sf -o /dev/null ftp://admin:wrong@127.0.0.1:" + port + "/" + kImage), 67);
  ASSERT_EQ(Client("curl -sf -T " + dir_.path() + "/up.bin ftp://admin:cisco@127.0.0.1:" + port +
                   "/up.bin"),
            0);
  EXPECT_EQ(FileMd5(server_->root + "/up.bin"), FileMd5(dir_.path() + "/up.bin"));
  EXPECT_NE(Client("curl -sf --path-as-is -o /dev/null ftp://admin:cisco@127.0.0.1:" + port +
                   "/../lab.db"),
            0);
}

TEST_F(LabFileServersTest, OpenSshScpBothWays) {
  const std::string d = dir_.path();
  std::ofstream(d + "/askpass") << "#!/bin/sh\necho cisco\n";
  std::filesystem::permissions(d + "/askpass", std::filesystem::perms::owner_all);
  const std::string scp =
      "SSH_ASKPASS=" + d +
      "/askpass SSH_ASKPASS_REQUIRE=force DISPLAY=:0 "
      "setsid -w scp -O -q -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null "
      "-o PubkeyAuthentication=no -P " +
      std::to_string(server_->scp_port) + " ";
  ASSERT_EQ(Client(scp + "admin@127.0.0.1:" + kImage + " " + d + "/got.bin"), 0);
  EXPECT_EQ(FileMd5(d + "/got.bin"), image_md5_);
  std::ofstream(d + "/up.bin") << std::string(50000, 'y');
  ASSERT_EQ(Client(scp + d + "/up.bin admin@127.0.0.1:"), 0);
  EXPECT_EQ(FileMd5(server_->root + "/up.bin"), FileMd5(d + "/up.bin"));
  EXPECT_NE(Client(scp + "admin@127.0.0.1:../lab.db " + d + "/x 2>/dev/null"), 0);
  // curl (libssh2, as the devices' copy scp:) asks with -p: the times come before the file.
  ASSERT_EQ(Client("curl -sf --insecure -u admin:cisco -o " + d +
                   "/c.bin scp://127.0.0.1:" + std::to_string(server_->scp_port) + "/~/" + kImage),
            0);
  EXPECT_EQ(FileMd5(d + "/c.bin"), image_md5_);
  // ...and ends an upload with EOF right after the data.
  ASSERT_EQ(Client("curl -sf --insecure -u admin:cisco -T " + d +
                   "/up.bin scp://127.0.0.1:" + std::to_string(server_->scp_port) + "/~/c-up.bin"),
            0);
  EXPECT_EQ(FileMd5(server_->root + "/c-up.bin"), FileMd5(d + "/up.bin"));
  EXPECT_FALSE(std::filesystem::exists(d + "/x"));
}

// The device's side: every copy method of the documents, against the lab's server address.
TEST_F(LabFileServersTest, DeviceCopiesOverEveryMethod) {
  std::string out =
      Console(std::string("copy http://192.168.1.100/") + kImage + " bootflash:h.bin\r\r");
  EXPECT_NE(out.find("[OK - 300000 bytes]"), std::string::npos) << out;
  EXPECT_EQ(FlashMd5("h.bin"), image_md5_);
  // ftp without credentials: anonymous, as IOS goes without `ip ftp username`.
  out = Console(std::string("copy ftp://192.168.1.100/") + kImage + " bootflash:f.bin\r\r");
  EXPECT_NE(out.find("Accessing ftp://192.168.1.100/"), std::string::npos) << out;
  EXPECT_EQ(FlashMd5("f.bin"), image_md5_) << out;
  // Uploading needs the account: from `ip ftp username` / `ip ftp password`.
  out = Console("copy bootflash:f.bin ftp://192.168.1.100/anon-up.bin\r");
  EXPECT_NE(out.find("%Error"), std::string::npos) << out;
  Console("configure terminal\rip ftp username admin\rip ftp password cisco\rend\r");
  out = Console("copy bootflash:f.bin ftp://192.168.1.100/ftp-up.bin\r");
  EXPECT_EQ(out.find("%Error"), std::string::npos) << out;
  EXPECT_EQ(FileMd5(server_->root + "/ftp-up.bin"), image_md5_);
  // scp: the dialog asks the user name and, last, the password.
  out = Console("copy scp: bootflash:\r", "]? ");
  out += Console("192.168.1.100\r", "]? ");
  EXPECT_NE(out.find("Source username [R1]? "), std::string::npos) << out;
  out = Console("admin\r", "]? ");
  EXPECT_NE(out.find("Source filename []? "), std::string::npos) << out;
  Console(std::string(kImage) + "\r", "]? ");
  Console("s.bin\r", "Password: ");
  out = Console("cisco\r");
  EXPECT_NE(out.find("[OK - 300000 bytes]"), std::string::npos) << out;
  EXPECT_EQ(out.find("cisco"), std::string::npos) << out;  // not echoed
  EXPECT_EQ(FlashMd5("s.bin"), image_md5_);
  Console("copy bootflash:s.bin scp://admin@192.168.1.100/scp-up.bin\r", "Password: ");
  out = Console("cisco\r");
  EXPECT_EQ(out.find("%Error"), std::string::npos) << out;
  EXPECT_EQ(FileMd5(server_->root + "/scp-up.bin"), image_md5_) << out;
  Console("copy bootflash:s.bin scp://admin@192.168.1.100/bad.bin\r", "Password: ");
  out = Console("wrong\r");
  EXPECT_NE(out.find("%Error"), std::string::npos) << out;
  EXPECT_FALSE(std::filesystem::exists(server_->root + "/bad.bin"));
}

// A learner over Debian's telnet on the lab's switch: the CCNA spellings, the source prompt, the
// file's case kept on the server, scp's user name and password, ftp and http, vlan.dat.
TEST(LabCopyDialogs, LearnerOverTelnet) {
  constexpr const char* kSwitchLab = R"(
devices:
  - {name: SW1, platform: C2960, hostname: SW1, image_size: 65536, address: 192.168.1.2}
servers:
  - type: tftp
    address: 192.168.1.100
    files:
      - {name: c2960-lanbasek9-mz.152-7.E9.bin, size: 70000}
)";
  TempDir dir;
  ManualClock clock;
  auto host = StartNetworkedLab(*ParseTopology(kSwitchLab), {.dir = dir.path() + "/lab"}, clock);
  ASSERT_TRUE(host.ok()) << host.status().ToString();
  const std::string port = std::to_string((*host)->devices()[0].telnet_port);
  const std::string root = (*host)->servers()[0].root;
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ::execl("/usr/bin/python3", "python3", IOSUP_COPY_DIALOGS_CLIENT, port.c_str(), root.c_str(),
            nullptr);
    ::_exit(127);
  }
  int status = 0;
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(90);
  while (::waitpid(pid, &status, WNOHANG) != pid) {
    if (std::chrono::steady_clock::now() > give_up) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      FAIL() << "the telnet client did not finish";
    }
    (*host)->io().restart();
    (*host)->io().run_for(std::chrono::milliseconds(10));
  }
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);  // 77: telnet or python3-pexpect missing (scripts/setup.sh)
}

}  // namespace
}  // namespace iosup
