// The syslog model: settings read from the running-config, stamps, the bounded buffer, and which
// destinations a message reaches.
#include "device/syslog.h"

#include <gtest/gtest.h>

#include "testing/device_fixture.h"

namespace iosup {
namespace {

Config Lines(const std::vector<std::string>& lines) {
  Config c;
  for (const std::string& l : lines) EXPECT_TRUE(c.Apply("", l).ok()) << l;
  return c;
}

WallTime At(int64_t seconds) { return WallTime(std::chrono::seconds(seconds)); }

TEST(Syslog, SeverityComesFromTheTag) {
  EXPECT_EQ(SyslogSeverity("%SYS-5-CONFIG_I: Configured from console by console"), 5);
  EXPECT_EQ(SyslogSeverity("%SEC_LOGIN-1-QUIET_MODE_ON: Still"), 1);
  EXPECT_EQ(SyslogSeverity("%LINK-3-UPDOWN: Interface"), 3);
  EXPECT_EQ(SyslogSeverity("SYS-5-CONFIG_I: no percent"), std::nullopt);
  EXPECT_EQ(SyslogSeverity("%SYS-9-X: out of range"), std::nullopt);
}

TEST(Syslog, SettingsFollowTheRunningConfig) {
  LoggingSettings d = LoggingSettings::Of(Config());
  EXPECT_EQ(d.console, 7);
  EXPECT_EQ(d.monitor, 7);
  EXPECT_EQ(d.buffered, std::nullopt);
  EXPECT_EQ(d.stamp, LoggingSettings::Stamp::kDatetime);
  EXPECT_TRUE(d.msec);

  LoggingSettings s = LoggingSettings::Of(Lines({"logging buffered 16384 informational",
                                                 "logging console warnings", "logging monitor 3",
                                                 "service timestamps log datetime msec"}));
  EXPECT_EQ(s.buffered, 6);
  EXPECT_EQ(s.buffer_size, 16384u);
  EXPECT_EQ(s.console, 4);
  EXPECT_EQ(s.monitor, 3);
  EXPECT_EQ(s.stamp, LoggingSettings::Stamp::kDatetime);
  EXPECT_TRUE(s.msec);

  s = LoggingSettings::Of(Lines({"logging buffered", "no logging console", "no logging monitor"}));
  EXPECT_EQ(s.buffered, 7);
  EXPECT_EQ(s.buffer_size, LoggingSettings::kDefaultBufferSize);
  EXPECT_EQ(s.console, std::nullopt);
  EXPECT_EQ(s.monitor, std::nullopt);

  s = LoggingSettings::Of(Lines({"service timestamps log uptime"}));
  EXPECT_EQ(s.stamp, LoggingSettings::Stamp::kUptime);
  s = LoggingSettings::Of(Lines({"service timestamps log datetime"}));
  EXPECT_EQ(s.stamp, LoggingSettings::Stamp::kDatetime);
  EXPECT_FALSE(s.msec);
  s = LoggingSettings::Of(Lines({"no service timestamps log"}));
  EXPECT_EQ(s.stamp, LoggingSettings::Stamp::kNone);
}

TEST(Syslog, StampsPerServiceTimestamps) {
  LoggingSettings s;
  s.stamp = LoggingSettings::Stamp::kDatetime;
  s.msec = true;
  const WallTime now = At(1772702062) + std::chrono::milliseconds(7);  // Mar 5 2026 09:14:22
  EXPECT_EQ(LogStamp(s, now, now), "*Mar  5 09:14:22.007: ");
  s.year = true;
  s.show_timezone = true;
  EXPECT_EQ(LogStamp(s, now, now), "*Mar  5 2026 09:14:22.007 UTC: ");
  s.stamp = LoggingSettings::Stamp::kUptime;
  EXPECT_EQ(LogStamp(s, now, now - std::chrono::seconds(3723)), "01:02:03: ");
  EXPECT_EQ(LogStamp(s, now, now - std::chrono::hours(26)), "1d02h: ");
  EXPECT_EQ(LogStamp(s, now, now - std::chrono::hours(24 * 9)), "1w2d: ");
  s.stamp = LoggingSettings::Stamp::kNone;
  EXPECT_EQ(LogStamp(s, now, now), "");
}

TEST(Syslog, DestinationsByLevelAndCounts) {
  LoggingSettings s = LoggingSettings::Of(
      Lines({"logging buffered 8192 notifications", "logging console errors",
             "no service timestamps log"}));
  Syslog log;
  Syslog::Routed r = log.Log(s, "%SYS-5-CONFIG_I: x", 5, At(0), At(0));
  EXPECT_EQ(r.text, "%SYS-5-CONFIG_I: x\n");
  EXPECT_FALSE(r.console);
  EXPECT_TRUE(r.monitor);
  r = log.Log(s, "%LINK-3-UPDOWN: y", 3, At(0), At(0));
  EXPECT_TRUE(r.console);
  r = log.Log(s, "%SYS-7-NV_BLOCK_INIT: z", 7, At(0), At(0));
  EXPECT_EQ(log.buffer(), "\n%SYS-5-CONFIG_I: x\n%LINK-3-UPDOWN: y\n");
  EXPECT_EQ(log.console_logged(), 1u);
  EXPECT_EQ(log.buffer_logged(), 2u);
  EXPECT_EQ(log.monitor_logged(), 3u);
}

// The buffer is a ring of its configured size: the oldest bytes go first, so the oldest line
// left may be cut, as `show logging` shows on a full buffer.
TEST(Syslog, BufferKeepsOnlyItsSize) {
  LoggingSettings s = LoggingSettings::Of(Lines({"logging buffered 4096"}));
  s.stamp = LoggingSettings::Stamp::kNone;
  Syslog log;
  for (int i = 0; i < 1000; ++i) {
    log.Log(s, "%SYS-5-USERLOG_NOTICE: message number " + std::to_string(i), 5, At(0), At(0));
  }
  EXPECT_EQ(log.buffer().size(), 4096u);
  EXPECT_TRUE(log.buffer().ends_with("message number 999\n"));
  EXPECT_EQ(log.buffer_logged(), 1000u);
  log.ClearBuffer();
  EXPECT_EQ(log.buffer(), "\n");
  EXPECT_EQ(log.buffer_logged(), 1000u);
}

TEST(Syslog, ShowLoggingLayout) {
  LoggingSettings s = LoggingSettings::Of(Lines({"logging buffered 16384"}));
  s.stamp = LoggingSettings::Stamp::kNone;
  Syslog log;
  log.Log(s, "%SYS-5-CONFIG_I: Configured from console by console", 5, At(0), At(0));
  const std::string out = log.Show(s);
  EXPECT_TRUE(out.starts_with("Syslog logging: enabled (0 messages dropped, 0 messages "
                              "rate-limited, 0 flushes, 0 overruns, xml disabled, filtering "
                              "disabled)\n\nNo Active Message Discriminator.\n"))
      << out;
  EXPECT_NE(out.find("    Console logging: level debugging, 1 messages logged, xml disabled,\n"
                     "                     filtering disabled\n"
                     "    Monitor logging: level debugging, 1 messages logged, xml disabled,\n"
                     "                     filtering disabled\n"
                     "    Buffer logging:  level debugging, 1 messages logged, xml disabled,\n"
                     "                    filtering disabled\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("    Trap logging: level informational, 1 message lines logged\n"),
            std::string::npos)
      << out;
  EXPECT_TRUE(out.ends_with("Log Buffer (16384 bytes):\n\n"
                            "%SYS-5-CONFIG_I: Configured from console by console\n"))
      << out;

  const std::string off = log.Show(LoggingSettings::Of(Lines({"no logging console"})));
  EXPECT_NE(off.find("    Console logging: disabled\n"), std::string::npos) << off;
  EXPECT_NE(off.find("    Buffer logging:  disabled, xml disabled,\n"), std::string::npos) << off;
  EXPECT_EQ(off.find("Log Buffer"), std::string::npos) << off;
}

class DeviceLog : public DeviceFixture {};

// The device's messages reach the console per `logging console`, and monitors per
// `logging monitor`; the buffer starts again at each boot.
TEST_F(DeviceLog, ConsoleAndMonitorFollowTheConfig) {
  std::unique_ptr<Device> d = MakeDevice("C2960");
  ASSERT_TRUE(d->ProvisionFactoryDefaults(SmallImages(kImageBytes)).ok());
  d->PowerOn();
  d->Tick();
  ASSERT_EQ(d->state(), DeviceState::kRunning);
  struct Monitor : ConsoleCapture {
    void OnMonitor(std::string_view t) override { monitor += t; }
    std::string monitor;
  } listener;
  d->AddListener(&listener);
  ASSERT_TRUE(d->running_config().Apply("", "logging buffered 8192").ok());
  d->Log("%SYS-5-CONFIG_I: Configured from console by console");
  EXPECT_NE(listener.Take().find("%SYS-5-CONFIG_I: Configured from console by console\n"),
            std::string::npos);
  EXPECT_NE(listener.monitor.find("%SYS-5-CONFIG_I"), std::string::npos);

  ASSERT_TRUE(d->running_config().Apply("", "logging console critical").ok());
  ASSERT_TRUE(d->running_config().Apply("", "logging monitor alerts").ok());
  listener.monitor.clear();
  d->Log("%LINK-3-UPDOWN: Interface Vlan1, changed state to up");
  EXPECT_EQ(listener.Take(), "");
  EXPECT_EQ(listener.monitor, "");
  EXPECT_NE(d->syslog().buffer().find("%LINK-3-UPDOWN"), std::string::npos);
  d->RemoveListener(&listener);
}

}  // namespace
}  // namespace iosup
