// A UDP relay on the lab's loop between one TFTP client and a server, impairing what crosses it
// in both directions as a bad path does: datagrams lost, held back, or sent twice, at random.
// The client sends to port(); a request (RRQ/WRQ) goes to the server's well-known endpoint, the
// rest to the transfer ID the server last answered from. One relay serves one transfer.
#ifndef IOSUP_LAB_IMPAIRED_UDP_RELAY_H_
#define IOSUP_LAB_IMPAIRED_UDP_RELAY_H_

#include <asio/io_context.hpp>
#include <asio/ip/udp.hpp>
#include <array>
#include <chrono>
#include <memory>
#include <random>

#include "base/status.h"

namespace iosup {

struct PathImpairment {
  double loss = 0;       // probability a datagram is lost, 0-1
  double duplicate = 0;  // probability it is sent twice
  std::chrono::milliseconds delay{0};  // every datagram held back this long
};

class ImpairedUdpRelay : public std::enable_shared_from_this<ImpairedUdpRelay> {
 public:
  // Binds both sockets on `server`'s loopback address. `io` must outlive the relay.
  static Result<std::shared_ptr<ImpairedUdpRelay>> Start(asio::io_context& io,
                                                         asio::ip::udp::endpoint server,
                                                         PathImpairment impairment, uint32_t seed);
  uint16_t port() const { return client_side_.local_endpoint().port(); }
  uint64_t dropped() const { return dropped_; }
  // Closes both sockets: pending work ends.
  void Stop();

 private:
  ImpairedUdpRelay(asio::io_context& io, asio::ip::udp::endpoint server, PathImpairment impairment,
                   uint32_t seed);
  void ReceiveFromClient();
  void ReceiveFromServer();
  // Sends (or loses, duplicates, delays) `n` bytes of `data` on `socket` to `to`.
  void Forward(asio::ip::udp::socket& socket, const uint8_t* data, size_t n,
               asio::ip::udp::endpoint to);

  asio::io_context& io_;
  asio::ip::udp::endpoint server_, server_tid_, client_;
  asio::ip::udp::socket client_side_, server_side_;
  PathImpairment impairment_;
  std::mt19937 rng_;
  std::array<uint8_t, 65536> from_client_{}, from_server_{};
  asio::ip::udp::endpoint client_sender_, server_sender_;
  uint64_t dropped_ = 0;
};

}  // namespace iosup

#endif  // IOSUP_LAB_IMPAIRED_UDP_RELAY_H_
