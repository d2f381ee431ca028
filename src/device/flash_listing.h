// File-system listings: `dir` (every platform, "Directory of flash:/" layout) and `show flash:`
// (the platform's listing style: ISR "-#- --length--" or the Catalyst `dir` layout).
#ifndef IOSUP_DEVICE_FLASH_LISTING_H_
#define IOSUP_DEVICE_FLASH_LISTING_H_

#include <string>

#include "base/status.h"
#include "catalog/platform_catalog.h"
#include "device/file_systems.h"

namespace iosup {

// `dir <where>`: lists the directory `where.path` ("" = root). kNotFound / kNotDirectory when
// there is no such directory.
Result<std::string> DirListing(const ResolvedPath& where, const PlatformSpec& platform);
// `show flash:` / `show bootflash:` in the platform's style.
Result<std::string> ShowFlash(const ResolvedPath& where, const PlatformSpec& platform);

}  // namespace iosup

#endif  // IOSUP_DEVICE_FLASH_LISTING_H_
