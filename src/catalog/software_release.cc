#include "catalog/software_release.h"

#include <array>

#include "base/digest.h"

namespace iosup {

namespace {

struct Known {
  const char* version;  // long form
  const char* fc;
  const char* compiled;
  int year;
};

// Seed 001 prints 16.12.04 as "(fc5)" compiled "Sun 05-Jan-20 13:48 by mcpre".
constexpr std::array kKnown = {
    Known{"16.09.06", "fc3", "Thu 27-Aug-20 22:23 by mcpre", 2020},
    Known{"16.12.04", "fc5", "Sun 05-Jan-20 13:48 by mcpre", 2020},
    Known{"15.2(7)E6", "fc3", "Sat 08-Jan-22 04:55 by mcpre", 2022},
    Known{"15.2(7)E9", "fc3", "Thu 30-Jun-23 04:08 by mcpre", 2023},
    Known{"15.4(3)M2", "fc2", "Fri 06-Feb-15 15:30 by prod_rel_team", 2015},
    Known{"15.2(4)E8", "fc1", "Mon 22-Apr-19 03:33 by prod_rel_team", 2019},
    Known{"17.06.05", "fc2", "Thu 20-Jul-23 01:24 by mcpre", 2023},
    Known{"17.09.04a", "fc3", "Mon 11-Sep-23 20:15 by mcpre", 2023},
};

struct Train {
  int major, minor;
  const char* name;
};
constexpr std::array kTrains = {
    Train{16, 3, "Denali"},   Train{16, 4, "Everest"},   Train{16, 5, "Everest"},
    Train{16, 6, "Everest"},  Train{16, 7, "Fuji"},      Train{16, 8, "Fuji"},
    Train{16, 9, "Fuji"},     Train{16, 10, "Gibraltar"}, Train{16, 11, "Gibraltar"},
    Train{16, 12, "Gibraltar"}, Train{17, 1, "Amsterdam"}, Train{17, 2, "Amsterdam"},
    Train{17, 3, "Amsterdam"}, Train{17, 4, "Bengaluru"}, Train{17, 5, "Bengaluru"},
    Train{17, 6, "Bengaluru"}, Train{17, 7, "Cupertino"}, Train{17, 8, "Cupertino"},
    Train{17, 9, "Cupertino"}, Train{17, 10, "Dublin"},   Train{17, 11, "Dublin"},
    Train{17, 12, "Dublin"},
};

}  // namespace

SoftwareRelease ReleaseInfo(const SoftwareVersion& v) {
  SoftwareRelease r;
  if (v.scheme == SoftwareVersion::Scheme::kXe) {
    for (const Train& t : kTrains) {
      if (t.major == v.major && t.minor == v.minor) r.train = t.name;
    }
  }
  const std::string id = v.Long();
  for (const Known& k : kKnown) {
    if (id == k.version) {
      r.fc = k.fc;
      r.compiled = k.compiled;
      r.year = k.year;
      return r;
    }
  }
  // Unknown release: derive stable values from the version string.
  static constexpr const char* kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::string h = DigestHex(DigestKind::kMd5, id);
  const unsigned n = static_cast<unsigned>(std::stoul(h.substr(0, 8), nullptr, 16));
  r.year = v.scheme == SoftwareVersion::Scheme::kXe ? 2000 + v.major + 2 : 2010 + v.minor * 2;
  if (r.year > 2025) r.year = 2025;
  r.fc = "fc" + std::to_string(1 + n % 4);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s %02u-%s-%02d %02u:%02u by mcpre", kDays[n % 7], 1 + n % 28,
                kMonths[(n / 7) % 12], r.year % 100, (n / 11) % 24, (n / 13) % 60);
  r.compiled = buf;
  return r;
}

}  // namespace iosup
