// The layer check's self-test (tests/CMakeLists.txt): upgrade/ must not include the emulator.
#include "base/status.h"
#include "device/device.h"
#include "upgrade/policy.h"
