// The real wall clock.
#ifndef IOSUP_PLATFORM_SYSTEM_CLOCK_H_
#define IOSUP_PLATFORM_SYSTEM_CLOCK_H_

#include <thread>

#include "base/clock.h"

namespace iosup {

class SystemClock : public Clock {
 public:
  WallTime Now() const override { return std::chrono::system_clock::now(); }
  void SleepFor(Duration d) override { std::this_thread::sleep_for(d); }
};

}  // namespace iosup

#endif  // IOSUP_PLATFORM_SYSTEM_CLOCK_H_
