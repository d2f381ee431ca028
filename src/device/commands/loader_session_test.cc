#include "device/commands/loader_session.h"

#include <gtest/gtest.h>

#include "testing/capture_terminal.h"
#include "testing/device_fixture.h"
#include "testing/fake_transfer_port.h"
#include "testing/test_bytes.h"

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
  // ROMMON's variables for a tftpdnld of `file` from 10.1.1.100, then the command, confirmed.
  static std::string Tftpdnld(const std::string& file) {
    return "IP_ADDRESS=10.1.1.1\rIP_SUBNET_MASK=255.255.255.0\rDEFAULT_GATEWAY=10.1.1.254\r"
           "TFTP_SERVER=10.1.1.100\rTFTP_FILE=" + file + "\rtftpdnld\ry\r";
  }
  // 10.1.1.100 serves new.bin; its downloads' ends wait for the test (ReleaseHeld...).
  void ServeNewBinHeld() {
    tftp_.servers.insert("10.1.1.100");
    tftp_.files["10.1.1.100"]["new.bin"] = PatternBytes(200000);
    tftp_.hold_completion = true;
  }

  Capture term_;
  FakeTransferPort tftp_;
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

// tftpdnld while its transfer runs: a power cycle cancels it (once) and leaves no file, and its
// end, should a port report it anyway, boots nothing.
TEST_F(LoaderSessionTest, APowerCycleCancelsATftpdnld) {
  ServeNewBinHeld();
  auto r1 = MakeDevice("ISR4321", {.name = "R1"});
  r1->set_transfer(&tftp_);
  r1->PowerOn();  // empty flash: ROMMON
  ASSERT_EQ(r1->state(), DeviceState::kRomMonitor);
  auto s = Open(*r1);
  s->Input(Tftpdnld("new.bin"));
  ASSERT_EQ(tftp_.transfers.size(), 1u);
  EXPECT_NE(term_.Take().find("Receiving new.bin from 10.1.1.100 !!!"), std::string::npos);
  EXPECT_EQ(r1->work_in_progress(), 1u);

  r1->PowerOff();
  EXPECT_TRUE(tftp_.transfers[0]->cancelled);
  EXPECT_EQ(tftp_.transfers[0]->cancel_calls, 1);
  EXPECT_EQ(r1->work_in_progress(), 0u);
  EXPECT_EQ(Store("bootflash").Stat("new.bin").status().code(), ErrorCode::kNotFound);
  r1->PowerOn();
  ASSERT_EQ(r1->state(), DeviceState::kRomMonitor);
  EXPECT_EQ(tftp_.ReleaseHeldEvenCancelled(), 1u);
  EXPECT_EQ(r1->state(), DeviceState::kRomMonitor);
  EXPECT_EQ(Store("bootflash").Stat("new.bin").status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(term_.Take().find("Booting"), std::string::npos);
  EXPECT_EQ(tftp_.transfers[0]->cancel_calls, 1);
}

// The switch loader's boot tftp:// while the image comes: the device's end cancels it.
TEST_F(LoaderSessionTest, TheDevicesEndCancelsALoaderTftpBoot) {
  ServeNewBinHeld();
  auto sw = MakeDevice("C2960", {.name = "SW1"});
  sw->set_transfer(&tftp_);
  sw->PowerOn();  // empty flash: the boot loader
  ASSERT_EQ(sw->state(), DeviceState::kRomMonitor);
  int buffers = 0;  // the image goes where the device keeps received images (a lab: on disk)
  sw->set_image_buffers([&buffers]() -> Result<std::unique_ptr<ImageBuffer>> {
    ++buffers;
    return MemoryImageBuffer();
  });
  auto s = Open(*sw);
  s->Input("boot tftp://10.1.1.100/new.bin\r");
  ASSERT_EQ(tftp_.transfers.size(), 1u);
  EXPECT_EQ(sw->work_in_progress(), 1u);
  EXPECT_EQ(buffers, 1);
  s.reset();
  sw.reset();
  EXPECT_TRUE(tftp_.transfers[0]->cancelled);
  EXPECT_EQ(tftp_.transfers[0]->cancel_calls, 1);
  EXPECT_EQ(tftp_.ReleaseHeld(), 0u);
}

// A tftpdnld that ended is dropped from the device's work and never cancelled.
TEST_F(LoaderSessionTest, AFinishedTftpdnldIsNotCancelled) {
  tftp_.servers.insert("10.1.1.100");
  auto r1 = MakeDevice("ISR4321", {.name = "R1"});
  r1->set_transfer(&tftp_);
  r1->PowerOn();
  auto s = Open(*r1);
  s->Input(Tftpdnld("gone.bin"));
  ASSERT_EQ(tftp_.transfers.size(), 1u);
  EXPECT_NE(term_.Take().find("ERROR: gone.bin"), std::string::npos);
  r1->Tick();
  EXPECT_EQ(r1->work_in_progress(), 0u);
  r1->PowerOff();
  EXPECT_FALSE(tftp_.transfers[0]->cancelled);
}

// A `boot tftp:` that fails comes back to the monitor counting on. The device left the monitor
// while it fetched, so the console opens a new monitor session: it shows the next number, not 1.
TEST_F(LoaderSessionTest, RommonCountGoesOnAfterAFailedTftpBoot) {
  ServeNewBinHeld();  // not an image: the boot fails once it has arrived
  auto r1 = MakeDevice("ISR4321", {.name = "R1"});
  r1->set_transfer(&tftp_);
  r1->PowerOn();
  ASSERT_EQ(r1->state(), DeviceState::kRomMonitor);
  auto s = Open(*r1);
  s->Input("set\rboot tftp://10.1.1.100/new.bin\r");
  ASSERT_EQ(tftp_.transfers.size(), 1u);
  EXPECT_EQ(r1->state(), DeviceState::kBooting);
  s.reset();  // as the console does when the monitor is left
  EXPECT_EQ(tftp_.ReleaseHeld(), 1u);
  ASSERT_EQ(r1->state(), DeviceState::kRomMonitor);
  term_.Take();
  auto again = Open(*r1);
  EXPECT_EQ(term_.Take(), "rommon 3 > ");
}

}  // namespace
}  // namespace iosup
