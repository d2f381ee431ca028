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
  // Serves telnet on the device and runs `script PORT` (a pexpect script of testdata/) to its
  // end; the script's exit status, or -1 when it did not finish in time.
  int RunClient(const char* script) {
    auto server =
        TelnetServer::Start(io_, *lines_, {.login_retry_delay = std::chrono::milliseconds(50)});
    EXPECT_TRUE(server.ok()) << server.status().ToString();
    if (!server.ok()) return -1;
    const std::string port = std::to_string((*server)->port());
    pid_t pid = ::fork();
    if (pid == 0) {
      ::execl("/usr/bin/python3", "python3", script, port.c_str(), nullptr);
      ::_exit(127);
    }
    if (pid < 0) return -1;
    int status = 0;
    const bool done = Pump([&] { return ::waitpid(pid, &status, WNOHANG) == pid; },
                           std::chrono::seconds(30));
    if (!done) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      return -1;
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
};

TEST_F(TelnetInteropTest, DebianTelnetLogsInRunsACommandAndLeaves) {
  StartDevice();
  ConfigureVty(" login local\n transport input telnet ssh\n");
  const int status = RunClient(IOSUP_TELNET_DIR "/telnet_client.py");
  if (status == 77) GTEST_FAIL() << "missing install step: " << "telnet or python3-pexpect missing";
  EXPECT_EQ(status, 0);
}

// Debian's telnet sends Enter as CR NUL: the NUL must not answer the [confirm] the CR brought up.
TEST_F(TelnetInteropTest, EnterConfirmsReloadAndDelete) {
  StartDevice();
  ConfigureVty(" login local\n transport input telnet ssh\n");
  const int status = RunClient(IOSUP_TELNET_DIR "/telnet_confirm.py");
  if (status == 77) GTEST_FAIL() << "missing install step: " << "telnet or python3-pexpect missing";
  EXPECT_EQ(status, 0);
  EXPECT_EQ(device_->last_reload_reason(), "Reload Command");
}

// IOS's vocabulary over telnet (ambiguity, `?`, Tab, a not-emulated word's one line), and reload
// asking no Save? once an interface's shutdown / no shutdown is written.
TEST_F(TelnetInteropTest, VocabularyAndSavedInterfaceState) {
  StartDevice();
  ConfigureVty(" login local\n transport input telnet ssh\n");
  const int status = RunClient(IOSUP_TELNET_DIR "/telnet_vocabulary.py");
  if (status == 77) GTEST_FAIL() << "missing install step: " << "telnet or python3-pexpect missing";
  EXPECT_EQ(status, 0);
}

// Syslog reaches a telnet vty only between `terminal monitor` and `terminal no monitor`; tclsh
// writes a file typed over two lines; `ping` alone runs its dialog, Enter taking each default.
TEST_F(TelnetInteropTest, DebianTelnetSeesSyslogOnlyWithTerminalMonitor) {
  StartDevice();
  ConfigureVty(" login local\n transport input telnet ssh\n");
  const int status = RunClient(IOSUP_TELNET_DIR "/telnet_monitor_client.py");
  if (status == 77) GTEST_FAIL() << "missing install step: " << "telnet or python3-pexpect missing";
  EXPECT_EQ(status, 0);
}

}  // namespace
}  // namespace iosup
