// Renderers for the remaining `show` views: boot variables (Catalyst "BOOT path-list" and router
// "BOOT variable =" forms), file systems, running/startup configuration headers, interfaces,
// scheduled reload.
#ifndef IOSUP_DEVICE_SHOW_SYSTEM_H_
#define IOSUP_DEVICE_SHOW_SYSTEM_H_

#include <string>

#include "device/device.h"

namespace iosup {

std::string ShowBoot(const Device& d);     // per platform style
std::string ShowBootvar(const Device& d);  // router form
std::string ShowFileSystems(const Device& d);
// `show running-config [all|full|brief]`: `all` adds IOS's defaults; `full` and `brief` print
// what the plain form does (the emulator holds no certificates or encrypted data to leave out).
std::string ShowRunningConfig(const Device& d, bool defaults = false);
// `show running-config interface X` and the like: one section (empty when there is none).
std::string ShowRunningSection(const Device& d, const std::string& header);
// `show running-config class-map|policy-map [NAME]`: every section of that kind (named NAME).
std::string ShowRunningSections(const Device& d, const std::string& kind, const std::string& name);
std::string ShowStartupConfig(const Device& d);
std::string ShowIpInterfaceBrief(const Device& d);
std::string ShowReload(const Device& d);

}  // namespace iosup

#endif  // IOSUP_DEVICE_SHOW_SYSTEM_H_
