// The one place where error values become IOS's words: "(No such file or directory)",
// "(Not enough space on device)", ...
#ifndef IOSUP_DEVICE_IOS_ERRORS_H_
#define IOSUP_DEVICE_IOS_ERRORS_H_

#include <string>

#include "base/status.h"

namespace iosup {

// The parenthesised reason IOS prints after "%Error opening flash:/x".
std::string IosReason(const Status& status);

}  // namespace iosup

#endif  // IOSUP_DEVICE_IOS_ERRORS_H_
