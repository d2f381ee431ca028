// An asio event loop on its own thread, for servers that must keep answering while another loop
// is blocked: a lab device that boots `tftp:FILE HOST` waits synchronously for the lab's TFTP
// server (LabNetbootPort), so that server cannot share the devices' thread. Tests run servers
// on one too.
#ifndef IOSUP_TRANSFER_SERVER_LOOP_H_
#define IOSUP_TRANSFER_SERVER_LOOP_H_

#include <asio/executor_work_guard.hpp>
#include <asio/io_context.hpp>
#include <functional>
#include <optional>
#include <thread>

namespace iosup {

class ServerLoop {
 public:
  ServerLoop() = default;
  ~ServerLoop() { Stop(); }
  ServerLoop(const ServerLoop&) = delete;
  ServerLoop& operator=(const ServerLoop&) = delete;

  // Servers are created on io() (before or after Start) and live on its thread from Start on.
  asio::io_context& io() { return io_; }
  // Starts the thread. Once only.
  void Start();
  // Runs `teardown` (destroy the servers) on the loop's thread, then ends and joins the thread;
  // without a running thread `teardown` runs on the caller's. Later calls only run `teardown`.
  void Stop(const std::function<void()>& teardown = {});

 private:
  asio::io_context io_;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> guard_;
  std::thread thread_;
};

}  // namespace iosup

#endif  // IOSUP_TRANSFER_SERVER_LOOP_H_
