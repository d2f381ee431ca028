// The lab of seed 001: NetsTuts_R1, an ISR4321 running IOS-XE 16.09.06 from bootflash:, and
// NetsTuts_SW1, a Catalyst 2960 running 15.2(7)E6 from flash:, on 192.168.1.0/24 with the TFTP
// server at 192.168.1.100 (an address that exists only in the lab's address map).
#ifndef IOSUP_LAB_SEED_LAB_H_
#define IOSUP_LAB_SEED_LAB_H_

#include <string>
#include <vector>

#include "device/device.h"

namespace iosup {

struct SeedDevice {
  std::string name;      // lab name: "R1", "SW1"
  std::string platform;  // catalog id
  std::string hostname;  // as the seed's prompts show it
  // Global lines and (section, child) lines applied over the factory config on first start.
  std::vector<std::string> global_lines;
  std::vector<std::pair<std::string, std::string>> section_lines;
  std::string target_image;  // the image the seed upgrades to
  uint64_t target_size;
};

const std::vector<SeedDevice>& SeedLabDevices();
inline constexpr const char* kSeedTftpServer = "192.168.1.100";

// On a device fresh from ProvisionFactoryDefaults, applies the seed's configuration and saves
// it. Idempotent: a device whose startup-config already names the seed hostname is left alone.
Status ApplySeedConfig(Device& device, const SeedDevice& seed);

}  // namespace iosup

#endif  // IOSUP_LAB_SEED_LAB_H_
