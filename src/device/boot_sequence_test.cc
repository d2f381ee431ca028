// Every boot-order case of the seeds (seed 001 section 1, the troubleshooting table, seed 000's
// pitfalls), on the ISR4321 and the Catalyst 2960.
#include "device/boot_sequence.h"

#include <gtest/gtest.h>

#include "testing/device_fixture.h"
#include "base/memory_file.h"
#include "testing/fake_transfer_port.h"

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

// A TFTP server at 192.168.1.100 serving `file` as bootflash: holds it now; other hosts time
// out. The fake port completes each fetch before it returns.
void ServeFromBootflash(FakeTransferPort& tftp, MemFlashStore& bootflash, const std::string& file) {
  tftp.servers.insert("192.168.1.100");
  Result<std::string> bytes = ReadWholeStoreFile(bootflash, file);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  tftp.files["192.168.1.100"][file] = *bytes;
}

TEST_F(BootOrderTest, TftpStatementFetchesThroughTheTransferPort) {
  FakeTransferPort tftp;
  ServeFromBootflash(tftp, Store("bootflash"), kNew);
  SetStartup(*r1_, {std::string("boot system tftp:") + kNew + " 192.168.1.99",
                    std::string("boot system tftp:") + kNew + " 192.168.1.100"});
  r1_->set_transfer(&tftp);
  ConsoleCapture console;
  r1_->AddListener(&console);
  EXPECT_EQ(Booted(), std::string("tftp://192.168.1.100/") + kNew);
  EXPECT_EQ(r1_->image().version.Long(), "16.12.04");
  EXPECT_EQ(r1_->last_boot().events[1].kind, BootEvent::Kind::kNetFailed);
  EXPECT_EQ(r1_->last_boot().events[1].error, ErrorCode::kTimedOut);
  ASSERT_EQ(tftp.transfers.size(), 2u);  // one fetch per statement, in their order
  EXPECT_EQ(tftp.transfers[0]->file.Url(), std::string("tftp://192.168.1.99/") + kNew);
  EXPECT_EQ(tftp.transfers[1]->file.Url(), std::string("tftp://192.168.1.100/") + kNew);
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
  FakeTransferPort tftp;
  ServeFromBootflash(tftp, Store("bootflash"), kNew);
  r1_->set_transfer(&tftp);
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
  ServeFromBootflash(tftp, Store("bootflash"), kNew);
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
  r1_->set_transfer(nullptr);
  SetStartup(*r1_, {std::string("boot system tftp:") + kNew + " 192.168.1.100"});
  r1_->Reload("Reload Command", "console");
  EXPECT_EQ(r1_->state(), DeviceState::kRomMonitor);
  out = console.Take();
  EXPECT_NE(out.find(std::string("%Error opening tftp://192.168.1.100/") + kNew + " (Timed out)"),
            std::string::npos)
      << out;
  EXPECT_TRUE(out.ends_with("boot: no bootable image found in the boot system list\n\n")) << out;
}

// The sequence itself, without a device around it: it stops at each tftp statement with what
// it needs and goes on from there with the fetch's result.
class ResumableBootTest : public BootOrderTest {
 protected:
  BootInputs Inputs(const std::vector<std::string>& statements) {
    BootInputs in{.platform = &r1_->platform(), .file_systems = &r1_->file_systems()};
    for (const std::string& s : statements) in.statements.push_back(*ParseBootStatement(s));
    return in;
  }
  std::unique_ptr<FileReader> ImageBytes(const std::string& file) {
    Result<std::string> bytes = ReadWholeStoreFile(Store("bootflash"), file);
    EXPECT_TRUE(bytes.ok());
    return StringReader(bytes.ok() ? *bytes : "");
  }
  static std::vector<BootEvent::Kind> Kinds(const BootSequence& seq) {
    std::vector<BootEvent::Kind> out;
    for (const BootEvent& e : seq.result().events) out.push_back(e.kind);
    return out;
  }
};

using K = BootEvent::Kind;

TEST_F(ResumableBootTest, FailedFetchGoesOnWithTheFlashStatement) {
  BootSequence seq(Inputs({std::string("tftp:") + kNew + " 192.168.1.100",
                           std::string("bootflash:") + kOld}));
  EXPECT_EQ(seq.stage(), BootSequence::Stage::kNotStarted);
  seq.Start();
  ASSERT_EQ(seq.stage(), BootSequence::Stage::kAwaitingImage);
  EXPECT_EQ(seq.request().host, "192.168.1.100");
  EXPECT_EQ(seq.request().file, kNew);
  EXPECT_EQ(Kinds(seq), (std::vector<K>{K::kLoading}));  // nothing past the statement yet
  seq.Resume(Status(ErrorCode::kTimedOut, "Timed out"));
  ASSERT_EQ(seq.stage(), BootSequence::Stage::kDone);
  EXPECT_EQ(seq.result().outcome, BootResult::Outcome::kImage);
  EXPECT_EQ(seq.result().image.path, std::string("bootflash:") + kOld);
  EXPECT_EQ(Kinds(seq), (std::vector<K>{K::kLoading, K::kNetFailed, K::kLoading, K::kLoaded}));
  EXPECT_EQ(seq.result().events[1].error, ErrorCode::kTimedOut);
  seq.Resume(ImageBytes(kNew));  // not waiting any more: ignored
  EXPECT_EQ(seq.result().image.path, std::string("bootflash:") + kOld);
  EXPECT_EQ(seq.result().events.size(), 4u);
}

TEST_F(ResumableBootTest, FetchedImageIsCheckedAndBoots) {
  BootSequence seq(Inputs({std::string("tftp:") + kNew + " 192.168.1.100",
                           std::string("bootflash:") + kOld}));
  seq.Start();
  ASSERT_EQ(seq.stage(), BootSequence::Stage::kAwaitingImage);
  seq.Resume(ImageBytes(kNew));
  ASSERT_EQ(seq.stage(), BootSequence::Stage::kDone);
  EXPECT_EQ(seq.result().image.path, std::string("tftp://192.168.1.100/") + kNew);
  EXPECT_EQ(seq.result().image.version.Long(), "16.12.04");
  EXPECT_EQ(Kinds(seq), (std::vector<K>{K::kLoading, K::kFetched, K::kLoaded}));
  EXPECT_EQ(seq.result().events[1].bytes, kImageBytes);
}

TEST_F(ResumableBootTest, TwoTftpStatementsAreFetchedInTurn) {
  BootSequence seq(Inputs({std::string("tftp:") + kNew + " 192.168.1.99",
                           std::string("tftp:") + kOld + " 192.168.1.100"}));
  seq.Start();
  ASSERT_EQ(seq.stage(), BootSequence::Stage::kAwaitingImage);
  EXPECT_EQ(seq.request().host, "192.168.1.99");
  seq.Resume(NotFound("File not found"));
  ASSERT_EQ(seq.stage(), BootSequence::Stage::kAwaitingImage);
  EXPECT_EQ(seq.request().host, "192.168.1.100");
  EXPECT_EQ(seq.request().file, kOld);
  // A corrupt image fails its check like a corrupt file in flash; nothing is left to try.
  std::unique_ptr<FileReader> image = ImageBytes(kOld);
  std::string bytes(image->size(), '\0');
  ASSERT_TRUE(image->ReadAt(0, {reinterpret_cast<uint8_t*>(bytes.data()), bytes.size()}).ok());
  bytes[bytes.size() / 2] ^= 1;
  seq.Resume(StringReader(bytes));
  ASSERT_EQ(seq.stage(), BootSequence::Stage::kDone);
  EXPECT_EQ(seq.result().outcome, BootResult::Outcome::kLoader);
  EXPECT_EQ(Kinds(seq), (std::vector<K>{K::kLoading, K::kNetFailed, K::kLoading, K::kFetched,
                                        K::kCorrupt, K::kAllFailed}));
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
