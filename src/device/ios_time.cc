#include "device/ios_time.h"

#include <cstdio>
#include <ctime>

namespace iosup {

namespace {

constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

struct Parts {
  std::tm tm;
  int millis;
};

Parts Split(WallTime t) {
  auto secs = std::chrono::time_point_cast<std::chrono::seconds>(t);
  if (secs > t) secs -= std::chrono::seconds(1);
  std::time_t tt = std::chrono::system_clock::to_time_t(secs);
  Parts p{};
  gmtime_r(&tt, &p.tm);
  p.millis = static_cast<int>(
      std::chrono::duration_cast<std::chrono::milliseconds>(t - secs).count());
  return p;
}

std::string Format(const char* fmt, auto... args) {
  char buf[128];
  std::snprintf(buf, sizeof buf, fmt, args...);
  return buf;
}

}  // namespace

std::string IsrListingTime(WallTime t) {
  Parts p = Split(t);
  return Format("%s %02d %04d %02d:%02d:%02d", kMonths[p.tm.tm_mon], p.tm.tm_mday,
                p.tm.tm_year + 1900, p.tm.tm_hour, p.tm.tm_min, p.tm.tm_sec);
}

std::string CatalystListingTime(WallTime t) {
  Parts p = Split(t);
  std::string date = Format("%s %d %04d", kMonths[p.tm.tm_mon], p.tm.tm_mday, p.tm.tm_year + 1900);
  return Format("%11s %02d:%02d:%02d +00:00", date.c_str(), p.tm.tm_hour, p.tm.tm_min,
                p.tm.tm_sec);
}

std::string SyslogStamp(WallTime t) {
  Parts p = Split(t);
  return Format("*%s %2d %02d:%02d:%02d.%03d: ", kMonths[p.tm.tm_mon], p.tm.tm_mday,
                p.tm.tm_hour, p.tm.tm_min, p.tm.tm_sec, p.millis);
}

std::string SyslogStamp(WallTime t, bool msec, bool year, bool show_timezone) {
  Parts p = Split(t);
  std::string out = Format("*%s %2d ", kMonths[p.tm.tm_mon], p.tm.tm_mday);
  if (year) out += Format("%04d ", p.tm.tm_year + 1900);
  out += Format("%02d:%02d:%02d", p.tm.tm_hour, p.tm.tm_min, p.tm.tm_sec);
  if (msec) out += Format(".%03d", p.millis);
  if (show_timezone) out += " UTC";
  return out + ": ";
}

std::string SyslogUptimeStamp(Duration up) {
  long long s = std::chrono::duration_cast<std::chrono::seconds>(up).count();
  if (s < 0) s = 0;
  const long long days = s / 86400;
  if (days >= 7) return Format("%lldw%lldd: ", days / 7, days % 7);
  if (days >= 1) return Format("%lldd%02lldh: ", days, (s % 86400) / 3600);
  return Format("%02lld:%02lld:%02lld: ", s / 3600, (s % 3600) / 60, s % 60);
}

std::string LongTime(WallTime t) {
  Parts p = Split(t);
  return Format("%02d:%02d:%02d UTC %s %s %d %04d", p.tm.tm_hour, p.tm.tm_min, p.tm.tm_sec,
                kDays[p.tm.tm_wday], kMonths[p.tm.tm_mon], p.tm.tm_mday, p.tm.tm_year + 1900);
}

std::string SecLoginTime(WallTime t) {
  Parts p = Split(t);
  return Format("%02d:%02d:%02d UTC %s %s %02d %04d", p.tm.tm_hour, p.tm.tm_min, p.tm.tm_sec,
                kDays[p.tm.tm_wday], kMonths[p.tm.tm_mon], p.tm.tm_mday, p.tm.tm_year + 1900);
}

std::string ShowClockTime(WallTime t) {
  Parts p = Split(t);
  return Format("*%02d:%02d:%02d.%03d UTC %s %s %d %04d", p.tm.tm_hour, p.tm.tm_min, p.tm.tm_sec,
                p.millis, kDays[p.tm.tm_wday], kMonths[p.tm.tm_mon], p.tm.tm_mday,
                p.tm.tm_year + 1900);
}

std::string Uptime(Duration d) {
  long long minutes = std::chrono::duration_cast<std::chrono::minutes>(d).count();
  if (minutes < 0) minutes = 0;
  const long long years = minutes / (365LL * 24 * 60);
  minutes %= 365LL * 24 * 60;
  const long long weeks = minutes / (7 * 24 * 60);
  minutes %= 7 * 24 * 60;
  const long long days = minutes / (24 * 60);
  minutes %= 24 * 60;
  const long long hours = minutes / 60;
  minutes %= 60;
  std::string out;
  auto part = [&](long long n, const char* unit) {
    if (n == 0) return;
    if (!out.empty()) out += ", ";
    out += std::to_string(n) + " " + unit + (n == 1 ? "" : "s");
  };
  part(years, "year");
  part(weeks, "week");
  part(days, "day");
  part(hours, "hour");
  if (minutes > 0 || out.empty()) {
    if (!out.empty()) out += ", ";
    out += std::to_string(minutes) + (minutes == 1 ? " minute" : " minutes");
  }
  return out;
}

std::string HoursMinutesSeconds(Duration d) {
  long long s = std::chrono::duration_cast<std::chrono::seconds>(d).count();
  if (s < 0) s = 0;
  return Format("%lld:%02lld:%02lld", s / 3600, (s / 60) % 60, s % 60);
}

}  // namespace iosup
