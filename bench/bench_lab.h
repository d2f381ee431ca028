// Pieces the in-process lab benchmarks share: milliseconds, nearest-rank quantiles, a device's SSH
// endpoint, and stopping a lab whose loop runs on its own thread.
#ifndef IOSUP_BENCH_BENCH_LAB_H_
#define IOSUP_BENCH_BENCH_LAB_H_

#include <algorithm>
#include <asio/post.hpp>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "lab/lab_host.h"
#include "upgrade/ssh_endpoint.h"

namespace iosup::bench {

inline double Millis(std::chrono::steady_clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

// The p-quantile (0 < p <= 1) by the nearest-rank method; `v` sorted.
inline double Quantile(const std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  const size_t rank = static_cast<size_t>(std::ceil(p * static_cast<double>(v.size())));
  return v[std::clamp<size_t>(rank, 1, v.size()) - 1];
}

// A lab device's SSH endpoint on loopback with the lab's default credentials.
inline upgrade::SshEndpoint LabEndpoint(uint16_t port) {
  upgrade::SshEndpoint ep;
  ep.host = "127.0.0.1";
  ep.port = port;
  ep.username = "admin";
  ep.password = "cisco";
  ep.enable_secret = "cisco";
  return ep;
}

// Stops the lab's loop (running `loop`), destroys the lab and removes its directory.
inline void StopLab(std::unique_ptr<LabHost>& host, std::thread& loop, const std::string& dir) {
  asio::post(host->io(), [h = host.get()] { h->Stop(); });
  loop.join();
  host.reset();
  std::filesystem::remove_all(dir);
}

}  // namespace iosup::bench

#endif  // IOSUP_BENCH_BENCH_LAB_H_
