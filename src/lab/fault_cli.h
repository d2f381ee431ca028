// `iosup fault`'s body: talks to the running lab in a lab directory through its control socket.
//   iosup fault list                 the active faults, one line each
//   iosup fault clear ID|all         ends one fault, or all
//   iosup fault kinds                what can be injected, with arguments
//   iosup fault TARGET KIND [ARGS]   injects one (TARGET: DEVICE, DEVICE->SERVER, DEVICE:INTERFACE)
#ifndef IOSUP_LAB_FAULT_CLI_H_
#define IOSUP_LAB_FAULT_CLI_H_

#include <string>
#include <vector>

namespace iosup {

// The JSON request (fault_control.h) for the words; kInvalidArgument's message as `error`
// otherwise.
std::string FaultWordsToRequest(const std::vector<std::string>& words, std::string* error);
// What `iosup fault` prints for the lab's answer, and its exit status (0 ok, 1 refused).
int PrintFaultAnswer(const std::string& answer, std::string& out);
// Runs the command against the lab in `lab_dir`: 0, 1 when the lab refused it, 2 for a usage
// error, 3 when no lab runs there.
int RunFaultCommand(const std::string& lab_dir, const std::vector<std::string>& words);

}  // namespace iosup

#endif  // IOSUP_LAB_FAULT_CLI_H_
