// A loopback UDP relay for tests that drops, duplicates, delays and reorders datagrams. One
// client and one server: the client talks to port(); requests (RRQ/WRQ) go to the server's
// well-known port, everything else to the transfer ID the server answered from.
#ifndef IOSUP_TRANSFER_LOSSY_PROXY_TEST_SUPPORT_H_
#define IOSUP_TRANSFER_LOSSY_PROXY_TEST_SUPPORT_H_

#include <netinet/in.h>

#include <atomic>
#include <cstdint>
#include <random>
#include <thread>

namespace iosup::tftp {

struct Impairment {
  double drop = 0;       // probability a datagram is lost
  double duplicate = 0;  // ... sent twice
  double delay = 0;      // ... held back 1-20 ms (which reorders it)
};

class LossyProxy {
 public:
  LossyProxy(uint16_t server_port, Impairment impairment, uint32_t seed);
  ~LossyProxy();
  uint16_t port() const { return port_; }
  uint64_t dropped() const { return dropped_; }
  uint64_t relayed() const { return relayed_; }

 private:
  void Run();

  int client_fd_;  // faces the client
  int server_fd_;  // faces the server
  uint16_t port_;
  sockaddr_in server_{};
  sockaddr_in server_tid_{};
  sockaddr_in client_{};
  Impairment impairment_;
  std::mt19937 rng_;
  std::atomic<bool> stop_{false};
  std::atomic<uint64_t> dropped_{0};
  std::atomic<uint64_t> relayed_{0};
  std::thread thread_;
};

}  // namespace iosup::tftp

#endif  // IOSUP_TRANSFER_LOSSY_PROXY_TEST_SUPPORT_H_
