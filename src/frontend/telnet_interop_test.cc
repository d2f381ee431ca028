// Debian's own telnet client (driven by python3-pexpect) against the telnet front-end: what a
// person at a terminal does. Skips when the client or pexpect is not installed.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include "frontend/telnet_server.h"
#include "frontend/telnet_test_support.h"

namespace iosup {
namespace {

class TelnetInteropTest : public FrontendFixture {
 protected:
  // Runs `script` (a pexpect client) against a telnet server on the device until it exits.
  void RunClient(const char* script) {
    auto server =
        TelnetServer::Start(io_, *lines_, {.login_retry_delay = std::chrono::milliseconds(50)});
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    const std::string port = std::to_string((*server)->port());
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      ::execl("/usr/bin/python3", "python3", script, port.c_str(), nullptr);
      ::_exit(127);
    }
    int status = 0;
    const bool done = Pump([&] { return ::waitpid(pid, &status, WNOHANG) == pid; },
                           std::chrono::seconds(30));
    if (!done) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      FAIL() << "the telnet client did not finish";
    }
    ASSERT_TRUE(WIFEXITED(status));
    if (WEXITSTATUS(status) == 77) GTEST_SKIP() << "telnet or python3-pexpect missing";
    EXPECT_EQ(WEXITSTATUS(status), 0);
  }
};

TEST_F(TelnetInteropTest, DebianTelnetLogsInRunsACommandAndLeaves) {
  StartDevice();
  ConfigureVty(" login local\n transport input telnet ssh\n");
  auto server = TelnetServer::Start(io_, *lines_, {.login_retry_delay = std::chrono::milliseconds(50)});
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  const std::string port = std::to_string((*server)->port());
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ::execl("/usr/bin/python3", "python3", IOSUP_TELNET_CLIENT, port.c_str(), nullptr);
    ::_exit(127);
  }
  int status = 0;
  const bool done = Pump([&] { return ::waitpid(pid, &status, WNOHANG) == pid; },
                         std::chrono::seconds(30));
  if (!done) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, &status, 0);
    FAIL() << "the telnet client did not finish";
  }
  ASSERT_TRUE(WIFEXITED(status));
  if (WEXITSTATUS(status) == 77) GTEST_SKIP() << "telnet or python3-pexpect missing";
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

// Syslog reaches a telnet vty only between `terminal monitor` and `terminal no monitor`; tclsh
// writes a file typed over two lines; `ping` alone runs its dialog, Enter taking each default.
TEST_F(TelnetInteropTest, DebianTelnetSeesSyslogOnlyWithTerminalMonitor) {
  StartDevice();
  ConfigureVty(" login local\n transport input telnet ssh\n");
  RunClient(IOSUP_TELNET_MONITOR_CLIENT);
}

}  // namespace
}  // namespace iosup
