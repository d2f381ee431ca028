// A WorkPool of a few threads. Each finished job's `done` is handed to `post_to_owner`, which
// queues it on the owner's event loop (asio::post on the devices' io_context).
// Thread-safe: Submit may be called from any thread. The destructor joins the threads after the
// jobs already running end; queued jobs are dropped.
#ifndef IOSUP_PLATFORM_THREAD_WORK_POOL_H_
#define IOSUP_PLATFORM_THREAD_WORK_POOL_H_

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "base/work_pool.h"

namespace iosup {

class ThreadWorkPool : public WorkPool {
 public:
  using Poster = std::function<void(std::function<void()>)>;
  ThreadWorkPool(size_t threads, Poster post_to_owner);
  ~ThreadWorkPool() override;
  ThreadWorkPool(const ThreadWorkPool&) = delete;
  ThreadWorkPool& operator=(const ThreadWorkPool&) = delete;

  void Submit(std::function<void()> job, std::function<void()> done) override;

 private:
  void Work();

  Poster post_;
  std::mutex mu_;
  std::condition_variable ready_;
  std::deque<std::pair<std::function<void()>, std::function<void()>>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace iosup

#endif  // IOSUP_PLATFORM_THREAD_WORK_POOL_H_
