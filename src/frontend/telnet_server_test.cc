// The telnet front-end against a libtelnet client on loopback: IOS's login dialog and its
// failures, transport input, NAWS, reload, exec-timeout, and BREAK on a reverse-telnet console.
#include "frontend/telnet_server.h"

#include <gtest/gtest.h>

#include "frontend/telnet_test_support.h"

namespace iosup {
namespace {

class TelnetServerTest : public FrontendFixture {
 protected:
  void Serve(TelnetServer::Options options = {}) {
    options.login_retry_delay = std::chrono::milliseconds(20);
    auto server = TelnetServer::Start(io_, *lines_, options);
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(*server);
  }
  // Logs in as admin/cisco and waits for the privileged prompt.
  void LogIn(TestTelnetClient& c) {
    ASSERT_TRUE(WaitFor(c, "Username: ")) << c.text();
    c.Send("admin\r\n");
    ASSERT_TRUE(WaitFor(c, "Password: ")) << c.text();
    c.Send("cisco\r\n");
    ASSERT_TRUE(WaitFor(c, "R1#")) << c.text();
  }
  bool WaitClosed(const TestTelnetClient& c) { return Pump([&] { return c.closed(); }); }

  std::unique_ptr<TelnetServer> server_;
};

TEST_F(TelnetServerTest, LoginLocalCommandAndLogout) {
  StartDevice();
  ConfigureVty(" login local\n transport input ssh telnet\n");
  Serve();
  TestTelnetClient c(io_, server_->port());
  LogIn(c);
  EXPECT_TRUE(c.will_echo());
  EXPECT_TRUE(c.will_sga());
  EXPECT_NE(c.text().find("\r\n\r\nUser Access Verification\r\n\r\nUsername: admin\r\nPassword: "),
            std::string::npos) << c.text();
  EXPECT_EQ(c.text().find("cisco"), std::string::npos) << "the password was echoed";
  ASSERT_EQ(DeviceSession::SessionsOf(*device_).size(), 1u);
  EXPECT_EQ(DeviceSession::SessionsOf(*device_)[0]->line().name, "vty 0");
  EXPECT_EQ(DeviceSession::SessionsOf(*device_)[0]->line().user, "admin");
  c.Send("terminal length 0\r\nshow version\r\n");
  ASSERT_TRUE(WaitFor(c, "Configuration register")) << c.text();
  c.Send("exit\r\n");
  EXPECT_TRUE(WaitClosed(c));
  EXPECT_TRUE(Pump([&] { return server_->connection_count() == 0; }));
  EXPECT_TRUE(DeviceSession::SessionsOf(*device_).empty());
}

TEST_F(TelnetServerTest, WrongPasswordIsRetriedThenRefusedAfterThree) {
  StartDevice();
  ConfigureVty(" login local\n");
  Serve();
  TestTelnetClient c(io_, server_->port());
  ASSERT_TRUE(WaitFor(c, "Username: "));
  c.Send("admin\r\nwrong\r\n");
  ASSERT_TRUE(WaitFor(c, "% Login invalid\r\n\r\nUsername: ")) << c.text();
  EXPECT_FALSE(c.closed());
  c.Send("admin\r\ncisco\r\n");
  ASSERT_TRUE(WaitFor(c, "R1#")) << c.text();

  TestTelnetClient bad(io_, server_->port());
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(Pump([&] {
      size_t n = 0;
      for (size_t at = 0; (at = bad.text().find("Username: ", at)) != std::string::npos; ++at) ++n;
      return n == static_cast<size_t>(i + 1);
    })) << bad.text();
    bad.Send("nobody\r\nx\r\n");
  }
  EXPECT_TRUE(WaitClosed(bad)) << bad.text();
  EXPECT_NE(bad.text().find("% Login invalid"), std::string::npos);
  EXPECT_EQ(DeviceSession::SessionsOf(*device_)[0]->line().name, "vty 0");
}

TEST_F(TelnetServerTest, LinePasswordAndNoneSet) {
  StartDevice();
  ConfigureVty(" password lab\n login\n");
  Serve();
  TestTelnetClient c(io_, server_->port());
  ASSERT_TRUE(WaitFor(c, "User Access Verification\r\n\r\nPassword: ")) << c.text();
  c.Send("nope\r\n");
  ASSERT_TRUE(WaitFor(c, "\r\nPassword: \r\nPassword: ")) << c.text();
  c.Send("lab\r\n");
  ASSERT_TRUE(WaitFor(c, "R1>")) << c.text();

  ConfigureVty(" login\n");
  TestTelnetClient none(io_, server_->port());
  EXPECT_TRUE(WaitClosed(none));
  EXPECT_NE(none.text().find("Password required, but none set"), std::string::npos)
      << none.text();
}

TEST_F(TelnetServerTest, TransportInputSshOnlyRefusesTelnet) {
  StartDevice();
  ConfigureVty(" login local\n transport input ssh\n");
  Serve();
  TestTelnetClient c(io_, server_->port());
  EXPECT_TRUE(WaitClosed(c));
  EXPECT_EQ(c.text(), "");
}

TEST_F(TelnetServerTest, NawsSetsTheTerminalSize) {
  StartDevice();
  ConfigureVty(" login local\n");
  Serve();
  TestTelnetClient c(io_, server_->port(), 132, 50);
  LogIn(c);
  ASSERT_EQ(DeviceSession::SessionsOf(*device_).size(), 1u);
  EXPECT_EQ(DeviceSession::SessionsOf(*device_)[0]->terminal_width(), 132);
  EXPECT_EQ(DeviceSession::SessionsOf(*device_)[0]->terminal_length(), 50);
}

TEST_F(TelnetServerTest, ReloadClosesSessionsAndBootRefusesConnections) {
  StartDevice(std::chrono::seconds(60));
  ConfigureVty(" login local\n");
  Serve();
  TestTelnetClient a(io_, server_->port());
  TestTelnetClient b(io_, server_->port());
  LogIn(a);
  LogIn(b);
  EXPECT_EQ(DeviceSession::SessionsOf(*device_)[1]->line().name, "vty 1");
  a.Send("reload\r\n");
  ASSERT_TRUE(WaitFor(a, "[confirm]")) << a.text();
  a.Send("\r\n");
  EXPECT_TRUE(WaitClosed(a)) << a.text();
  EXPECT_TRUE(WaitClosed(b));
  ASSERT_EQ(device_->state(), DeviceState::kBooting);
  TestTelnetClient during(io_, server_->port());
  EXPECT_TRUE(WaitClosed(during));
  EXPECT_EQ(during.text(), "");
  Boot();
  ASSERT_EQ(device_->state(), DeviceState::kRunning);
  TestTelnetClient after(io_, server_->port());
  LogIn(after);
  EXPECT_EQ(DeviceSession::SessionsOf(*device_)[0]->line().name, "vty 0");
}

TEST_F(TelnetServerTest, ExecTimeoutClosesAnIdleSession) {
  StartDevice();
  ConfigureVty(" login local\n exec-timeout 0 1\n");
  Serve();
  TestTelnetClient c(io_, server_->port());
  LogIn(c);
  EXPECT_TRUE(Pump([&] { return c.closed(); }, std::chrono::seconds(5)));
}

TEST_F(TelnetServerTest, BreakIsIgnoredInAnExecSession) {
  StartDevice();
  ConfigureVty(" login local\n");
  Serve();
  TestTelnetClient c(io_, server_->port());
  LogIn(c);
  c.SendBreak();
  c.Send("show clock\r\n");
  ASSERT_TRUE(Pump([&] { return c.text().rfind("R1#") > c.text().find("show clock"); }));
  EXPECT_EQ(device_->state(), DeviceState::kRunning);
  EXPECT_FALSE(c.closed());
}

TEST_F(TelnetServerTest, BreakOnTheTelnetConsoleDuringBootGivesRommon) {
  StartDevice(std::chrono::seconds(60));
  ConsolePort console(*lines_);
  Serve({.console = &console});
  TestTelnetClient c(io_, server_->port());
  device_->Reload("Reload Command", "console");
  ASSERT_EQ(device_->state(), DeviceState::kBooting);
  ASSERT_TRUE(Pump([&] { return server_->connection_count() == 1 && console.attached(); }));
  c.SendBreak();
  ASSERT_TRUE(WaitFor(c, "rommon 1 >")) << c.text();
  EXPECT_EQ(device_->state(), DeviceState::kRomMonitor);
  TestTelnetClient second(io_, server_->port());
  EXPECT_TRUE(WaitClosed(second));
  EXPECT_NE(second.text().find("console in use"), std::string::npos);
}

}  // namespace
}  // namespace iosup
