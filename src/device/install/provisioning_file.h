// The provisioning file of install mode (packages.conf, and the per-release copy
// "cat9k_iosxe.17.09.04a.SPA.conf" that `install add` leaves beside it): which packages make up
// the software set, in boot order. A digest line covers the rest, so a file edited by hand or
// torn fails to parse, as IOS-XE refuses a packages.conf whose sha1sum line does not match.
#ifndef IOSUP_DEVICE_INSTALL_PROVISIONING_FILE_H_
#define IOSUP_DEVICE_INSTALL_PROVISIONING_FILE_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace iosup {

struct ProvisionedPackage {
  std::string role;  // "iso   rp 0 0   rp_base"
  std::string file;  // "cat9k-rpbase.17.09.04a.SPA.pkg"
};

struct ProvisioningFile {
  std::string version;  // long form of the release: "17.09.04a"
  std::string image;    // the bundle it was expanded from: "cat9k_iosxe.17.09.04a.SPA.bin"
  std::vector<ProvisionedPackage> packages;

  std::string Render() const;
  // kCorrupt when the digest line is missing or does not match, or a line is malformed.
  static Result<ProvisioningFile> Parse(std::string_view text);
};

// The provisioning file a device boots in install mode, and the name IOS-XE keeps the previous
// one under while an activation is not committed.
inline constexpr std::string_view kPackagesConf = "packages.conf";
inline constexpr std::string_view kPackagesConfBackup = "packages.conf.00-";

// "cat9k_iosxe.17.09.04a.SPA.bin" -> "cat9k_iosxe.17.09.04a.SPA.conf".
std::string ConfNameFor(std::string_view image);

}  // namespace iosup

#endif  // IOSUP_DEVICE_INSTALL_PROVISIONING_FILE_H_
