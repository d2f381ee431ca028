#include "device/device.h"

#include <gtest/gtest.h>

#include <deque>
#include <regex>

#include "device/show_system.h"
#include "device/show_version.h"
#include "base/memory_file.h"
#include "testing/device_fixture.h"
#include "testing/fake_transfer_port.h"

namespace iosup {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

class DeviceTest : public DeviceFixture {
 protected:
  std::unique_ptr<Device> BootedR1(DeviceOptions options = {.name = "R1"}) {
    auto d = MakeDevice("ISR4321", options);
    PutImage(*d, "bootflash:isr4300-universalk9.16.09.06.SPA.bin");
    SetStartup(*d, {"hostname NetsTuts_R1",
                    "boot system bootflash:isr4300-universalk9.16.09.06.SPA.bin"});
    d->PowerOn();
    return d;
  }
};

// The lines the ntc-templates show_version template, Ansible and pyntc read (see the reference
// notes): each must be present in the form they parse.
TEST_F(DeviceTest, ShowVersionCarriesEveryParsedLine) {
  auto d = BootedR1();
  clock_.Advance(minutes(2 * 24 * 60 + 3 * 60 + 18));
  const std::string v = ShowVersion(d->system_facts());
  EXPECT_TRUE(v.starts_with("Cisco IOS XE Software, Version 16.09.06\n"));
  EXPECT_TRUE(std::regex_search(v, std::regex(
      R"(Cisco IOS Software \[Fuji\], ISR Software \(X86_64_LINUX_IOSD-UNIVERSALK9-M\), Version 16\.9\.6, RELEASE SOFTWARE \(fc3\)\n)")));
  EXPECT_NE(v.find("\nROM: IOS-XE ROMMON\n"), std::string::npos);
  EXPECT_NE(v.find("\nNetsTuts_R1 uptime is 2 days, 3 hours, 18 minutes\n"), std::string::npos);
  EXPECT_NE(v.find("\nSystem image file is \"bootflash:isr4300-universalk9.16.09.06.SPA.bin\"\n"),
            std::string::npos);
  EXPECT_NE(v.find("\nLast reload reason: power-on\n"), std::string::npos);
  EXPECT_NE(v.find("\ncisco ISR4321/K9 (1RU) processor with 1647778K/6147K bytes of memory.\n"),
            std::string::npos);
  EXPECT_TRUE(std::regex_search(v, std::regex(R"(\nProcessor board ID FLM\d{4}[0-9A-Z]{4}\n)")));
  EXPECT_NE(v.find("\n7697408K bytes of flash memory at bootflash:.\n"), std::string::npos);
  EXPECT_TRUE(v.ends_with("\nConfiguration register is 0x2102\n"));
}

TEST_F(DeviceTest, CatalystShowVersionHasSwitchTableAfterMainBlock) {
  auto sw = MakeDevice("C2960", {.name = "SW1"});
  PutImage(*sw, "flash:c2960-lanbasek9-mz.152-7.E6.bin");
  sw->PowerOn();
  ASSERT_EQ(sw->state(), DeviceState::kRunning);
  const std::string v = ShowVersion(sw->system_facts());
  EXPECT_TRUE(v.starts_with(
      "Cisco IOS Software, C2960 Software (C2960-LANBASEK9-M), Version 15.2(7)E6, RELEASE SOFTWARE (fc3)\n"));
  EXPECT_NE(v.find("\nROM: Bootstrap program is C2960 boot loader\nBOOTLDR: "), std::string::npos);
  EXPECT_NE(v.find("\nSwitch uptime is 0 minutes\n"), std::string::npos);  // factory hostname
  EXPECT_NE(v.find("*    1 26    WS-C2960-24TT-L           15.2(7)E6             C2960-LANBASEK9-M\n"),
            std::string::npos);
  EXPECT_LT(v.find("System image file is"), v.find("Switch Ports Model"));
  EXPECT_TRUE(v.ends_with("\nConfiguration register is 0xF\n"));
}

TEST_F(DeviceTest, ConfigRegisterChangeShowsPendingThenTakesEffect) {
  auto d = BootedR1();
  ASSERT_TRUE(d->SetConfigRegister(0x2142).ok());
  EXPECT_TRUE(ShowVersion(d->system_facts()).ends_with(
      "Configuration register is 0x2102 (will be 0x2142 at next reload)\n"));
  d->Reload("Reload Command", "console");
  EXPECT_TRUE(ShowVersion(d->system_facts()).ends_with("Configuration register is 0x2142\n"));
}

TEST_F(DeviceTest, BootTakesConfiguredTimeOnTheClock) {
  auto d = MakeDevice("ISR4321", {.name = "R1", .boot_time = seconds(300)});
  PutImage(*d, "bootflash:isr4300-universalk9.16.09.06.SPA.bin");
  d->PowerOn();
  EXPECT_EQ(d->state(), DeviceState::kBooting);
  ASSERT_TRUE(d->NextDeadline().has_value());
  clock_.Advance(seconds(299));
  d->Tick();
  EXPECT_EQ(d->state(), DeviceState::kBooting);
  clock_.Advance(seconds(1));
  d->Tick();
  EXPECT_EQ(d->state(), DeviceState::kRunning);
  EXPECT_EQ(d->booted_at(), clock_.Now());
}

TEST_F(DeviceTest, ReloadInFiveMinutesWarnsThenReloads) {
  auto d = BootedR1();
  ConsoleCapture console;
  d->AddListener(&console);
  ASSERT_TRUE(d->ScheduleReload(clock_.Now() + minutes(5), "", "console").ok());
  std::string out = console.Take();
  EXPECT_NE(out.find("%SYS-5-SCHEDULED_RELOAD: Reload requested for 09:19:22 UTC Thu Mar 5 2026 "
                     "at 09:14:22 UTC Thu Mar 5 2026 by console. Reload Reason: Reload Command."),
            std::string::npos) << out;
  EXPECT_NE(out.find("*** --- SHUTDOWN in 0:05:00 ---"), std::string::npos);
  EXPECT_EQ(*d->NextDeadline(), clock_.Now() + minutes(4));
  clock_.Advance(minutes(4));
  d->Tick();
  EXPECT_NE(console.Take().find("*** --- SHUTDOWN in 0:01:00 ---"), std::string::npos);
  const WallTime reload_at = clock_.Now() + minutes(1);
  clock_.Advance(minutes(1));
  d->Tick();
  out = console.Take();
  EXPECT_NE(out.find("%SYS-5-RELOAD: Reload requested by console. Reload Reason: Reload Command."),
            std::string::npos);
  EXPECT_EQ(d->state(), DeviceState::kRunning);
  EXPECT_EQ(d->booted_at(), reload_at);
  EXPECT_EQ(d->last_reload_reason(), "Reload Command");
  EXPECT_FALSE(d->scheduled_reload().has_value());
}

TEST_F(DeviceTest, ReloadCancelAborts) {
  auto d = BootedR1();
  ConsoleCapture console;
  d->AddListener(&console);
  ASSERT_TRUE(d->ScheduleReload(clock_.Now() + minutes(10), "maintenance", "console").ok());
  const WallTime booted = d->booted_at();
  EXPECT_TRUE(d->CancelReload());
  EXPECT_NE(console.Take().find("***\n*** --- SHUTDOWN ABORTED ---\n***"), std::string::npos);
  EXPECT_FALSE(d->CancelReload());
  clock_.Advance(minutes(11));
  d->Tick();
  EXPECT_EQ(d->booted_at(), booted);
  EXPECT_FALSE(d->ScheduleReload(clock_.Now() + minutes(24 * 24 * 60 + 1), "", "console").ok());
}

TEST_F(DeviceTest, SavedConfigIsWhatRunningRenders) {
  auto d = BootedR1();
  EXPECT_FALSE(d->RunningDiffersFromStartup());
  d->running_config().SetLine("hostname EDGE");
  EXPECT_TRUE(d->RunningDiffersFromStartup());
  ASSERT_TRUE(d->SaveRunningConfig().ok());
  EXPECT_FALSE(d->RunningDiffersFromStartup());
  auto text = d->ReadStartupText();
  ASSERT_TRUE(text.ok());
  EXPECT_NE(text->find("\nversion 16.9\n"), std::string::npos);
  EXPECT_NE(text->find("\nhostname EDGE\n"), std::string::npos);
  ASSERT_TRUE(d->EraseStartupConfig().ok());
  EXPECT_EQ(d->ReadStartupText().status().code(), ErrorCode::kNotFound);
}

TEST_F(DeviceTest, CatalystKeepsStartupConfigInFlash) {
  auto sw = MakeDevice("C2960", {.name = "SW1"});
  PutImage(*sw, "flash:c2960-lanbasek9-mz.152-7.E6.bin");
  SetStartup(*sw, {"hostname NetsTuts_SW1"});
  auto info = Store("flash").Stat("config.text");
  ASSERT_TRUE(info.ok());
  EXPECT_GT(info->size, 0u);
}

TEST_F(DeviceTest, ProvisioningIsIdempotentAndBootable) {
  auto d = MakeDevice("C2960", {.name = "SW1"});
  int installs = 0;
  auto install = [&](FlashStore& store, const std::string& path, const ImageRecipe& recipe) {
    ++installs;
    ImageRecipe small = recipe;
    small.size = kImageBytes;
    return Device::WriteGeneratedImage(store, path, small);
  };
  ASSERT_TRUE(d->ProvisionFactoryDefaults(install).ok());
  ASSERT_TRUE(d->ProvisionFactoryDefaults(install).ok());
  EXPECT_EQ(installs, 1);
  EXPECT_TRUE(Store("flash").Stat("vlan.dat").ok());
  d->PowerOn();
  ASSERT_EQ(d->state(), DeviceState::kRunning);
  EXPECT_EQ(d->image().path, "flash:c2960-lanbasek9-mz.152-7.E6.bin");
  EXPECT_EQ(d->hostname(), "SW1");
}

}  // namespace
}  // namespace iosup

namespace iosup {
namespace {

TEST_F(DeviceTest, LinkFailingAtNextBootShowsDownAfterTheReloadOnly) {
  auto d = MakeDevice("ISR4321", {.name = "R1"});
  PutImage(*d, "bootflash:isr4300-universalk9.16.09.06.SPA.bin");
  d->running_config() = Config::Parse(
      "hostname R1\n!\ninterface GigabitEthernet0/0/1\n ip address 10.0.12.1 255.255.255.0\n!\n"
      "interface GigabitEthernet0/0/2\n shutdown\n!\nend\n");
  ASSERT_TRUE(d->SaveRunningConfig().ok());
  d->PowerOn();
  const std::regex up(R"(GigabitEthernet0/0/1 +10\.0\.12\.1 +YES NVRAM +up +up)");
  EXPECT_TRUE(std::regex_search(ShowIpInterfaceBrief(*d), up)) << ShowIpInterfaceBrief(*d);

  d->FailLinkAtNextBoot("GigabitEthernet0/0/1");
  EXPECT_TRUE(std::regex_search(ShowIpInterfaceBrief(*d), up)) << "fails only at the next boot";
  d->Reload("Reload Command", "console");
  clock_.Advance(std::chrono::minutes(1));
  d->Tick();
  ASSERT_EQ(d->state(), DeviceState::kRunning);
  const std::string after = ShowIpInterfaceBrief(*d);
  EXPECT_TRUE(std::regex_search(after, std::regex(R"(GigabitEthernet0/0/1 +10\.0\.12\.1 +YES NVRAM +down +down)")))
      << after;
  // A shut interface stays "administratively down" whatever its cable does.
  EXPECT_TRUE(std::regex_search(after, std::regex(R"(GigabitEthernet0/0/2 .*administratively down +down)")))
      << after;
  d->SetLinkUp("GigabitEthernet0/0/1", true);
  EXPECT_TRUE(std::regex_search(ShowIpInterfaceBrief(*d), up));
}


// Work that records what the device asks of it and ends at a fixed time.
class RecordingWork : public TimedWork {
 public:
  explicit RecordingWork(WallTime ends_at) : ends_at_(ends_at) {}
  bool Advance(WallTime now) override {
    advanced.push_back(now);
    return now >= ends_at_;
  }
  std::optional<WallTime> NextWakeup() const override { return ends_at_; }
  void Abandon() override { ++abandoned; }

  std::vector<WallTime> advanced;
  int abandoned = 0;

 private:
  WallTime ends_at_;
};

TEST_F(DeviceTest, WorkIsAdvancedByTicksUntilItEnds) {
  auto d = BootedR1();
  const WallTime end = clock_.Now() + seconds(30);
  auto work = std::make_shared<RecordingWork>(end);
  d->StartWork(work);
  EXPECT_EQ(d->NextDeadline(), end);
  clock_.Advance(seconds(10));
  d->Tick();
  EXPECT_EQ(d->work_in_progress(), 1u);
  clock_.Advance(seconds(20));
  d->Tick();
  EXPECT_EQ(work->advanced, (std::vector<WallTime>{end - seconds(20), end}));
  EXPECT_EQ(d->work_in_progress(), 0u);
  EXPECT_EQ(d->NextDeadline(), std::nullopt);
  d->Tick();
  EXPECT_EQ(work->advanced.size(), 2u);
  EXPECT_EQ(work->abandoned, 0);
}

TEST_F(DeviceTest, TheEarlierOfWorkAndAScheduledReloadIsTheNextDeadline) {
  auto d = BootedR1();
  ASSERT_TRUE(d->ScheduleReload(clock_.Now() + minutes(5), "Reload Command", "console").ok());
  auto work = std::make_shared<RecordingWork>(clock_.Now() + seconds(30));
  d->StartWork(work);
  EXPECT_EQ(d->NextDeadline(), clock_.Now() + seconds(30));
}

TEST_F(DeviceTest, AReloadAbandonsWork) {
  auto d = BootedR1();
  auto work = std::make_shared<RecordingWork>(clock_.Now() + minutes(20));
  d->StartWork(work);
  d->Reload("Reload Command", "console");
  EXPECT_EQ(work->abandoned, 1);
  EXPECT_EQ(d->work_in_progress(), 0u);
  clock_.Advance(minutes(30));
  d->Tick();
  EXPECT_TRUE(work->advanced.empty());
}

TEST_F(DeviceTest, WorkStartedWhileNotRunningIsAbandonedAtOnce) {
  auto d = BootedR1({.name = "R1", .boot_time = seconds(300)});
  ASSERT_EQ(d->state(), DeviceState::kBooting);
  auto work = std::make_shared<RecordingWork>(clock_.Now() + seconds(1));
  d->StartWork(work);
  EXPECT_EQ(work->abandoned, 1);
  EXPECT_EQ(d->work_in_progress(), 0u);
}

TEST_F(DeviceTest, OnlyARealisticDeviceHasASpool) {
  auto fast = BootedR1();
  EXPECT_FALSE(fast->realistic_file_timing());
  EXPECT_EQ(fast->spool(), nullptr);
  auto paced = BootedR1({.name = "R2", .realistic_file_timing = true});
  ASSERT_NE(paced->spool(), nullptr);
  // It takes the largest file the device can hold, and `show file systems` does not list it.
  EXPECT_EQ(paced->spool()->Space().capacity, paced->platform().primary_fs().capacity);
  EXPECT_EQ(paced->file_systems().Find("spool:"), nullptr);
}

// A TransferPort whose downloads stay on the wire until the test ends them: the test plays the
// server (its answer, timeouts, data) and reports each end, at any time, as a real port may.
// Each download's handle counts the Cancel calls it gets.
class HeldDownloads : public TransferPort {
 public:
  struct Handle : TransferHandle {
    void Cancel() override { ++cancels; }
    int cancels = 0;
  };
  struct Held {
    RemoteFile file;
    FileWriter* sink;
    TransferProgress* progress;
    Done done;
    std::shared_ptr<Handle> handle = std::make_shared<Handle>();
  };
  std::shared_ptr<TransferHandle> Download(const RemoteFile& file, const TransferSettings&,
                                           FileWriter& sink, TransferProgress& progress,
                                           Done done) override {
    held.push_back({file, &sink, &progress, std::move(done)});
    return held.back().handle;
  }
  std::shared_ptr<TransferHandle> Upload(const RemoteFile&, const TransferSettings&,
                                         std::shared_ptr<FileReader>, TransferProgress&,
                                         Done done) override {
    done(Status(ErrorCode::kUnavailable, "downloads only"));
    return std::make_shared<Handle>();
  }
  // Sends `bytes` as the server would, then reports the end; stops where the receiver refuses
  // the transfer, as a real port does.
  static void Deliver(Held& d, const std::string& bytes) {
    if (Status s = d.progress->OnStart(bytes.size()); !s.ok()) return d.done(s);
    ASSERT_TRUE(d.sink->Append({reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()}).ok());
    d.progress->OnProgress(bytes.size());
    d.done(bytes.size());
  }
  std::deque<Held> held;  // stable addresses: sinks and handles are looked at after more start
};

class NetbootDeviceTest : public DeviceTest {
 protected:
  static constexpr const char* kNew = "isr4300-universalk9.16.12.04.SPA.bin";
  static constexpr const char* kOld = "isr4300-universalk9.16.09.06.SPA.bin";
  // R1 with both images in bootflash:, booting the new one from 192.168.1.100 first.
  void SetUp() override {
    r1_ = MakeDevice("ISR4321", {.name = "R1"});
    PutImage(*r1_, std::string("bootflash:") + kNew);
    PutImage(*r1_, std::string("bootflash:") + kOld);
    SetStartup(*r1_, {std::string("boot system tftp:") + kNew + " 192.168.1.100",
                      std::string("boot system bootflash:") + kOld});
    image_ = *ReadWholeStoreFile(Store("bootflash"), kNew);
    r1_->set_transfer(&port_);
    r1_->AddListener(&console_);
  }
  std::string Loading() const {
    return std::string("Loading ") + kNew + " from 192.168.1.100 (via " +
           r1_->platform().management_interface + "): ";
  }

  HeldDownloads port_;
  ConsoleCapture console_;
  std::unique_ptr<Device> r1_;
  std::string image_;
};

// The boot waits for its image while the clock runs, printing as the fetch goes; the whole text
// is what the same boot prints when the image comes at once, plus the timeouts' dots.
TEST_F(NetbootDeviceTest, BootWaitsForItsImageAndPrintsItsProgress) {
  r1_->PowerOn();
  EXPECT_EQ(r1_->state(), DeviceState::kBooting);
  EXPECT_TRUE(r1_->fetching_image());
  EXPECT_EQ(r1_->NextDeadline(), std::nullopt);
  ASSERT_EQ(port_.held.size(), 1u);
  EXPECT_EQ(port_.held[0].file.Url(), std::string("tftp://192.168.1.100/") + kNew);
  std::string out = console_.Take();
  EXPECT_TRUE(out.ends_with("Kbytes of main memory\n\n")) << out;
  clock_.Advance(seconds(30));
  r1_->Tick();
  EXPECT_EQ(r1_->state(), DeviceState::kBooting);  // time alone does not end a fetch
  HeldDownloads::Held& d = port_.held[0];
  d.progress->OnTimeout();
  d.progress->OnTimeout();
  EXPECT_EQ(console_.Take(), "..");
  ASSERT_TRUE(d.progress->OnStart(image_.size()).ok());
  EXPECT_EQ(console_.Take(), Loading());
  ASSERT_TRUE(d.sink->Append({reinterpret_cast<const uint8_t*>(image_.data()), image_.size()}).ok());
  d.progress->OnProgress(image_.size());
  EXPECT_EQ(console_.Take(), "!");
  d.done(image_.size());
  EXPECT_EQ(r1_->state(), DeviceState::kRunning);
  EXPECT_FALSE(r1_->fetching_image());
  EXPECT_EQ(r1_->image().path, std::string("tftp://192.168.1.100/") + kNew);
  out = console_.Take();
  EXPECT_TRUE(out.starts_with("\n[OK - " + std::to_string(image_.size()) +
                              " bytes]\n\nSelf decompressing the image : #"))
      << out;

  // The same boot through a port that answers at once, without timeouts: the same text.
  auto reference = MakeDevice("ISR4321", {.name = "R1"});
  FakeTransferPort at_once;
  at_once.servers.insert("192.168.1.100");
  at_once.files["192.168.1.100"][kNew] = image_;
  reference->set_transfer(&at_once);
  SetStartup(*reference, {std::string("boot system tftp:") + kNew + " 192.168.1.100",
                          std::string("boot system bootflash:") + kOld});
  ConsoleCapture reference_console;
  reference->AddListener(&reference_console);
  r1_->Reload("Reload Command", "console");
  reference->PowerOn();
  HeldDownloads::Deliver(port_.held.at(1), image_);
  std::string held_text = console_.Take();
  held_text = held_text.substr(held_text.find("System Bootstrap"));
  EXPECT_EQ(held_text, reference_console.Take());
  EXPECT_EQ(r1_->state(), DeviceState::kRunning);
}

TEST_F(NetbootDeviceTest, TimedOutFetchEndsItsLineAndTheFlashFallbackBoots) {
  r1_->PowerOn();
  console_.Take();
  for (int i = 0; i < 3; ++i) port_.held[0].progress->OnTimeout();
  port_.held[0].done(Status(ErrorCode::kTimedOut, "Timed out"));
  EXPECT_EQ(r1_->state(), DeviceState::kRunning);
  EXPECT_EQ(r1_->image().path, std::string("bootflash:") + kOld);
  const std::string out = console_.Take();
  EXPECT_TRUE(out.starts_with(std::string("...\n%Error opening tftp://192.168.1.100/") + kNew +
                              " (Timed out)\nboot: cannot load \"tftp:" + kNew +
                              " 192.168.1.100\"\n\nLocated bootflash:" + kOld))
      << out;
}

// A reload, a power-off, a BREAK or the device's end while the image is on its way: the fetch's
// transfer is cancelled, once, and its progress and end, should a port report them anyway,
// change nothing.
TEST_F(NetbootDeviceTest, AFetchOutlivingItsBootIsCancelledAndIgnored) {
  r1_->PowerOn();
  ASSERT_EQ(port_.held.size(), 1u);
  EXPECT_EQ(port_.held[0].handle->cancels, 0);  // waited for, not cancelled
  SetStartup(*r1_, {std::string("boot system bootflash:") + kOld});
  r1_->Reload("Reload Command", "console");
  EXPECT_EQ(r1_->state(), DeviceState::kRunning);
  EXPECT_FALSE(r1_->fetching_image());
  EXPECT_EQ(port_.held[0].handle->cancels, 1);
  console_.Take();
  HeldDownloads::Held& late = port_.held.at(0);
  EXPECT_FALSE(late.progress->OnStart(image_.size()).ok());  // the transfer may stop there
  late.progress->OnTimeout();
  late.progress->OnProgress(image_.size());
  late.done(image_.size());
  EXPECT_EQ(console_.Take(), "");
  EXPECT_EQ(r1_->state(), DeviceState::kRunning);
  EXPECT_EQ(r1_->image().path, std::string("bootflash:") + kOld);

  SetStartup(*r1_, {std::string("boot system tftp:") + kNew + " 192.168.1.100"});
  r1_->Reload("Reload Command", "console");
  ASSERT_EQ(port_.held.size(), 2u);
  r1_->PowerOff();
  EXPECT_EQ(r1_->state(), DeviceState::kOff);
  EXPECT_EQ(port_.held[1].handle->cancels, 1);
  HeldDownloads::Deliver(port_.held[1], image_);
  EXPECT_EQ(r1_->state(), DeviceState::kOff);
  EXPECT_EQ(r1_->NextDeadline(), std::nullopt);

  r1_->PowerOn();
  ASSERT_EQ(port_.held.size(), 3u);
  console_.Take();
  r1_->Break();
  EXPECT_EQ(r1_->state(), DeviceState::kRomMonitor);
  EXPECT_EQ(console_.Take(), "\nmonitor: command \"boot\" aborted due to user interrupt\n");
  EXPECT_EQ(port_.held[2].handle->cancels, 1);
  HeldDownloads::Deliver(port_.held[2], image_);
  EXPECT_EQ(r1_->state(), DeviceState::kRomMonitor);
  EXPECT_EQ(console_.Take(), "");

  r1_->Reset();
  ASSERT_EQ(port_.held.size(), 4u);
  r1_->RemoveListener(&console_);
  r1_.reset();  // the device goes with its fetch on the wire
  EXPECT_EQ(port_.held[3].handle->cancels, 1);
  HeldDownloads::Deliver(port_.held[3], image_);
  // Nothing was cancelled twice, by a later abandon or the device's end.
  for (const HeldDownloads::Held& h : port_.held) EXPECT_EQ(h.handle->cancels, 1);
}

// A fetch that ends is not cancelled afterwards, by a reload or the device's end.
TEST_F(NetbootDeviceTest, AFetchThatEndedIsNotCancelled) {
  r1_->PowerOn();
  ASSERT_EQ(port_.held.size(), 1u);
  HeldDownloads::Deliver(port_.held[0], image_);
  ASSERT_EQ(r1_->state(), DeviceState::kRunning);
  SetStartup(*r1_, {std::string("boot system bootflash:") + kOld});
  r1_->Reload("Reload Command", "console");
  r1_.reset();
  EXPECT_EQ(port_.held[0].handle->cancels, 0);
}

// `boot tftp:FILE HOST` at the ROMMON prompt: the monitor is left while the image comes; when it
// does not, the device is back in the monitor.
TEST_F(NetbootDeviceTest, MonitorBootFetchesToo) {
  ASSERT_TRUE(r1_->SetConfigRegister(0x2100).ok());
  r1_->PowerOn();
  ASSERT_EQ(r1_->state(), DeviceState::kRomMonitor);
  console_.Take();
  EXPECT_TRUE(r1_->MonitorBoot({*ParseBootStatement(std::string("tftp:") + kNew + " 10.1.1.1")}));
  EXPECT_EQ(r1_->state(), DeviceState::kBooting);
  ASSERT_EQ(port_.held.size(), 1u);
  EXPECT_EQ(port_.held[0].file.host, "10.1.1.1");
  port_.held[0].done(NotFound("no such file"));
  EXPECT_EQ(r1_->state(), DeviceState::kRomMonitor);
  EXPECT_EQ(console_.Take(), std::string("%Error opening tftp://10.1.1.1/") + kNew +
                                 " (No such file or directory)\nboot: cannot load \"tftp:" + kNew +
                                 " 10.1.1.1\"\n\nboot: no bootable image found in the boot system "
                                 "list\n\n");
  EXPECT_EQ(console_.states().back(), DeviceState::kRomMonitor);
}

// A listener that power-cycles the device from inside the boot's console output: the boot it
// interrupted stops there, the new one runs on its own, and only the new one fetches.
TEST_F(NetbootDeviceTest, APowerCycleFromInsideTheBootOutputLeavesOneFetch) {
  struct Cycler : DeviceListener {
    Device* device = nullptr;
    int at = 0;  // 1: the first boot's banner; 2: its first events
    int calls = 0;
    void OnConsole(std::string_view) override {
      if (++calls == at) {
        device->PowerOff();
        device->PowerOn();
      }
    }
  };
  for (int at : {1, 2}) {
    r1_->PowerOff();
    port_.held.clear();
    Cycler cycler;
    cycler.device = r1_.get();
    cycler.at = at;
    r1_->AddListener(&cycler);
    r1_->PowerOn();
    r1_->RemoveListener(&cycler);
    EXPECT_GT(cycler.calls, at) << at;
    ASSERT_EQ(port_.held.size(), 1u) << at;
    EXPECT_TRUE(r1_->fetching_image());
    HeldDownloads::Deliver(port_.held[0], image_);
    EXPECT_EQ(port_.held[0].handle->cancels, 0);
    EXPECT_EQ(r1_->image().path, std::string("tftp://192.168.1.100/") + kNew) << at;
  }
}

// `rommon N >` goes on counting across a monitor boot that fetched and failed (the monitor was
// left while the fetch ran), and starts again at 1 when the device falls into the monitor anew.
TEST_F(NetbootDeviceTest, MonitorCommandCountSurvivesAFailedFetch) {
  ASSERT_TRUE(r1_->SetConfigRegister(0x2100).ok());
  r1_->PowerOn();
  ASSERT_EQ(r1_->monitor_command_number(), 1);
  r1_->CountMonitorCommand();  // confreg
  r1_->CountMonitorCommand();  // boot tftp:...
  ASSERT_TRUE(r1_->MonitorBoot({*ParseBootStatement(std::string("tftp:") + kNew + " 10.1.1.1")}));
  ASSERT_EQ(port_.held.size(), 1u);
  port_.held[0].done(Status(ErrorCode::kTimedOut, "Timed out"));
  ASSERT_EQ(r1_->state(), DeviceState::kRomMonitor);
  EXPECT_EQ(r1_->monitor_command_number(), 3);
  r1_->Reset();
  EXPECT_EQ(r1_->state(), DeviceState::kRomMonitor);
  EXPECT_EQ(r1_->monitor_command_number(), 1);
}

TEST(PaceTest, BytesAndTimesAgreeExactly) {
  const WallTime t0 = WallTime(seconds(1772702062));
  for (uint64_t rate : {uint64_t{357348}, uint64_t{439151}, uint64_t{3} << 20, uint64_t{1}}) {
    const Pace pace(t0, rate);
    for (uint64_t n : {uint64_t{0}, uint64_t{1}, uint64_t{511}, rate - 1, rate, rate + 1,
                       uint64_t{12582912}, uint64_t{521347072}}) {
      const WallTime t = pace.TimeFor(n);
      EXPECT_GE(pace.BytesBy(t), n) << rate << " " << n;
      if (n > 0) {
        EXPECT_LT(pace.BytesBy(t - std::chrono::nanoseconds(1)), n) << rate << " " << n;
      }
    }
  }
  const Pace seed(t0, 357348);  // seed 001's 2960
  EXPECT_EQ(seed.BytesBy(t0 + seconds(35)), 35u * 357348);
  EXPECT_EQ(seed.BytesBy(t0 - seconds(1)), 0u);
  EXPECT_EQ(Pace(t0, 0).bytes_per_sec(), 1u);  // no rate is "never", not a division by zero
}

}  // namespace
}  // namespace iosup
