// An asio event loop on its own thread, for servers that run beside another loop: the lab's TFTP
// servers (the server side of a transfer then has a core of its own, apart from the devices'
// loop that runs the client side), and tests' servers while the test thread runs a blocking
// client.
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
