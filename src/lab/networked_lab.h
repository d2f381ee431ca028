// Starts the network front-ends (SSH with SCP, telnet, console socket) of every device of a lab.
#ifndef IOSUP_LAB_NETWORKED_LAB_H_
#define IOSUP_LAB_NETWORKED_LAB_H_

#include <string>

#include "lab/lab_host.h"

namespace iosup {

Status AttachLabFrontends(LabHost& host);
// LabHost::Start with every device's front-ends attached: the lab people and tools reach.
Result<std::unique_ptr<LabHost>> StartNetworkedLab(const Topology& topology, LabHost::Options options,
                                                   const Clock& clock);
// Where a networked lab in `lab_dir` serves `device`'s console: LAB_DIR/console/DEVICE.sock.
std::string ConsoleSocketPath(const std::string& lab_dir, const std::string& device);
// One line per device: platform, lab address, and the ssh / telnet / console commands that reach
// it; then the servers and the lab's credentials.
void PrintLabEndpoints(LabHost& host);

}  // namespace iosup

#endif  // IOSUP_LAB_NETWORKED_LAB_H_
