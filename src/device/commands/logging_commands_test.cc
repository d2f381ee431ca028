// Logging at the CLI: a vty sees syslog messages only after `terminal monitor`; show logging,
// clear logging and send log; and show license per platform.
#include <gtest/gtest.h>

#include "device/commands/device_session.h"
#include "device/commands/ios_command_set.h"
#include "testing/capture_terminal.h"
#include "testing/device_fixture.h"

namespace iosup {
namespace {

class LoggingCli : public DeviceFixture {
 protected:
  void Boot(const std::string& platform) {
    device_ = MakeDevice(platform, {.name = "R1"});
    ASSERT_TRUE(device_->ProvisionFactoryDefaults(SmallImages(kImageBytes)).ok());
    device_->PowerOn();
    device_->Tick();
    ASSERT_EQ(device_->state(), DeviceState::kRunning);
    device_->running_config().SetLine("hostname R1");
    device_->AddListener(&console_);
  }
  void SetUp() override { Boot("ISR4321"); }
  void TearDown() override {
    vty_.reset();
    vty2_.reset();
    if (device_) device_->RemoveListener(&console_);
  }
  std::unique_ptr<DeviceSession> Open(CaptureTerminal& screen, const std::string& line) {
    cli::Session::Options options;
    options.privilege = 15;
    options.terminal_length = 0;
    auto s = std::make_unique<DeviceSession>(
        *device_, IosCommandSet(device_->platform()), screen, options,
        SessionLine{.name = line, .user = "admin", .peer = "127.0.0.1"});
    s->Start();
    return s;
  }
  std::string Type(DeviceSession& s, CaptureTerminal& screen, const std::string& input) {
    screen.out.clear();
    s.Input(input);
    return screen.out;
  }

  std::unique_ptr<Device> device_;
  ConsoleCapture console_;
  CaptureTerminal screen_, screen2_;
  std::unique_ptr<DeviceSession> vty_, vty2_;
};

// Real IOS writes no syslog into a vty that did not ask for it: a configuration over SSH leaves
// the session's output clean for the tool that drives it. The console gets the message.
TEST_F(LoggingCli, VtySeesMessagesOnlyAfterTerminalMonitor) {
  vty_ = Open(screen_, "vty 0");
  vty2_ = Open(screen2_, "vty 1");
  std::string out = Type(*vty_, screen_, "configure terminal\rend\r");
  EXPECT_EQ(out.find("%SYS-5-CONFIG_I"), std::string::npos) << out;
  EXPECT_TRUE(out.ends_with("R1#")) << out;
  EXPECT_NE(console_.Take().find("%SYS-5-CONFIG_I: Configured from console by admin on vty0 "
                                 "(127.0.0.1)"),
            std::string::npos);

  Type(*vty2_, screen2_, "terminal monitor\r");
  screen2_.out.clear();
  Type(*vty_, screen_, "configure terminal\rend\r");
  EXPECT_NE(screen2_.out.find("%SYS-5-CONFIG_I: Configured from console by admin on vty0 "
                              "(127.0.0.1)\n"),
            std::string::npos)
      << screen2_.out;
  EXPECT_EQ(screen_.out.find("%SYS-5-CONFIG_I"), std::string::npos) << screen_.out;

  Type(*vty2_, screen2_, "terminal no monitor\r");
  screen2_.out.clear();
  Type(*vty_, screen_, "configure terminal\rend\r");
  EXPECT_EQ(screen2_.out, "");
}

TEST_F(LoggingCli, MonitorHonoursLoggingMonitorLevel) {
  vty_ = Open(screen_, "vty 0");
  Type(*vty_, screen_, "terminal monitor\rconfigure terminal\rlogging monitor warnings\rend\r");
  std::string out = Type(*vty_, screen_, "send log 5 quiet please\r");
  EXPECT_EQ(out.find("USERLOG"), std::string::npos) << out;
  out = Type(*vty_, screen_, "send log 4 disk almost full\r");
  EXPECT_NE(out.find("%SYS-4-USERLOG_WARNING: Message from tty2(user id: admin): disk almost "
                     "full\n"),
            std::string::npos)
      << out;
}

TEST_F(LoggingCli, ShowLoggingHoldsTheBufferAndClearLoggingEmptiesIt) {
  vty_ = Open(screen_, "vty 0");
  Type(*vty_, screen_, "configure terminal\rlogging buffered 8192 informational\rend\r");
  Type(*vty_, screen_, "send log hello there\r");  // severity 7: above informational
  Type(*vty_, screen_, "send log 6 hello again\r");
  std::string out = Type(*vty_, screen_, "show logging\r");
  EXPECT_NE(out.find("    Buffer logging:  level informational, 2 messages logged"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("Log Buffer (8192 bytes):\n\n*"), std::string::npos) << out;
  EXPECT_NE(out.find("%SYS-5-CONFIG_I: Configured from console by admin on vty0 (127.0.0.1)\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("%SYS-6-USERLOG_INFO: Message from tty2(user id: admin): hello again\n"),
            std::string::npos)
      << out;
  EXPECT_EQ(out.find("hello there"), std::string::npos) << out;

  out = Type(*vty_, screen_, "clear logging\r");
  EXPECT_TRUE(out.ends_with("Clear logging buffer [confirm]")) << out;
  Type(*vty_, screen_, "\r");
  out = Type(*vty_, screen_, "show logging | begin Log Buffer\r");
  EXPECT_NE(out.find("Log Buffer (8192 bytes):\n\nR1#"), std::string::npos) << out;

  // Any key but Enter or y keeps the buffer.
  Type(*vty_, screen_, "send log 6 kept\rclear logging\rn");
  out = Type(*vty_, screen_, "show logging | include kept\r");
  EXPECT_NE(out.find("USERLOG_INFO: Message from tty2(user id: admin): kept"), std::string::npos)
      << out;
}

TEST_F(LoggingCli, TimestampsFollowServiceTimestamps) {
  vty_ = Open(screen_, "vty 0");
  Type(*vty_, screen_, "terminal monitor\rconfigure terminal\rno service timestamps log\rend\r");
  std::string out = Type(*vty_, screen_, "send log 6 plain\r");
  EXPECT_NE(out.find("\n%SYS-6-USERLOG_INFO: Message from tty2(user id: admin): plain\n"),
            std::string::npos)
      << out;
  Type(*vty_, screen_,
       "configure terminal\rservice timestamps log datetime msec year show-timezone\rend\r");
  out = Type(*vty_, screen_, "send log 6 stamped\r");
  EXPECT_NE(out.find(" UTC: %SYS-6-USERLOG_INFO"), std::string::npos) << out;
}

TEST_F(LoggingCli, ShowLicenseOnIosXe) {
  vty_ = Open(screen_, "vty 0");
  std::string out = Type(*vty_, screen_, "show license\r");
  EXPECT_NE(out.find("Index 4 Feature: ipbasek9                       \n"
                     "        Period left: Life time\n"
                     "        License Type: Permanent\n"
                     "        License State: Active, In Use\n"
                     "        License Count: Non-Counted\n"
                     "        License Priority: Medium\n"),
            std::string::npos)
      << out;
  out = Type(*vty_, screen_, "show license summary\r");
  EXPECT_NE(out.find("License Usage:\n"
                     "  License                 Entitlement Tag               Count Status\n"
                     "  ---------------------------------------------------------------------"
                     "--------\n"
                     "  ipbasek9                (ISR_4321_IPBase)                 1 IN USE\n"),
            std::string::npos)
      << out;
}

TEST_F(LoggingCli, ShowLicenseOnIos15) {
  TearDown();
  Boot("ISR1941");
  vty_ = Open(screen_, "vty 0");
  std::string out = Type(*vty_, screen_, "show license\r");
  EXPECT_NE(out.find("show license\nIndex 1 Feature: ipbasek9\n"
                     "        Period left: Life time\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("Index 2 Feature: securityk9\n"
                     "        Period left: Not Activated\n"
                     "        Period Used: 0  minute  0  second\n"
                     "        License Type: EvalRightToUse\n"),
            std::string::npos)
      << out;
}

}  // namespace
}  // namespace iosup
