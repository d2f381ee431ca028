// Work a command leaves running on the device's clock once its handler has returned: a copy or a
// `verify` paced at the platform's realistic rate (DeviceOptions::realistic_file_timing). The
// device advances it from Tick() and abandons it when it stops running (a reload), so a test
// with a manual clock drives a 20-minute copy in microseconds.
#ifndef IOSUP_DEVICE_PACED_WORK_H_
#define IOSUP_DEVICE_PACED_WORK_H_

#include <cstdint>
#include <optional>

#include "base/clock.h"

namespace iosup {

class TimedWork {
 public:
  virtual ~TimedWork() = default;
  // Does what is due at `now`; returns true once the work is over (the device then drops it).
  // May run commands typed meanwhile (a finished command releases its session's typeahead).
  virtual bool Advance(WallTime now) = 0;
  // When Advance next has something to do, if the work knows; a Tick before then is harmless.
  virtual std::optional<WallTime> NextWakeup() const = 0;
  // The device stops running (a reload, which ends every session): the work ends at once,
  // printing and committing nothing; its command is not finished (its session is going).
  virtual void Abandon() = 0;
};

// Bytes going through at a steady rate from a start time, in integer arithmetic so that
// BytesBy(TimeFor(n)) >= n holds exactly. Rates are clamped to 1 B/s .. 1 GB/s.
class Pace {
 public:
  Pace(WallTime start, uint64_t bytes_per_sec);
  WallTime start() const { return start_; }
  uint64_t bytes_per_sec() const { return rate_; }
  // The earliest time by which `bytes` have gone through.
  WallTime TimeFor(uint64_t bytes) const;
  // How many bytes have gone through by `t` (0 before the start).
  uint64_t BytesBy(WallTime t) const;

 private:
  WallTime start_;
  uint64_t rate_;
};

}  // namespace iosup

#endif  // IOSUP_DEVICE_PACED_WORK_H_
