// IOS's message logging on one device. Every `%FACILITY-SEVERITY-MNEMONIC: text` message the
// device emits goes through Syslog::Log (via Device::Log), which stamps it as
// `service timestamps log` says, keeps it in the bounded logging buffer and decides which
// destinations get it (console, monitor = vty lines with `terminal monitor`, trap), as the
// running-config's `logging` lines say. `show logging` is rendered from the same state.
// Not thread-safe (one strand per device, as Device).
#ifndef IOSUP_DEVICE_SYSLOG_H_
#define IOSUP_DEVICE_SYSLOG_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "device/config.h"

namespace iosup {

// 0 emergencies .. 7 debugging.
inline constexpr int kSyslogDebugging = 7;
// "debugging" for 7; "" outside 0..7.
std::string_view SyslogLevelName(int level);
// "debugging" / "7" -> 7; nullopt for anything else.
std::optional<int> ParseSyslogLevel(std::string_view word);
// The severity of "%SYS-5-CONFIG_I: ..." (5); nullopt when `message` is not of that shape.
std::optional<int> SyslogSeverity(std::string_view message);

// What the running-config says about logging. A destination without a level is disabled.
struct LoggingSettings {
  bool on = true;                        // `no logging on`: console only
  std::optional<int> console = kSyslogDebugging;
  std::optional<int> monitor = kSyslogDebugging;
  std::optional<int> buffered;           // off unless `logging buffered` is configured
  uint64_t buffer_size = kDefaultBufferSize;
  int trap = 6;
  enum class Stamp { kNone, kUptime, kDatetime };
  // Without a `service timestamps log` line, IOS 12.4 and later stamp as `datetime msec` (and
  // print that line in every running-config); `no service timestamps log` stamps nothing.
  Stamp stamp = Stamp::kDatetime;
  bool msec = true, year = false, show_timezone = false;

  static constexpr uint64_t kDefaultBufferSize = 4096;
  static constexpr uint64_t kMinBufferSize = 4096;
  // Larger than any lab needs; IOS allows up to 2147483647 but this is allocated for real.
  static constexpr uint64_t kMaxBufferSize = 8 * 1024 * 1024;
  static LoggingSettings Of(const Config& config);
};

// The stamp that starts a logged line: "*Mar  5 09:14:22.000: ", "00:01:02: ", or "".
std::string LogStamp(const LoggingSettings& s, WallTime now, WallTime booted_at);

class Syslog {
 public:
  // Where one message goes. `text` is the stamped line with its "\n".
  struct Routed {
    std::string text;
    bool console = false;
    bool monitor = false;
  };
  // Logs `message` (without stamp or line end) of `severity` as `s` says: buffers and counts it.
  Routed Log(const LoggingSettings& s, std::string_view message, int severity, WallTime now,
             WallTime booted_at);
  // `clear logging`: the buffer is emptied; the counters stay.
  void ClearBuffer();
  // A reload: buffer and counters start again.
  void Reset() { *this = Syslog(); }
  // `show logging` as IOS prints it.
  std::string Show(const LoggingSettings& s) const;
  // The buffer's text: "\n" then the lines, the oldest bytes dropped past its size (so the
  // oldest line may be cut, as in IOS's ring).
  const std::string& buffer() const { return buffer_; }
  uint64_t console_logged() const { return console_logged_; }
  uint64_t monitor_logged() const { return monitor_logged_; }
  uint64_t buffer_logged() const { return buffer_logged_; }

 private:
  void Append(const LoggingSettings& s, std::string_view text);

  std::string buffer_ = "\n";
  uint64_t console_logged_ = 0;
  uint64_t monitor_logged_ = 0;
  uint64_t buffer_logged_ = 0;
  uint64_t trap_logged_ = 0;
};

}  // namespace iosup

#endif  // IOSUP_DEVICE_SYSLOG_H_
