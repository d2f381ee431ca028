// Puts a terminal in raw mode (no line buffering, no echo, no signals from Ctrl-C/Ctrl-Z) for
// as long as the object lives, so every keystroke reaches the emulated console as on a serial
// line. Does nothing when the file descriptor is not a terminal.
#ifndef IOSUP_PLATFORM_RAW_TERMINAL_H_
#define IOSUP_PLATFORM_RAW_TERMINAL_H_

#include <termios.h>

namespace iosup {

class RawTerminal {
 public:
  explicit RawTerminal(int fd);
  ~RawTerminal();
  RawTerminal(const RawTerminal&) = delete;
  RawTerminal& operator=(const RawTerminal&) = delete;
  bool active() const { return active_; }

 private:
  int fd_;
  bool active_ = false;
  termios saved_{};
};

}  // namespace iosup

#endif  // IOSUP_PLATFORM_RAW_TERMINAL_H_
