// The interface views in IOS's layouts, from the device's derived interface state
// (interface_model.h), its configuration and its counters: `show interfaces [IF]`,
// `show ip interface [IF]`, `show interfaces status` (switches) and the interface names IOS
// abbreviates in its tables.
#ifndef IOSUP_DEVICE_SHOW_INTERFACES_H_
#define IOSUP_DEVICE_SHOW_INTERFACES_H_

#include <string>
#include <string_view>

#include "device/device.h"

namespace iosup {

// "Gi0/0/1" for "GigabitEthernet0/0/1", as IOS's tables print names.
std::string ShortInterfaceName(std::string_view name);
// `show interfaces` (every interface) or `show interfaces IF` (`only` non-empty).
std::string ShowInterfaces(const Device& d, const std::string& only = "");
std::string ShowIpInterface(const Device& d, const std::string& only = "");
// Switches: one row per physical port (connected / notconnect / disabled).
std::string ShowInterfacesStatus(const Device& d);

}  // namespace iosup

#endif  // IOSUP_DEVICE_SHOW_INTERFACES_H_
