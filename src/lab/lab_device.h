// How a device of a lab is set up the first time it starts: its starting image (generated once
// per lab, linked into every device) and a configuration built from its definition. Used by the
// lab host and by `iosup demo`, so the seeds' devices are built one way only.
#ifndef IOSUP_LAB_LAB_DEVICE_H_
#define IOSUP_LAB_LAB_DEVICE_H_

#include <string>

#include "device/device.h"
#include "lab/lab_storage.h"
#include "lab/topology.h"

namespace iosup {

// The configuration a lab device starts with (hostname, credentials, vty login, management
// address, starting boot statement, extra lines).
Config LabDeviceConfig(const DeviceDefinition& def, const PlatformSpec& platform,
                       const std::string& boot_image_url);

// The image a device of `platform` defined as `def` starts with.
Result<ImageRecipe> LabDeviceImage(const DeviceDefinition& def, const PlatformSpec& platform);

// On a device without a startup-config (its first start): installs the starting image and saves
// LabDeviceConfig. A device that has one is left as it was.
Status ProvisionLabDevice(LabStorage& storage, Device& device, const DeviceDefinition& def);

}  // namespace iosup

#endif  // IOSUP_LAB_LAB_DEVICE_H_
