#include "platform/thread_work_pool.h"

#include <algorithm>

namespace iosup {

ThreadWorkPool::ThreadWorkPool(size_t threads, Poster post_to_owner)
    : post_(std::move(post_to_owner)) {
  for (size_t i = 0; i < std::max<size_t>(threads, 1); ++i) threads_.emplace_back([this] { Work(); });
}

ThreadWorkPool::~ThreadWorkPool() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
    queue_.clear();
  }
  ready_.notify_all();
  for (std::thread& t : threads_) t.join();
}

void ThreadWorkPool::Submit(std::function<void()> job, std::function<void()> done) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    queue_.emplace_back(std::move(job), std::move(done));
  }
  ready_.notify_one();
}

void ThreadWorkPool::Work() {
  for (;;) {
    std::pair<std::function<void()>, std::function<void()>> item;
    {
      std::unique_lock<std::mutex> lock(mu_);
      ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      item = std::move(queue_.front());
      queue_.pop_front();
    }
    item.first();
    post_(std::move(item.second));
  }
}

}  // namespace iosup
