#include "upgrade/lost_device_probe.h"

#include <poll.h>
#include <unistd.h>

#include "platform/unix_socket.h"

namespace iosup::upgrade {

Result<std::string> ProbeConsolePrompt(const std::string& path, Duration wait) {
  Result<int> connected = ConnectUnixStream(path);
  if (!connected.ok()) {
    return Status(connected.status().code(), "console " + connected.status().message());
  }
  const int fd = *connected;
  auto close_fd = [fd] { close(fd); };
  (void)!write(fd, "\r", 1);
  std::string text;
  const auto deadline = std::chrono::steady_clock::now() + wait;
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{.fd = fd, .events = POLLIN};
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (poll(&p, 1, static_cast<int>(std::max<int64_t>(left.count(), 0))) <= 0) break;
    char buf[4096];
    const ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0) break;
    text.append(buf, static_cast<size_t>(n));
    if (text.size() > 65536) text.erase(0, text.size() - 65536);
  }
  close_fd();
  // The last non-empty line.
  size_t end = text.find_last_not_of(" \r\n");
  if (end == std::string::npos) return NotFound("the console printed nothing");
  size_t begin = text.find_last_of("\r\n", end);
  begin = begin == std::string::npos ? 0 : begin + 1;
  return text.substr(begin, end - begin + 1);
}

}  // namespace iosup::upgrade
