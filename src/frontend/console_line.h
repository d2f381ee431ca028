// A device's console port: everything the device prints goes to the terminal; once IOS is up,
// RETURN starts an EXEC session on "con 0"; `exit` ends it ("con0 is now available"); a reload
// ends it and the boot output follows. Bytes in, bytes out: the local console, the lab's console
// socket and golden-transcript tests all drive this same class.
#ifndef IOSUP_FRONTEND_CONSOLE_LINE_H_
#define IOSUP_FRONTEND_CONSOLE_LINE_H_

#include <memory>
#include <string>

#include "cli/session.h"
#include "device/commands/device_session.h"
#include "device/device.h"

namespace iosup {

class ConsoleLine : public DeviceListener {
 public:
  // `device` and `terminal` must outlive the console line.
  ConsoleLine(Device& device, cli::Terminal& terminal);
  ~ConsoleLine() override;

  void Input(std::string_view bytes);
  // Starts an EXEC session now, as if RETURN had been pressed (tests, `iosup device`).
  void Activate();
  DeviceSession* session() { return session_.get(); }

  void OnConsole(std::string_view text) override;
  void OnStateChanged(DeviceState state) override;

 private:
  // Adapts the session's Close() (exit/logout) to the console's "is now available".
  class SessionTerminal : public cli::Terminal {
   public:
    explicit SessionTerminal(ConsoleLine& line) : line_(line) {}
    void Write(std::string_view b) override { line_.terminal_.Write(b); }
    void Close() override { line_.session_closed_ = true; }

   private:
    ConsoleLine& line_;
  };

  void WriteRaw(std::string_view text);  // "\n" -> "\r\n"
  void EndSession();
  void ReapIfClosed();

  Device& device_;
  cli::Terminal& terminal_;
  SessionTerminal session_terminal_{*this};
  std::unique_ptr<DeviceSession> session_;
  bool session_closed_ = false;
  bool in_input_ = false;
  bool end_pending_ = false;
};

}  // namespace iosup

#endif  // IOSUP_FRONTEND_CONSOLE_LINE_H_
