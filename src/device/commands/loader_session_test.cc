#include "device/commands/loader_session.h"

#include <gtest/gtest.h>

#include "testing/capture_terminal.h"
#include "testing/device_fixture.h"

namespace iosup {
namespace {

using Capture = CaptureTerminal;

class LoaderSessionTest : public DeviceFixture {
 protected:
  std::unique_ptr<LoaderSession> Open(Device& d) {
    auto s = std::make_unique<LoaderSession>(d, term_);
    s->Start();
    return s;
  }
  Capture term_;
};

TEST_F(LoaderSessionTest, RommonCountsCommandsAndAnswersInItsOwnWords) {
  auto r1 = MakeDevice("ISR4321", {.name = "R1"});
  r1->PowerOn();  // empty flash: ROMMON
  ASSERT_EQ(r1->state(), DeviceState::kRomMonitor);
  auto s = Open(*r1);
  EXPECT_EQ(term_.Take(), "rommon 1 > ");
  s->Input("\r");
  EXPECT_EQ(term_.Take(), "\nrommon 1 > ");
  s->Input("xyz\r");
  EXPECT_EQ(term_.Take(), "xyz\nmonitor: command \"xyz\" not found\nrommon 2 > ");
  s->Input("IP_ADDRESS=10.1.1.1\rset\r");
  EXPECT_NE(term_.Take().find("PS1=rommon ! > \nIP_ADDRESS=10.1.1.1\nrommon 4 > "), std::string::npos);
  s->Input("?\r");  // `?` is a command here, not instant help
  EXPECT_NE(term_.Take().find("tftpdnld            tftp image download\n"), std::string::npos);
}

TEST_F(LoaderSessionTest, ConfregChangesTheNextRegisterOnly) {
  auto r1 = MakeDevice("ISR4321", {.name = "R1"});
  r1->PowerOn();
  auto s = Open(*r1);
  s->Input("confreg 0x2142\r");
  EXPECT_NE(term_.Take().find("You must reset or power cycle for new config to take effect\n"),
            std::string::npos);
  EXPECT_EQ(r1->next_config_register(), 0x2142);
  EXPECT_EQ(r1->config_register(), 0x2102);
  s->Input("confreg\r");
  EXPECT_NE(term_.Take().find("(Virtual Configuration Register: 0x2142)\nenabled are:\n"
                              "load rom after netboot fails\nignore system config info\n"),
            std::string::npos);
  s->Input("y\r\r\r\r\r\r\r\r");  // change: every setting left as it is, then the boot field
  s->Input("y\r0\r");
  EXPECT_NE(term_.Take().find("boot: the ROM Monitor"), std::string::npos);
  s->Input("n\r");
  EXPECT_EQ(r1->next_config_register(), 0x2140);
}

TEST_F(LoaderSessionTest, SwitchLoaderNeedsFlashInitAfterABreak) {
  auto sw = MakeDevice("C2960", {.name = "SW1", .boot_time = std::chrono::seconds(30)});
  PutImage(*sw, "flash:c2960-lanbasek9-mz.152-7.E9.bin");
  sw->PowerOn();
  ASSERT_EQ(sw->state(), DeviceState::kBooting);
  sw->Break();
  ASSERT_EQ(sw->state(), DeviceState::kRomMonitor);
  auto s = Open(*sw);
  term_.Take();
  s->Input("dir flash:\r");
  EXPECT_EQ(term_.Take(), "dir flash:\nunable to stat flash:/: invalid argument\nswitch: ");
  s->Input("flash_init\rboot flash:c2960-lanbasek9-mz.152-7.E9.bin\r");
  EXPECT_EQ(sw->state(), DeviceState::kBooting);
}

TEST_F(LoaderSessionTest, BreakIsIgnoredOnceIosRuns) {
  auto r1 = MakeDevice("ISR4321", {.name = "R1"});
  PutImage(*r1, "bootflash:isr4300-universalk9.16.09.06.SPA.bin");
  r1->PowerOn();
  ASSERT_EQ(r1->state(), DeviceState::kRunning);
  r1->Break();
  EXPECT_EQ(r1->state(), DeviceState::kRunning);
}

}  // namespace
}  // namespace iosup
