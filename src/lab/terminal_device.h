// `iosup device`'s body: one emulated device with its console on this process's terminal, for
// practising the seeds' procedure by hand. A new state directory starts the device as shipped;
// an existing one resumes where it was. Ctrl-] (or the end of input) leaves.
#ifndef IOSUP_LAB_TERMINAL_DEVICE_H_
#define IOSUP_LAB_TERMINAL_DEVICE_H_

#include <string>
#include <vector>

namespace iosup {

struct TerminalDeviceOptions {
  std::string platform = "ISR4321";
  std::string state;  // state directory
  std::string name;   // default: the platform's id
  bool realistic = false;
  std::string tftp_root;                       // serve this directory as the lab's TFTP server
  std::string tftp_address = "192.168.1.100";  // ... at this lab address
  std::vector<std::string> maps;               // LAB=127.0.0.1:PORT for TFTP servers elsewhere
};

// Runs until the user leaves. Returns the exit status: 0 when the user left, 2 for an unknown
// platform or a bad network option, 1 when the device cannot be opened (reason on stderr).
int RunTerminalDevice(const TerminalDeviceOptions& options);

}  // namespace iosup

#endif  // IOSUP_LAB_TERMINAL_DEVICE_H_
