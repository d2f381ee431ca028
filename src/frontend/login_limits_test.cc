// What bounds connections that have not logged in, on loopback with raw sockets, the telnet
// protocol and the real OpenSSH client: two devices whose SSH and telnet servers share a lab's
// pool of pending logins, idle connections that time out on the device's (manual) clock, a
// process out of descriptors, and `login block-for` refusing new vty connections until the
// clock ends its quiet period.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>

#include "frontend/login_slots.h"
#include "frontend/ssh_server.h"
#include "frontend/telnet_server.h"
#include "frontend/telnet_test_support.h"
#include "testing/temp_dir.h"

namespace iosup {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr size_t kDeviceLimit = 8;
constexpr size_t kLabLimit = 12;
constexpr milliseconds kSweep{10};

// The lowest descriptor number not in use: with RLIMIT_NOFILE there, nothing more can be opened.
int LowestFreeDescriptor() {
  std::set<int> used;
  for (const auto& e : std::filesystem::directory_iterator("/proc/self/fd")) {
    used.insert(std::atoi(e.path().filename().c_str()));
  }
  int n = 0;
  while (used.contains(n)) ++n;
  return n;
}

size_t OpenDescriptors() {
  size_t n = 0;
  for (const auto& e : std::filesystem::directory_iterator("/proc/self/fd")) n += !e.path().empty();
  return n;
}

// A TCP connection that says nothing; -1 when the connect failed.
int IdleConnection(uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(port);
  to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

struct Lab {
  std::unique_ptr<Device> device;
  std::unique_ptr<DeviceLineService> lines;  // the front-ends' port to the device
  std::shared_ptr<LoginSlots> slots;
  std::unique_ptr<SshServer> ssh;
  std::unique_ptr<TelnetServer> telnet;
};

class LoginLimitsTest : public DeviceFixture {
 protected:
  void SetUp() override {
    for (const char* name : {"R1", "R2"}) {
      Lab d;
      d.device = MakeDevice("ISR4321", {.name = name});
      ASSERT_TRUE(d.device->ProvisionFactoryDefaults(SmallImages(kImageBytes)).ok());
      d.device->PowerOn();
      d.device->Tick();
      d.device->running_config().Merge(Config::Parse(
          std::string("hostname ") + name + "\nusername admin privilege 15 secret 0 cisco\n" +
          "ip ssh time-out 30\nline vty 0 4\n login local\n transport input ssh telnet\n"));
      d.slots = std::make_shared<LoginSlots>(kDeviceLimit);
      d.lines = std::make_unique<DeviceLineService>(*d.device);
      auto ssh = SshServer::Start(io_, *d.lines, {.host_key_file = dir_.path() + "/" + name,
                                                   .device_slots = d.slots,
                                                   .lab_slots = lab_slots_,
                                                   .sweep_period = kSweep});
      ASSERT_TRUE(ssh.ok()) << ssh.status().ToString();
      d.ssh = std::move(*ssh);
      auto telnet = TelnetServer::Start(io_, *d.lines,
                                        {.login_retry_delay = milliseconds(20),
                                         .device_slots = d.slots,
                                         .lab_slots = lab_slots_,
                                         .sweep_period = kSweep});
      ASSERT_TRUE(telnet.ok()) << telnet.status().ToString();
      d.telnet = std::move(*telnet);
      labs_.push_back(std::move(d));
    }
    std::ofstream(dir_.path() + "/askpass.sh") << "#!/bin/sh\necho asked >>" << dir_.path()
                                                << "/askpass.log\ncat " << dir_.path()
                                                << "/password\n";
    std::filesystem::permissions(dir_.path() + "/askpass.sh", std::filesystem::perms::owner_all);
    SetPassword("cisco");
  }
  void TearDown() override {
    for (int fd : idle_) ::close(fd);
  }

  Device& R(int i) { return *labs_[i - 1].device; }
  Lab& L(int i) { return labs_[i - 1]; }
  void SetPassword(const std::string& p) { std::ofstream(dir_.path() + "/password") << p << "\n"; }
  int Denials() const {
    int n = 0;
    const std::string denied = "Permission denied, please try again.";
    for (size_t at = 0; (at = output_.find(denied, at)) != std::string::npos; at += denied.size()) {
      ++n;
    }
    return n;
  }
  int Asked() {
    std::ifstream in(dir_.path() + "/askpass.log");
    int n = 0;
    for (std::string line; std::getline(in, line);) ++n;
    std::filesystem::remove(dir_.path() + "/askpass.log");
    return n;
  }

  void Run(milliseconds d) {
    const auto until = std::chrono::steady_clock::now() + d;
    while (std::chrono::steady_clock::now() < until) {
      io_.run_for(milliseconds(5));
      for (Lab& l : labs_) l.device->Tick();
    }
  }
  bool Pump(const std::function<bool()>& done, milliseconds limit = milliseconds(5000)) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (!done()) {
      if (std::chrono::steady_clock::now() > until) return false;
      Run(milliseconds(5));
    }
    return true;
  }
  void OpenIdle(uint16_t port, int n) {
    for (int i = 0; i < n; ++i) {
      const int fd = IdleConnection(port);
      ASSERT_GE(fd, 0) << i;
      idle_.push_back(fd);
      if (i % 32 == 31) Run(milliseconds(5));  // accepted as they come: the backlog is bounded
    }
  }
  void CloseIdle() {
    for (int fd : idle_) ::close(fd);
    idle_.clear();
  }

  // `ssh admin@127.0.0.1 -p PORT show privilege` with the askpass password, while the loop runs.
  int Ssh(uint16_t port, int password_prompts = 1) {
    const std::string out = dir_.path() + "/client.out";
    const std::string cmd =
        "ssh -p " + std::to_string(port) +
        " -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR"
        " -o PubkeyAuthentication=no -o PreferredAuthentications=password"
        " -o NumberOfPasswordPrompts=" + std::to_string(password_prompts) +
        " -o ConnectTimeout=10 -F /dev/null admin@127.0.0.1 show privilege";
    const std::string askpass = dir_.path() + "/askpass.sh";
    const pid_t pid = fork();
    if (pid == 0) {
      setenv("SSH_ASKPASS", askpass.c_str(), 1);
      setenv("SSH_ASKPASS_REQUIRE", "force", 1);
      setsid();
      const std::string full = "(" + cmd + ") >" + out + " 2>&1 </dev/null";
      execl("/bin/sh", "sh", "-c", full.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    const auto start = std::chrono::steady_clock::now();
    int status = 0;
    while (waitpid(pid, &status, WNOHANG) == 0) {
      Run(milliseconds(5));
      if (std::chrono::steady_clock::now() - start > seconds(30)) kill(pid, SIGKILL);
    }
    Run(milliseconds(20));
    std::ifstream in(out);
    output_ = std::string(std::istreambuf_iterator<char>(in), {});
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  TempDir dir_;
  asio::io_context io_;
  std::shared_ptr<LoginSlots> lab_slots_ = std::make_shared<LoginSlots>(kLabLimit);
  std::vector<Lab> labs_;
  std::vector<int> idle_;
  std::string output_;
};

// Issue 14 item 5: idle TCP connections to one device's SSH port were held forever.
TEST_F(LoginLimitsTest, IdleSshConnectionsAreBoundedThenTimedOutOnTheDevicesClock) {
  const size_t start_fds = OpenDescriptors();
  OpenIdle(L(1).ssh->port(), 300);
  Run(milliseconds(100));
  EXPECT_EQ(L(1).ssh->active_sessions(), kDeviceLimit);
  EXPECT_EQ(L(1).slots->taken(), kDeviceLimit);
  // Another device still answers; this one refuses a new connection while its pool is full.
  EXPECT_EQ(Ssh(L(2).ssh->port()), 0) << output_;
  EXPECT_NE(output_.find("Current privilege level is 15"), std::string::npos) << output_;
  EXPECT_NE(Ssh(L(1).ssh->port()), 0) << output_;

  clock_.Advance(seconds(29));
  Run(milliseconds(50));
  EXPECT_EQ(L(1).ssh->active_sessions(), kDeviceLimit);  // `ip ssh time-out 30` not reached
  clock_.Advance(seconds(1));
  ASSERT_TRUE(Pump([&] { return L(1).ssh->active_sessions() == 0; }));
  EXPECT_EQ(lab_slots_->taken(), 0u);
  EXPECT_EQ(Ssh(L(1).ssh->port()), 0) << output_;
  CloseIdle();
  ASSERT_TRUE(Pump([&] { return OpenDescriptors() == start_fds; })) << OpenDescriptors();
}

TEST_F(LoginLimitsTest, TheLabsPoolIsSharedByEveryDeviceAndProtocol) {
  OpenIdle(L(1).ssh->port(), 6);
  OpenIdle(L(2).telnet->port(), 20);
  Run(milliseconds(100));
  EXPECT_EQ(L(1).ssh->active_sessions(), 6u);
  EXPECT_EQ(L(2).telnet->connection_count(), kLabLimit - 6);
  EXPECT_EQ(lab_slots_->taken(), kLabLimit);
  EXPECT_NE(Ssh(L(2).ssh->port()), 0) << output_;  // the lab's pool is full
}

// IOS's login dialog waits 30 s for an answer, on the device's clock, then says so and closes.
TEST_F(LoginLimitsTest, IdleTelnetLoginsTimeOutOnTheDevicesClock) {
  const size_t start_fds = OpenDescriptors();
  std::vector<std::unique_ptr<TestTelnetClient>> clients;
  for (int i = 0; i < 12; ++i) {
    clients.push_back(std::make_unique<TestTelnetClient>(io_, L(1).telnet->port()));
  }
  ASSERT_TRUE(Pump([&] { return clients[0]->text().find("Username: ") != std::string::npos; }));
  Run(milliseconds(50));
  EXPECT_EQ(L(1).telnet->connection_count(), kDeviceLimit);
  clients[0]->Send("adm");
  clock_.Advance(seconds(29));
  Run(milliseconds(50));
  EXPECT_EQ(L(1).telnet->connection_count(), kDeviceLimit);
  clock_.Advance(seconds(1));
  ASSERT_TRUE(Pump([&] { return L(1).telnet->connection_count() == 0; }));
  ASSERT_TRUE(Pump([&] { return clients[0]->closed(); }));
  EXPECT_NE(clients[0]->text().find("Username: adm\r\n% Username:  timeout expired!\r\n"),
            std::string::npos) << clients[0]->text();
  EXPECT_EQ(L(1).slots->taken(), 0u);
  clients.clear();
  ASSERT_TRUE(Pump([&] { return OpenDescriptors() == start_fds; })) << OpenDescriptors();
}

// Out of descriptors, accept() fails with EMFILE while the connection waits in the backlog: the
// servers pause accepting instead of retrying at once (which spun the loop at 100% CPU), and
// resume once descriptors are back.
TEST_F(LoginLimitsTest, OutOfDescriptorsAcceptingPausesThenResumes) {
  rlimit saved{};
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &saved), 0);
  OpenIdle(L(2).ssh->port(), 1);
  OpenIdle(L(2).telnet->port(), 1);
  Run(milliseconds(50));
  ASSERT_EQ(L(2).ssh->active_sessions(), 1u);
  OpenIdle(L(2).ssh->port(), 3);   // connected (in the backlog) before the limit falls
  OpenIdle(L(2).telnet->port(), 3);
  rlimit low = saved;
  low.rlim_cur = LowestFreeDescriptor();  // no descriptor left for accept()
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &low), 0);
  size_t handlers = 0;  // poll() would never return from a spinning accept loop
  for (int i = 0; i < 200; ++i) handlers += io_.poll_one();
  const size_t ssh_pauses = L(2).ssh->accept_pauses(), telnet_pauses = L(2).telnet->accept_pauses();
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &saved), 0);
  EXPECT_GE(ssh_pauses, 1u);
  EXPECT_GE(telnet_pauses, 1u);
  EXPECT_LT(handlers, 50u);  // a spinning accept loop has a handler ready at every turn
  ASSERT_TRUE(Pump([&] {
    return L(2).ssh->active_sessions() == 4 && L(2).telnet->connection_count() == 4;
  }));
  CloseIdle();
  ASSERT_TRUE(Pump([&] { return L(2).slots->taken() == 0; }));
  EXPECT_EQ(Ssh(L(2).ssh->port()), 0) << output_;
}

// Issue 14 item 6: password guessing was limited only by the pause after each failure.
TEST_F(LoginLimitsTest, BlockForRefusesSshAndTelnetUntilTheClockEndsQuietMode) {
  R(1).running_config().Merge(
      Config::Parse("login block-for 60 attempts 3 within 30\nip ssh authentication-retries 2\n"));
  ConsoleCapture console;
  R(1).AddListener(&console);
  SetPassword("wrong");
  EXPECT_NE(Ssh(L(1).ssh->port(), 5), 0) << output_;
  // `ip ssh authentication-retries 2`: closed after the second failure, however many more
  // passwords the client would try. A third failed attempt would have started quiet mode.
  EXPECT_GE(Denials(), 2) << output_;
  Asked();  // forgets those
  EXPECT_EQ(console.Take().find("%SEC_LOGIN"), std::string::npos);

  TestTelnetClient guesser(io_, L(1).telnet->port());
  ASSERT_TRUE(Pump([&] { return guesser.text().find("Username: ") != std::string::npos; }));
  guesser.Send("admin\r\nguess\r\n");
  ASSERT_TRUE(Pump([&] { return guesser.closed(); }));  // quiet mode ends this connection too
  const std::string on = console.Take();
  EXPECT_NE(on.find("%SEC_LOGIN-1-QUIET_MODE_ON: Still timeleft for watching failures is "),
            std::string::npos) << on;
  EXPECT_NE(on.find("[user: admin] [Source: 127.0.0.1] [localport: " +
                    std::to_string(L(1).telnet->port()) +
                    "] [Reason: Login Authentication Failed] [ACL: sl_def_acl] at "),
            std::string::npos) << on;

  SetPassword("cisco");
  EXPECT_NE(Ssh(L(1).ssh->port()), 0) << output_;  // refused, right password or not
  EXPECT_EQ(Asked(), 0);
  TestTelnetClient refused(io_, L(1).telnet->port());
  ASSERT_TRUE(Pump([&] { return refused.closed(); }));
  EXPECT_EQ(refused.text().find("User Access Verification"), std::string::npos);
  EXPECT_EQ(Ssh(L(2).ssh->port()), 0) << output_;  // another device is not concerned

  clock_.Advance(seconds(59));
  R(1).Tick();
  EXPECT_NE(Ssh(L(1).ssh->port()), 0) << output_;
  clock_.Advance(seconds(1));
  R(1).Tick();
  EXPECT_NE(console.Take().find("%SEC_LOGIN-5-QUIET_MODE_OFF: Quiet Mode is OFF, because block "
                                "period timed out at "),
            std::string::npos);
  EXPECT_EQ(Ssh(L(1).ssh->port()), 0) << output_;
  EXPECT_NE(output_.find("Current privilege level is 15"), std::string::npos) << output_;
  R(1).RemoveListener(&console);
}

}  // namespace
}  // namespace iosup
