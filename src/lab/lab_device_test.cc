#include "lab/lab_device.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "base/digest.h"
#include "device/image_format.h"
#include "device/vty_login.h"
#include "device/login_guard.h"
#include "device/show_version.h"
#include "testing/manual_clock.h"
#include "testing/temp_dir.h"

namespace iosup {
namespace {

// The seeds' devices with small stand-ins for their 520 MB / 12 MB images: sizes change no path.
std::vector<DeviceDefinition> SmallSeedDevices() {
  std::vector<DeviceDefinition> devices = SeedTopology().devices;
  for (DeviceDefinition& d : devices) d.image_size = 100000;
  return devices;
}

TEST(LabDevice, SeedDevicesBootConfiguredAndPersist) {
  TempDir dir;
  ManualClock clock;
  for (int start = 0; start < 2; ++start) {  // second start: everything comes from disk
    auto lab = LabStorage::Open(dir.path(), clock);
    ASSERT_TRUE(lab.ok());
    for (const DeviceDefinition& def : SmallSeedDevices()) {
      auto device = (*lab)->OpenDevice(**FindPlatform(def.platform), {.name = def.name});
      ASSERT_TRUE(device.ok()) << device.status().ToString();
      Device& d = **device;
      ASSERT_TRUE(ProvisionLabDevice(**lab, d, def).ok());
      const std::string version = def.name == "R1" ? "version 16.9\n" : "version 15.2\n";
      EXPECT_NE(d.ReadStartupText()->find("!\n" + version), std::string::npos)
          << *d.ReadStartupText();
      d.PowerOn();
      ASSERT_EQ(d.state(), DeviceState::kRunning) << def.name;
      EXPECT_FALSE(d.RunningDiffersFromStartup());
      // Word for word, as Ansible's `save_when: modified` compares them.
      EXPECT_EQ(d.RenderRunning(), *d.ReadStartupText());
      EXPECT_EQ(d.hostname(), def.hostname);
      ASSERT_EQ(d.running_config().boot_statements().size(), 1u);
      EXPECT_EQ(d.running_config().interface(def.interface)->ip_address, def.address);
      EXPECT_FALSE(d.running_config().interface(def.interface)->shutdown);
      EXPECT_TRUE(d.running_config().scp_server_enabled());
      // A real 2960's flash holds vlan.dat beside its image; a router's has none.
      EXPECT_EQ(d.file_systems().primary().store->Stat("vlan.dat").ok(), def.name == "SW1")
          << def.name;
      EXPECT_EQ(*VtyLogin(d.running_config(), "admin", "cisco"), 15);
      EXPECT_FALSE(VtyLogin(d.running_config(), "admin", "wrong").ok());
      // The lab's defaults against abuse, in the configuration an operator reads.
      const std::string running = d.RenderRunning();
      EXPECT_NE(running.find("\nlogin block-for 15 attempts 10 within 60\n"), std::string::npos)
          << running;
      EXPECT_NE(running.find("\nip ssh time-out 30\n"), std::string::npos) << running;
      EXPECT_EQ(SshPolicyOf(d.running_config()).timeout_seconds, 30);
      ASSERT_TRUE(LoginBlockPolicyOf(d.running_config()));
      EXPECT_EQ(LoginBlockPolicyOf(d.running_config())->attempts, 10);
      const std::string v = ShowVersion(d.system_facts());
      EXPECT_NE(v.find(def.name == "R1" ? "Version 16.09.06" : "Version 15.2(7)E6"),
                std::string::npos);
    }
  }
}

TEST(LabDevice, ProvisioningLeavesAConfiguredDeviceAlone) {
  TempDir dir;
  ManualClock clock;
  auto lab = LabStorage::Open(dir.path(), clock);
  DeviceDefinition def = SmallSeedDevices()[1];
  auto device = (*lab)->OpenDevice(**FindPlatform(def.platform), {.name = def.name});
  ASSERT_TRUE(ProvisionLabDevice(**lab, **device, def).ok());
  (*device)->running_config().SetLine("hostname CHANGED");
  ASSERT_TRUE((*device)->SaveRunningConfig().ok());
  ASSERT_TRUE(ProvisionLabDevice(**lab, **device, def).ok());
  EXPECT_NE((*device)->ReadStartupText()->find("hostname CHANGED"), std::string::npos);
}

// A lab killed during copies left their staging files behind forever (1.2 GB after four kills);
// the next start removes every one no manifest names and no running process writes.
TEST(LabStorage, StartRemovesStagingFilesOfKilledRuns) {
  TempDir dir;
  ManualClock clock;
  std::filesystem::create_directories(dir.path() + "/staging");
  const std::string dead = dir.path() + "/staging/w-999999999-00000000000000aa";
  std::ofstream(dead) << std::string(4096, 'x');
  auto lab = LabStorage::Open(dir.path(), clock);
  ASSERT_TRUE(lab.ok());
  EXPECT_FALSE(std::filesystem::exists(dead));
}

TEST(LabStorage, SameImageOnManyDevicesIsGeneratedOnce) {
  TempDir dir;
  ManualClock clock;
  auto lab = LabStorage::Open(dir.path(), clock);
  ASSERT_TRUE(lab.ok());
  DeviceDefinition def{.name = "SW", .platform = "C2960", .hostname = "SW", .image_size = 100000};
  std::vector<std::unique_ptr<Device>> devices;
  for (int i = 0; i < 5; ++i) {
    def.name = "SW" + std::to_string(i);
    auto d = (*lab)->OpenDevice(**FindPlatform("C2960"), {.name = def.name});
    ASSERT_TRUE(d.ok());
    ASSERT_TRUE(ProvisionLabDevice(**lab, **d, def).ok());
    devices.push_back(std::move(*d));
  }
  int image_blobs = 0, vlan_blobs = 0;
  for (auto& e : std::filesystem::recursive_directory_iterator(dir.path() + "/blobs")) {
    if (e.is_regular_file() && e.file_size() == 100000) ++image_blobs;
    if (e.is_regular_file() && e.file_size() == 736) ++vlan_blobs;
  }
  EXPECT_EQ(image_blobs, 1);
  // Every switch has the factory VLAN database, linked from one blob.
  EXPECT_EQ(vlan_blobs, 1);
  for (auto& d : devices) {
    Result<std::string> vlan = ReadWholeStoreFile(*d->file_systems().primary().store, "vlan.dat");
    ASSERT_TRUE(vlan.ok());
    ASSERT_EQ(vlan->size(), 736u);
    EXPECT_EQ((*vlan)[1], static_cast<char>(8));  // byte i is i * 7 + 1
  }
  EXPECT_TRUE(std::filesystem::is_empty(dir.path() + "/staging"));
  EXPECT_FALSE((*lab)->OpenDevice(**FindPlatform("C2960"), {.name = "../escape"}).ok());
}

// An image prepared off the provisioning thread is the generator's, stored once under its
// recipe, with its check already noted (the first boot reads nothing again), and leaves no
// staging file behind; a recipe the lab holds already is not generated again.
TEST(LabStorage, PreparedImagesAreGeneratedOnceOffThreadAndLinked) {
  TempDir dir;
  ManualClock clock;
  auto lab = LabStorage::Open(dir.path(), clock);
  ASSERT_TRUE(lab.ok());
  DeviceDefinition def{.name = "R1", .platform = "ISR4321", .hostname = "R1", .image_size = 200000};
  const ImageRecipe recipe = *LabDeviceImage(def, **FindPlatform("ISR4321"));
  ASSERT_TRUE((*lab)->PrepareImages({recipe}).ok());
  ASSERT_TRUE((*lab)->PrepareImages({recipe}).ok());  // already being generated: once
  auto r1 = (*lab)->OpenDevice(**FindPlatform("ISR4321"), {.name = "R1"});
  ASSERT_TRUE(r1.ok());
  ASSERT_TRUE(ProvisionLabDevice(**lab, **r1, def).ok());

  std::optional<std::string> blob = (*lab)->blobs().Named(recipe.Key());
  ASSERT_TRUE(blob.has_value());
  std::string generated;
  ASSERT_TRUE(GenerateImage(recipe, [&](std::span<const uint8_t> c) {
                generated.append(reinterpret_cast<const char*>(c.data()), c.size());
                return Status::Ok();
              }).ok());
  std::ifstream in((*lab)->blobs().BlobPath(*blob), std::ios::binary);
  EXPECT_EQ(std::string((std::istreambuf_iterator<char>(in)), {}), generated);
  EXPECT_EQ(*blob, DigestHex(DigestKind::kSha256, generated));
  std::optional<std::string> note = (*lab)->blobs().Note(*blob, kImageCheckNote);
  ASSERT_TRUE(note.has_value());
  std::optional<ImageCheck> check = ImageCheck::Decode(*note);
  ASSERT_TRUE(check.has_value());
  EXPECT_TRUE(check->good());
  EXPECT_EQ(check->version, "16.09.06");
  EXPECT_EQ((**r1).file_systems().primary().store->Stat(recipe.file_name)->size, 200000u);
  EXPECT_TRUE(std::filesystem::is_empty(dir.path() + "/staging"));

  ASSERT_TRUE((*lab)->PrepareImages({recipe}).ok());  // held: nothing to generate
  EXPECT_TRUE(std::filesystem::is_empty(dir.path() + "/staging"));
  (**r1).PowerOn();
  EXPECT_EQ((**r1).state(), DeviceState::kRunning);
  EXPECT_EQ((**r1).image().path, "bootflash:" + recipe.file_name);
}

// A Catalyst 9300 ships in install mode: its packages are generated once per lab whatever the
// number of switches, and each boots packages.conf.
TEST(LabStorage, InstallModeSwitchesSharePackageContent) {
  TempDir dir;
  ManualClock clock;
  auto lab = LabStorage::Open(dir.path(), clock);
  ASSERT_TRUE(lab.ok());
  constexpr uint64_t kBundle = 1000000;
  DeviceDefinition def{.name = "SW", .platform = "C9300", .hostname = "SW", .image_size = kBundle};
  std::vector<std::unique_ptr<Device>> devices;
  for (int i = 0; i < 4; ++i) {
    def.name = "SW" + std::to_string(i);
    auto d = (*lab)->OpenDevice(**FindPlatform("C9300"), {.name = def.name});
    ASSERT_TRUE(d.ok());
    ASSERT_TRUE(ProvisionLabDevice(**lab, **d, def).ok());
    (*d)->PowerOn();
    ASSERT_EQ((*d)->state(), DeviceState::kRunning);
    EXPECT_TRUE((*d)->image().install_mode);
    EXPECT_EQ((*d)->image().path, "flash:packages.conf");
    EXPECT_EQ((*d)->running_config().boot_statements().front().path, "flash:packages.conf");
    devices.push_back(std::move(*d));
  }
  uint64_t blob_bytes = 0;
  for (auto& e : std::filesystem::recursive_directory_iterator(dir.path() + "/blobs")) {
    if (e.is_regular_file()) blob_bytes += e.file_size();
  }
  // One bundle and one set of packages (1.2x), plus small files: not four of each.
  EXPECT_GE(blob_bytes, kBundle * 22 / 10);
  EXPECT_LT(blob_bytes, kBundle * 22 / 10 + 400000);
}

TEST(Topology, Cat9300IsABuiltInChoiceWithItsTargetStaged) {
  auto t = BuiltinTopology("cat9300");
  ASSERT_TRUE(t.ok());
  ASSERT_EQ(t->devices.size(), 1u);
  EXPECT_EQ(t->devices[0].platform, "C9300");
  ASSERT_EQ(t->servers.size(), 1u);
  EXPECT_EQ(t->servers[0].files[0].name, "cat9k_iosxe.17.09.04a.SPA.bin");
  EXPECT_GT(t->servers[0].files[0].size, 1000000000u);
  auto fleet = FleetTopology("C9300", 3);
  ASSERT_TRUE(fleet.ok());
  bool staged = false;
  for (const ServedFile& f : fleet->servers[0].files) staged |= f.name == "cat9k_iosxe.17.09.04a.SPA.bin";
  EXPECT_TRUE(staged);
  EXPECT_FALSE(BuiltinTopology("nope").ok());
  auto stack = BuiltinTopology("cat9300-stack");
  ASSERT_TRUE(stack.ok());
  EXPECT_EQ(stack->devices[0].name, "STACK1");
  EXPECT_EQ(stack->devices[0].stack, 3);
  EXPECT_FALSE(ParseTopology("devices:\n  - {name: R, platform: ISR4321, mode: sideways}\n").ok());
}

TEST(Topology, StacksAreCatalyst9300sOr3750XsOfTwoToEightWithMembersThatDiffer) {
  auto t = ParseTopology(
      "devices:\n"
      "  - name: S\n    platform: C9300\n    stack: 2\n"
      "    members:\n"
      "      - {switch: 3, version: 17.03.04}\n"
      "      - {switch: 2, join_delay: 300, priority: 9, flash_bytes: 1000000000}\n");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  const DeviceDefinition& s = t->devices[0];
  EXPECT_EQ(s.stack, 3);  // the highest member named
  ASSERT_EQ(s.members.size(), 2u);
  EXPECT_EQ(s.members[0].version, "17.03.04");
  EXPECT_EQ(s.members[1].join_delay, std::chrono::seconds(300));
  EXPECT_EQ(s.members[1].flash_bytes, 1000000000u);
  EXPECT_TRUE(ParseTopology("devices:\n  - {name: S, platform: C3750, stack: 4}\n").ok());
  EXPECT_FALSE(ParseTopology("devices:\n  - {name: S, platform: C9300, stack: 9}\n").ok());
  EXPECT_FALSE(ParseTopology("devices:\n  - {name: R, platform: ISR4321, stack: 2}\n").ok());
  EXPECT_FALSE(ParseTopology("devices:\n  - {name: S, platform: C2960, stack: 2}\n").ok());
  EXPECT_FALSE(ParseTopology("devices:\n  - name: S\n    platform: C9300\n    members: [{switch: 1}]\n").ok());
}

// A stack in a lab: every member's flash holds the shipped release, and the stack boots all
// members from packages.conf.
TEST(LabStorage, StackMembersShipWithTheImageAndPackages) {
  TempDir dir;
  ManualClock clock;
  auto lab = LabStorage::Open(dir.path(), clock);
  ASSERT_TRUE(lab.ok());
  DeviceDefinition def{.name = "ST", .platform = "C9300", .hostname = "ST", .image_size = 1000000, .stack = 3};
  auto d = (*lab)->OpenDevice(**FindPlatform("C9300"), {.name = def.name, .stack_members = 3});
  ASSERT_TRUE(d.ok());
  ASSERT_TRUE(ProvisionLabDevice(**lab, **d, def).ok());
  (*d)->PowerOn();
  ASSERT_EQ((*d)->state(), DeviceState::kRunning);
  EXPECT_EQ((*d)->running_config().boot_statements().front().ConfigLine(),
            "boot system switch all flash:packages.conf");
  for (const char* f : {"flash-2:packages.conf", "flash-3:cat9k_iosxe.17.06.05.SPA.bin"}) {
    auto where = (*d)->file_systems().Resolve(f);
    ASSERT_TRUE(where.ok()) << f;
    EXPECT_TRUE(where->store->Stat(where->path).ok()) << f;
  }
}

}  // namespace
}  // namespace iosup
