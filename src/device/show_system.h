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
std::string ShowRunningConfig(const Device& d);
std::string ShowStartupConfig(const Device& d);
std::string ShowIpInterfaceBrief(const Device& d);
std::string ShowReload(const Device& d);

}  // namespace iosup

#endif  // IOSUP_DEVICE_SHOW_SYSTEM_H_
