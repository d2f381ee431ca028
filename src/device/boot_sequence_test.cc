// Every boot-order case of the seeds (seed 001 section 1, the troubleshooting table, seed 000's
// pitfalls), on the ISR4321 and the Catalyst 2960.
#include "device/boot_sequence.h"

#include <gtest/gtest.h>

#include "testing/device_fixture.h"

namespace iosup {
namespace {

constexpr const char* kOld = "isr4300-universalk9.16.09.06.SPA.bin";
constexpr const char* kNew = "isr4300-universalk9.16.12.04.SPA.bin";

class BootOrderTest : public DeviceFixture {
 protected:
  void SetUp() override {
    r1_ = MakeDevice("ISR4321", {.name = "R1"});
    PutImage(*r1_, std::string("bootflash:") + kNew);  // written first: listing order != name order
    PutImage(*r1_, std::string("bootflash:") + kOld);
  }
  std::string Booted() {
    r1_->PowerOn();
    return r1_->state() == DeviceState::kRunning ? r1_->image().path : "<rommon>";
  }
  std::unique_ptr<Device> r1_;
};

TEST_F(BootOrderTest, NoStatementsBootsAlphabeticallyFirst) {
  SetStartup(*r1_, {"hostname R1"});
  // 16.09 sorts before 16.12: the old image boots after every reload (seed 001's warning box).
  EXPECT_EQ(Booted(), std::string("bootflash:") + kOld);
  EXPECT_EQ(r1_->image().version.Long(), "16.09.06");
}

TEST_F(BootOrderTest, StatementsAreTriedInOrder) {
  SetStartup(*r1_, {std::string("boot system bootflash:") + kNew,
                    std::string("boot system bootflash:") + kOld});
  EXPECT_EQ(Booted(), std::string("bootflash:") + kNew);
  EXPECT_EQ(r1_->image().version.Short(), "16.12.4");
}

TEST_F(BootOrderTest, MissingFirstFallsToSecond) {
  SetStartup(*r1_, {"boot system bootflash:isr4300-universalk9.17.03.01.SPA.bin",
                    std::string("boot system bootflash:") + kOld});
  EXPECT_EQ(Booted(), std::string("bootflash:") + kOld);
  const auto& events = r1_->last_boot().events;
  ASSERT_GE(events.size(), 2u);
  EXPECT_EQ(events[1].kind, BootEvent::Kind::kMissing);
}

TEST_F(BootOrderTest, CorruptNewImageFallsBackToOld) {
  SetStartup(*r1_, {std::string("boot system bootflash:") + kNew,
                    std::string("boot system bootflash:") + kOld});
  ASSERT_TRUE(Store("bootflash").FlipBit(kNew, kImageBytes / 2).ok());
  ConsoleCapture console;
  r1_->AddListener(&console);
  EXPECT_EQ(Booted(), std::string("bootflash:") + kOld);
  std::string out = console.Take();
  EXPECT_NE(out.find("checksum mismatch"), std::string::npos) << out;
  EXPECT_NE(out.find(std::string("boot: cannot load \"bootflash:") + kNew), std::string::npos);
}

TEST_F(BootOrderTest, MissingFileWithoutFallbackDropsToRommon) {
  SetStartup(*r1_, {"boot system bootflash:isr4300-universalk9.16.12.04.SPA.bin.typo"});
  ConsoleCapture console;
  r1_->AddListener(&console);
  EXPECT_EQ(Booted(), "<rommon>");
  EXPECT_EQ(r1_->state(), DeviceState::kRomMonitor);
  // The monitor's prompt comes from its command line (LoaderSession), not the boot output.
  EXPECT_TRUE(console.Take().ends_with("boot: no bootable image found in the boot system list\n\n"));
}

TEST_F(BootOrderTest, WrongPlatformAndPartialImagesAreSkipped) {
  PutImage(*r1_, "bootflash:c2960-lanbasek9-mz.152-7.E9.bin");
  {  // an interrupted copy
    auto w = Store("bootflash").Create("isr4300-universalk9.17.03.04.SPA.bin", std::nullopt);
    std::string half(1000, 'x');
    ASSERT_TRUE((*w)->Append({reinterpret_cast<const uint8_t*>(half.data()), half.size()}).ok());
  }
  SetStartup(*r1_, {"boot system bootflash:c2960-lanbasek9-mz.152-7.E9.bin",
                    "boot system bootflash:isr4300-universalk9.17.03.04.SPA.bin",
                    std::string("boot system bootflash:") + kNew});
  EXPECT_EQ(Booted(), std::string("bootflash:") + kNew);
  const auto& ev = r1_->last_boot().events;
  EXPECT_EQ(ev[1].kind, BootEvent::Kind::kWrongPlatform);
  EXPECT_EQ(ev[1].detail, "c2960");
  EXPECT_EQ(ev[3].kind, BootEvent::Kind::kCorrupt);
}

TEST_F(BootOrderTest, UnsavedBootStatementIsLostAtReload) {
  SetStartup(*r1_, {std::string("boot system bootflash:") + kOld});
  r1_->PowerOn();
  r1_->running_config().ClearBootStatements();
  r1_->running_config().AddBootStatement(*ParseBootStatement(std::string("bootflash:") + kNew));
  EXPECT_TRUE(r1_->RunningDiffersFromStartup());
  r1_->Reload("Reload Command", "console");  // forgot copy running-config startup-config
  EXPECT_EQ(r1_->image().path, std::string("bootflash:") + kOld);
  r1_->running_config().ClearBootStatements();
  r1_->running_config().AddBootStatement(*ParseBootStatement(std::string("bootflash:") + kNew));
  ASSERT_TRUE(r1_->SaveRunningConfig().ok());
  r1_->Reload("Reload Command", "console");
  EXPECT_EQ(r1_->image().path, std::string("bootflash:") + kNew);
}

TEST_F(BootOrderTest, ConfigRegister0x2142IgnoresStartupConfig) {
  SetStartup(*r1_, {"hostname NetsTuts_R1", std::string("boot system bootflash:") + kNew});
  ASSERT_TRUE(r1_->SetConfigRegister(0x2142).ok());
  EXPECT_EQ(Booted(), std::string("bootflash:") + kOld);  // no statements read: default order
  EXPECT_EQ(r1_->hostname(), "Router");
  EXPECT_EQ(r1_->config_register(), 0x2142);
  EXPECT_TRUE(r1_->ReadStartupText().ok());  // still there for `copy start run`
}

TEST_F(BootOrderTest, BootFieldZeroStaysInRommon) {
  ASSERT_TRUE(r1_->SetConfigRegister(0x2100).ok());
  EXPECT_EQ(Booted(), "<rommon>");
  EXPECT_EQ(r1_->last_boot().events.front().kind, BootEvent::Kind::kBootFieldZero);
}

// Serves the files of a flash store as if from 192.168.1.100; other hosts time out.
struct FakeNetboot : NetbootPort {
  MemFlashStore* store = nullptr;
  std::vector<std::string> asked;
  Result<std::unique_ptr<FileReader>> FetchImage(const std::string& host,
                                                 const std::string& file) override {
    asked.push_back(host + " " + file);
    if (host != "192.168.1.100") return Status(ErrorCode::kTimedOut, "Timed out");
    if (!store->Stat(file).ok()) return NotFound("File not found");
    return store->OpenRead(file);
  }
};

TEST_F(BootOrderTest, TftpStatementUsesNetbootPort) {
  FakeNetboot netboot;
  netboot.store = &Store("bootflash");
  SetStartup(*r1_, {std::string("boot system tftp:") + kNew + " 192.168.1.99",
                    std::string("boot system tftp:") + kNew + " 192.168.1.100"});
  r1_->set_netboot(&netboot);
  ConsoleCapture console;
  r1_->AddListener(&console);
  EXPECT_EQ(Booted(), std::string("tftp://192.168.1.100/") + kNew);
  EXPECT_EQ(r1_->image().version.Long(), "16.12.04");
  EXPECT_EQ(r1_->last_boot().events[1].kind, BootEvent::Kind::kNetFailed);
  EXPECT_EQ(r1_->last_boot().events[1].error, ErrorCode::kTimedOut);
  EXPECT_EQ(netboot.asked, (std::vector<std::string>{std::string("192.168.1.99 ") + kNew,
                                                     std::string("192.168.1.100 ") + kNew}));
  const std::string out = console.Take();
  // The unreachable server, then the load from the other one, as IOS words a TFTP load.
  EXPECT_NE(out.find(std::string("%Error opening tftp://192.168.1.99/") + kNew + " (Timed out)\n" +
                     "boot: cannot load \"tftp:" + kNew + " 192.168.1.99\"\n"),
            std::string::npos)
      << out;
  const std::string size = std::to_string(Store("bootflash").Stat(kNew)->size);
  EXPECT_NE(out.find(std::string("Loading ") + kNew + " from 192.168.1.100 (via " +
                     r1_->platform().management_interface + "): !"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("!\n[OK - " + size + " bytes]\n\nSelf decompressing the image : #"),
            std::string::npos)
      << out;
  EXPECT_EQ(out.find("Located tftp:"), std::string::npos) << out;
}

TEST_F(BootOrderTest, TftpFailuresFallThroughToFlashThenRommon) {
  FakeNetboot netboot;
  netboot.store = &Store("bootflash");
  r1_->set_netboot(&netboot);
  // A name the server does not have, then the flash fallback.
  SetStartup(*r1_, {"boot system tftp:isr4300-universalk9.17.03.01.SPA.bin 192.168.1.100",
                    std::string("boot system bootflash:") + kOld});
  ConsoleCapture console;
  r1_->AddListener(&console);
  EXPECT_EQ(Booted(), std::string("bootflash:") + kOld);
  std::string out = console.Take();
  EXPECT_NE(out.find("%Error opening tftp://192.168.1.100/isr4300-universalk9.17.03.01.SPA.bin "
                     "(No such file or directory)\nboot: cannot load "
                     "\"tftp:isr4300-universalk9.17.03.01.SPA.bin 192.168.1.100\"\n\n"
                     "Located bootflash:" + std::string(kOld)),
            std::string::npos)
      << out;
  EXPECT_EQ(out.find("Loading isr4300-universalk9.17.03.01"), std::string::npos) << out;

  // A corrupt image received whole fails its check like a corrupt file in flash.
  ASSERT_TRUE(Store("bootflash").FlipBit(kNew, kImageBytes / 3).ok());
  SetStartup(*r1_, {std::string("boot system tftp:") + kNew + " 192.168.1.100",
                    std::string("boot system bootflash:") + kOld});
  r1_->Reload("Reload Command", "console");
  EXPECT_EQ(r1_->image().path, std::string("bootflash:") + kOld);
  out = console.Take();
  EXPECT_NE(out.find("[OK - "), std::string::npos) << out;
  EXPECT_NE(out.find("checksum mismatch"), std::string::npos) << out;
  EXPECT_NE(out.find(std::string("boot: cannot load \"tftp:") + kNew + " 192.168.1.100\""),
            std::string::npos)
      << out;

  // No network at all (no port) and nothing else: ROMMON.
  r1_->set_netboot(nullptr);
  SetStartup(*r1_, {std::string("boot system tftp:") + kNew + " 192.168.1.100"});
  r1_->Reload("Reload Command", "console");
  EXPECT_EQ(r1_->state(), DeviceState::kRomMonitor);
  out = console.Take();
  EXPECT_NE(out.find(std::string("%Error opening tftp://192.168.1.100/") + kNew + " (Timed out)"),
            std::string::npos)
      << out;
  EXPECT_TRUE(out.ends_with("boot: no bootable image found in the boot system list\n\n")) << out;
}

TEST_F(DeviceFixture, EmptyFlashDropsSwitchToLoader) {
  auto sw = MakeDevice("C2960", {.name = "SW1"});
  ConsoleCapture console;
  sw->AddListener(&console);
  sw->PowerOn();
  EXPECT_EQ(sw->state(), DeviceState::kRomMonitor);
  std::string out = console.Take();
  EXPECT_NE(out.find("The system is unable to boot automatically.  The BOOT"), std::string::npos);
  EXPECT_TRUE(out.ends_with("image.\n\n\n"));
}

TEST_F(DeviceFixture, SwitchBootsFromBootVariableList) {
  auto sw = MakeDevice("C2960", {.name = "SW1"});
  PutImage(*sw, "flash:c2960-lanbasek9-mz.152-7.E6.bin");
  PutImage(*sw, "flash:c2960-lanbasek9-mz.152-7.E9.bin");
  SetStartup(*sw, {"boot system flash:c2960-lanbasek9-mz.152-7.E9.bin",
                   "boot system flash:c2960-lanbasek9-mz.152-7.E6.bin"});
  ConsoleCapture console;
  sw->AddListener(&console);
  sw->PowerOn();
  ASSERT_EQ(sw->state(), DeviceState::kRunning);
  EXPECT_EQ(sw->image().version.Short(), "15.2(7)E9");
  std::string out = console.Take();
  EXPECT_NE(out.find("Loading \"flash:c2960-lanbasek9-mz.152-7.E9.bin\"...@@@"), std::string::npos);
  EXPECT_NE(out.find("Press RETURN to get started!"), std::string::npos);
}

}  // namespace
}  // namespace iosup
