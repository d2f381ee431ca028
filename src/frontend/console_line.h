// A device's console port: everything the device prints goes to the terminal; once IOS is up,
// RETURN starts an EXEC session on "con 0"; `exit` ends it ("con0 is now available"); a reload
// ends it and the boot output follows. In the ROM monitor the console runs the monitor's own
// command line (`rommon N >` / `switch:`); when IOS starts without a configuration the console
// answers the initial configuration dialog. Bytes in, bytes out: the local console, the lab's
// console socket and golden-transcript tests all drive this same class.
//
// BREAK: a telnet front-end calls Break(); on a byte stream the byte kBreakByte (Ctrl-\, 0x1C)
// is taken as BREAK while the device boots (and typed as nothing otherwise).
#ifndef IOSUP_FRONTEND_CONSOLE_LINE_H_
#define IOSUP_FRONTEND_CONSOLE_LINE_H_

#include <memory>
#include <string>
#include <vector>

#include "cli/line_editor.h"
#include "cli/session.h"
#include "device/line_service.h"

namespace iosup {

class ConsoleLine : public DeviceListener {
 public:
  static constexpr char kBreakByte = 0x1C;

  // `device` and `terminal` must outlive the console line.
  ConsoleLine(LineService& device, cli::Terminal& terminal);
  ~ConsoleLine() override;

  void Input(std::string_view bytes);
  // A BREAK on the line (telnet IAC BRK, a serial break): aborts a boot into the ROM monitor.
  void Break();
  // Starts the session the device's state calls for, as if RETURN had been pressed: an EXEC
  // session once IOS is up (tests, `iosup device`), the monitor's command line in ROMMON.
  void Activate();
  // The IOS EXEC session, when one is open (null in the ROM monitor).
  cli::Session* session() { return exec_; }
  // Whichever session is open (EXEC or monitor), or null.
  cli::Session* active_session() { return session_.get(); }

  void OnConsole(std::string_view text) override;
  void OnStateChanged(DeviceState state) override;

 private:
  // Adapts one session's Close() (exit/logout) to the console's "is now available".
  class SessionTerminal : public cli::Terminal {
   public:
    explicit SessionTerminal(ConsoleLine& line) : line_(line) {}
    void Write(std::string_view b) override {
      if (!closed) line_.terminal_.Write(b);
    }
    void Close() override { closed = true; }
    bool closed = false;

   private:
    ConsoleLine& line_;
  };

  void WriteRaw(std::string_view text);  // "\n" -> "\r\n"
  void OpenSession(bool monitor);
  // Silences the open session; it is destroyed once the input being processed returns.
  void RetireSession();
  void ReapIfClosed();
  void FeedSetupDialog(char c);

  LineService& device_;
  cli::Terminal& terminal_;
  std::unique_ptr<SessionTerminal> session_terminal_;
  std::unique_ptr<cli::Session> session_;
  cli::Session* exec_ = nullptr;  // session_ when it is an EXEC session
  std::vector<std::unique_ptr<cli::Session>> retired_;
  std::vector<std::unique_ptr<SessionTerminal>> retired_terminals_;
  cli::LineEditor setup_editor_;  // the answer to the initial configuration dialog
  int input_depth_ = 0;
};

}  // namespace iosup

#endif  // IOSUP_FRONTEND_CONSOLE_LINE_H_
