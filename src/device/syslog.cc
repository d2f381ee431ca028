#include "device/syslog.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <vector>

#include "device/config_schema.h"
#include "device/ios_time.h"

namespace iosup {

namespace {

constexpr std::array<std::string_view, 8> kLevelNames = {
    "emergencies", "alerts",        "critical",      "errors",
    "warnings",    "notifications", "informational", "debugging"};

// The level word that follows `words[at]`, if any; `fallback` when the line names none.
std::optional<int> LevelAfter(const std::vector<std::string>& words, size_t at, int fallback) {
  for (size_t i = at; i < words.size(); ++i) {
    if (std::optional<int> l = ParseSyslogLevel(words[i])) return l;
  }
  return fallback;
}

void ApplyLoggingLine(const std::vector<std::string>& w, LoggingSettings& s) {
  const bool no = w[0] == "no";
  const size_t k = no ? 1 : 0;
  if (w.size() < k + 2 || w[k] != "logging") return;
  const std::string& what = w[k + 1];
  if (what == "on") {
    s.on = !no;
  } else if (what == "console") {
    s.console = no ? std::nullopt : LevelAfter(w, k + 2, kSyslogDebugging);
  } else if (what == "monitor") {
    s.monitor = no ? std::nullopt : LevelAfter(w, k + 2, kSyslogDebugging);
  } else if (what == "trap" && !no) {
    s.trap = LevelAfter(w, k + 2, 6).value_or(6);
  } else if (what == "buffered" && !no) {
    s.buffered = kSyslogDebugging;
    for (size_t i = k + 2; i < w.size(); ++i) {
      uint64_t size = 0;
      auto [p, ec] = std::from_chars(w[i].data(), w[i].data() + w[i].size(), size);
      if (ec == std::errc() && p == w[i].data() + w[i].size() && size >= 8) {
        s.buffer_size = std::clamp(size, LoggingSettings::kMinBufferSize,
                                   LoggingSettings::kMaxBufferSize);
      } else if (std::optional<int> l = ParseSyslogLevel(w[i])) {
        s.buffered = l;
      }
    }
  }
}

void ApplyTimestampLine(const std::vector<std::string>& w, LoggingSettings& s) {
  // "service timestamps log datetime msec ..." / "no service timestamps log"
  const bool no = w[0] == "no";
  const size_t k = no ? 1 : 0;
  if (w.size() < k + 3 || w[k] != "service" || w[k + 1] != "timestamps" || w[k + 2] != "log") {
    return;
  }
  if (no) {
    s.stamp = LoggingSettings::Stamp::kNone;
    return;
  }
  s.stamp = w.size() > k + 3 && w[k + 3] == "datetime" ? LoggingSettings::Stamp::kDatetime
                                                        : LoggingSettings::Stamp::kUptime;
  s.msec = s.year = s.show_timezone = false;
  for (size_t i = k + 4; i < w.size(); ++i) {
    if (w[i] == "msec") s.msec = true;
    if (w[i] == "year") s.year = true;
    if (w[i] == "show-timezone") s.show_timezone = true;
  }
}

std::string Counted(std::string_view name, const std::optional<int>& level, uint64_t logged,
                    std::string_view continuation) {
  std::string out = "    " + std::string(name);
  if (!level) return out + "disabled\n";
  return out + "level " + std::string(SyslogLevelName(*level)) + ", " + std::to_string(logged) +
         " messages logged, xml disabled,\n" + std::string(continuation) + "filtering disabled\n";
}

}  // namespace

std::string_view SyslogLevelName(int level) {
  return level >= 0 && level <= 7 ? kLevelNames[level] : std::string_view();
}

std::optional<int> ParseSyslogLevel(std::string_view word) {
  if (word.size() == 1 && word[0] >= '0' && word[0] <= '7') return word[0] - '0';
  for (int i = 0; i < 8; ++i) {
    if (kLevelNames[i] == word) return i;
  }
  return std::nullopt;
}

std::optional<int> SyslogSeverity(std::string_view message) {
  // %FACILITY-N-MNEMONIC: the facility may itself hold '-' only as part of a sub-facility
  // ("%SEC_LOGIN-5-...", "%PLATFORM-ENVMON-3-..."): the severity is the last single digit field
  // before the mnemonic.
  if (message.empty() || message[0] != '%') return std::nullopt;
  const size_t colon = message.find(':');
  std::string_view tag = message.substr(1, colon == std::string_view::npos ? message.size() - 1
                                                                           : colon - 1);
  const size_t last = tag.rfind('-');
  if (last == std::string_view::npos || last < 2) return std::nullopt;
  if (tag[last - 2] != '-') return std::nullopt;
  const char d = tag[last - 1];
  if (d < '0' || d > '7') return std::nullopt;
  return d - '0';
}

LoggingSettings LoggingSettings::Of(const Config& config) {
  LoggingSettings s;
  for (const ConfigNode& n : config.nodes()) {
    if (!StartsWithWords(n.text, "logging") && !StartsWithWords(n.text, "no logging") &&
        !StartsWithWords(n.text, "service timestamps log") &&
        !StartsWithWords(n.text, "no service timestamps log")) {
      continue;
    }
    std::vector<std::string> w = ConfigWords(n.text);
    ApplyLoggingLine(w, s);
    ApplyTimestampLine(w, s);
  }
  return s;
}

std::string LogStamp(const LoggingSettings& s, WallTime now, WallTime booted_at) {
  switch (s.stamp) {
    case LoggingSettings::Stamp::kNone: return "";
    case LoggingSettings::Stamp::kUptime: return SyslogUptimeStamp(now - booted_at);
    case LoggingSettings::Stamp::kDatetime:
      return SyslogStamp(now, s.msec, s.year, s.show_timezone);
  }
  return "";
}

Syslog::Routed Syslog::Log(const LoggingSettings& s, std::string_view message, int severity,
                           WallTime now, WallTime booted_at) {
  Routed r;
  r.text = LogStamp(s, now, booted_at) + std::string(message) + "\n";
  r.console = s.console && severity <= *s.console;
  if (r.console) ++console_logged_;
  if (!s.on) return r;
  r.monitor = s.monitor && severity <= *s.monitor;
  if (r.monitor) ++monitor_logged_;
  if (s.buffered && severity <= *s.buffered) {
    ++buffer_logged_;
    Append(s, r.text);
  }
  if (severity <= s.trap) ++trap_logged_;
  return r;
}

void Syslog::Append(const LoggingSettings& s, std::string_view text) {
  buffer_ += text;
  if (buffer_.size() > s.buffer_size) buffer_.erase(0, buffer_.size() - s.buffer_size);
}

void Syslog::ClearBuffer() { buffer_ = "\n"; }

std::string Syslog::Show(const LoggingSettings& s) const {
  std::string out = std::string("Syslog logging: ") + (s.on ? "enabled" : "disabled") +
                    " (0 messages dropped, 0 messages rate-limited, 0 flushes, 0 overruns, "
                    "xml disabled, filtering disabled)\n\n"
                    "No Active Message Discriminator.\n\n\n\n"
                    "No Inactive Message Discriminator.\n\n\n";
  const std::string_view cont = "                     ";
  out += Counted("Console logging: ", s.console, console_logged_, cont);
  out += Counted("Monitor logging: ", s.on ? s.monitor : std::nullopt, monitor_logged_, cont);
  if (s.on && s.buffered) {
    out += Counted("Buffer logging:  ", s.buffered, buffer_logged_, cont.substr(1));
  } else {
    out += "    Buffer logging:  disabled, xml disabled,\n" + std::string(cont.substr(1)) +
           "filtering disabled\n";
  }
  out += "    Exception Logging: size (4096 bytes)\n"
         "    Count and timestamp logging messages: disabled\n"
         "    Persistent logging: disabled\n\n"
         "No active filter modules.\n\n";
  out += "    Trap logging: level " + std::string(SyslogLevelName(s.trap)) + ", " +
         std::to_string(trap_logged_) + " message lines logged\n";
  out += "        Logging Source-Interface:       VRF Name:\n\n";
  if (s.on && s.buffered) {
    out += "Log Buffer (" + std::to_string(s.buffer_size) + " bytes):\n" + buffer_;
  }
  return out;
}

}  // namespace iosup
