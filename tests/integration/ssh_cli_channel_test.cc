// The SSH CLI channel and SCP push against a real emulated device over loopback SSH: an
// in-process lab (its own event loop thread, the real clock) with the lab's SSH front-end.
#include "upgrade/scp_push.h"
#include "upgrade/ssh_cli_channel.h"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <asio/post.hpp>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

#include "base/digest.h"
#include "lab/lab_host.h"
#include "lab/networked_lab.h"
#include "platform/system_clock.h"
#include "testing/loopback_peer.h"
#include "testing/temp_dir.h"
#include "testing/test_bytes.h"

namespace iosup::upgrade {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr auto kRunTimeout = seconds(10);

// One switch; `op` logs in at privilege 1 and needs `enable` (secret "cisco", the lab default).
constexpr const char* kLab = R"(
devices:
  - name: SW1
    platform: C2960
    image_size: 100000
    config: ["username op privilege 1 secret op"]
)";

// The real clock plus an offset the test moves forward: real time drives the lab's ticks, and
// a boot that takes the platform's realistic minutes ends when the test skips them.
class SkippingClock : public Clock {
 public:
  WallTime Now() const override { return system_.Now() + Duration(offset_.load()); }
  void SleepFor(Duration d) override { system_.SleepFor(d); }
  void Skip(Duration d) { offset_ += d.count(); }

 private:
  SystemClock system_;
  std::atomic<Duration::rep> offset_{0};
};

class SshCliChannelTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<Topology> topology = ParseTopology(kLab);
    ASSERT_TRUE(topology.ok()) << topology.status().ToString();
    auto host = LabHost::Start(*topology, {.dir = dir_.path() + "/lab", .realistic_boot = true},
                               clock_);
    ASSERT_TRUE(host.ok()) << host.status().ToString();
    host_ = std::move(*host);
    ASSERT_TRUE(AttachLabFrontends(*host_).ok());
    port_ = host_->devices()[0].ssh_port;
    loop_ = std::thread([host = host_.get()] { host->Run(); });
    FinishBoot();
  }

  void TearDown() override {
    if (!loop_.joinable()) return;
    host_->Stop();
    loop_.join();
  }

  // Runs `fn` on the lab's loop: devices are single-threaded.
  template <typename Fn>
  auto OnLab(Fn fn) -> decltype(fn()) {
    std::promise<decltype(fn())> result;
    asio::post(host_->io(), [&] { result.set_value(fn()); });
    return result.get_future().get();
  }
  Device& device() { return *host_->devices()[0].device; }
  DeviceState State() {
    return OnLab([&] { return device().state(); });
  }
  bool InFlash(const std::string& name) {
    return OnLab([&] { return device().file_systems().primary().store->Stat(name).ok(); });
  }

  // Skips the realistic boot time; the next lab tick (100 ms) finishes the boot.
  void FinishBoot() {
    clock_.Skip(std::chrono::minutes(15));
    for (int i = 0; i < 100 && State() != DeviceState::kRunning; ++i) {
      std::this_thread::sleep_for(milliseconds(20));
    }
    ASSERT_EQ(State(), DeviceState::kRunning);
  }

  SshEndpoint Endpoint(const std::string& user = "admin", const std::string& password = "cisco") {
    SshEndpoint ep;
    ep.host = "127.0.0.1";
    ep.port = port_;
    ep.username = user;
    ep.password = password;
    ep.enable_secret = "cisco";
    ep.connect_timeout = seconds(10);
    return ep;
  }

  std::unique_ptr<CliChannel> Connect(const SshEndpoint& ep) {
    Result<std::unique_ptr<CliChannel>> c = ConnectSsh(ep);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return c.ok() ? std::move(*c) : nullptr;
  }

  std::string RunOk(CliChannel& c, const std::string& command,
                    std::span<const DialogAnswer> answers = {}) {
    Result<std::string> r = c.Run(command, kRunTimeout, answers);
    EXPECT_TRUE(r.ok()) << command << ": " << r.status().ToString();
    return r.ok() ? *r : "";
  }

  // A local file of `size` pseudo-random bytes; returns its content.
  std::string MakeFile(const std::string& name, size_t size) {
    return WritePatternFile(dir_.path() + "/" + name, size);
  }

  TempDir dir_;
  SkippingClock clock_;
  std::unique_ptr<LabHost> host_;
  std::thread loop_;
  uint16_t port_ = 0;
};

TEST_F(SshCliChannelTest, ShowVersionWithoutEchoOrPrompt) {
  auto c = Connect(Endpoint());
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->prompt(), "SW1#");
  EXPECT_TRUE(c->open());
  const std::string out = RunOk(*c, "show version");
  EXPECT_NE(out.find("Cisco IOS Software"), std::string::npos) << out;
  EXPECT_NE(out.find("SW1 uptime is"), std::string::npos) << out;
  EXPECT_NE(out.find("Configuration register is"), std::string::npos) << out;
  EXPECT_FALSE(out.starts_with("show version")) << out;
  EXPECT_EQ(out.find("SW1#"), std::string::npos) << out;
  EXPECT_EQ(out.find('\r'), std::string::npos);
  EXPECT_EQ(out.find("--More--"), std::string::npos);  // terminal length 0 was sent
  EXPECT_TRUE(out.ends_with("\n"));
  // Config mode prompts are prompts too.
  RunOk(*c, "configure terminal");
  EXPECT_EQ(c->prompt(), "SW1(config)#");
  RunOk(*c, "end");
  EXPECT_EQ(c->prompt(), "SW1#");
  // An error is output, not a failure.
  EXPECT_NE(RunOk(*c, "show nonsense").find("% Invalid input"), std::string::npos);
  // Two lines are two commands: refused before anything is sent.
  EXPECT_EQ(c->Run("show clock\nreload", kRunTimeout).status().code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(c->prompt(), "SW1#");
}

TEST_F(SshCliChannelTest, UserExecLoginIsEnabled) {
  auto c = Connect(Endpoint("op", "op"));
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->prompt(), "SW1#");
  EXPECT_NE(RunOk(*c, "show privilege").find("Current privilege level is 15"), std::string::npos);

  SshEndpoint wrong_secret = Endpoint("op", "op");
  wrong_secret.enable_secret = "nope";
  Result<std::unique_ptr<CliChannel>> refused = ConnectSsh(wrong_secret);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), ErrorCode::kPermissionDenied) << refused.status().ToString();
  EXPECT_NE(refused.status().message().find("% Bad secrets"), std::string::npos)
      << refused.status().ToString();
}

TEST_F(SshCliChannelTest, WrongPasswordIsPermissionDenied) {
  Result<std::unique_ptr<CliChannel>> c = ConnectSsh(Endpoint("admin", "wrong"));
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), ErrorCode::kPermissionDenied) << c.status().ToString();
  c = ConnectSsh(Endpoint("nobody", "cisco"));
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), ErrorCode::kPermissionDenied) << c.status().ToString();
}

TEST_F(SshCliChannelTest, NothingListeningIsUnavailable) {
  SshEndpoint ep = Endpoint();
  ep.port = FreeLoopbackPort(SOCK_STREAM);
  Result<std::unique_ptr<CliChannel>> c = ConnectSsh(ep);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), ErrorCode::kUnavailable) << c.status().ToString();
}

TEST_F(SshCliChannelTest, SilentPeerTimesOut) {
  // The kernel completes the handshake for a listening socket nobody accepts from: no banner.
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
  ASSERT_EQ(::listen(fd, 4), 0);
  socklen_t len = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  SshEndpoint ep = Endpoint();
  ep.port = ntohs(a.sin_port);
  ep.connect_timeout = milliseconds(500);
  const auto start = std::chrono::steady_clock::now();
  Result<std::unique_ptr<CliChannel>> c = ConnectSsh(ep);
  const auto took = std::chrono::steady_clock::now() - start;
  ::close(fd);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), ErrorCode::kTimedOut) << c.status().ToString();
  EXPECT_LT(took, seconds(5));
}

TEST_F(SshCliChannelTest, DialogAnsweredFromTable) {
  auto c = Connect(Endpoint());
  ASSERT_NE(c, nullptr);
  RunOk(*c, "copy running-config flash:backup.cfg");
  ASSERT_TRUE(InFlash("backup.cfg"));
  const std::vector<DialogAnswer> answers = {{"Delete filename [", ""}, {"[confirm]", ""}};
  const std::string out = RunOk(*c, "delete flash:backup.cfg", answers);
  EXPECT_NE(out.find("Delete filename [backup.cfg]?"), std::string::npos) << out;
  EXPECT_NE(out.find("Delete flash:backup.cfg? [confirm]"), std::string::npos) << out;
  EXPECT_EQ(c->prompt(), "SW1#");
  EXPECT_FALSE(InFlash("backup.cfg"));
  EXPECT_EQ(RunOk(*c, "dir flash:").find("backup.cfg"), std::string::npos);
}

TEST_F(SshCliChannelTest, UnansweredQuestionIsUnsupportedAndChannelGoesOn) {
  auto c = Connect(Endpoint());
  ASSERT_NE(c, nullptr);
  RunOk(*c, "copy running-config flash:backup.cfg");
  Result<std::string> r = c->Run("delete flash:backup.cfg", kRunTimeout);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kUnsupported) << r.status().ToString();
  EXPECT_EQ(r.status().message(), "Delete filename [backup.cfg]?");
  EXPECT_TRUE(c->open());
  EXPECT_NE(RunOk(*c, "show privilege").find("Current privilege level is 15"), std::string::npos);
  EXPECT_TRUE(InFlash("backup.cfg"));
  // The first question answered, the second not: Ctrl-C keeps the file.
  const std::vector<DialogAnswer> first_only = {{"Delete filename [", ""}};
  r = c->Run("delete flash:backup.cfg", kRunTimeout, first_only);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kUnsupported);
  EXPECT_EQ(r.status().message(), "Delete flash:backup.cfg? [confirm]");
  EXPECT_NE(RunOk(*c, "dir flash:").find("backup.cfg"), std::string::npos);
  EXPECT_TRUE(InFlash("backup.cfg"));
}

TEST_F(SshCliChannelTest, ReloadClosesTheSessionAndTheDeviceComesBack) {
  auto c = Connect(Endpoint());
  ASSERT_NE(c, nullptr);
  const std::vector<DialogAnswer> answers = {{"[yes/no]:", "no"}, {"[confirm]", ""}};
  Result<std::string> r = c->Run("reload", kRunTimeout, answers);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kUnavailable) << r.status().ToString();
  EXPECT_NE(r.status().message().find("Proceed with reload? [confirm]"), std::string::npos)
      << r.status().ToString();
  EXPECT_FALSE(c->open());
  EXPECT_EQ(c->Run("show version", kRunTimeout).status().code(), ErrorCode::kUnavailable);

  // Booting (the platform's realistic time): connections are refused.
  EXPECT_EQ(State(), DeviceState::kBooting);
  Result<std::unique_ptr<CliChannel>> early = ConnectSsh(Endpoint());
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.status().code(), ErrorCode::kUnavailable) << early.status().ToString();

  // The orchestrator's reconnect loop: refused until the boot ends, then back.
  clock_.Skip(std::chrono::minutes(15));
  std::unique_ptr<CliChannel> back;
  int refusals = 0;
  for (auto until = std::chrono::steady_clock::now() + seconds(10);
       !back && std::chrono::steady_clock::now() < until;) {
    Result<std::unique_ptr<CliChannel>> attempt = ConnectSsh(Endpoint());
    if (attempt.ok()) {
      back = std::move(*attempt);
    } else {
      EXPECT_EQ(attempt.status().code(), ErrorCode::kUnavailable);
      ++refusals;
      std::this_thread::sleep_for(milliseconds(50));
    }
  }
  ASSERT_NE(back, nullptr) << refusals << " refusals";
  const std::string version = RunOk(*back, "show version");
  EXPECT_NE(version.find("System returned to ROM by Reload Command"), std::string::npos)
      << version;
}

TEST_F(SshCliChannelTest, CommandWithoutPromptTimesOut) {
  auto c = Connect(Endpoint());
  ASSERT_NE(c, nullptr);
  RunOk(*c, "terminal length 5");  // the next output stops at --More-- and waits for a key
  const auto start = std::chrono::steady_clock::now();
  Result<std::string> r = c->Run("show running-config", milliseconds(800));
  const auto took = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kTimedOut) << r.status().ToString();
  EXPECT_NE(r.status().message().find("--More--"), std::string::npos) << r.status().ToString();
  EXPECT_GE(took, milliseconds(800));
  EXPECT_LT(took, seconds(5));
}

TEST_F(SshCliChannelTest, ScpPushLandsInFlashWithTheSameMd5) {
  const std::string data = MakeFile("pushed.bin", 300000);
  std::vector<uint64_t> reports;
  Status s = ScpPush(Endpoint(), dir_.path() + "/pushed.bin", "flash:/pushed.bin",
                     [&](uint64_t sent) { reports.push_back(sent); });
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_FALSE(reports.empty());
  EXPECT_EQ(reports.back(), data.size());
  EXPECT_TRUE(std::is_sorted(reports.begin(), reports.end()));
  auto c = Connect(Endpoint());
  ASSERT_NE(c, nullptr);
  const std::string out = RunOk(*c, "verify /md5 flash:pushed.bin");
  EXPECT_NE(out.find("= " + DigestHex(DigestKind::kMd5, data)), std::string::npos) << out;
}

TEST_F(SshCliChannelTest, ScpPushRefusedWithoutScpServer) {
  MakeFile("image.bin", 5000);
  auto c = Connect(Endpoint());
  ASSERT_NE(c, nullptr);
  RunOk(*c, "configure terminal");
  RunOk(*c, "no ip scp server enable");
  RunOk(*c, "end");
  Status s = ScpPush(Endpoint(), dir_.path() + "/image.bin", "flash:/image.bin");
  EXPECT_EQ(s.code(), ErrorCode::kPermissionDenied) << s.ToString();
  EXPECT_NE(s.message().find("Administratively disabled"), std::string::npos) << s.ToString();
  EXPECT_FALSE(InFlash("image.bin"));
}

TEST_F(SshCliChannelTest, ScpPushRefusedWhenFlashIsTooSmall) {
  const std::string big = dir_.path() + "/huge.bin";
  std::ofstream(big).close();
  std::filesystem::resize_file(big, 64ull << 30);  // sparse: larger than any flash
  Status s = ScpPush(Endpoint(), big, "flash:/huge.bin");
  EXPECT_EQ(s.code(), ErrorCode::kNoSpace) << s.ToString();
  EXPECT_NE(s.message().find("Not enough space on device"), std::string::npos) << s.ToString();
  EXPECT_FALSE(InFlash("huge.bin"));
  EXPECT_EQ(ScpPush(Endpoint(), dir_.path() + "/absent.bin", "flash:").code(),
            ErrorCode::kNotFound);
  EXPECT_EQ(ScpPush(Endpoint(), dir_.path(), "flash:").code(), ErrorCode::kInvalidArgument);
}

// One channel per thread, all at once: the blocking client holds no shared state.
TEST_F(SshCliChannelTest, ChannelsFromManyThreads) {
  constexpr int kThreads = 8;
  std::atomic<int> good{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      Result<std::unique_ptr<CliChannel>> c = ConnectSsh(Endpoint());
      if (!c.ok()) return;
      for (int i = 0; i < 3; ++i) {
        Result<std::string> r = (*c)->Run("show version", kRunTimeout);
        if (!r.ok() || r->find("SW1 uptime is") == std::string::npos) return;
      }
      ++good;
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(good.load(), kThreads);
}

}  // namespace
}  // namespace iosup::upgrade
