// The layer check's self-test: catalog/ includes only base/.

#include <string>

#include "device/commands/device_session.h"
