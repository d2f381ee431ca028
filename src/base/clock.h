// The one source of time for the device model. Real code uses SystemClock (platform/); tests use
// ManualClock (testing/) so that `reload in 5` or a 5-minute boot passes in microseconds.
#ifndef IOSUP_BASE_CLOCK_H_
#define IOSUP_BASE_CLOCK_H_

#include <chrono>

namespace iosup {

using WallTime = std::chrono::system_clock::time_point;
using Duration = std::chrono::system_clock::duration;

class Clock {
 public:
  virtual ~Clock() = default;
  // Current wall-clock time. Monotonic for ManualClock; for SystemClock as monotonic as the OS.
  virtual WallTime Now() const = 0;
};

}  // namespace iosup

#endif  // IOSUP_BASE_CLOCK_H_
