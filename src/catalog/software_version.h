// A Cisco software version in either numbering scheme:
//   IOS-XE dotted  16.12.04, 17.09.04a, 03.08.02.S   (long form keeps two-digit fields)
//   classic IOS    15.2(7)E9, 12.2(55)SE12, 15.4(3)M2
#ifndef IOSUP_CATALOG_SOFTWARE_VERSION_H_
#define IOSUP_CATALOG_SOFTWARE_VERSION_H_

#include <compare>
#include <string>
#include <string_view>

#include "base/status.h"

namespace iosup {

struct SoftwareVersion {
  enum class Scheme { kXe, kClassic };
  Scheme scheme = Scheme::kClassic;
  int major = 0;
  int minor = 0;
  int maint = 0;        // XE: third field; classic: the number in parentheses
  std::string train;    // classic: "E", "SE", "M"; XE 3.x: "S"; else empty
  int rebuild = 0;      // classic: number after the train (E9 -> 9)
  std::string letter;   // trailing letter: 17.09.04a -> "a"; 15.2(4)E10a -> "a"

  // "16.12.04" / "03.08.02.S" / "15.2(7)E9": what `show version` prints first.
  std::string Long() const;
  // "16.12.4" / "3.8.2S" / "15.2(7)E9": the IOS-daemon line's form.
  std::string Short() const;
  // "16.12" / "15.2": the release family used for train names and compile dates.
  std::string Release() const;

  auto operator<=>(const SoftwareVersion&) const = default;
};

// Parses the display forms above (long or short) and the file-name form of classic versions
// ("152-7.E9"). Rejects anything else rather than guessing.
Result<SoftwareVersion> ParseSoftwareVersion(std::string_view text);

}  // namespace iosup

#endif  // IOSUP_CATALOG_SOFTWARE_VERSION_H_
