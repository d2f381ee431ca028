// IOS standard access lists, as far as a source address is concerned: numbered
// (`access-list 10 permit 10.0.0.0 0.0.0.255`, `... host A`, `... any`) and named
// (`ip access-list standard NAME` with `[seq] permit|deny ...` lines). Entries are tried in order;
// an address no entry matches is denied (IOS's implicit deny). IPv4 only.
#ifndef IOSUP_DEVICE_STANDARD_ACL_H_
#define IOSUP_DEVICE_STANDARD_ACL_H_

#include <string>
#include <string_view>

#include "device/config.h"

namespace iosup {

// Whether ACL `name` (a number or a name) of `config` permits source `address` (dotted quad).
// An ACL that does not exist, or an address that is not IPv4, is denied.
bool StandardAclPermits(const Config& config, const std::string& name, const std::string& address);

// A standard entry as IOS stores it: `permit host A` and `permit A 0.0.0.0` are `permit A`.
// A leading sequence number is kept; other text is returned as given.
std::string CanonicalStandardEntry(std::string_view entry);

}  // namespace iosup

#endif  // IOSUP_DEVICE_STANDARD_ACL_H_
