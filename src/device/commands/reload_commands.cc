// reload, reload in, reload at, reload cancel, with the Save? and [confirm] dialogs.
#include <ctime>
#include <regex>

#include "device/commands/device_session.h"
#include "device/commands/ios_command_set.h"
#include "device/ios_errors.h"
#include "device/ios_time.h"

namespace iosup {

namespace {

using cli::CommandContext;
using cli::Question;
using std::chrono::minutes;

struct ReloadRequest {
  std::optional<WallTime> at;  // empty: now
  minutes delay{0};            // `reload in`: the delay as typed
  std::string reason;
  bool in_form = true;
};

// "5", "1:30", "5 reason text", "5 text"; `at`: "23:00", "23:00 7 Mar", "23:00 Mar 7".
Result<ReloadRequest> ParseWhen(const Device& d, bool at, const std::string& text) {
  static const std::regex kIn(R"(^(?:(\d{1,3}):)?(\d{1,3})(?:\s+(?:reason\s+)?(.*))?$)");
  static const std::regex kAt(R"(^(\d{1,2}):(\d{2})(?:\s+(.*))?$)");
  std::smatch m;
  ReloadRequest r;
  const WallTime now = d.clock().Now();
  if (!at) {
    if (!std::regex_match(text, m, kIn)) return InvalidArgument("delay");
    int h = m[1].matched ? std::stoi(m[1]) : 0, mm = std::stoi(m[2]);
    if (mm > 59 && m[1].matched) return InvalidArgument("minutes");
    r.delay = std::chrono::hours(h) + minutes(mm);
    r.at = now + r.delay;
    r.reason = m[3];
    return r;
  }
  if (!std::regex_match(text, m, kAt)) return InvalidArgument("time");
  int h = std::stoi(m[1]), mm = std::stoi(m[2]);
  if (h > 23 || mm > 59) return InvalidArgument("time");
  std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  tm.tm_hour = h;
  tm.tm_min = mm;
  tm.tm_sec = 0;
  WallTime when = std::chrono::system_clock::from_time_t(timegm(&tm));
  if (when <= now) when += std::chrono::hours(24);
  r.at = when;
  r.in_form = false;
  r.reason = m[3];
  return r;
}

void Proceed(CommandContext& ctx, ReloadRequest req) {
  Device& d = Dev(ctx);
  const std::string who = DevSession(ctx).Who();
  const std::string reason = req.reason.empty() ? "Reload Command" : req.reason;
  if (req.at) {
    if (req.in_form) {  // the delay as typed: time spent in the Save? dialog does not count
      const long long n = req.delay.count();
      ctx.Print("Reload scheduled in " + std::to_string(n) + " minute" + (n == 1 ? "" : "s") +
                " by " + who + "\n");
    } else {
      // Whole minutes, floored, as show reload counts them.
      auto left = std::chrono::duration_cast<minutes>(*req.at - d.clock().Now());
      ctx.Print("Reload scheduled for " + LongTime(*req.at) + " (in " + Uptime(left) + ") by " +
                who + "\n");
    }
    ctx.Print("Reload reason: " + reason + "\n");
  }
  if (!req.at && d.stack_members() > 1 && d.platform().version_style == VersionStyle::kCatalyst9k) {
    ctx.Print("Reload command is being issued on Active unit, this will reload the whole stack\n");
  }
  ctx.Ask({Question::Kind::kConfirm, "Proceed with reload? [confirm]", ""},
          [req, who, reason](CommandContext& c, const std::string& yes) {
            if (yes != "y") return;
            Device& dev = Dev(c);
            if (!req.at) {
              dev.Reload("Reload Command", who);
              return;
            }
            Status s = dev.ScheduleReload(*req.at, reason, who);
            if (!s.ok()) c.Print("%Error scheduling reload (" + s.message() + ")\n");
          });
}

void Reload(CommandContext& ctx) {
  Device& d = Dev(ctx);
  if (ctx.Has("cancel")) {
    if (!d.CancelReload()) ctx.Print("%No reload is scheduled.\n");
    return;
  }
  ReloadRequest req;
  if (ctx.Has("in") || ctx.Has("at")) {
    Result<ReloadRequest> parsed = ParseWhen(d, ctx.Has("at"), ctx.Var(0));
    if (!parsed.ok()) {
      ctx.Print("% Invalid reload time\n");
      return;
    }
    req = *parsed;
    if (*req.at - d.clock().Now() > ReloadSchedule::kMaxDelay) {
      ctx.Print("% Reload delay exceeds 24 days\n");
      return;
    }
  } else if (ctx.VarCount() > 0) {
    req.reason = ctx.Var(0);
  }
  if (!d.RunningDiffersFromStartup()) return Proceed(ctx, req);
  ctx.Ask({Question::Kind::kYesNo, "\nSystem configuration has been modified. Save? [yes/no]: ", ""},
          [req](CommandContext& c, const std::string& answer) {
            if (answer == "yes") {
              c.Print("Building configuration...\n");
              Status s = Dev(c).SaveRunningConfig();
              c.Print(s.ok() ? "[OK]\n" : "%Error saving configuration (" + IosReason(s) + ")\n");
            }
            Proceed(c, req);
          });
}

}  // namespace

void RegisterReloadCommands(cli::CommandSet& set, const PlatformSpec&) {
  Declare(set, {"exec"},
          {.syntax = "reload [(in LINE|at LINE|cancel|LINE)]",
           .help = {"Halt and perform a cold restart", "Reload after a time interval",
                    "Delay before reload, [hhh:]mmm [reason]", "Reload at a specific time/date",
                    "Time to reload, hh:mm [day month] [reason]", "Cancel pending reload",
                    "Reason for reload"},
           .privilege = 15},
          Reload);
}

}  // namespace iosup
