#include "device/reload_schedule.h"

#include <array>
#include <utility>

namespace iosup {

namespace {
using std::chrono::minutes;
// Remaining times at which IOS warns every terminal, largest first ("SHUTDOWN in 0:05:00", then
// "0:01:00"; messages.md and real captures show no other).
constexpr std::array<Duration, 2> kBannerPoints = {
    std::chrono::duration_cast<Duration>(minutes(5)),
    std::chrono::duration_cast<Duration>(minutes(1)),
};
}  // namespace

// A reload due within the first warning point is announced at once with its whole delay, in
// whole minutes as typed (`reload in 2`: "SHUTDOWN in 0:02:00", though its dialogs took a moment);
// the points it falls below follow. A longer delay starts with the first point.
Status ReloadSchedule::Schedule(WallTime now, WallTime deadline, std::string reason,
                                std::string by) {
  if (deadline < now) return InvalidArgument("reload time is in the past");
  if (deadline - now > kMaxDelay) return InvalidArgument("reload delay exceeds 24 days");
  pending_ = ScheduledReload{now, deadline, reason.empty() ? "Reload Command" : reason, by};
  const Duration delay = std::chrono::ceil<minutes>(deadline - now);
  first_banner_.reset();
  if (delay <= kBannerPoints[0] && delay > Duration::zero()) first_banner_ = delay;
  next_banner_ = 0;
  while (next_banner_ < kBannerPoints.size() && kBannerPoints[next_banner_] >= delay) {
    ++next_banner_;
  }
  return Status::Ok();
}

bool ReloadSchedule::Cancel() {
  bool had = pending_.has_value();
  pending_.reset();
  return had;
}

ReloadSchedule::TickResult ReloadSchedule::Tick(WallTime now) {
  TickResult r;
  if (!pending_) return r;
  const Duration remaining = pending_->deadline - now;
  if (first_banner_) r.banners.push_back(*std::exchange(first_banner_, std::nullopt));
  while (next_banner_ < kBannerPoints.size() && remaining <= kBannerPoints[next_banner_]) {
    r.banners.push_back(kBannerPoints[next_banner_]);
    ++next_banner_;
  }
  if (now >= pending_->deadline) {
    r.reload_due = true;
    pending_.reset();
  }
  return r;
}

std::optional<WallTime> ReloadSchedule::NextWakeup() const {
  if (!pending_) return std::nullopt;
  if (first_banner_) return pending_->requested_at;
  if (next_banner_ < kBannerPoints.size()) {
    WallTime banner = pending_->deadline - kBannerPoints[next_banner_];
    return banner < pending_->deadline ? banner : pending_->deadline;
  }
  return pending_->deadline;
}

}  // namespace iosup
