// For tests that start a real peer (a server binary, a Python server) on loopback: a free port
// to give it, and the child process, which dies with the test and is stopped with its object.
#ifndef IOSUP_TESTING_LOOPBACK_PEER_H_
#define IOSUP_TESTING_LOOPBACK_PEER_H_

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

namespace iosup {

// 127.0.0.1:`port` as a socket address.
inline sockaddr_in LoopbackAddress(uint16_t port = 0) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return a;
}

// A socket of `type` (SOCK_STREAM or SOCK_DGRAM, flags allowed) bound to 127.0.0.1 on a free
// port, which goes to `*port`; the caller closes it. -1 when the kernel refuses.
inline int BoundLoopbackSocket(int type, uint16_t* port = nullptr) {
  const int fd = ::socket(AF_INET, type, 0);
  sockaddr_in a = LoopbackAddress();
  socklen_t len = sizeof a;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
    if (fd >= 0) ::close(fd);
    return -1;
  }
  if (port) *port = ntohs(a.sin_port);
  return fd;
}

// A port on 127.0.0.1 free at the time of the call; `type` is SOCK_STREAM or SOCK_DGRAM.
inline uint16_t FreeLoopbackPort(int type) {
  uint16_t port = 0;
  const int fd = BoundLoopbackSocket(type, &port);
  if (fd >= 0) ::close(fd);
  return port;
}

// Whether something accepts TCP connections on 127.0.0.1:`port`.
inline bool TcpAccepting(uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  const sockaddr_in a = LoopbackAddress(port);
  const bool ok = ::connect(fd, reinterpret_cast<const sockaddr*>(&a), sizeof a) == 0;
  ::close(fd);
  return ok;
}

// A peer process (argv[0] is a path). Its output goes to /dev/null; it gets SIGKILL if the test
// dies, SIGTERM when the object goes. With `tcp_port`, the constructor waits (up to 5 s) until
// the port accepts connections; otherwise it gives the peer 150 ms to bind.
class PeerProcess {
 public:
  explicit PeerProcess(std::vector<std::string> argv, uint16_t tcp_port = 0) {
    std::vector<char*> args;
    for (std::string& a : argv) args.push_back(a.data());
    args.push_back(nullptr);
    pid_ = ::fork();
    if (pid_ == 0) {  // only async-signal-safe calls until exec
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      int null = ::open("/dev/null", O_WRONLY);
      ::dup2(null, 1);
      ::dup2(null, 2);
      ::execv(args[0], args.data());
      ::_exit(127);
    }
    if (tcp_port == 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(150));
      return;
    }
    for (int i = 0; i < 100 && running() && !TcpAccepting(tcp_port); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  ~PeerProcess() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
  }
  PeerProcess(const PeerProcess&) = delete;
  PeerProcess& operator=(const PeerProcess&) = delete;
  bool running() const { return pid_ > 0 && ::waitpid(pid_, nullptr, WNOHANG) == 0; }

 private:
  pid_t pid_ = -1;
};

}  // namespace iosup

#endif  // IOSUP_TESTING_LOOPBACK_PEER_H_
