// The real wall clock.
#ifndef IOSUP_PLATFORM_SYSTEM_CLOCK_H_
#define IOSUP_PLATFORM_SYSTEM_CLOCK_H_

#include "base/clock.h"

namespace iosup {

class SystemClock : public Clock {
 public:
  WallTime Now() const override { return std::chrono::system_clock::now(); }
};

}  // namespace iosup

#endif  // IOSUP_PLATFORM_SYSTEM_CLOCK_H_
