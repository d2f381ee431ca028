// `show access-lists [NAME]` / `show ip access-lists [NAME]`: the IPv4 access lists of a
// configuration as IOS lists them, named (`ip access-list standard|extended NAME`) and numbered
// (`access-list N ...`), in configuration order:
//   Standard IP access list NAME
//       10 permit 10.1.1.0, wildcard bits 0.0.0.255
//       20 permit 10.2.2.2
//       30 deny   any
//   Extended IP access list NAME
//       10 permit tcp host 10.1.1.1 any eq www
// A standard entry's action is padded to "permit"'s width and its wildcard spelt out; an
// extended entry reads as configured. Remarks are not listed. Entries of a numbered list are
// numbered 10, 20, ... in their order, as IOS does. No hit counters: the emulator forwards no
// traffic through ACLs.
#ifndef IOSUP_DEVICE_ACCESS_LISTS_VIEW_H_
#define IOSUP_DEVICE_ACCESS_LISTS_VIEW_H_

#include <string>
#include <string_view>

#include "device/config.h"

namespace iosup {

// Every list of `config`, or only the one named `name` (empty when there is none).
std::string ShowAccessLists(const Config& config, std::string_view name = "");

}  // namespace iosup

#endif  // IOSUP_DEVICE_ACCESS_LISTS_VIEW_H_
