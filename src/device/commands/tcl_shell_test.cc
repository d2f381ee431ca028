// tclsh at the CLI: the inline file transfer automation tools type, IOS commands from Tcl, the
// errors of what neither knows, and the bounds on what a client can make it hold.
#include <gtest/gtest.h>

#include "base/digest.h"
#include "device/commands/device_session.h"
#include "device/commands/ios_command_set.h"
#include "testing/capture_terminal.h"
#include "testing/device_fixture.h"

namespace iosup {
namespace {

class TclCli : public DeviceFixture {
 protected:
  void SetUp() override {
    device_ = MakeDevice("ISR4321", {.name = "R1"});
    ASSERT_TRUE(device_->ProvisionFactoryDefaults(SmallImages(kImageBytes)).ok());
    device_->PowerOn();
    device_->Tick();
    ASSERT_EQ(device_->state(), DeviceState::kRunning);
    device_->running_config().SetLine("hostname R1");
    cli::Session::Options options;
    options.privilege = 15;
    options.terminal_length = 0;
    session_ = std::make_unique<DeviceSession>(
        *device_, IosCommandSet(device_->platform()), screen_, options,
        SessionLine{.name = "vty 0", .user = "admin", .peer = "127.0.0.1"});
    session_->Start();
  }
  std::string Type(const std::string& input) {
    screen_.out.clear();
    session_->Input(input);
    return screen_.out;
  }
  Result<std::string> Flash(const std::string& name) {
    return ReadWholeStoreFile(*device_->file_systems().Resolve("bootflash:" + name)->store, name);
  }

  std::unique_ptr<Device> device_;
  CaptureTerminal screen_;
  std::unique_ptr<DeviceSession> session_;
};

// What netmiko's InLineTransfer types: the file's lines end in CR inside one brace, and the file
// is there after tclquit with a final newline (netmiko's MD5 counts it).
TEST_F(TclCli, InlineTransferWritesTheFile) {
  std::string out = Type("tclsh\r");
  EXPECT_TRUE(out.ends_with("R1(tcl)#")) << out;
  out = Type("puts [open \"flash:cfg.txt\" w+] {hostname X\r!\r\rinterface Loopback0\r"
             " description what? | ok\r end}\r");
  EXPECT_NE(out.find("+>"), std::string::npos) << out;
  EXPECT_TRUE(out.ends_with("R1(tcl)#")) << out;
  EXPECT_EQ(out.find('%'), std::string::npos) << out;
  out = Type("tclquit\r");
  EXPECT_TRUE(out.ends_with("R1#")) << out;
  Result<std::string> file = Flash("cfg.txt");
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(*file, "hostname X\n!\n\ninterface Loopback0\n description what? | ok\n end\n");
}

TEST_F(TclCli, TclCommandsAndVariables) {
  Type("tclsh\r");
  std::string out = Type("set greeting \"hello world\"\r");
  EXPECT_NE(out.find("\nhello world\n"), std::string::npos) << out;
  out = Type("puts \"$greeting [set greeting]\"; puts -nonewline {a $b}\r");
  EXPECT_NE(out.find("\nhello world hello world\na $bR1(tcl)#"), std::string::npos) << out;
  out = Type("set f [open flash:x.txt w]\rputs $f line1\rputs $f \"line2\\tend\"\rclose $f\r");
  EXPECT_NE(out.find("\nfile0\n"), std::string::npos) << out;
  EXPECT_EQ(*Flash("x.txt"), "line1\nline2\tend\n");
  out = Type("set f [open flash:x.txt a]\rputs $f line3\rclose $f\r");
  EXPECT_EQ(*Flash("x.txt"), "line1\nline2\tend\nline3\n");
  out = Type("exit\r");
  EXPECT_TRUE(out.ends_with("R1#")) << out;
}

// A word IOS's parser knows runs as an EXEC command; one neither Tcl nor IOS knows gets both
// errors.
TEST_F(TclCli, UnknownCommandsGoToIosThenFail) {
  Type("tclsh\r");
  std::string out = Type("show privilege\r");
  EXPECT_NE(out.find("Current privilege level is 15\n"), std::string::npos) << out;
  EXPECT_TRUE(out.ends_with("R1(tcl)#")) << out;
  out = Type("frobnicate now\r");
  EXPECT_EQ(out, "frobnicate now\n        ^\n% Invalid input detected at '^' marker.\n\n"
                 "invalid command name \"frobnicate\"\nR1(tcl)#");
  out = Type("puts [open \"nosuchfs:f\" w]\r");
  EXPECT_NE(out.find("couldn't open \"nosuchfs:f\": no such file or directory\n"),
            std::string::npos)
      << out;
  out = Type("puts file7 x\r");
  EXPECT_NE(out.find("can not find channel named \"file7\"\n"), std::string::npos) << out;
  out = Type("puts {a}b\r");
  EXPECT_NE(out.find("extra characters after close-brace\n"), std::string::npos) << out;
  out = Type("puts $nothing\r");
  EXPECT_NE(out.find("can't read \"nothing\": no such variable\n"), std::string::npos) << out;
}

// Hostile input: an endless open brace, deep nesting, a file past its bound. Each is an error
// and the shell goes on.
TEST_F(TclCli, BoundedAgainstHugeAndMalformedInput) {
  Type("tclsh\r");
  std::string big(64 * 1024, 'x');
  Type("puts [open flash:big.txt w] {\r");
  std::string out;
  for (size_t sent = 0; sent <= TclShell::kMaxScript; sent += big.size() + 1) {
    out = Type(big + "\r");
  }
  EXPECT_NE(out.find("% Tcl command longer than 1048576 bytes: discarded\n"), std::string::npos)
      << out.substr(out.size() - 200);
  EXPECT_TRUE(out.ends_with("R1(tcl)#"));
  EXPECT_FALSE(Flash("big.txt").ok());

  std::string deep;
  for (int i = 0; i < 100; ++i) deep += "[set ";
  deep += "x";
  for (int i = 0; i < 100; ++i) deep += "]";
  out = Type("set x 1\rputs " + deep + "\r");
  EXPECT_NE(out.find("too many nested evaluations (infinite loop?)\n"), std::string::npos) << out;

  // Doubling a variable until it passes the file bound.
  Type("set v " + big + "\r");
  for (int i = 0; i < 8; ++i) out = Type("set v $v$v\r");
  EXPECT_NE(out.find("string too long\n"), std::string::npos) << out.substr(0, 200);
  out = Type("puts ok\r");
  EXPECT_NE(out.find("\nok\nR1(tcl)#"), std::string::npos) << out;
}

TEST(TclComplete, BracesBracketsQuotes) {
  EXPECT_TRUE(TclComplete("puts hello"));
  EXPECT_FALSE(TclComplete("puts [open \"f\" w] {a"));
  EXPECT_TRUE(TclComplete("puts [open \"f\" w] {a\nb}"));
  EXPECT_TRUE(TclComplete("puts {a \\} b}"));
  EXPECT_FALSE(TclComplete("puts \"a"));
  EXPECT_FALSE(TclComplete("puts [set x"));
  EXPECT_TRUE(TclComplete("puts {\"}"));
}

}  // namespace
}  // namespace iosup
