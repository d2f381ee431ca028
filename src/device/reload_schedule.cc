#include "device/reload_schedule.h"

#include <array>

namespace iosup {

namespace {
using std::chrono::minutes;
using std::chrono::seconds;
// Remaining times at which IOS warns every terminal, largest first.
constexpr std::array<Duration, 4> kBannerPoints = {
    std::chrono::duration_cast<Duration>(minutes(60)),
    std::chrono::duration_cast<Duration>(minutes(30)),
    std::chrono::duration_cast<Duration>(minutes(5)),
    std::chrono::duration_cast<Duration>(minutes(1)),
};
}  // namespace

Status ReloadSchedule::Schedule(WallTime now, WallTime deadline, std::string reason,
                                std::string by) {
  if (deadline < now) return InvalidArgument("reload time is in the past");
  if (deadline - now > kMaxDelay) return InvalidArgument("reload delay exceeds 24 days");
  pending_ = ScheduledReload{now, deadline, reason.empty() ? "Reload Command" : reason, by};
  // Banners for points already passed at scheduling time are not printed, except the one the
  // delay falls on exactly (reload in 5 prints "SHUTDOWN in 0:05:00" at once).
  next_banner_ = 0;
  while (next_banner_ < kBannerPoints.size() && kBannerPoints[next_banner_] > deadline - now) {
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
  if (next_banner_ < kBannerPoints.size()) {
    WallTime banner = pending_->deadline - kBannerPoints[next_banner_];
    return banner < pending_->deadline ? banner : pending_->deadline;
  }
  return pending_->deadline;
}

}  // namespace iosup
