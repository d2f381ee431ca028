// What a device prints on its console while it boots: the bootstrap banner, each image tried and
// why it failed, the loader prompt when nothing boots, and the IOS banner when an image runs.
// Wording follows captures of ROMMON, the Catalyst boot loader and IOS.
#ifndef IOSUP_DEVICE_BOOT_CONSOLE_H_
#define IOSUP_DEVICE_BOOT_CONSOLE_H_

#include <string>

#include "device/boot_sequence.h"
#include "device/device.h"

namespace iosup {

// From power-on to the image starting, or to where the monitor's prompt follows (the prompt
// itself is the monitor command line's: LoaderSession).
std::string BootLoaderTranscript(const Device& device, const BootResult& result);
// A `boot` typed at the monitor prompt: each image tried, no banner and no autoboot wording.
std::string MonitorBootTranscript(const Device& device, const BootResult& result);
// A BREAK that aborted a boot, before the monitor's prompt.
std::string BreakTranscript(const Device& device);
// The switch loader's `flash_init`.
std::string FlashInitTranscript(const Device& device);
// From the image starting to "Press RETURN to get started!", or to the initial configuration
// dialog's question when the device came up without a startup-config.
std::string IosStartupBanner(const Device& device);
// What follows the console's answer to that question (`enter`: it answered yes).
std::string SetupDialogAnswer(bool enter);

}  // namespace iosup

#endif  // IOSUP_DEVICE_BOOT_CONSOLE_H_
