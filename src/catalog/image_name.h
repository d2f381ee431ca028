// The anatomy of a Cisco image file name (seed 001, "IOS Image Filename Anatomy"):
//   isr4300-universalk9.16.12.04.SPA.bin        platform, feature set, k9, XE version, SPA
//   c2960-lanbasek9-mz.152-7.E9.bin             platform, feature set, k9, mz, 15.2(7)E9
//   c1900-universalk9-mz.SPA.154-3.M2.bin       ... with SPA before the version
//   cat9k_iosxe.17.09.04a.SPA.bin               Catalyst 9000 IOS-XE bundle
//   asr1001-universalk9.03.08.02.S.153-1.S2.bin XE 3.x with its IOS version
// Names that match none of these are reported as unknown, never guessed.
#ifndef IOSUP_CATALOG_IMAGE_NAME_H_
#define IOSUP_CATALOG_IMAGE_NAME_H_

#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "catalog/software_version.h"

namespace iosup {

struct ImageName {
  std::string file;           // the name parsed, without directories
  std::string platform;       // "isr4300", "c2960", "cat9k", "asr1001"
  std::string feature_set;    // "universal", "lanbase", "ipservices", "iosxe", "lite_iosxe"
  bool k9 = false;            // strong encryption (SSH, IPsec)
  bool npe = false;           // no payload encryption variant
  std::string format;         // "mz" (runs from RAM, compressed) or empty
  std::string software_type;  // "SPA" or empty
  SoftwareVersion version;    // the version the image runs (XE version for XE images)
  std::optional<SoftwareVersion> ios_version;  // XE 3.x names also carry the IOS version

  // Human explanation of each part, one per line, as seed 001 lays it out.
  std::string Explain() const;
};

Result<ImageName> ParseImageName(std::string_view file_name);

}  // namespace iosup

#endif  // IOSUP_CATALOG_IMAGE_NAME_H_
