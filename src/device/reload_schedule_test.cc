#include "device/reload_schedule.h"

#include <gtest/gtest.h>

#include "device/ios_time.h"
#include "testing/manual_clock.h"

namespace iosup {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

TEST(ReloadSchedule, BannersAtIosPointsOnly) {
  ManualClock clock;
  ReloadSchedule s;
  ASSERT_TRUE(s.Schedule(clock.Now(), clock.Now() + minutes(45), "", "console").ok());
  auto t = s.Tick(clock.Now());
  EXPECT_TRUE(t.banners.empty());  // 45 minutes: the first banner is at 5
  EXPECT_EQ(*s.NextWakeup(), clock.Now() + minutes(40));
  clock.Advance(minutes(40));
  t = s.Tick(clock.Now());
  ASSERT_EQ(t.banners.size(), 1u);
  EXPECT_EQ(HoursMinutesSeconds(t.banners[0]), "0:05:00");
  clock.Advance(minutes(5));  // a late tick catches up without a flood
  t = s.Tick(clock.Now());
  ASSERT_EQ(t.banners.size(), 1u);
  EXPECT_EQ(HoursMinutesSeconds(t.banners[0]), "0:01:00");
  EXPECT_TRUE(t.reload_due);
  EXPECT_FALSE(s.pending().has_value());
}

// `reload in 2`, confirmed 3 s after it was typed: announced at once as typed, then at 1 minute.
TEST(ReloadSchedule, ShortDelayIsAnnouncedAtOnce) {
  ManualClock clock;
  ReloadSchedule s;
  const WallTime deadline = clock.Now() + minutes(2);
  clock.Advance(std::chrono::seconds(3));
  ASSERT_TRUE(s.Schedule(clock.Now(), deadline, "", "console").ok());
  EXPECT_EQ(*s.NextWakeup(), clock.Now());
  auto t = s.Tick(clock.Now());
  ASSERT_EQ(t.banners.size(), 1u);
  EXPECT_EQ(HoursMinutesSeconds(t.banners[0]), "0:02:00");
  EXPECT_EQ(*s.NextWakeup(), deadline - minutes(1));
  clock.Advance(minutes(1) - std::chrono::seconds(3));
  t = s.Tick(clock.Now());
  ASSERT_EQ(t.banners.size(), 1u);
  EXPECT_EQ(HoursMinutesSeconds(t.banners[0]), "0:01:00");
  EXPECT_FALSE(t.reload_due);

  ASSERT_TRUE(s.Schedule(clock.Now(), clock.Now() + minutes(1), "", "console").ok());
  t = s.Tick(clock.Now());  // `reload in 1`: one banner, not two
  ASSERT_EQ(t.banners.size(), 1u);
  EXPECT_EQ(HoursMinutesSeconds(t.banners[0]), "0:01:00");
  EXPECT_EQ(*s.NextWakeup(), clock.Now() + minutes(1));
}

TEST(ReloadSchedule, RefusesPastAndTooFar) {
  ManualClock clock;
  ReloadSchedule s;
  EXPECT_FALSE(s.Schedule(clock.Now(), clock.Now() - minutes(1), "", "console").ok());
  EXPECT_FALSE(s.Schedule(clock.Now(), clock.Now() + hours(24 * 24 + 1), "", "console").ok());
  EXPECT_TRUE(s.Schedule(clock.Now(), clock.Now() + hours(24 * 24), "", "console").ok());
  EXPECT_EQ(s.pending()->reason, "Reload Command");
}

TEST(IosTime, Formats) {
  ManualClock clock;  // 2026-03-05 09:14:22 UTC, a Thursday
  EXPECT_EQ(IsrListingTime(clock.Now()), "Mar 05 2026 09:14:22");
  EXPECT_EQ(CatalystListingTime(clock.Now()), " Mar 5 2026 09:14:22 +00:00");
  EXPECT_EQ(SyslogStamp(clock.Now()), "*Mar  5 09:14:22.000: ");
  EXPECT_EQ(LongTime(clock.Now()), "09:14:22 UTC Thu Mar 5 2026");
  EXPECT_EQ(Uptime(minutes(1)), "1 minute");
  EXPECT_EQ(Uptime(minutes(0)), "0 minutes");
  EXPECT_EQ(Uptime(hours(24 * 7 * 25 + 24 * 5 + 15) + minutes(45)),
            "25 weeks, 5 days, 15 hours, 45 minutes");
}

}  // namespace
}  // namespace iosup
