// The SSH/SCP front-end against the real OpenSSH clients, on loopback: exec, interactive shell,
// scp push and pull, refusals, and reload. The device's io_context runs while each client runs.
#include "frontend/ssh_server.h"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>

#include "base/digest.h"
#include "frontend/telnet_server.h"
#include "frontend/telnet_test_support.h"
#include "testing/device_fixture.h"
#include "testing/manual_clock.h"
#include "testing/mem_store_provider.h"
#include "testing/temp_dir.h"
#include "testing/test_bytes.h"

namespace iosup {
namespace {

constexpr auto kBootTime = std::chrono::seconds(30);

struct ClientRun {
  int exit_code = -1;
  std::string output;
  double seconds = 0;
};

// TCP_NODELAY of every connection this process accepted on `port` (what the server handed to
// libssh), by descriptor.
std::map<int, bool> AcceptedNoDelay(uint16_t port) {
  std::map<int, bool> out;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) {
    const int fd = std::atoi(entry.path().filename().c_str());
    sockaddr_storage local{}, peer{};
    socklen_t len = sizeof local, peer_len = sizeof peer;
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&local), &len) != 0) continue;
    if (local.ss_family != AF_INET) continue;
    if (ntohs(reinterpret_cast<sockaddr_in*>(&local)->sin_port) != port) continue;
    if (getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &peer_len) != 0) continue;  // listener
    int on = 0;
    socklen_t on_len = sizeof on;
    if (getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, &on_len) == 0) out[fd] = on != 0;
  }
  return out;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

class SshServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto device = Device::Create(**FindPlatform("ISR4321"),
                                 {.name = "R1", .boot_time = kBootTime}, clock_, stores_);
    ASSERT_TRUE(device.ok());
    device_ = std::move(*device);
    lines_ = std::make_unique<DeviceLineService>(*device_);
    ASSERT_TRUE(device_->ProvisionFactoryDefaults(SmallImages(65536)).ok());
    Boot();
    Configure("hostname R1\nusername admin privilege 15 secret 0 cisco\n"
              "line vty 0 4\n login local\n transport input ssh\nip scp server enable\n");
    std::ofstream(dir_.path() + "/askpass.sh") << "#!/bin/sh\necho asked >>" << dir_.path()
                                                << "/askpass.log\ncat " << dir_.path()
                                                << "/password\n";
    std::filesystem::permissions(dir_.path() + "/askpass.sh", std::filesystem::perms::owner_all);
    SetPassword("cisco");
    auto server = SshServer::Start(io_, *lines_, {.host_key_file = dir_.path() + "/host_key"});
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(*server);
  }

  void Boot() {
    if (device_->state() == DeviceState::kOff) device_->PowerOn();
    clock_.Advance(kBootTime + std::chrono::seconds(1));
    device_->Tick();
    ASSERT_EQ(device_->state(), DeviceState::kRunning);
  }

  // Applies configuration lines and saves them, so a reload keeps them.
  void Configure(const std::string& text) {
    device_->running_config().Merge(Config::Parse(text));
    ASSERT_TRUE(device_->SaveRunningConfig().ok());
  }
  void SetPassword(const std::string& p) { std::ofstream(dir_.path() + "/password") << p << "\n"; }

  std::string SshOptions(const char* port_flag) const {
    return std::string(port_flag) + " " + std::to_string(server_->port()) +
           " -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR"
           " -o PubkeyAuthentication=no -o PreferredAuthentications=password"
           " -o NumberOfPasswordPrompts=2 -o ConnectTimeout=10 -F /dev/null";
  }

  // Runs `command` under /bin/sh with the askpass environment while the io_context runs;
  // `each_turn` runs between turns of the loop, while the client is connected.
  ClientRun RunClient(const std::string& command, const std::function<void()>& each_turn = {}) {
    const std::string out = dir_.path() + "/client.out";
    const std::string askpass = dir_.path() + "/askpass.sh";
    const auto start = std::chrono::steady_clock::now();
    pid_t pid = fork();
    if (pid == 0) {
      setenv("SSH_ASKPASS", askpass.c_str(), 1);
      setenv("SSH_ASKPASS_REQUIRE", "force", 1);
      setsid();
      const std::string full = "(" + command + ") >" + out + " 2>&1 </dev/null";
      execl("/bin/sh", "sh", "-c", full.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    ClientRun run;
    int status = 0;
    while (waitpid(pid, &status, WNOHANG) == 0) {
      io_.run_for(std::chrono::milliseconds(5));
      device_->Tick();
      if (each_turn) each_turn();
      if (std::chrono::steady_clock::now() - start > std::chrono::seconds(30)) {
        kill(pid, SIGKILL);
      }
    }
    io_.run_for(std::chrono::milliseconds(20));
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.output = ReadFile(out);
    run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return run;
  }

  ClientRun Ssh(const std::string& args) {
    return RunClient("ssh " + SshOptions("-p") + " admin@127.0.0.1 " + args);
  }
  // An interactive shell on a PTY: `script` is a shell snippet whose output is typed.
  ClientRun Shell(const std::string& script, const std::function<void()>& each_turn = {}) {
    return RunClient("(" + script + ") | ssh -tt " + SshOptions("-p") + " admin@127.0.0.1",
                     each_turn);
  }
  // Public-key only, no agent, no password fallback: what `ssh -i key` does in a script.
  ClientRun SshWithKey(const std::string& key, const std::string& user, const std::string& args) {
    return RunClient("ssh -p " + std::to_string(server_->port()) + " -i " + key +
                     " -o IdentitiesOnly=yes -o BatchMode=yes -o PreferredAuthentications=publickey"
                     " -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR"
                     " -o ConnectTimeout=10 -F /dev/null " + user + "@127.0.0.1 " + args);
  }
  // A fresh RSA key pair in the test directory; returns the private key's path.
  std::string MakeKey(const std::string& name) {
    const std::string path = dir_.path() + "/" + name;
    const std::string cmd = "ssh-keygen -q -t rsa -b 2048 -N '' -C " + name + "@test -f " + path;
    EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
    return path;
  }
  // The .pub file as `fold -b -w 72` prints it, the way people paste a key into IOS.
  std::string FoldedPublicKey(const std::string& key) {
    const std::string pub = ReadFile(key + ".pub");
    std::string out;
    for (size_t i = 0; i < pub.size(); i += 72) {
      std::string line = pub.substr(i, 72);
      if (!line.empty() && line.back() == '\n') line.pop_back();
      if (!line.empty()) out += line + "\n";
    }
    return out;
  }

  ClientRun Scp(const std::string& from, const std::string& to) {
    return RunClient("scp -O -q " + SshOptions("-P") + " " + from + " " + to);
  }

  std::string MakeFile(const std::string& name, size_t size) {
    return WritePatternFile(dir_.path() + "/" + name, size);
  }

  TempDir dir_;
  asio::io_context io_;
  ManualClock clock_;
  MemStoreProvider stores_{clock_};
  std::unique_ptr<Device> device_;
  std::unique_ptr<DeviceLineService> lines_;  // the front-ends' port to device_
  std::unique_ptr<SshServer> server_;
};

// A telnet client that answers the login dialog as admin/cisco and then types `command`, a step
// whenever what it waits for has arrived; Step() runs between turns of the test's loop.
class TelnetUser {
 public:
  TelnetUser(asio::io_context& io, uint16_t port, const std::string& command)
      : client_(io, port),
        steps_{{"Username: ", "admin\r\n"}, {"Password: ", "cisco\r\n"},
               {"R1#", command + "\r\n"}, {"R1#", ""}} {}
  void Step() {
    if (done()) return;
    const size_t at = client_.text().find(steps_[next_].first, from_);
    if (at == std::string::npos) return;
    from_ = at + steps_[next_].first.size();
    client_.Send(steps_[next_++].second);
  }
  bool done() const { return next_ == steps_.size(); }
  const std::string& text() const { return client_.text(); }

 private:
  TestTelnetClient client_;
  std::vector<std::pair<std::string, std::string>> steps_;  // wait for first, then type second
  size_t next_ = 0;
  size_t from_ = 0;
};

TEST_F(SshServerTest, ExecRunsOneCommandAndExitsZero) {
  ClientRun r = Ssh("show version");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("R1 uptime is"), std::string::npos) << r.output;
  // The whole output, unpaged: it ends with the config-register line.
  EXPECT_NE(r.output.find("Configuration register is 0x2102"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("--More--"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("R1#"), std::string::npos) << r.output;
  EXPECT_EQ(server_->active_sessions(), 0u);
}

TEST_F(SshServerTest, InteractiveShellGetsPromptAndRuns) {
  ClientRun r = Shell("sleep 0.5; printf 'terminal length 0\\nterminal width 511\\n"
                      "show privilege\\nexit\\n'");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("R1#terminal length 0"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("Current privilege level is 15"), std::string::npos) << r.output;
}

// The server sends several small packets back to back; without TCP_NODELAY each waits for the
// client's delayed ACK (40 ms a login).
TEST_F(SshServerTest, AcceptedConnectionsSendWithoutNagle) {
  std::map<int, bool> seen;
  ClientRun r = RunClient("(sleep 0.5; printf 'exit\\n') | ssh -tt " + SshOptions("-p") + " admin@127.0.0.1",
                [&] { seen.merge(AcceptedNoDelay(server_->port())); });
  EXPECT_EQ(r.exit_code, 0) << r.output;
  ASSERT_FALSE(seen.empty());
  for (const auto& [fd, nodelay] : seen) EXPECT_TRUE(nodelay) << "fd " << fd;
}

TEST_F(SshServerTest, WrongPasswordIsRefusedAndSlowed) {
  SetPassword("wrong");
  ClientRun r = Ssh("show version");
  EXPECT_EQ(r.exit_code, 255) << r.output;
  EXPECT_NE(r.output.find("Permission denied"), std::string::npos) << r.output;
  EXPECT_GE(r.seconds, 0.9);  // the second attempt waited
  SetPassword("cisco");
  r = RunClient("ssh " + SshOptions("-p") + " nobody@127.0.0.1 show version");
  EXPECT_EQ(r.exit_code, 255) << r.output;
}

// IOS's `ip ssh authentication-retries 3`: the third wrong password ends the connection, however
// many more the client would try; each failure holds the next attempt back.
TEST_F(SshServerTest, ThirdFailedPasswordDisconnects) {
  SetPassword("wrong");
  ClientRun r = RunClient("ssh -o NumberOfPasswordPrompts=6 " + SshOptions("-p") +
                          " admin@127.0.0.1 show version");
  EXPECT_EQ(r.exit_code, 255) << r.output;
  EXPECT_EQ(r.output.find("uptime"), std::string::npos) << r.output;
  // Three denials; the client was already asking for a fourth password when the server hung up.
  int denied = 0;
  for (size_t at = 0; (at = r.output.find("Permission denied, please try again.", at)) !=
                      std::string::npos;
       ++at) {
    ++denied;
  }
  EXPECT_EQ(denied, 3) << r.output;
  EXPECT_NE(r.output.find("Received disconnect"), std::string::npos) << r.output;
  EXPECT_GE(r.seconds, 1.9);  // two pauses before the third attempt was read
  EXPECT_EQ(server_->active_sessions(), 0u);
}

TEST_F(SshServerTest, TransportInputWithoutSshRefuses) {
  Configure("line vty 0 4\n transport input telnet\n");
  ClientRun r = Ssh("show version");
  EXPECT_EQ(r.exit_code, 255) << r.output;
}

TEST_F(SshServerTest, ScpPushAndPullKeepTheImageExact) {
  const std::string image = MakeFile("image.bin", 3 << 20);
  ClientRun r = Scp(dir_.path() + "/image.bin", "admin@127.0.0.1:flash:/image.bin");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  auto stored = stores_.store("bootflash")->GetBytes("image.bin");
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(DigestHex(DigestKind::kMd5, *stored), DigestHex(DigestKind::kMd5, image));

  r = Scp("admin@127.0.0.1:bootflash:image.bin", dir_.path() + "/back.bin");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(DigestHex(DigestKind::kMd5, ReadFile(dir_.path() + "/back.bin")),
            DigestHex(DigestKind::kMd5, image));
  // Into a file system root: the name comes from the header.
  r = Scp(dir_.path() + "/image.bin", "admin@127.0.0.1:flash:");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(server_->active_sessions(), 0u);
}

TEST_F(SshServerTest, ScpRefusedWithoutIpScpServerEnable) {
  device_->running_config().RemoveLine("ip scp server enable");
  MakeFile("image.bin", 1000);
  ClientRun r = Scp(dir_.path() + "/image.bin", "admin@127.0.0.1:flash:/image.bin");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.output.find("Administratively disabled"), std::string::npos) << r.output;
  EXPECT_FALSE(stores_.store("bootflash")->Stat("image.bin").ok());
}

TEST_F(SshServerTest, ScpWithoutSpaceLeavesNoFile) {
  const std::string big = dir_.path() + "/huge.bin";
  std::ofstream(big).close();
  std::filesystem::resize_file(big, 64ull << 30);  // sparse: larger than any flash
  ClientRun r = Scp(big, "admin@127.0.0.1:flash:/huge.bin");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.output.find("Not enough space on device"), std::string::npos) << r.output;
  EXPECT_FALSE(stores_.store("bootflash")->Stat("huge.bin").ok());
}

TEST_F(SshServerTest, ReloadClosesSessionAndBootRefusesConnections) {
  clock_.Advance(std::chrono::hours(51));  // up 2 days, 3 hours
  ClientRun r = Ssh("show version");
  EXPECT_NE(r.output.find("R1 uptime is 2 days, 3 hours"), std::string::npos) << r.output;
  r = Shell("printf 'reload\\n'; sleep 0.3; printf '\\n'; sleep 0.3");
  EXPECT_NE(r.output.find("Proceed with reload? [confirm]"), std::string::npos) << r.output;
  EXPECT_NE(device_->state(), DeviceState::kRunning);
  EXPECT_EQ(server_->active_sessions(), 0u);

  r = Ssh("show version");
  EXPECT_EQ(r.exit_code, 255) << r.output;

  // Booting takes its time; connections keep being refused until IOS runs.
  clock_.Advance(kBootTime / 2);
  device_->Tick();
  ASSERT_EQ(device_->state(), DeviceState::kBooting);
  r = Ssh("show version");
  EXPECT_EQ(r.exit_code, 255) << r.output;

  Boot();
  r = Ssh("show version");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("R1 uptime is 0 minutes"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("Last reload reason: Reload Command"), std::string::npos) << r.output;
}

// IOS prints nothing when exec-timeout ends an idle vty: the connection just goes, and OpenSSH
// says so in its own words. Typing keeps the session alive past the timeout.
TEST_F(SshServerTest, ExecTimeoutDropsIdleShell) {
  Configure("line vty 0 4\n exec-timeout 0 2\n");
  ClientRun r = Shell("sleep 3; printf 'show privilege\\n'");
  EXPECT_TRUE(r.output.ends_with("R1#Connection to 127.0.0.1 closed by remote host.\r\n"))
      << r.output;
  EXPECT_EQ(r.output.find("Current privilege level"), std::string::npos) << r.output;
  EXPECT_EQ(r.exit_code, 255) << r.output;
  EXPECT_EQ(server_->active_sessions(), 0u);

  r = Shell("for i in 1 2 3; do sleep 1; printf 'show privilege\\n'; done; sleep 3");
  EXPECT_EQ(r.exit_code, 255) << r.output;
  size_t answers = 0;
  for (size_t at = 0; (at = r.output.find("Current privilege level is 15", at)) != std::string::npos;
       ++at) {
    ++answers;
  }
  EXPECT_EQ(answers, 3u) << r.output;
  EXPECT_NE(r.output.find("closed by remote host"), std::string::npos) << r.output;
}

// The key is pasted through the device's own CLI (over an SSH password login), as IOS users do;
// then the key alone logs in, at the user's privilege, for exec and for a shell.
TEST_F(SshServerTest, PublicKeyConfiguredOnTheCliLogsIn) {
  const std::string key = MakeKey("admin_key");
  ClientRun r = Shell("sleep 0.3; printf 'configure terminal\\nip ssh pubkey-chain\\n"
                      "username admin\\nkey-string\\n'; printf '%s' '" + FoldedPublicKey(key) +
                      "'; printf 'exit\\nend\\nexit\\n'");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output.find("%SSH"), std::string::npos) << r.output;
  // A vty without `terminal monitor` gets no syslog (issue 15).
  EXPECT_EQ(r.output.find("%SYS-5-CONFIG_I"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("% Invalid"), std::string::npos) << r.output;
  ASSERT_EQ(device_->running_config().ssh_pubkey_users().size(), 1u) << device_->RenderRunning();

  r = SshWithKey(key, "admin", "show privilege");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("Current privilege level is 15"), std::string::npos) << r.output;
  r = SshWithKey(key, "admin", "'show running-config | section pubkey-chain'");
  EXPECT_NE(r.output.find("ip ssh pubkey-chain\r\n  username admin\r\n   key-hash ssh-rsa "),
            std::string::npos)
      << r.output;
  r = RunClient("(sleep 0.3; printf 'show privilege\\nexit\\n') | ssh -tt -p " +
                std::to_string(server_->port()) + " -i " + key +
                " -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=no"
                " -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -F /dev/null admin@127.0.0.1");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("R1#show privilege"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("Current privilege level is 15"), std::string::npos) << r.output;
}

// Syslog reaches an SSH session only after `terminal monitor`, as on IOS: a configuration change
// writes nothing into the session that made it (it would desynchronise the client), and stops
// again after `terminal no monitor`.
TEST_F(SshServerTest, SyslogReachesTheSessionOnlyAfterTerminalMonitor) {
  ClientRun r = Shell("sleep 0.3; printf 'configure terminal\\nend\\nsend log 6 quiet\\n"
                      "show privilege\\nexit\\n'");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("Current privilege level is 15"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("%SYS-"), std::string::npos) << r.output;

  r = Shell("sleep 0.3; printf 'terminal monitor\\nconfigure terminal\\nend\\n"
            "send log 6 loud\\nterminal no monitor\\nsend log 6 silent again\\n"
            "show privilege\\nexit\\n'");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("%SYS-5-CONFIG_I: Configured from console by admin on vty0 (127.0.0.1)"
                          "\r\n"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("%SYS-6-USERLOG_INFO: Message from tty2(user id: admin): loud\r\n"),
            std::string::npos)
      << r.output;
  EXPECT_EQ(r.output.find(": silent again"), std::string::npos) << r.output;
}

// Configured through the startup-config (the key-hash form IOS saves): the user's privilege
// applies; another key, or the right key for another user, is refused; passwords still work.
TEST_F(SshServerTest, PublicKeyFromStartupConfigAndRefusedKeys) {
  const std::string key = MakeKey("ops_key");
  const std::string stranger = MakeKey("stranger_key");
  std::string md5;  // "MD5:4a:76:..." from OpenSSH itself, as IOS's key-hash
  {
    ClientRun fp = RunClient("ssh-keygen -l -E md5 -f " + key + ".pub");
    const size_t at = fp.output.find("MD5:");
    ASSERT_NE(at, std::string::npos) << fp.output;
    for (char c : fp.output.substr(at + 4, 47)) {
      if (c != ':') md5 += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
  }
  Configure("username ops privilege 5\nip ssh pubkey-chain\n  username ops\n   key-hash ssh-rsa " +
            md5 + " ops@test\n");
  device_->Reload("test", "console");
  Boot();
  ASSERT_EQ(device_->running_config().ssh_pubkey_users().size(), 1u);

  ClientRun r = SshWithKey(key, "ops", "show privilege");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("Current privilege level is 5"), std::string::npos) << r.output;

  r = SshWithKey(stranger, "ops", "show privilege");
  EXPECT_EQ(r.exit_code, 255) << r.output;
  EXPECT_NE(r.output.find("Permission denied (publickey,password)"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("privilege level"), std::string::npos) << r.output;
  r = SshWithKey(key, "admin", "show privilege");
  EXPECT_EQ(r.exit_code, 255) << r.output;

  r = Ssh("show privilege");  // admin's password
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("Current privilege level is 15"), std::string::npos) << r.output;
  // Four refused keys (an agent's worth), then the password, on one connection: key offers are
  // not the three failed attempts IOS allows.
  std::string identities;
  for (const std::string& k : {stranger, MakeKey("k2"), MakeKey("k3"), MakeKey("k4")}) {
    identities += " -i " + k;
  }
  r = RunClient("ssh -p " + std::to_string(server_->port()) + identities +
                " -o IdentitiesOnly=yes -o PreferredAuthentications=publickey,password"
                " -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR"
                " -F /dev/null admin@127.0.0.1 show privilege");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("Current privilege level is 15"), std::string::npos) << r.output;
  EXPECT_EQ(server_->active_sessions(), 0u);
}

// SSH and telnet take their lines from the same vty 0-15: a telnet login while an SSH shell holds
// vty 0 gets vty 1, and `show users` on each shows both, each on its own line.
TEST_F(SshServerTest, SshAndTelnetSessionsGetDifferentVtyLines) {
  Configure("line vty 0 4\n transport input ssh telnet\n");
  auto telnet = TelnetServer::Start(io_, *lines_, {});
  ASSERT_TRUE(telnet.ok()) << telnet.status().ToString();
  const std::string go = dir_.path() + "/telnet_done";
  std::unique_ptr<TelnetUser> user;
  ClientRun r = Shell("while [ ! -e " + go + " ]; do sleep 0.1; done; printf 'show users\\nexit\\n'",
                      [&] {
                        if (!user && !DeviceSession::SessionsOf(*device_).empty()) {
                          user = std::make_unique<TelnetUser>(io_, (*telnet)->port(), "show users");
                        }
                        if (!user || user->done()) return;
                        user->Step();
                        if (user->done()) std::ofstream(go).close();
                      });
  EXPECT_EQ(r.exit_code, 0) << r.output;
  ASSERT_TRUE(user && user->done()) << (user ? user->text() : "telnet never started");
  EXPECT_NE(r.output.find("*866 vty 0 "), std::string::npos) << r.output;
  EXPECT_NE(r.output.find(" 867 vty 1 "), std::string::npos) << r.output;
  EXPECT_NE(user->text().find(" 866 vty 0 "), std::string::npos) << user->text();
  EXPECT_NE(user->text().find("*867 vty 1 "), std::string::npos) << user->text();
}

// A telnet connection holds its line from the moment it arrives, while it is still at the
// Username: prompt, so an SSH shell opened meanwhile gets another; with every line held, the
// shell is refused (and telnet closes the connection), until one is let go.
TEST_F(SshServerTest, TelnetAtTheLoginPromptAlreadyHoldsItsVtyLine) {
  Configure("line vty 0 4\n transport input ssh telnet\n");
  auto telnet = TelnetServer::Start(io_, *lines_, {});
  ASSERT_TRUE(telnet.ok()) << telnet.status().ToString();
  auto pump_until = [&](const std::function<bool()>& done) {
    const auto limit = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!done() && std::chrono::steady_clock::now() < limit) io_.run_for(std::chrono::milliseconds(5));
    return done();
  };
  std::vector<std::unique_ptr<TestTelnetClient>> waiting;
  auto connect = [&] {
    waiting.push_back(std::make_unique<TestTelnetClient>(io_, (*telnet)->port()));
    TestTelnetClient& c = *waiting.back();
    return pump_until([&] { return c.closed() || c.text().find("Username: ") != std::string::npos; });
  };
  ASSERT_TRUE(connect());
  ASSERT_FALSE(waiting.back()->closed());
  ClientRun r = Shell("sleep 0.5; printf 'show users\\nexit\\n'");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("*866 vty 1 "), std::string::npos) << r.output;

  for (int line = 1; line < kVtyLines; ++line) ASSERT_TRUE(connect()) << "vty " << line;
  for (const auto& c : waiting) ASSERT_FALSE(c->closed()) << c->text();
  r = Shell("sleep 0.5; printf 'show users\\nexit\\n'");
  EXPECT_EQ(r.exit_code, 255) << r.output;
  EXPECT_NE(r.output.find("shell request failed"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("vty"), std::string::npos) << r.output;
  ASSERT_TRUE(connect());
  EXPECT_TRUE(waiting.back()->closed());
  EXPECT_EQ(waiting.back()->text(), "");

  waiting[5]->Disconnect();
  ASSERT_TRUE(pump_until([&] { return (*telnet)->connection_count() == kVtyLines - 1; }));
  r = Shell("sleep 0.5; printf 'show users\\nexit\\n'");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("*866 vty 5 "), std::string::npos) << r.output;
}

#ifdef IOSUP_NETMIKO_SCRIPT
// Netmiko 2.4.2 from Debian: prompt, show version, config mode, save, file_transfer with MD5.
TEST_F(SshServerTest, NetmikoDrivesTheDevice) {
  if (!std::filesystem::exists("/usr/lib/python3/dist-packages/netmiko")) {
    GTEST_FAIL() << "missing install step: " << "python3-netmiko is not installed";
  }
  MakeFile("c2960-test.bin", 1 << 20);
  ClientRun r = RunClient(std::string("/usr/bin/python3 ") + IOSUP_NETMIKO_SCRIPT + " " +
                          std::to_string(server_->port()) + " " + dir_.path() + "/c2960-test.bin");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("OK"), std::string::npos) << r.output;
  EXPECT_TRUE(stores_.store("bootflash")->Stat("c2960-test.bin").ok());
}
#endif

}  // namespace
}  // namespace iosup
