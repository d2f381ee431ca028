#include "lab/seed_lab.h"

#include <gtest/gtest.h>

#include "device/show_version.h"
#include "lab/lab_storage.h"
#include "testing/manual_clock.h"
#include "testing/temp_dir.h"

namespace iosup {
namespace {

// Small stand-ins for the seeds' 520 MB / 12 MB images keep the test fast; sizes do not change
// any code path.
Status SmallInstall(LabStorage& lab, FlashStore& store, const std::string& path,
                    const ImageRecipe& recipe) {
  ImageRecipe small = recipe;
  small.size = 100000;
  return lab.InstallImage(store, path, small);
}

TEST(SeedLab, BuildsBootsAndPersistsBothDevices) {
  TempDir dir;
  ManualClock clock;
  for (int start = 0; start < 2; ++start) {  // second start: everything comes from disk
    auto lab = LabStorage::Open(dir.path(), clock);
    ASSERT_TRUE(lab.ok());
    for (const SeedDevice& seed : SeedLabDevices()) {
      auto device = (*lab)->OpenDevice(**FindPlatform(seed.platform), {.name = seed.name});
      ASSERT_TRUE(device.ok()) << device.status().ToString();
      Device& d = **device;
      ASSERT_TRUE(d.ProvisionFactoryDefaults([&](FlashStore& s, const std::string& p,
                                                 const ImageRecipe& r) {
                     return SmallInstall(**lab, s, p, r);
                   }).ok());
      ASSERT_TRUE(ApplySeedConfig(d, seed).ok());
      d.PowerOn();
      ASSERT_EQ(d.state(), DeviceState::kRunning) << seed.name;
      EXPECT_FALSE(d.RunningDiffersFromStartup());
      EXPECT_EQ(d.hostname(), seed.hostname);
      EXPECT_EQ(d.running_config().boot_statements().size(), 1u);
      const std::string v = ShowVersion(d);
      if (seed.name == "R1") {
        EXPECT_NE(v.find("Version 16.09.06"), std::string::npos);
        EXPECT_EQ(d.running_config().interface("GigabitEthernet0/0/0")->ip_address, "192.168.1.1");
      } else {
        EXPECT_NE(v.find("Version 15.2(7)E6"), std::string::npos);
      }
    }
  }
}

TEST(LabStorage, SameImageOnManyDevicesIsGeneratedOnce) {
  TempDir dir;
  ManualClock clock;
  auto lab = LabStorage::Open(dir.path(), clock);
  ASSERT_TRUE(lab.ok());
  const PlatformSpec& c2960 = **FindPlatform("C2960");
  std::vector<std::unique_ptr<Device>> devices;
  for (int i = 0; i < 5; ++i) {
    auto d = (*lab)->OpenDevice(c2960, {.name = "SW" + std::to_string(i)});
    ASSERT_TRUE(d.ok());
    ASSERT_TRUE((*d)->ProvisionFactoryDefaults([&](FlashStore& s, const std::string& p,
                                                   const ImageRecipe& r) {
                       return SmallInstall(**lab, s, p, r);
                     }).ok());
    devices.push_back(std::move(*d));
  }
  int image_blobs = 0;
  for (auto& e : std::filesystem::recursive_directory_iterator(dir.path() + "/blobs")) {
    if (e.is_regular_file() && e.file_size() == 100000) ++image_blobs;
  }
  EXPECT_EQ(image_blobs, 1);
  EXPECT_FALSE((*lab)->OpenDevice(c2960, {.name = "../escape"}).ok());
}

}  // namespace
}  // namespace iosup
