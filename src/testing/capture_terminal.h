// A terminal for device-command tests: keeps what the session wrote without carriage returns,
// as a person reads it, so expectations can be written with plain "\n".
#ifndef IOSUP_TESTING_CAPTURE_TERMINAL_H_
#define IOSUP_TESTING_CAPTURE_TERMINAL_H_

#include <string>
#include <string_view>
#include <utility>

#include "cli/session.h"

namespace iosup {

class CaptureTerminal : public cli::Terminal {
 public:
  void Write(std::string_view b) override {
    for (char c : b) {
      if (c != '\r') out += c;
    }
  }
  // What was written since the last Take().
  std::string Take() { return std::exchange(out, {}); }
  std::string out;
};

}  // namespace iosup

#endif  // IOSUP_TESTING_CAPTURE_TERMINAL_H_
