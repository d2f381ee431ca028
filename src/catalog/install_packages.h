// What an IOS-XE bundle (.bin) of a platform family expands into in install mode: its sub-packages
// (.pkg files named "<prefix>-<package>.<version>.SPA.pkg") and the share of the bundle's size
// each takes. The shares add up to 1200 per mille: with the .bin still on flash, an install add
// takes about 2.2 times the bundle's size in all, as on the devices.
#ifndef IOSUP_CATALOG_INSTALL_PACKAGES_H_
#define IOSUP_CATALOG_INSTALL_PACKAGES_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace iosup {

struct PackageRow {
  std::string_view name;  // "rpbase", "mono-universalk9"
  uint32_t per_mille;     // of the bundle's size
  std::string_view role;  // the provisioning line's type and slot: "iso  rp 0 0   rp_base"
};

struct PackageFamily {
  std::string_view family;  // image-name platform: "cat9k", "isr4300", "asr1001"
  std::string_view prefix;  // package-name prefix: "cat9k", "isr4300", "asr1001"
  std::span<const PackageRow> packages;
};

// Null for a family that has no install mode (classic IOS).
const PackageFamily* FindPackageFamily(std::string_view family);

// "cat9k-rpbase.17.09.04a.SPA.pkg"
std::string PackageFileName(const PackageFamily& f, const PackageRow& row,
                            std::string_view long_version);

}  // namespace iosup

#endif  // IOSUP_CATALOG_INSTALL_PACKAGES_H_
