// Starts the network front-ends (SSH with SCP, telnet, console socket) of every device of a lab.
#ifndef IOSUP_LAB_NETWORKED_LAB_H_
#define IOSUP_LAB_NETWORKED_LAB_H_

#include <string>

#include "lab/http_api.h"
#include "lab/lab_host.h"

namespace iosup {

// Each device keeps the ports saved in LAB/ports.yaml (port_assignment.h); a device without
// saved ports gets 2201+i / 2301+i in a small lab, else the kernel's pick; a saved or chosen port
// that is taken falls back to the kernel's pick (said on stderr for a saved one). The ports in
// use are saved back before it returns.
Status AttachLabFrontends(LabHost& host);
// The lab's control socket (LAB/control.sock, control_socket.h): `iosup fault` reaches the
// lab's fault injector through it. Kept by the host.
Status AttachLabControl(LabHost& host);
// The lab's HTTP listener (`iosup lab --http`, http_api.h), each request run on the lab's loop;
// kept by the host. Returns the port it listens on.
Result<uint16_t> AttachLabHttpApi(LabHost& host, const LabHttpApi::Options& options);
// LabHost::Start with every device's front-ends and the control socket attached: the lab people
// and tools reach.
Result<std::unique_ptr<LabHost>> StartNetworkedLab(const Topology& topology, LabHost::Options options,
                                                   const Clock& clock);
// Where a networked lab in `lab_dir` serves `device`'s console: LAB_DIR/console/DEVICE.sock.
std::string ConsoleSocketPath(const std::string& lab_dir, const std::string& device);
// One line per device: platform, lab address, and the ssh / telnet / console commands that reach
// it; then the servers and the lab's credentials.
void PrintLabEndpoints(LabHost& host);

}  // namespace iosup

#endif  // IOSUP_LAB_NETWORKED_LAB_H_
