// What a device's own output (the boot banners, `show version`) says about it, as values: the
// Device fills them (Device::board_facts, Device::system_facts) and the renderers print them, so
// no renderer needs the Device.
#ifndef IOSUP_DEVICE_BOARD_FACTS_H_
#define IOSUP_DEVICE_BOARD_FACTS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "device/boot_sequence.h"
#include "catalog/platform_catalog.h"

namespace iosup {

// The hardware: the platform (static data, never null) and the board's identity.
struct BoardFacts {
  const PlatformSpec* platform = nullptr;
  std::string serial_number;  // "FDO2213A0BC"
  std::string mac_address;    // "00:25:83:6c:c3:80"
};

// Everything `show version` prints, read at the moment it is shown.
struct SystemFacts {
  BoardFacts board;
  RunningImage image;
  std::string hostname;
  WallTime now;
  WallTime booted_at;
  std::optional<WallTime> last_reload_at;
  std::string last_reload_reason;
  uint16_t config_register = 0;       // in effect since boot
  uint16_t next_config_register = 0;  // for the next boot
  int stack_members = 1;              // switches of a stack, 1 when standalone
  // The release members 2..N run (index 0 is switch 2); the stack's own unless in V-Mismatch.
  std::vector<std::string> member_versions;
};

}  // namespace iosup

#endif  // IOSUP_DEVICE_BOARD_FACTS_H_
