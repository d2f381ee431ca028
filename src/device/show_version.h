// `show version`, per platform style (IOS-XE router, ISR G2, Catalyst, Catalyst 9k), laid out so
// the ntc-templates cisco_ios_show_version template and Ansible/pyntc facts parse it.
#ifndef IOSUP_DEVICE_SHOW_VERSION_H_
#define IOSUP_DEVICE_SHOW_VERSION_H_

#include <string>

#include "device/board_facts.h"

namespace iosup {

// The software header: the first lines of `show version` and of the boot banner
// ("Cisco IOS XE Software, Version 16.09.06" ... "Compiled ... by mcpre").
std::string SoftwareHeader(const PlatformSpec& platform, const RunningImage& image);
// The hardware block: "cisco ISR4321/K9 (1RU) processor ..." through the flash lines.
std::string HardwareBlock(const BoardFacts& board);

std::string ShowVersion(const SystemFacts& system);
// "0x2102": a config-register value as IOS prints it.
std::string ConfigRegisterText(uint16_t value);
// "Configuration register is 0x2102" plus " (will be 0x2142 at next reload)" when pending.
std::string ConfigRegisterLine(uint16_t in_effect, uint16_t next);

}  // namespace iosup

#endif  // IOSUP_DEVICE_SHOW_VERSION_H_
