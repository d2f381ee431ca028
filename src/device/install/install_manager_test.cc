// The package model on memory flash and a manual clock: expansion and its space rule, activation
// with packages.conf kept, commit, abort, the auto-abort timer, remove inactive, and booting a
// provisioning file whose packages are whole or not.
#include "device/install/install_manager.h"

#include <gtest/gtest.h>

#include "device/install/package_check.h"
#include "device/install/provisioning_file.h"
#include "testing/device_fixture.h"
#include "testing/mem_flash_store.h"

namespace iosup {
namespace {

constexpr const char* kOld = "isr4300-universalk9.16.09.06.SPA.bin";
constexpr const char* kNew = "isr4300-universalk9.16.12.04.SPA.bin";
constexpr uint64_t kBin = 200 * 1024;

class InstallManagerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    platform_ = *FindPlatform("ISR4321");
    Put(kOld);
    Put(kNew);
  }
  void Put(const std::string& name) {
    auto recipe = ImageRecipe::FromName(name, kBin);
    ASSERT_TRUE(recipe.ok());
    ASSERT_TRUE(Device::WriteGeneratedImage(flash_, name, *recipe).ok());
  }
  std::vector<std::string> Names() {
    std::vector<std::string> out;
    for (const FileInfo& f : *flash_.List("")) out.push_back(f.path);
    return out;
  }
  ManualClock clock_;
  const PlatformSpec* platform_ = nullptr;
  MemFlashStore flash_{clock_, 4 * 1024 * 1024, 4096};
  MemFlashStore env_{clock_, 1 << 20, 1};
  InstallManager m_{*FindPlatform("ISR4321").value(), flash_, env_, clock_};
};

TEST_F(InstallManagerTest, AddExpandsPackagesTakingAboutOnePointTwoTimesTheBundle) {
  const uint64_t before = flash_.Space().used;
  auto set = m_.Add(flash_, kNew);
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  EXPECT_EQ(set->version, "16.12.04");
  EXPECT_EQ(set->conf, "isr4300-universalk9.16.12.04.SPA.conf");
  ASSERT_EQ(set->packages.size(), 5u);
  EXPECT_EQ(set->packages[1], "isr4300-mono-universalk9.16.12.04.SPA.pkg");
  const uint64_t added = flash_.Space().used - before;
  // Packages plus provisioning file: 1.2x the bundle, so 2.2x in all with the .bin.
  EXPECT_GE(added, kBin * 12 / 10);
  EXPECT_LE(added, kBin * 12 / 10 + 8 * 4096);
  for (const std::string& p : set->packages) EXPECT_TRUE(flash_.Stat(p).ok()) << p;
  EXPECT_EQ(m_.state().StateOf("16.12.04"), SetState::kInactive);
  // The provisioning file lists exactly those packages and is consistent with them.
  auto check = CheckProvisionedSet(flash_, set->conf, *platform_);
  ASSERT_TRUE(check.ok()) << check.status().ToString();
  EXPECT_EQ(check->version, "16.12.04");
}

TEST_F(InstallManagerTest, AddWithoutRoomFailsAndLeavesFlashAsItWas) {
  MemFlashStore small(clock_, kBin * 2 + 16 * 1024, 4096);  // bundle + 1.2x does not fit
  auto recipe = ImageRecipe::FromName(kNew, kBin);
  ASSERT_TRUE(Device::WriteGeneratedImage(small, kNew, *recipe).ok());
  InstallManager m(*platform_, small, env_, clock_);
  const uint64_t used = small.Space().used;
  auto set = m.Add(small, kNew);
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.status().code(), ErrorCode::kNoSpace);
  EXPECT_NE(set.status().message().find("KB of free space, but only"), std::string::npos);
  EXPECT_EQ(small.Space().used, used);
  EXPECT_EQ(small.List("")->size(), 1u);
  EXPECT_TRUE(m.state().sets.empty());
}

TEST_F(InstallManagerTest, ActivateKeepsOldProvisioningFileAndCommitMakesItPermanent) {
  ASSERT_TRUE(m_.Add(flash_, kOld).ok());
  ASSERT_TRUE(m_.Activate("16.09.06", std::nullopt).ok());  // shipped: committed at once
  EXPECT_EQ(m_.state().committed, "16.09.06");
  const std::string old_conf = *ReadWholeStoreFile(flash_, std::string(kPackagesConf));

  ASSERT_TRUE(m_.Add(flash_, kNew).ok());
  auto change = m_.Activate("16.12.04", std::chrono::minutes(120));
  ASSERT_TRUE(change.ok()) << change.status().ToString();
  EXPECT_EQ(change->removed.front(), "isr4300-rpboot.16.09.06.SPA.pkg");
  EXPECT_EQ(change->added.front(), "isr4300-rpboot.16.12.04.SPA.pkg");
  EXPECT_EQ(*ReadWholeStoreFile(flash_, std::string(kPackagesConfBackup)), old_conf);
  auto now = ProvisioningFile::Parse(*ReadWholeStoreFile(flash_, std::string(kPackagesConf)));
  ASSERT_TRUE(now.ok());
  EXPECT_EQ(now->version, "16.12.04");
  EXPECT_EQ(m_.state().StateOf("16.12.04"), SetState::kUncommitted);
  EXPECT_EQ(m_.state().StateOf("16.09.06"), SetState::kInactive);
  // A second activation waits for this one to end.
  EXPECT_EQ(m_.Activate("16.09.06", std::nullopt).status().code(), ErrorCode::kBusy);

  ASSERT_TRUE(m_.Commit().ok());
  EXPECT_EQ(m_.state().StateOf("16.12.04"), SetState::kCommitted);
  EXPECT_FALSE(m_.state().abort_at.has_value());
  EXPECT_EQ(m_.state().rollback_points.size(), 2u);
  EXPECT_EQ(m_.Commit().code(), ErrorCode::kNotFound);
}

TEST_F(InstallManagerTest, AutoAbortTimerRunsOnTheClockAndAbortRestoresTheCommittedSet) {
  ASSERT_TRUE(m_.Add(flash_, kOld).ok());
  ASSERT_TRUE(m_.Activate("16.09.06", std::nullopt).ok());
  ASSERT_TRUE(m_.Add(flash_, kNew).ok());
  ASSERT_TRUE(m_.Activate("16.12.04", kDefaultAutoAbort).ok());
  clock_.Advance(std::chrono::minutes(119));
  EXPECT_FALSE(m_.AbortDue(clock_.Now()));
  clock_.Advance(std::chrono::minutes(1));
  EXPECT_TRUE(m_.AbortDue(clock_.Now()));
  ASSERT_TRUE(m_.Abort().ok());
  EXPECT_FALSE(m_.AbortDue(clock_.Now()));
  auto conf = ProvisioningFile::Parse(*ReadWholeStoreFile(flash_, std::string(kPackagesConf)));
  ASSERT_TRUE(conf.ok());
  EXPECT_EQ(conf->version, "16.09.06");
  EXPECT_EQ(m_.state().StateOf("16.09.06"), SetState::kCommitted);
  EXPECT_EQ(m_.state().StateOf("16.12.04"), SetState::kInactive);
}

TEST_F(InstallManagerTest, StoppedTimerNeverExpiresAndStatePersists) {
  ASSERT_TRUE(m_.Add(flash_, kOld).ok());
  ASSERT_TRUE(m_.Activate("16.09.06", std::nullopt).ok());
  ASSERT_TRUE(m_.Add(flash_, kNew).ok());
  ASSERT_TRUE(m_.Activate("16.12.04", std::chrono::minutes(30)).ok());
  ASSERT_TRUE(m_.StopAbortTimer().ok());
  clock_.Advance(std::chrono::hours(48));
  EXPECT_FALSE(m_.AbortDue(clock_.Now()));
  InstallManager reloaded(*platform_, flash_, env_, clock_);
  ASSERT_TRUE(reloaded.Load().ok());
  EXPECT_EQ(reloaded.state().StateOf("16.12.04"), SetState::kUncommitted);
  EXPECT_EQ(reloaded.state().committed, "16.09.06");
}

TEST_F(InstallManagerTest, RemoveInactiveDeletesOldSetsAndBundlesButNotWhatRuns) {
  ASSERT_TRUE(m_.Add(flash_, kOld).ok());
  ASSERT_TRUE(m_.Activate("16.09.06", std::nullopt).ok());
  ASSERT_TRUE(m_.Add(flash_, kNew).ok());
  ASSERT_TRUE(m_.Activate("16.12.04", std::nullopt).ok());
  std::vector<std::string> files = m_.InactiveFiles("packages.conf");
  EXPECT_NE(std::find(files.begin(), files.end(), "isr4300-rpboot.16.09.06.SPA.pkg"), files.end());
  EXPECT_NE(std::find(files.begin(), files.end(), kOld), files.end());
  EXPECT_NE(std::find(files.begin(), files.end(), kNew), files.end());
  EXPECT_EQ(std::find(files.begin(), files.end(), "isr4300-rpboot.16.12.04.SPA.pkg"), files.end());
  EXPECT_EQ(std::find(files.begin(), files.end(), "packages.conf"), files.end());
  ASSERT_TRUE(m_.RemoveFiles(files).ok());
  EXPECT_FALSE(flash_.Stat(kOld).ok());
  EXPECT_TRUE(m_.InactiveFiles("packages.conf").empty());
  EXPECT_EQ(m_.state().sets.size(), 1u);
  EXPECT_TRUE(CheckProvisionedSet(flash_, kPackagesConf, *platform_).ok());
}

TEST_F(InstallManagerTest, ProvisionedSetFailsWhenAPackageIsMissingOrDamaged) {
  auto set = m_.Add(flash_, kNew);
  ASSERT_TRUE(set.ok());
  ASSERT_TRUE(flash_.FlipBit(set->packages[1], 1000).ok());
  auto bad = CheckProvisionedSet(flash_, set->conf, *platform_);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), ErrorCode::kCorrupt);
  ASSERT_TRUE(flash_.Delete(set->packages[1]).ok());
  bad = CheckProvisionedSet(flash_, set->conf, *platform_);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), ErrorCode::kNotFound);
  EXPECT_NE(bad.status().message().find(set->packages[1]), std::string::npos);
}

TEST_F(InstallManagerTest, StackMemberWithoutRoomFailsTheAddOnEveryMember) {
  MemFlashStore member2(clock_, 4 * 1024 * 1024, 4096);
  MemFlashStore member3(clock_, kBin * 2, 4096);  // the bundle fits; the bundle and packages do not
  m_.set_members({&member2, &member3});
  const size_t files = flash_.List("")->size();
  auto set = m_.Add(flash_, kNew);
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.status().code(), ErrorCode::kNoSpace);
  EXPECT_EQ(m_.failed_member(), 3);
  EXPECT_EQ(flash_.List("")->size(), files);  // nothing left on any member
  EXPECT_TRUE(member2.List("")->empty());
  EXPECT_TRUE(member3.List("")->empty());

  MemFlashStore roomy(clock_, 4 * 1024 * 1024, 4096);
  m_.set_members({&member2, &roomy});
  set = m_.Add(flash_, kNew);
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  EXPECT_EQ(m_.failed_member(), 0);
  for (MemFlashStore* m : {&member2, &roomy}) {
    EXPECT_TRUE(m->Stat(kNew).ok());  // synced to the member
    EXPECT_TRUE(CheckProvisionedSet(*m, set->conf, *platform_).ok());
  }
  ASSERT_TRUE(m_.Activate("16.12.04", std::nullopt).ok());
  auto conf = ProvisioningFile::Parse(*ReadWholeStoreFile(roomy, std::string(kPackagesConf)));
  ASSERT_TRUE(conf.ok());
  EXPECT_EQ(conf->version, "16.12.04");
}

TEST(ProvisioningFileTest, RoundTripsAndRejectsHandEdits) {
  ProvisioningFile f{.version = "17.09.04a", .image = "cat9k_iosxe.17.09.04a.SPA.bin",
                     .packages = {{"boot  rp 0 0   rp_boot", "cat9k-rpboot.17.09.04a.SPA.pkg"},
                                  {"iso   rp 0 0   rp_base", "cat9k-rpbase.17.09.04a.SPA.pkg"}}};
  auto parsed = ProvisioningFile::Parse(f.Render());
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->image, f.image);
  ASSERT_EQ(parsed->packages.size(), 2u);
  EXPECT_EQ(parsed->packages[1].role, f.packages[1].role);
  EXPECT_EQ(parsed->packages[1].file, f.packages[1].file);
  std::string edited = f.Render();
  edited.replace(edited.find("rpbase"), 6, "rpbasX");
  EXPECT_EQ(ProvisioningFile::Parse(edited).status().code(), ErrorCode::kCorrupt);
}

// The device side: install mode booted from packages.conf, the timer on the device's clock.
class InstallDeviceTest : public DeviceFixture {
 protected:
  void SetUp() override {
    r1_ = MakeDevice("ISR4321", {.name = "R1"});
    PutImage(*r1_, std::string("bootflash:") + kOld);
    PutImage(*r1_, std::string("bootflash:") + kNew);
    ASSERT_TRUE(r1_->ExpandShippedImage(kOld).ok());
    SetStartup(*r1_, {"boot system bootflash:packages.conf",
                      std::string("boot system bootflash:") + kOld});
    r1_->AddListener(&console_);
    r1_->PowerOn();
    ASSERT_EQ(r1_->state(), DeviceState::kRunning);
  }
  std::unique_ptr<Device> r1_;
  ConsoleCapture console_;
};

TEST_F(InstallDeviceTest, BootsPackagesConfInInstallMode) {
  EXPECT_TRUE(r1_->image().install_mode);
  EXPECT_EQ(r1_->image().path, "bootflash:packages.conf");
  EXPECT_EQ(r1_->image().version.Long(), "16.09.06");
  EXPECT_EQ(r1_->install().state().committed, "16.09.06");
}

TEST_F(InstallDeviceTest, UncommittedActivationRollsBackWhenTheTimerExpires) {
  InstallManager& m = r1_->install();
  ASSERT_TRUE(m.Add(*r1_->file_systems().primary().store, kNew).ok());
  ASSERT_TRUE(m.Activate("16.12.04", kDefaultAutoAbort).ok());
  r1_->Reload("Image Install", "install_mgr");
  ASSERT_EQ(r1_->state(), DeviceState::kRunning);
  EXPECT_EQ(r1_->image().version.Long(), "16.12.04");
  ASSERT_TRUE(r1_->NextDeadline().has_value());
  EXPECT_EQ(*r1_->NextDeadline(), *m.state().abort_at);
  clock_.Advance(std::chrono::minutes(119));
  r1_->Tick();
  EXPECT_EQ(r1_->image().version.Long(), "16.12.04");
  console_.Take();
  clock_.Advance(std::chrono::minutes(1));
  r1_->Tick();
  EXPECT_EQ(r1_->state(), DeviceState::kRunning);
  EXPECT_EQ(r1_->image().version.Long(), "16.09.06");
  EXPECT_EQ(m.state().StateOf("16.09.06"), SetState::kCommitted);
  const std::string out = console_.Take();
  EXPECT_NE(out.find("%INSTALL-5-INSTALL_START_INFO: R0/0: install_mgr: Started install abort"),
            std::string::npos);
  EXPECT_NE(out.find("%SYS-5-RELOAD"), std::string::npos);
}

TEST_F(InstallDeviceTest, CommittedActivationSurvivesTheTimer) {
  InstallManager& m = r1_->install();
  ASSERT_TRUE(m.Add(*r1_->file_systems().primary().store, kNew).ok());
  ASSERT_TRUE(m.Activate("16.12.04", kDefaultAutoAbort).ok());
  r1_->Reload("Image Install", "install_mgr");
  ASSERT_TRUE(m.Commit().ok());
  clock_.Advance(std::chrono::hours(5));
  r1_->Tick();
  EXPECT_EQ(r1_->image().version.Long(), "16.12.04");
}

TEST_F(InstallDeviceTest, DeletedPackageFailsTheBootAndTheNextStatementRuns) {
  ASSERT_TRUE(Store("bootflash").Delete("isr4300-mono-universalk9.16.09.06.SPA.pkg").ok());
  console_.Take();
  r1_->Reload("Reload Command", "console");
  ASSERT_EQ(r1_->state(), DeviceState::kRunning);
  EXPECT_FALSE(r1_->image().install_mode);
  EXPECT_EQ(r1_->image().path, std::string("bootflash:") + kOld);
  EXPECT_NE(console_.Take().find("isr4300-mono-universalk9.16.09.06.SPA.pkg is missing"),
            std::string::npos);
}

TEST_F(InstallDeviceTest, RommonBootsPackagesConfAndRefusesABrokenSet) {
  ASSERT_TRUE(r1_->SetConfigRegister(0x2100).ok());  // boot field 0: stay in ROMMON
  r1_->Reload("Reload Command", "console");
  ASSERT_EQ(r1_->state(), DeviceState::kRomMonitor);
  auto statement = ParseBootStatement("bootflash:packages.conf");
  ASSERT_TRUE(statement.ok());
  EXPECT_TRUE(r1_->MonitorBoot({*statement}));
  EXPECT_EQ(r1_->state(), DeviceState::kRunning);
  EXPECT_TRUE(r1_->image().install_mode);

  ASSERT_TRUE(Store("bootflash").FlipBit("isr4300-rpboot.16.09.06.SPA.pkg", 100).ok());
  r1_->Reload("Reload Command", "console");
  ASSERT_EQ(r1_->state(), DeviceState::kRomMonitor);
  console_.Take();
  EXPECT_FALSE(r1_->MonitorBoot({*statement}));
  EXPECT_EQ(r1_->state(), DeviceState::kRomMonitor);
  EXPECT_NE(console_.Take().find("isr4300-rpboot.16.09.06.SPA.pkg failed validation"),
            std::string::npos);
}

}  // namespace
}  // namespace iosup
