// Whether a provisioning file can be booted: every package it lists is present beside it,
// complete, intact (its internal checksum) and built for the platform and for the file's
// release. What a boot from packages.conf checks before IOS-XE starts.
#ifndef IOSUP_DEVICE_INSTALL_PACKAGE_CHECK_H_
#define IOSUP_DEVICE_INSTALL_PACKAGE_CHECK_H_

#include <string>
#include <string_view>

#include "base/flash_store.h"
#include "base/status.h"
#include "catalog/platform_catalog.h"

namespace iosup {

struct ProvisionedRelease {
  std::string family;   // "cat9k"
  std::string version;  // "17.09.04a"
  std::string image;    // the bundle it came from
};

// kCorrupt for a damaged provisioning file or package, kNotFound for a missing package,
// kInvalidArgument for a package of another platform or release; the message names the file.
// Package checks are remembered as content notes, so a set is hashed once per lab.
Result<ProvisionedRelease> CheckProvisionedSet(FlashStore& store, std::string_view conf_path,
                                               const PlatformSpec& platform);

// Whether `path` names a provisioning file rather than a bundle.
inline bool IsProvisioningPath(std::string_view path) { return path.ends_with(".conf"); }

}  // namespace iosup

#endif  // IOSUP_DEVICE_INSTALL_PACKAGE_CHECK_H_
