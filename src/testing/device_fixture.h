// Builds emulated devices on memory stores with a manual clock, and writes small generated images
// into them, so device tests read like the seeds' procedures.
#ifndef IOSUP_TESTING_DEVICE_FIXTURE_H_
#define IOSUP_TESTING_DEVICE_FIXTURE_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "device/device.h"
#include "testing/manual_clock.h"
#include "testing/mem_store_provider.h"

namespace iosup {

// For Device::ProvisionFactoryDefaults: writes each factory image generated at `bytes` bytes
// instead of its real size.
inline Device::ImageInstaller SmallImages(uint64_t bytes) {
  return [bytes](FlashStore& store, const std::string& path, const ImageRecipe& recipe) {
    ImageRecipe small = recipe;
    small.size = bytes;
    return Device::WriteGeneratedImage(store, path, small);
  };
}

class DeviceFixture : public ::testing::Test {
 protected:
  // Small images: the emulator checks them exactly as it checks real-sized ones.
  static constexpr uint64_t kImageBytes = 64 * 1024;

  std::unique_ptr<Device> MakeDevice(const std::string& platform_id, DeviceOptions options = {}) {
    Result<const PlatformSpec*> platform = FindPlatform(platform_id);
    EXPECT_TRUE(platform.ok());
    if (options.name.empty()) options.name = "dut";
    auto device = Device::Create(**platform, options, clock_, stores_);
    EXPECT_TRUE(device.ok()) << device.status().ToString();
    return device.ok() ? std::move(*device) : nullptr;
  }

  // Writes a generated image named `name` at `url` ("bootflash:x.bin").
  void PutImage(Device& d, const std::string& url, const std::string& name = "") {
    auto where = d.file_systems().Resolve(url);
    ASSERT_TRUE(where.ok()) << url;
    std::string file = name.empty() ? std::string(SplitParent(where->path).second) : name;
    auto recipe = ImageRecipe::FromName(file, kImageBytes);
    ASSERT_TRUE(recipe.ok()) << recipe.status().ToString();
    ASSERT_TRUE(Device::WriteGeneratedImage(*where->store, where->path, *recipe).ok());
  }

  // The startup-config of `d` becomes `lines` (global lines, boot statements included).
  void SetStartup(Device& d, const std::vector<std::string>& lines) {
    Config c;
    for (const std::string& l : lines) {
      if (l.starts_with("boot system ")) {
        c.AddBootStatement(*ParseBootStatement(l.substr(12)));
      } else {
        c.SetLine(l);
      }
    }
    d.running_config() = c;
    ASSERT_TRUE(d.SaveRunningConfig().ok());
  }

  MemFlashStore& Store(const std::string& name) { return *stores_.store(name); }

  ManualClock clock_;
  MemStoreProvider stores_{clock_};
};

// Collects everything a device prints.
class ConsoleCapture : public DeviceListener {
 public:
  void OnConsole(std::string_view text) override { text_ += text; }
  void OnStateChanged(DeviceState s) override { states_.push_back(s); }
  std::string Take() { return std::exchange(text_, {}); }
  const std::vector<DeviceState>& states() const { return states_; }

 private:
  std::string text_;
  std::vector<DeviceState> states_;
};

}  // namespace iosup

#endif  // IOSUP_TESTING_DEVICE_FIXTURE_H_
