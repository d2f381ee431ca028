// What a release prints about itself beyond its number: the train name in brackets, the fc
// build, the compile line, the copyright year. Known releases come from a table; others get
// stable values derived from the version, so output never changes between runs.
#ifndef IOSUP_CATALOG_SOFTWARE_RELEASE_H_
#define IOSUP_CATALOG_SOFTWARE_RELEASE_H_

#include <string>

#include "catalog/software_version.h"

namespace iosup {

struct SoftwareRelease {
  std::string train;     // "Fuji", "Gibraltar"; empty for classic IOS
  std::string fc;        // "fc3"
  std::string compiled;  // "Thu 27-Aug-20 22:23 by mcpre"
  int year = 2020;       // copyright end year
};

SoftwareRelease ReleaseInfo(const SoftwareVersion& v);

}  // namespace iosup

#endif  // IOSUP_CATALOG_SOFTWARE_RELEASE_H_
