#include "transfer/curl_transfer.h"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "base/memory_file.h"
#include "testing/loopback_peer.h"

namespace iosup {
namespace {

// An HTTP server on loopback that announces a large file, sends its first 64 KiB and then
// goes silent, until the client drops the connection (which it records).
class StallingHttpServer {
 public:
  StallingHttpServer() : listener_(BoundLoopbackSocket(SOCK_STREAM, &port_)) {
    ::listen(listener_, 1);
    thread_ = std::thread([this] { Serve(); });
  }
  ~StallingHttpServer() {
    ::shutdown(listener_, SHUT_RDWR);
    if (conn_ >= 0) ::shutdown(conn_, SHUT_RDWR);
    thread_.join();
    ::close(listener_);
  }
  uint16_t port() const { return port_; }
  bool client_dropped() const { return dropped_; }

 private:
  void Serve() {
    conn_ = ::accept(listener_, nullptr, nullptr);
    if (conn_ < 0) return;
    char request[4096];
    if (::recv(conn_, request, sizeof request, 0) <= 0) return;
    const std::string head =
        "HTTP/1.1 200 OK\r\nContent-Length: 100000000\r\nContent-Type: "
        "application/octet-stream\r\n\r\n";
    ::send(conn_, head.data(), head.size(), MSG_NOSIGNAL);
    const std::string body(64 * 1024, 'x');
    ::send(conn_, body.data(), body.size(), MSG_NOSIGNAL);
    char byte;
    // Returns 0 (or an error) only when the client closes: nothing more is ever sent.
    if (::recv(conn_, &byte, 1, 0) <= 0) dropped_ = true;
    ::close(conn_);
  }

  uint16_t port_ = 0;
  int listener_;
  int conn_ = -1;
  std::atomic<bool> dropped_{false};
  std::thread thread_;
};

// Cancelled once the server has gone silent, a download drops the connection (curl alone would
// wait 30 s for its low-speed limit), and afterwards neither the sink, nor a hook, nor `done` is
// touched.
TEST(CurlTransfers, CancelledDownloadLetsGoOfItsPeerAndCallsNothingMore) {
  StallingHttpServer server;
  asio::io_context io;
  DiscardingWriter sink;
  bool done_called = false;
  int progress_after_cancel = 0;
  bool cancelled = false;
  uint64_t written_at_cancel = 0;
  CurlTransfers::Handle handle;
  {
    CurlTransfers curl(io);
    handle = curl.Download(
        {"http://127.0.0.1:" + std::to_string(server.port()) + "/big.bin"}, sink,
        {[](std::optional<uint64_t>) { return Status::Ok(); },
         [&](uint64_t bytes) {
           if (cancelled) {
             ++progress_after_cancel;
             return;
           }
           if (bytes < 64 * 1024) return;  // all the server sends: it is silent from now on
           cancelled = true;
           written_at_cancel = sink.written();
           handle.Cancel();
         }},
        [&](Result<uint64_t>) { done_called = true; });
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!server.client_dropped() && std::chrono::steady_clock::now() < give_up) {
      io.run_for(std::chrono::milliseconds(50));
      io.restart();
    }
    EXPECT_TRUE(server.client_dropped());  // before the destructor, which aborts curl too
  }  // joins the worker
  io.run();
  EXPECT_TRUE(cancelled);
  EXPECT_FALSE(done_called);
  EXPECT_EQ(progress_after_cancel, 0);
  EXPECT_EQ(sink.written(), written_at_cancel);
}

}  // namespace
}  // namespace iosup
