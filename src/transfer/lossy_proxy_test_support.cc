#include "transfer/lossy_proxy_test_support.h"
#include "testing/loopback_peer.h"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <string>

namespace iosup::tftp {

namespace {

int BoundSocket(uint16_t* port) {
  const int fd = BoundLoopbackSocket(SOCK_DGRAM | SOCK_CLOEXEC, port);
  int buf = 4 << 20;
  ::setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &buf, sizeof buf);
  return fd;
}

}  // namespace

LossyProxy::LossyProxy(uint16_t server_port, Impairment impairment, uint32_t seed)
    : impairment_(impairment), rng_(seed) {
  client_fd_ = BoundSocket(&port_);
  server_fd_ = BoundSocket(nullptr);
  server_.sin_family = AF_INET;
  server_.sin_port = htons(server_port);
  server_.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  server_tid_ = server_;
  thread_ = std::thread([this] { Run(); });
}

LossyProxy::~LossyProxy() {
  stop_ = true;
  thread_.join();
  ::close(client_fd_);
  ::close(server_fd_);
}

void LossyProxy::Run() {
  using Clock = std::chrono::steady_clock;
  struct Held {
    bool to_server;
    std::string bytes;
  };
  std::multimap<Clock::time_point, Held> held;
  std::uniform_real_distribution<double> coin(0, 1);
  std::uniform_int_distribution<int> delay_ms(1, 20);
  auto send = [&](const Held& h) {
    const bool request = h.bytes.size() >= 2 && h.bytes[0] == 0 && (h.bytes[1] == 1 || h.bytes[1] == 2);
    const sockaddr_in& to = h.to_server ? (request ? server_ : server_tid_) : client_;
    ::sendto(h.to_server ? server_fd_ : client_fd_, h.bytes.data(), h.bytes.size(), 0,
             reinterpret_cast<const sockaddr*>(&to), sizeof to);
  };
  char buf[70000];
  while (!stop_) {
    int timeout = 5;
    pollfd fds[2] = {{client_fd_, POLLIN, 0}, {server_fd_, POLLIN, 0}};
    ::poll(fds, 2, timeout);
    for (int i = 0; i < 2; ++i) {
      for (;;) {
        sockaddr_in from{};
        socklen_t len = sizeof from;
        ssize_t n = ::recvfrom(fds[i].fd, buf, sizeof buf, MSG_DONTWAIT,
                               reinterpret_cast<sockaddr*>(&from), &len);
        if (n < 0) break;
        if (i == 0) client_ = from;
        if (i == 1) server_tid_ = from;
        Held h{i == 0, std::string(buf, static_cast<size_t>(n))};
        ++relayed_;
        if (coin(rng_) < impairment_.drop) {
          ++dropped_;
          continue;
        }
        if (coin(rng_) < impairment_.duplicate) send(h);
        if (coin(rng_) < impairment_.delay) {
          held.emplace(Clock::now() + std::chrono::milliseconds(delay_ms(rng_)), std::move(h));
          continue;
        }
        send(h);
      }
    }
    const auto now = Clock::now();
    while (!held.empty() && held.begin()->first <= now) {
      send(held.begin()->second);
      held.erase(held.begin());
    }
  }
}

}  // namespace iosup::tftp
