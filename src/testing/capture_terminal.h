// Terminals for tests that keep what a session wrote: CaptureTerminal without carriage returns,
// as a person reads it, so expectations can be written with plain "\n"; RawCaptureTerminal
// byte for byte, for tests of the line endings themselves ("\r\n").
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
      if (c != '\r' || keep_carriage_returns_) out += c;
    }
  }
  // What was written since the last Take().
  std::string Take() { return std::exchange(out, {}); }
  std::string out;

 protected:
  bool keep_carriage_returns_ = false;
};

class RawCaptureTerminal : public CaptureTerminal {
 public:
  RawCaptureTerminal() { keep_carriage_returns_ = true; }
};

}  // namespace iosup

#endif  // IOSUP_TESTING_CAPTURE_TERMINAL_H_
