#include "frontend/console_port.h"

namespace iosup {

ConsolePort::ConsolePort(LineService& device) : line_(device, tap_) {}

Result<uint64_t> ConsolePort::Attach(Sink sink) {
  if (sink_) return Busy("console in use");
  sink_ = std::move(sink);
  if (!backlog_.empty()) sink_(std::exchange(backlog_, {}));
  return ++ticket_;
}

void ConsolePort::Detach(uint64_t ticket) {
  if (ticket == ticket_) sink_ = nullptr;
}

void ConsolePort::Output(std::string_view bytes) {
  if (sink_) return sink_(bytes);
  backlog_ += bytes;
  if (backlog_.size() > kBacklogBytes) backlog_.erase(0, backlog_.size() - kBacklogBytes);
}

}  // namespace iosup
