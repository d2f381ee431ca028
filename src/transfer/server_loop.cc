#include "transfer/server_loop.h"

#include <asio/post.hpp>

namespace iosup {

void ServerLoop::Start() {
  if (thread_.joinable()) return;
  guard_.emplace(asio::make_work_guard(io_));
  thread_ = std::thread([this] { io_.run(); });
}

void ServerLoop::Stop(const std::function<void()>& teardown) {
  if (!thread_.joinable()) {
    if (teardown) teardown();
    return;
  }
  // Handlers the teardown cancels are dropped with the io_context, never run: the servers they
  // belonged to are gone.
  asio::post(io_, [this, &teardown] {
    if (teardown) teardown();
    io_.stop();
  });
  thread_.join();
  guard_.reset();
}

}  // namespace iosup
