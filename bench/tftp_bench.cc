// Helper of bench/tftp_bench.sh: runs iosup's TFTP server, or iosup's client for one or many
// concurrent downloads into a discarding sink, and prints the elapsed seconds.
//
//   tftp_bench serve ROOT PORT
//   tftp_bench get PORT FILE BLKSIZE WINDOWSIZE [COUNT]   (WINDOWSIZE 0: the client's default)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <asio/executor_work_guard.hpp>

#include "base/memory_file.h"
#include "transfer/dir_file_source.h"
#include "transfer/tftp_client.h"
#include "transfer/tftp_server.h"

namespace {

using namespace iosup;
using namespace iosup::tftp;

int Serve(const std::string& root, int port) {
  asio::io_context io;
  auto source = DirFileSource::Open(root, {});
  if (!source.ok()) return 1;
  ServerOptions o;
  o.listen.emplace_back(asio::ip::make_address("127.0.0.1"), static_cast<uint16_t>(port));
  o.max_sessions = 1024;
  auto server = TftpServer::Start(io, **source, o);
  if (!server.ok()) {
    std::fprintf(stderr, "%s\n", server.status().ToString().c_str());
    return 1;
  }
  io.run();
  return 0;
}

int Get(int port, const std::string& file, uint32_t blksize, uint32_t window, int count) {
  asio::io_context io;
  asio::ip::udp::endpoint server(asio::ip::make_address("127.0.0.1"), static_cast<uint16_t>(port));
  std::vector<DiscardingWriter> sinks(static_cast<size_t>(count));
  int failures = 0;
  uint64_t bytes = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < count; ++i) {
    ClientRequest req{.remote_file = file, .wants = {.blksize = blksize}};
    if (window) req.wants.windowsize = window;  // 0: the client's default
    StartClientTransfer(io, server, req, &sinks[static_cast<size_t>(i)], nullptr, nullptr,
                        [&](Result<TransferRecord> r) {
                          if (r.ok()) {
                            bytes += r->bytes;
                          } else {
                            ++failures;
                            std::fprintf(stderr, "%s\n", r.status().ToString().c_str());
                          }
                        });
  }
  io.run();
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%.4f %llu\n", secs, static_cast<unsigned long long>(bytes));
  return failures ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "serve" && argc == 4) return Serve(argv[2], std::atoi(argv[3]));
  if (mode == "get" && argc >= 6) {
    return Get(std::atoi(argv[2]), argv[3], static_cast<uint32_t>(std::atoi(argv[4])),
               static_cast<uint32_t>(std::atoi(argv[5])), argc > 6 ? std::atoi(argv[6]) : 1);
  }
  std::fprintf(stderr, "usage: tftp_bench serve ROOT PORT | get PORT FILE BLKSIZE WINDOW [N]\n");
  return 2;
}
