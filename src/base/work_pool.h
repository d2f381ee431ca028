// Large file work (hashing a 500 MB image for `verify`) runs away from the event loop that
// serves every device of a lab, so one user's command never delays another device's answer.
//
// Contract: `job` runs on some other thread and must touch only what it owns (a reader it was
// given, a result slot). `done` runs afterwards on the owner's thread (the devices' loop), never
// inside Submit. A pool destroyed with work pending drops it: neither the rest of the job nor
// `done` runs.
#ifndef IOSUP_BASE_WORK_POOL_H_
#define IOSUP_BASE_WORK_POOL_H_

#include <functional>

namespace iosup {

class WorkPool {
 public:
  virtual ~WorkPool() = default;
  virtual void Submit(std::function<void()> job, std::function<void()> done) = 0;
};

}  // namespace iosup

#endif  // IOSUP_BASE_WORK_POOL_H_
