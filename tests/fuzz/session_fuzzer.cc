// libFuzzer target: random bytes typed at the console of an emulated ISR4321, with the clock
// moving between inputs. Anything but a crash, a sanitizer report or a hang is acceptable.
#include <cstddef>
#include <cstdint>
#include <memory>

#include "device/commands/device_line_service.h"
#include "frontend/console_line.h"
#include "testing/manual_clock.h"
#include "testing/mem_store_provider.h"

namespace {

class NullTerminal : public iosup::cli::Terminal {
 public:
  void Write(std::string_view b) override { bytes_ += b.size(); }
  size_t bytes_ = 0;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace iosup;
  ManualClock clock;
  MemStoreProvider stores(clock);
  auto device = Device::Create(**FindPlatform(size > 0 && (data[0] & 1) ? "C2960" : "ISR4321"),
                               {.name = "FUZZ"}, clock, stores);
  if (!device.ok()) return 0;
  Device& d = **device;
  (void)d.ProvisionFactoryDefaults([](FlashStore& s, const std::string& p, const ImageRecipe& r) {
    ImageRecipe small = r;
    small.size = 4096;
    return Device::WriteGeneratedImage(s, p, small);
  });
  NullTerminal term;
  DeviceLineService lines(d);
  ConsoleLine console(lines, term);
  d.PowerOn();
  console.Activate();
  // 0xFF bytes advance the clock a minute instead of being typed (scheduled reloads fire).
  size_t start = 0;
  for (size_t i = 0; i <= size; ++i) {
    if (i == size || data[i] == 0xFF) {
      console.Input(std::string_view(reinterpret_cast<const char*>(data) + start, i - start));
      clock.Advance(std::chrono::minutes(1));
      d.Tick();
      start = i + 1;
    }
  }
  return 0;
}
