// A non-blocking UDP socket on an asio io_context, for the TFTP data path: the reactor itself
// receives a batch (recvmmsg) when the socket turns readable, and a socket found drained is not
// polled again until new data arrives. A receive therefore costs the wake-up and one recvmmsg;
// asio's socket::async_wait would add an epoll_ctl per wait, async_receive a failed speculative
// read per datagram. Sends are direct (udp_batch.h), never through the reactor.
//
// Not thread-safe: one receive at a time, started and handled on the io_context's thread(s) as
// any asio operation.
#ifndef IOSUP_TRANSFER_DATAGRAM_SOCKET_H_
#define IOSUP_TRANSFER_DATAGRAM_SOCKET_H_

#ifndef ASIO_STANDALONE
#define ASIO_STANDALONE
#endif

#include <functional>
#include <memory>

#include <asio/io_context.hpp>
#include <asio/ip/udp.hpp>

#include "base/status.h"
#include "transfer/udp_batch.h"

namespace iosup::tftp {

class DatagramSocket {
 public:
  // Runs on the io_context with how many datagrams are in the batch (at least one), or the
  // socket's error (IoError; ECONNREFUSED after a send hit a closed port). Not called for a
  // receive cancelled by Close() or by the io_context's destruction.
  using ReceiveHandler = std::function<void(Result<size_t>)>;

  DatagramSocket(asio::io_context& io, ReceiveHandler handler);
  ~DatagramSocket();  // closes
  DatagramSocket(const DatagramSocket&) = delete;
  DatagramSocket& operator=(const DatagramSocket&) = delete;

  // A fresh non-blocking socket of `protocol`, dual-stack when IPv6, with large buffers.
  Status Open(const asio::ip::udp& protocol, int buffer_bytes);
  Status Bind(const asio::ip::udp::endpoint& local);
  // Fixes the peer (the kernel then drops datagrams from anyone else).
  Status Connect(const asio::ip::udp::endpoint& peer);
  // Dissolves the association Connect made.
  void Disconnect();
  // A pending receive is cancelled (its handler is not called); idempotent. Do not Open()
  // again while receiving() (the cancelled receive is still on its way out).
  void Close();

  int native_handle() const { return fd_; }

  // Receives into `batch` and then calls the handler. `keepalive` is held until then (the
  // owner of `batch` and of this socket, typically). At most one receive at a time.
  void AsyncReceive(RecvBatch& batch, std::shared_ptr<void> keepalive);
  bool receiving() const;

 private:
  class ReceiveOp;

  asio::io_context& io_;
  int fd_ = -1;
  std::shared_ptr<ReceiveOp> op_;
};

}  // namespace iosup::tftp

#endif  // IOSUP_TRANSFER_DATAGRAM_SOCKET_H_
