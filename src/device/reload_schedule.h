// `reload in`, `reload at`, `reload cancel` as a timer state machine driven by the caller's
// clock: Tick(now) says which SHUTDOWN banners are due and whether the reload is.
#ifndef IOSUP_DEVICE_RELOAD_SCHEDULE_H_
#define IOSUP_DEVICE_RELOAD_SCHEDULE_H_

#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"

namespace iosup {

struct ScheduledReload {
  WallTime requested_at;
  WallTime deadline;
  std::string reason;  // "Reload Command" when none was given
  std::string by;      // "console", "admin on vty0 (127.0.0.1)"
};

class ReloadSchedule {
 public:
  // IOS refuses delays over 24 days.
  static constexpr Duration kMaxDelay = std::chrono::hours(24 * 24);

  Status Schedule(WallTime now, WallTime deadline, std::string reason, std::string by);
  bool Cancel();  // false when nothing was scheduled
  const std::optional<ScheduledReload>& pending() const { return pending_; }

  struct TickResult {
    std::vector<Duration> banners;  // remaining time for each "SHUTDOWN in" banner now due
    bool reload_due = false;
  };
  TickResult Tick(WallTime now);
  std::optional<WallTime> NextWakeup() const;

 private:
  std::optional<ScheduledReload> pending_;
  std::optional<Duration> first_banner_;  // the announcement of a short delay, not yet printed
  size_t next_banner_ = 0;  // index into kBannerPoints of the next banner to print
};

}  // namespace iosup

#endif  // IOSUP_DEVICE_RELOAD_SCHEDULE_H_
