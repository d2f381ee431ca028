// A clock that moves only when told to. Starts at a fixed, readable date so listings in golden
// transcripts are stable. Thread-safe: workers may read it (and sleep on it) while a test
// advances it.
#ifndef IOSUP_TESTING_MANUAL_CLOCK_H_
#define IOSUP_TESTING_MANUAL_CLOCK_H_

#include <atomic>

#include "base/clock.h"

namespace iosup {

class ManualClock : public Clock {
 public:
  // 2026-03-05 09:14:22 UTC, the date of the seeds' `show bootflash:` listing.
  static constexpr std::chrono::seconds kDefaultStart{1772702062};

  ManualClock() : ManualClock(WallTime(kDefaultStart)) {}
  explicit ManualClock(WallTime start) : since_epoch_(start.time_since_epoch().count()) {}

  WallTime Now() const override { return WallTime(Duration(since_epoch_.load())); }
  // Time passes for the sleeper at once: whoever waits on this clock never blocks.
  void SleepFor(Duration d) override { Advance(d); }
  void Advance(Duration d) { since_epoch_ += d.count(); }
  void Set(WallTime t) { since_epoch_ = t.time_since_epoch().count(); }

 private:
  std::atomic<Duration::rep> since_epoch_;
};

}  // namespace iosup

#endif  // IOSUP_TESTING_MANUAL_CLOCK_H_
