// A device's console port shared by the front-ends that expose it (the lab's Unix socket, a
// reverse-telnet console): owns the ConsoleLine and the terminal it writes to, and lets one
// client at a time attach. While nobody is attached, the last kBacklogBytes the console printed
// are kept and replayed to the next client (so a late attach still sees the end of a boot).
// Not thread-safe: use on the device's io_context thread.
#ifndef IOSUP_FRONTEND_CONSOLE_PORT_H_
#define IOSUP_FRONTEND_CONSOLE_PORT_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "frontend/console_line.h"

namespace iosup {

class ConsolePort {
 public:
  static constexpr size_t kBacklogBytes = 4096;
  using Sink = std::function<void(std::string_view)>;

  // `device` must outlive the port. The console line starts at once (it sees the boot).
  explicit ConsolePort(LineService& device);
  ConsolePort(const ConsolePort&) = delete;
  ConsolePort& operator=(const ConsolePort&) = delete;

  ConsoleLine& line() { return line_; }
  // Makes `sink` the client: it first receives the backlog, then everything the console prints.
  // Returns a ticket for Detach(); kBusy when another client is attached.
  Result<uint64_t> Attach(Sink sink);
  // Ends attachment `ticket` (a stale ticket does nothing).
  void Detach(uint64_t ticket);
  bool attached() const { return static_cast<bool>(sink_); }

 private:
  class Tap : public cli::Terminal {
   public:
    explicit Tap(ConsolePort& port) : port_(port) {}
    void Write(std::string_view bytes) override { port_.Output(bytes); }

   private:
    ConsolePort& port_;
  };
  void Output(std::string_view bytes);

  Tap tap_{*this};
  ConsoleLine line_;
  Sink sink_;
  uint64_t ticket_ = 0;
  std::string backlog_;
};

}  // namespace iosup

#endif  // IOSUP_FRONTEND_CONSOLE_PORT_H_
