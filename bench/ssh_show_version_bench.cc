// `show version` over SSH with N concurrent sessions (issue 5): an in-process lab of N Catalyst
// 2960 switches (one event-loop thread serves them all), and N client threads, one per switch,
// each opening an SshCliChannel (login, terminal length/width) at the same moment and then
// running `show version` K times. Prints connect time and command latency percentiles and the
// throughput of the command phase.
//
//   ssh_show_version_bench [--sessions 100] [--runs 20] [--dir /tmp]
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <latch>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <asio/post.hpp>

#include "lab/lab_host.h"
#include "bench/bench_lab.h"
#include "lab/networked_lab.h"
#include "platform/system_clock.h"
#include "upgrade/ssh_cli_channel.h"

namespace {

using Clock = std::chrono::steady_clock;
using iosup::bench::Millis;
using iosup::bench::Quantile;

struct Samples {
  std::mutex mu;
  std::vector<double> connect_ms, command_ms;
  std::atomic<int> failures{0};
  std::string first_error;

  void Fail(const iosup::Status& s) {
    ++failures;
    std::lock_guard lock(mu);
    if (first_error.empty()) first_error = s.ToString();
  }
};

// One client: connect when everyone is ready, wait until all are connected, run `runs` times.
void Client(uint16_t port, int runs, std::latch& ready, std::latch& connected, std::latch& go,
            Samples& out) {
  iosup::upgrade::SshEndpoint ep = iosup::bench::LabEndpoint(port);
  ep.connect_timeout = std::chrono::seconds(60);
  ready.arrive_and_wait();
  const auto start = Clock::now();
  auto channel = iosup::upgrade::ConnectSsh(ep);
  const double connect_ms = Millis(Clock::now() - start);
  connected.count_down();
  if (!channel.ok()) return out.Fail(channel.status());
  go.wait();
  std::vector<double> mine;
  for (int i = 0; i < runs; ++i) {
    const auto t = Clock::now();
    auto r = (*channel)->Run("show version", std::chrono::seconds(60));
    if (!r.ok() || r->find("uptime is") == std::string::npos) {
      out.Fail(r.ok() ? iosup::Status(iosup::ErrorCode::kCorrupt, "no uptime line") : r.status());
      continue;
    }
    mine.push_back(Millis(Clock::now() - t));
  }
  std::lock_guard lock(out.mu);
  out.connect_ms.push_back(connect_ms);
  out.command_ms.insert(out.command_ms.end(), mine.begin(), mine.end());
}

void PrintRow(const char* what, std::vector<double>& v, bool p99) {
  std::sort(v.begin(), v.end());
  std::printf("  %-28s p50 %7.2f ms  p95 %7.2f ms", what, Quantile(v, 0.50), Quantile(v, 0.95));
  if (p99) std::printf("  p99 %7.2f ms", Quantile(v, 0.99));
  std::printf("  max %7.2f ms  (n=%zu)\n", v.empty() ? 0.0 : v.back(), v.size());
}

}  // namespace

int main(int argc, char** argv) {
  int sessions = 100, runs = 20;
  std::string dir = "/tmp";
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--sessions")) sessions = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--runs")) runs = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--dir")) dir = argv[i + 1];
  }
  if (sessions < 1 || runs < 1) {
    std::fprintf(stderr, "usage: %s [--sessions N>=1] [--runs K>=1] [--dir DIR]\n", argv[0]);
    return 2;
  }
  auto topology = iosup::FleetTopology("C2960", sessions);
  if (!topology.ok()) return std::fprintf(stderr, "%s\n", topology.status().ToString().c_str()), 1;
  topology->servers.clear();  // `show version` needs no TFTP server and its images
  const std::string lab_dir = dir + "/iosup-ssh-bench-" + std::to_string(::getpid());
  iosup::SystemClock clock;
  const auto lab_start = Clock::now();
  auto host = iosup::LabHost::Start(*topology, {.dir = lab_dir}, clock);
  iosup::Status attached = host.ok() ? iosup::AttachLabFrontends(**host) : host.status();
  if (!attached.ok()) {
    std::fprintf(stderr, "lab: %s\n", attached.ToString().c_str());
    std::filesystem::remove_all(lab_dir);
    return 1;
  }
  const double lab_seconds = Millis(Clock::now() - lab_start) / 1000;
  std::thread loop([&] { (*host)->Run(); });

  Samples samples;
  std::latch ready(sessions), connected(sessions), go(1);
  std::vector<std::thread> clients;
  for (int i = 0; i < sessions; ++i) {
    clients.emplace_back(Client, (*host)->devices()[i].ssh_port, runs, std::ref(ready),
                         std::ref(connected), std::ref(go), std::ref(samples));
  }
  connected.wait();
  const auto phase_start = Clock::now();
  go.count_down();
  for (std::thread& t : clients) t.join();
  const double phase_seconds = Millis(Clock::now() - phase_start) / 1000;

  iosup::bench::StopLab(*host, loop, lab_dir);

  std::printf("show version over SSH: %d concurrent sessions x %d runs; lab of %d C2960 on one "
              "event-loop thread (started in %.2f s), %u cores\n",
              sessions, runs, sessions, lab_seconds, std::thread::hardware_concurrency());
  PrintRow("connect (login, enable, term)", samples.connect_ms, false);
  PrintRow("show version", samples.command_ms, true);
  std::printf("  %-28s %.0f commands/s (%zu in %.2f s)\n", "throughput",
              static_cast<double>(samples.command_ms.size()) / phase_seconds,
              samples.command_ms.size(), phase_seconds);
  std::printf("  %-28s %d%s%s\n", "failures", samples.failures.load(),
              samples.first_error.empty() ? "" : "  first: ", samples.first_error.c_str());
  return samples.failures.load() == 0 ? 0 : 1;
}
