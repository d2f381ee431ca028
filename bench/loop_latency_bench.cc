// The lab's loop latency under large file work (issue 14): one event loop serves every device,
// so a command of one device must never hold up another's answer. Three ISR4321 in one lab:
// A answers `show version` over SSH in a loop, while B copies a large file flash to flash and C
// runs `verify /md5` of another large file, each over its own SSH session. Prints the p50 / p99 /
// max of A's round trip when the lab is idle and while B and C work, and how long B's and C's
// commands took.
//
//   loop_latency_bench [--mib 1024] [--dir /tmp]
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include <asio/post.hpp>

#include "bench/bench_lab.h"
#include "lab/networked_lab.h"
#include "lab/lab_host.h"
#include "platform/system_clock.h"
#include "upgrade/ssh_cli_channel.h"

namespace {

using Clock = std::chrono::steady_clock;
using iosup::bench::Millis;
using iosup::bench::Quantile;
using iosup::upgrade::CliChannel;

void PrintRow(const char* what, std::vector<double> v) {
  std::sort(v.begin(), v.end());
  std::printf("  %-34s p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms  (n=%zu)\n", what,
              Quantile(v, 0.50), Quantile(v, 0.99), v.empty() ? 0.0 : v.back(), v.size());
}

iosup::Result<std::unique_ptr<CliChannel>> Connect(uint16_t port) {
  return iosup::upgrade::ConnectSsh(iosup::bench::LabEndpoint(port));
}

// Writes `bytes` of varied content to `path` on the device's flash, before the loop runs.
iosup::Status Fill(iosup::Device& d, const std::string& url, uint64_t bytes) {
  auto where = d.file_systems().Resolve(url);
  if (!where.ok()) return where.status();
  auto w = where->store->Create(where->path, bytes);
  if (!w.ok()) return w.status();
  std::vector<uint8_t> chunk(1 << 20);
  for (uint64_t done = 0, n = 0; done < bytes; done += chunk.size(), ++n) {
    for (size_t i = 0; i < chunk.size(); i += 8) chunk[i] = static_cast<uint8_t>(n * 131 + i);
    const size_t len = static_cast<size_t>(std::min<uint64_t>(chunk.size(), bytes - done));
    if (auto s = (*w)->Append({chunk.data(), len}); !s.ok()) return s;
  }
  return (*w)->Commit();
}

// `show version` on `a` until `stop`, each round trip's time in `out`.
void Probe(CliChannel& a, std::atomic<bool>& stop, std::vector<double>& out, int at_least) {
  for (int i = 0; !stop.load() || i < at_least; ++i) {
    const auto t = Clock::now();
    auto r = a.Run("show version", std::chrono::seconds(60));
    if (!r.ok() || r->find("uptime is") == std::string::npos) {
      std::fprintf(stderr, "show version: %s\n",
                   r.ok() ? "no uptime line" : r.status().ToString().c_str());
      return;
    }
    out.push_back(Millis(Clock::now() - t));
  }
}

}  // namespace

int main(int argc, char** argv) {
  uint64_t mib = 1024;
  std::string dir = "/tmp";
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--mib")) mib = std::strtoull(argv[i + 1], nullptr, 10);
    if (!std::strcmp(argv[i], "--dir")) dir = argv[i + 1];
  }
  auto topology = iosup::FleetTopology("ISR4321", 3);
  if (!topology.ok()) return std::fprintf(stderr, "%s\n", topology.status().ToString().c_str()), 1;
  topology->servers.clear();
  for (auto& d : topology->devices) d.image_size = 1 << 20;
  const std::string lab_dir = dir + "/iosup-loop-bench-" + std::to_string(::getpid());
  iosup::SystemClock clock;
  auto host = iosup::LabHost::Start(*topology, {.dir = lab_dir}, clock);
  iosup::Status ok = host.ok() ? iosup::AttachLabFrontends(**host) : host.status();
  auto& devices = (*host)->devices();
  if (ok.ok()) ok = Fill(*devices[1].device, "bootflash:big-copy.bin", mib << 20);
  if (ok.ok()) ok = Fill(*devices[2].device, "bootflash:big-verify.bin", (mib << 20) + 4096);
  if (!ok.ok()) {
    std::fprintf(stderr, "lab: %s\n", ok.ToString().c_str());
    std::filesystem::remove_all(lab_dir);
    return 1;
  }
  std::thread loop([&] { (*host)->Run(); });
  auto a = Connect(devices[0].ssh_port), b = Connect(devices[1].ssh_port),
       c = Connect(devices[2].ssh_port);
  if (!a.ok() || !b.ok() || !c.ok()) {
    std::fprintf(stderr, "ssh: %s\n", (!a.ok() ? a : !b.ok() ? b : c).status().ToString().c_str());
    return 1;
  }
  (void)(*b)->Run("configure terminal", std::chrono::seconds(10));
  (void)(*b)->Run("file prompt quiet", std::chrono::seconds(10));
  (void)(*b)->Run("end", std::chrono::seconds(10));

  std::vector<double> idle, busy;
  std::atomic<bool> stop{true};
  Probe(**a, stop, idle, 200);

  stop = false;
  auto copy = std::async(std::launch::async, [&] {
    const auto t = Clock::now();
    auto r = (*b)->Run("copy bootflash:big-copy.bin bootflash:big-copy2.bin", std::chrono::minutes(10));
    return std::make_pair(Millis(Clock::now() - t), r.ok() && r->find("bytes copied") != std::string::npos);
  });
  auto verify = std::async(std::launch::async, [&] {
    const auto t = Clock::now();
    auto r = (*c)->Run("verify /md5 bootflash:big-verify.bin", std::chrono::minutes(10));
    return std::make_pair(Millis(Clock::now() - t), r.ok() && r->find("verify /md5") != std::string::npos);
  });
  std::thread probe([&] { Probe(**a, stop, busy, 20); });
  const auto [copy_ms, copy_ok] = copy.get();
  const auto [verify_ms, verify_ok] = verify.get();
  stop = true;
  probe.join();

  (*a)->Close();
  (*b)->Close();
  (*c)->Close();
  iosup::bench::StopLab(*host, loop, lab_dir);

  std::printf("lab loop latency: `show version` over SSH on device A while B copies %llu MiB "
              "flash to flash and C runs verify /md5 of %llu MiB (%u cores)\n",
              static_cast<unsigned long long>(mib), static_cast<unsigned long long>(mib),
              std::thread::hardware_concurrency());
  PrintRow("A: show version, lab idle", idle);
  PrintRow("A: show version, during B and C", busy);
  std::printf("  %-34s %9.1f ms %s\n", "B: copy flash to flash", copy_ms, copy_ok ? "" : "(FAILED)");
  std::printf("  %-34s %9.1f ms %s\n", "C: verify /md5", verify_ms, verify_ok ? "" : "(FAILED)");
  return copy_ok && verify_ok ? 0 : 1;
}
