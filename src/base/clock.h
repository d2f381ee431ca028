// The one source of time for the device model and the orchestrator. Real code uses SystemClock
// (platform/); tests use ManualClock (testing/) so that `reload in 5`, a 5-minute boot or a
// 48-hour soak passes in microseconds.
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
  // Blocks the calling thread for `d` of this clock's time (a retry back-off, the pause between
  // reconnects). ManualClock does not block: it moves its time forward by `d` and returns.
  virtual void SleepFor(Duration d) = 0;
};

}  // namespace iosup

#endif  // IOSUP_BASE_CLOCK_H_
