#include "lab/console_attach.h"

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <memory>
#include <string>

#include "frontend/console_line.h"
#include "lab/networked_lab.h"
#include "platform/raw_terminal.h"
#include "platform/unix_socket.h"

namespace iosup {

namespace {

constexpr char kEscape = 0x1d;  // Ctrl-]

bool WriteAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

// Returns the connected socket, or -1 with the reason printed.
int Connect(const std::string& path) {
  Result<int> fd = ConnectUnixStream(path);
  if (fd.ok()) return *fd;
  if (fd.status().code() == ErrorCode::kInvalidArgument) {
    std::cerr << "iosup console: " << fd.status().message() << "\n";
  } else {
    std::cerr << "iosup console: cannot reach " << fd.status().message()
              << " (is `iosup lab` running with this device?)\n";
  }
  return -1;
}

// Keystrokes from the user to the console, with the escape commands. Returns false to leave.
class KeyFilter {
 public:
  bool Filter(std::string_view in, std::string& out) {
    for (char c : in) {
      if (!escaped_) {
        if (c == kEscape) escaped_ = true;
        else out += c;
        continue;
      }
      escaped_ = false;
      if (c == 'b' || c == 'B') out += ConsoleLine::kBreakByte;
      else if (c == 'q' || c == 'Q' || c == '.' || c == kEscape) return false;
    }
    return true;
  }

 private:
  bool escaped_ = false;
};

// Relays until the user leaves (true) or the lab closes the console (false). When input ends
// (a script piped into `iosup console`), the device's answers are still relayed until the
// console has been quiet for a second.
bool Relay(int sock) {
  constexpr int kQuietAfterInputMs = 1000;
  KeyFilter keys;
  pollfd fds[2] = {{STDIN_FILENO, POLLIN, 0}, {sock, POLLIN, 0}};
  char buf[4096];
  for (;;) {
    const int timeout = fds[0].fd < 0 ? kQuietAfterInputMs : -1;
    const int ready = ::poll(fds, 2, timeout);
    if (ready < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    if (ready == 0) return true;  // input ended and the console went quiet
    if (fds[1].revents & (POLLIN | POLLHUP | POLLERR)) {
      ssize_t n = ::read(sock, buf, sizeof buf);
      if (n <= 0 || !WriteAll(STDOUT_FILENO, {buf, static_cast<size_t>(n)})) return false;
    }
    if (fds[0].fd >= 0 && (fds[0].revents & (POLLIN | POLLHUP))) {
      ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
      if (n <= 0) {
        fds[0].fd = -1;  // end of input: poll() ignores negative descriptors
        continue;
      }
      std::string out;
      const bool stay = keys.Filter({buf, static_cast<size_t>(n)}, out);
      if (!WriteAll(sock, out)) return false;
      if (!stay) return true;
    }
  }
}

}  // namespace

int AttachConsole(const std::string& lab_dir, const std::string& device) {
  int sock = Connect(ConsoleSocketPath(lab_dir, device));
  if (sock < 0) return 1;
  bool left;
  {
    RawTerminal raw(STDIN_FILENO);
    WriteAll(STDOUT_FILENO, "[iosup: console of " + device +
                                "; Ctrl-] q leaves, Ctrl-] b sends BREAK]\r\n");
    left = Relay(sock);
  }
  ::close(sock);
  std::cout << (left ? "\n" : "\n[iosup: console closed by the lab]\n");
  return left ? 0 : 1;
}

}  // namespace iosup
