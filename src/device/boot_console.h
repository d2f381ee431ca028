// What a device prints on its console while it boots: the bootstrap banner, each image tried and
// why it failed, the loader prompt when nothing boots, and the IOS banner when an image runs.
// Wording follows captures of ROMMON, the Catalyst boot loader and IOS.
#ifndef IOSUP_DEVICE_BOOT_CONSOLE_H_
#define IOSUP_DEVICE_BOOT_CONSOLE_H_

#include <string>

#include "device/boot_sequence.h"
#include "device/device.h"

namespace iosup {

// From power-on to the image starting (or the loader prompt).
std::string BootLoaderTranscript(const Device& device, const BootResult& result);
// From the image starting to "Press RETURN to get started!".
std::string IosStartupBanner(const Device& device);

}  // namespace iosup

#endif  // IOSUP_DEVICE_BOOT_CONSOLE_H_
