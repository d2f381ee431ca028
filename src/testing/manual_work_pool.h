// A WorkPool for tests: nothing runs until the test says, so what a command prints while its
// work is pending, and what a reload in between does, are observable without threads.
#ifndef IOSUP_TESTING_MANUAL_WORK_POOL_H_
#define IOSUP_TESTING_MANUAL_WORK_POOL_H_

#include <deque>
#include <functional>
#include <utility>

#include "base/work_pool.h"

namespace iosup {

class ManualWorkPool : public WorkPool {
 public:
  void Submit(std::function<void()> job, std::function<void()> done) override {
    pending_.emplace_back(std::move(job), std::move(done));
  }
  size_t pending() const { return pending_.size(); }
  // Runs every job submitted so far, then each one's `done`, in order; returns how many.
  size_t RunAll() {
    auto items = std::exchange(pending_, {});
    for (auto& [job, done] : items) job();
    for (auto& [job, done] : items) done();
    return items.size();
  }

 private:
  std::deque<std::pair<std::function<void()>, std::function<void()>>> pending_;
};

}  // namespace iosup

#endif  // IOSUP_TESTING_MANUAL_WORK_POOL_H_
