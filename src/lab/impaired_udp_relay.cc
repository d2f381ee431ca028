#include "lab/impaired_udp_relay.h"

#include <asio/steady_timer.hpp>
#include <vector>

namespace iosup {

ImpairedUdpRelay::ImpairedUdpRelay(asio::io_context& io, asio::ip::udp::endpoint server,
                                   PathImpairment impairment, uint32_t seed)
    : io_(io), server_(server), client_side_(io), server_side_(io), impairment_(impairment),
      rng_(seed) {}

Result<std::shared_ptr<ImpairedUdpRelay>> ImpairedUdpRelay::Start(asio::io_context& io,
                                                                  asio::ip::udp::endpoint server,
                                                                  PathImpairment impairment,
                                                                  uint32_t seed) {
  std::shared_ptr<ImpairedUdpRelay> relay(new ImpairedUdpRelay(io, server, impairment, seed));
  asio::error_code ec;
  const asio::ip::udp::endpoint local(server.address(), 0);
  relay->client_side_.open(local.protocol(), ec);
  if (!ec) relay->client_side_.bind(local, ec);
  if (!ec) relay->server_side_.open(local.protocol(), ec);
  if (!ec) relay->server_side_.bind(local, ec);
  if (ec) return Unavailable("impaired path: " + ec.message());
  relay->ReceiveFromClient();
  relay->ReceiveFromServer();
  return relay;
}

void ImpairedUdpRelay::Stop() {
  asio::error_code ec;
  client_side_.close(ec);
  server_side_.close(ec);
}

void ImpairedUdpRelay::ReceiveFromClient() {
  client_side_.async_receive_from(
      asio::buffer(from_client_), client_sender_,
      [self = shared_from_this()](const asio::error_code& ec, size_t n) {
        if (ec == asio::error::operation_aborted || !self->client_side_.is_open()) return;
        if (!ec && n >= 2) {
          self->client_ = self->client_sender_;
          const uint8_t opcode = self->from_client_[1];
          const bool request = self->from_client_[0] == 0 && (opcode == 1 || opcode == 2);
          const asio::ip::udp::endpoint to =
              request || self->server_tid_.port() == 0 ? self->server_ : self->server_tid_;
          self->Forward(self->server_side_, self->from_client_.data(), n, to);
        }
        self->ReceiveFromClient();
      });
}

void ImpairedUdpRelay::ReceiveFromServer() {
  server_side_.async_receive_from(
      asio::buffer(from_server_), server_sender_,
      [self = shared_from_this()](const asio::error_code& ec, size_t n) {
        if (ec == asio::error::operation_aborted || !self->server_side_.is_open()) return;
        if (!ec && self->client_.port() != 0) {
          self->server_tid_ = self->server_sender_;
          self->Forward(self->client_side_, self->from_server_.data(), n, self->client_);
        }
        self->ReceiveFromServer();
      });
}

void ImpairedUdpRelay::Forward(asio::ip::udp::socket& socket, const uint8_t* data, size_t n,
                               asio::ip::udp::endpoint to) {
  std::uniform_real_distribution<double> chance(0, 1);
  if (chance(rng_) < impairment_.loss) {
    ++dropped_;
    return;
  }
  const int copies = chance(rng_) < impairment_.duplicate ? 2 : 1;
  auto bytes = std::make_shared<std::vector<uint8_t>>(data, data + n);
  for (int i = 0; i < copies; ++i) {
    if (impairment_.delay.count() <= 0) {
      asio::error_code ignored;
      socket.send_to(asio::buffer(*bytes), to, 0, ignored);
      continue;
    }
    auto timer = std::make_shared<asio::steady_timer>(io_, impairment_.delay);
    timer->async_wait([self = shared_from_this(), timer, bytes, &socket, to](const asio::error_code& ec) {
      if (ec || !socket.is_open()) return;
      asio::error_code ignored;
      socket.send_to(asio::buffer(*bytes), to, 0, ignored);
    });
  }
}

}  // namespace iosup
