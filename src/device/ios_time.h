// The ways IOS prints time. All UTC: the emulator has no clock timezone yet.
#ifndef IOSUP_DEVICE_IOS_TIME_H_
#define IOSUP_DEVICE_IOS_TIME_H_

#include <string>

#include "base/clock.h"

namespace iosup {

// "Mar 05 2026 09:14:22" (ISR `show flash:` rows).
std::string IsrListingTime(WallTime t);
// " Mar 5 2026 09:14:22 +00:00" pieces: the date right-aligned in 11 columns, then time and zone.
std::string CatalystListingTime(WallTime t);
// "*Mar  7 14:35:00.001: " (syslog prefix, space-padded day).
std::string SyslogStamp(WallTime t);
// The same per `service timestamps log datetime [msec] [year] [show-timezone]`:
// "*Mar  5 2026 09:14:22.000 UTC: ".
std::string SyslogStamp(WallTime t, bool msec, bool year, bool show_timezone);
// "00:01:02: " / "1d02h: " / "2w3d: " (`service timestamps log uptime`).
std::string SyslogUptimeStamp(Duration up);
// "14:35:00 UTC Sat Mar 7 2026" (reload messages, System restarted at).
std::string LongTime(WallTime t);
// "14:35:00 UTC Sat Mar 07 2026" (the SEC_LOGIN quiet-mode messages: a two-digit day).
std::string SecLoginTime(WallTime t);
// "*14:35:00.001 UTC Sat Mar 7 2026" (show clock; '*' = not synchronised).
std::string ShowClockTime(WallTime t);
// "2 days, 3 hours, 18 minutes" / "1 minute" / "0 minutes" (show version uptime).
std::string Uptime(Duration d);
// "0:05:00" (SHUTDOWN banners: hours:minutes:seconds).
std::string HoursMinutesSeconds(Duration d);

}  // namespace iosup

#endif  // IOSUP_DEVICE_IOS_TIME_H_
