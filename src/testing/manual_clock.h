// A clock that moves only when told to. Starts at a fixed, readable date so listings in golden
// transcripts are stable.
#ifndef IOSUP_TESTING_MANUAL_CLOCK_H_
#define IOSUP_TESTING_MANUAL_CLOCK_H_

#include "base/clock.h"

namespace iosup {

class ManualClock : public Clock {
 public:
  // 2026-03-05 09:14:22 UTC, the date of the seeds' `show bootflash:` listing.
  static constexpr std::chrono::seconds kDefaultStart{1772702062};

  ManualClock() : now_(WallTime(kDefaultStart)) {}
  explicit ManualClock(WallTime start) : now_(start) {}

  WallTime Now() const override { return now_; }
  void Advance(Duration d) { now_ += d; }
  void Set(WallTime t) { now_ = t; }

 private:
  WallTime now_;
};

}  // namespace iosup

#endif  // IOSUP_TESTING_MANUAL_CLOCK_H_
