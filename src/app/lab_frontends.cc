#include "app/lab_frontends.h"

namespace iosup {

// The SSH, telnet and console front-ends attach here once they exist; until then a lab is
// reached through its devices' consoles in-process only.
Status AttachLabFrontends(LabHost& host) { return Status::Ok(); }

}  // namespace iosup
