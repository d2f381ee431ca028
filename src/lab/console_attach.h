// `iosup console`'s body: attaches this process's terminal (stdin, stdout) to the console of a
// device of a running lab, through the lab's console socket (networked_lab.h).
#ifndef IOSUP_LAB_CONSOLE_ATTACH_H_
#define IOSUP_LAB_CONSOLE_ATTACH_H_

#include <string>

namespace iosup {

// Raw mode; bytes both ways. Keys: Ctrl-] then q (or '.', or Ctrl-] again) leaves; Ctrl-] then
// b sends a BREAK, i.e. ConsoleLine::kBreakByte (Ctrl-\), which also works typed directly. When
// input ends (a script piped in), answers are relayed until the console is quiet for a second.
// Returns the exit status: 0 when the user leaves, 1 when the socket cannot be reached (reason
// on stderr) or the lab closes it.
int AttachConsole(const std::string& lab_dir, const std::string& device);

}  // namespace iosup

#endif  // IOSUP_LAB_CONSOLE_ATTACH_H_
