// One lab under abuse (issue 14): every kind of hostile input that used to stop, freeze or exhaust
// a lab is replayed, bounded in count and time, against devices B, C and D and the lab's TFTP
// server, while a well-behaved client keeps asking device A for `show version` over SSH. A must
// answer every time, each within 250 ms, and afterwards the lab's descriptors and memory return
// to where they started. Everything runs on loopback.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "lab/networked_lab.h"
#include "platform/system_clock.h"
#include "testing/temp_dir.h"
#include "upgrade/ssh_cli_channel.h"

namespace iosup {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using SteadyClock = std::chrono::steady_clock;

constexpr auto kMaxAnswer = milliseconds(250);
constexpr uint64_t kBigFile = 128ull << 20;  // bounded stand-in for a 521 MB image

constexpr const char* kLab = R"(
devices:
  - {name: A, platform: ISR4321, image_size: 100000}
  - {name: B, platform: ISR4321, image_size: 100000}
  - {name: C, platform: ISR4321, image_size: 100000}
  - {name: D, platform: C2960, image_size: 100000}
servers:
  - type: tftp
    address: 192.168.1.100
    files:
      - {name: isr4300-universalk9.16.12.04.SPA.bin, size: 200000}
)";

size_t OpenDescriptors() {
  size_t n = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator("/proc/self/fd")) ++n;
  return n;
}

uint64_t ResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  uint64_t size = 0, resident = 0;
  statm >> size >> resident;
  return resident * static_cast<uint64_t>(::sysconf(_SC_PAGESIZE));
}

upgrade::SshEndpoint Endpoint(uint16_t port, const std::string& password = "cisco") {
  upgrade::SshEndpoint ep;
  ep.host = "127.0.0.1";
  ep.port = port;
  ep.username = "admin";
  ep.password = password;
  ep.enable_secret = "cisco";
  ep.connect_timeout = seconds(20);
  return ep;
}

// A's `show version`, over and over until stopped: every round trip's time, every failure.
class Prober {
 public:
  explicit Prober(uint16_t port) : port_(port) {}
  void Start() {
    thread_ = std::thread([this] { Run(); });
  }
  void Stop() {
    stop_ = true;
    thread_.join();
  }
  std::vector<milliseconds> latencies() const { return latencies_; }
  const std::vector<std::string>& failures() const { return failures_; }

 private:
  void Run() {
    auto channel = upgrade::ConnectSsh(Endpoint(port_));
    if (!channel.ok()) return failures_.push_back("connect: " + channel.status().ToString());
    while (!stop_) {
      const auto t = SteadyClock::now();
      auto r = (*channel)->Run("show version", seconds(10));
      const auto took = std::chrono::duration_cast<milliseconds>(SteadyClock::now() - t);
      if (!r.ok() || r->find("uptime is") == std::string::npos) {
        failures_.push_back(r.ok() ? "no uptime line" : r.status().ToString());
      } else {
        latencies_.push_back(took);
      }
      std::this_thread::sleep_for(milliseconds(20));
    }
    (*channel)->Close();
  }

  uint16_t port_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  std::vector<milliseconds> latencies_;
  std::vector<std::string> failures_;
};

int UdpSocket() {
  int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  sockaddr_in any{};
  any.sin_family = AF_INET;
  any.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  (void)::bind(fd, reinterpret_cast<sockaddr*>(&any), sizeof any);
  timeval tv{.tv_sec = 2, .tv_usec = 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  return fd;
}

// An RRQ for `file` in octet mode with `options` ("timeout", "255", ...).
void SendRrq(int fd, uint16_t port, const std::string& file,
             const std::vector<std::string>& options = {}) {
  std::string p("\0\1", 2);
  p += file + '\0' + "octet" + '\0';
  for (const std::string& o : options) p += o + '\0';
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(port);
  to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  (void)::sendto(fd, p.data(), p.size(), 0, reinterpret_cast<sockaddr*>(&to), sizeof to);
}

class ChaosTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<Topology> topology = ParseTopology(kLab);
    ASSERT_TRUE(topology.ok()) << topology.status().ToString();
    auto host = StartNetworkedLab(*topology, {.dir = dir_.path() + "/lab"}, clock_);
    ASSERT_TRUE(host.ok()) << host.status().ToString();
    host_ = std::move(*host);
    ASSERT_TRUE(Fill("B", "bootflash:big.bin", kBigFile).ok());
    ASSERT_TRUE(Fill("C", "bootflash:big.bin", kBigFile + 512).ok());
    loop_ = std::thread([host = host_.get()] { host->Run(); });
  }

  void TearDown() override {
    if (!loop_.joinable()) return;
    host_->Stop();
    loop_.join();
  }

  HostedDevice& Device(const std::string& name) {
    for (HostedDevice& d : host_->devices()) {
      if (d.definition.name == name) return d;
    }
    ADD_FAILURE() << "no device " << name;
    return host_->devices()[0];
  }

  // Writes `bytes` of varied content, before the loop runs.
  Status Fill(const std::string& device, const std::string& url, uint64_t bytes) {
    auto where = Device(device).device->file_systems().Resolve(url);
    if (!where.ok()) return where.status();
    auto w = where->store->Create(where->path, bytes);
    if (!w.ok()) return w.status();
    std::vector<uint8_t> chunk(1 << 20);
    for (uint64_t done = 0, n = 0; done < bytes; done += chunk.size(), ++n) {
      for (size_t i = 0; i < chunk.size(); i += 64) chunk[i] = static_cast<uint8_t>(n + i / 64);
      const size_t len = static_cast<size_t>(std::min<uint64_t>(chunk.size(), bytes - done));
      IOSUP_RETURN_IF_ERROR((*w)->Append({chunk.data(), len}));
    }
    return (*w)->Commit();
  }

  // Waits until `ok()` holds, at most `limit`.
  template <typename Pred>
  bool Eventually(Pred ok, Duration limit) {
    const auto until = SteadyClock::now() + limit;
    while (!ok()) {
      if (SteadyClock::now() > until) return false;
      std::this_thread::sleep_for(milliseconds(100));
    }
    return true;
  }

  TempDir dir_;
  SystemClock clock_;
  std::unique_ptr<LabHost> host_;
  std::thread loop_;
};

// Items 1-4: commands typed on B that used to crash the lab or hold its loop for seconds.
void AbuseTheCli(uint16_t port, std::vector<std::string>& seen) {
  auto b = upgrade::ConnectSsh(Endpoint(port));
  if (!b.ok()) return seen.push_back("B connect: " + b.status().ToString());
  for (const std::string& command :
       {std::string("copy /erase flash:x"), "show version | include " + std::string(100000, 'x'),
        std::string("show version | include Syst********em image"),
        std::string("show running-config | include (x+x+)+y"),
        std::string("copy bootflash:big.bin bootflash:big2.bin"),
        std::string("verify /md5 bootflash:big2.bin"), std::string("delete /force bootflash:big2.bin")}) {
    const upgrade::DialogAnswer keep_name[] = {{"Destination filename [", ""}};
    auto r = (*b)->Run(command, seconds(60), keep_name);
    seen.push_back(command.substr(0, 60) + " -> " + (r.ok() ? *r : r.status().ToString()));
  }
  (*b)->Close();
}

// Item 4 again, on C: a first hash of a large file.
void HashOnC(uint16_t port, std::vector<std::string>& seen) {
  auto c = upgrade::ConnectSsh(Endpoint(port));
  if (!c.ok()) return seen.push_back("C connect: " + c.status().ToString());
  auto r = (*c)->Run("verify /md5 bootflash:big.bin", seconds(60));
  seen.push_back(std::string("verify on C -> ") + (r.ok() ? *r : r.status().ToString()));
  (*c)->Close();
}

// Item 5: idle TCP connections to D's SSH port that never speak, held a second, then dropped.
void HalfOpenSsh(uint16_t port) {
  std::vector<int> fds;
  for (int i = 0; i < 200; ++i) {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(port);
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to) == 0) {
      fds.push_back(fd);
    } else {
      ::close(fd);
    }
  }
  std::this_thread::sleep_for(seconds(1));
  for (int fd : fds) ::close(fd);
}

// Item 6: wrong passwords against D from four clients at once (D may go quiet: that is its own
// defence, and it must not touch A).
void GuessPasswords(uint16_t port) {
  std::vector<std::thread> guessers;
  for (int g = 0; g < 4; ++g) {
    guessers.emplace_back([port, g] {
      for (int i = 0; i < 5; ++i) {
        auto ep = Endpoint(port, "guess-" + std::to_string(g) + "-" + std::to_string(i));
        ep.connect_timeout = seconds(5);
        auto c = upgrade::ConnectSsh(ep);
        if (c.ok()) (*c)->Close();
      }
    });
  }
  for (std::thread& t : guessers) t.join();
}

// Items 7 and 10: requests that never ACK (asking for the longest timeout) flood the lab's TFTP
// server, and names ending in a slash. Returns what the slash names were answered.
std::vector<int> AbuseTftp(uint16_t port) {
  std::vector<int> fds;
  for (int i = 0; i < 300; ++i) {
    int fd = UdpSocket();
    SendRrq(fd, port, "isr4300-universalk9.16.12.04.SPA.bin", {"timeout", "255", "blksize", "1468"});
    fds.push_back(fd);
  }
  std::vector<int> opcodes;
  for (const char* name : {"isr4300-universalk9.16.12.04.SPA.bin/", "isr4300-universalk9.16.12.04.SPA.bin/."}) {
    // A request may be lost behind the flood (UDP, a full socket buffer): like any TFTP client,
    // ask again after a timeout.
    int fd = UdpSocket();
    uint8_t reply[600];
    ssize_t n = -1;
    for (int attempt = 0; attempt < 4 && n < 2; ++attempt) {
      SendRrq(fd, port, name);
      n = ::recv(fd, reply, sizeof reply, 0);
    }
    opcodes.push_back(n >= 2 ? reply[1] : -1);
    ::close(fd);
  }
  for (int fd : fds) ::close(fd);
  return opcodes;
}

TEST_F(ChaosTest, AWellBehavedClientIsAnsweredThroughEveryAbuseAndTheLabRecovers) {
  // The starting level: the lab up, A's client connected and warmed up.
  Prober warmup(Device("A").ssh_port);
  warmup.Start();
  std::this_thread::sleep_for(milliseconds(300));
  warmup.Stop();
  ASSERT_TRUE(warmup.failures().empty()) << warmup.failures()[0];
  std::this_thread::sleep_for(milliseconds(300));
  const size_t fds_before = OpenDescriptors();
  const uint64_t rss_before = ResidentBytes();

  Prober probe(Device("A").ssh_port);
  probe.Start();
  std::vector<std::string> seen_b, seen_c;
  auto cli = std::async(std::launch::async, AbuseTheCli, Device("B").ssh_port, std::ref(seen_b));
  auto hash = std::async(std::launch::async, HashOnC, Device("C").ssh_port, std::ref(seen_c));
  auto half_open = std::async(std::launch::async, HalfOpenSsh, Device("D").ssh_port);
  auto guesses = std::async(std::launch::async, GuessPasswords, Device("D").ssh_port);
  auto tftp = std::async(std::launch::async, AbuseTftp, host_->servers()[0].port);
  cli.get();
  hash.get();
  half_open.get();
  guesses.get();
  const std::vector<int> slash_answers = tftp.get();
  std::this_thread::sleep_for(milliseconds(500));
  probe.Stop();

  std::string log;  // each exchange's start, enough to tell what happened
  for (const std::string& s : seen_b) log += "  " + s.substr(0, 160) + "\n";
  for (const std::string& s : seen_c) log += "  " + s.substr(0, 160) + "\n";
  EXPECT_TRUE(probe.failures().empty()) << probe.failures()[0] << "\n" << log;
  ASSERT_FALSE(probe.latencies().empty());
  milliseconds worst{0};
  for (milliseconds m : probe.latencies()) worst = std::max(worst, m);
  EXPECT_LE(worst, kMaxAnswer) << "slowest of " << probe.latencies().size() << " answers\n" << log;
  ASSERT_EQ(seen_b.size(), 7u) << log;
  EXPECT_NE(seen_b[0].find("% Incomplete command."), std::string::npos) << log;
  EXPECT_NE(seen_b[4].find("bytes copied in"), std::string::npos) << log;
  EXPECT_NE(seen_b[5].find("verify /md5 (bootflash:big2.bin) = "), std::string::npos) << log;
  EXPECT_NE(seen_c.at(0).find("verify /md5"), std::string::npos) << log;
  EXPECT_EQ(slash_answers, (std::vector<int>{5, 5})) << "a name ending in / is an ERROR";

  // Everything the abuse opened is let go: unanswered TFTP sessions within their bounded first
  // timeout, SSH connections when their peers closed.
  EXPECT_TRUE(Eventually([&] { return OpenDescriptors() <= fds_before; }, seconds(20)))
      << OpenDescriptors() << " descriptors open, " << fds_before << " at the start";
  const uint64_t rss_after = ResidentBytes();
  EXPECT_LE(rss_after, rss_before + rss_before / 5 + (16ull << 20))
      << "RSS " << (rss_before >> 20) << " MiB at the start, " << (rss_after >> 20) << " MiB after";
}

}  // namespace
}  // namespace iosup
