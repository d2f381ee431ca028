// Batched datagram I/O on a non-blocking UDP socket: sendmmsg for an Outbox (one system call
// for a whole window, payloads gathered from the sender's buffers without copying) and recvmmsg
// for many incoming datagrams at once.
#ifndef IOSUP_TRANSFER_UDP_BATCH_H_
#define IOSUP_TRANSFER_UDP_BATCH_H_

#include <sys/socket.h>

#include <cstdint>
#include <span>
#include <vector>

#include "base/status.h"
#include "transfer/block_transfer.h"

namespace iosup::tftp {

// Sends `datagrams` on `fd` (to `to`, or to the connected peer when `to` is null). Returns how
// many left; fewer than given when the socket buffer is full (EAGAIN). Other errors are IoError
// (ECONNREFUSED: the peer's port is closed).
Result<size_t> SendBatch(int fd, std::span<const OutDatagram> datagrams,
                         const sockaddr* to = nullptr, socklen_t to_len = 0);

// Sets large socket buffers (forced past the system maximum where permitted) so a window of
// large blocks is not dropped by the kernel. Best effort.
void EnlargeSocketBuffers(int fd, int bytes);
// What the socket's receive queue may hold, in the kernel's accounting (SO_RCVBUF); 0 if
// unknown.
uint32_t ReceiveBufferBytes(int fd);

// How many datagrams of up to `max_bytes` one receive should take: a whole window of DATA when
// `data_expected` (within about 256 KiB of buffer), a few ACKs otherwise.
size_t ReceiveBatchFor(bool data_expected, size_t max_bytes);

// Receive buffers for up to `count` datagrams of up to `max_bytes` each (one extra byte detects
// oversized datagrams).
class RecvBatch {
 public:
  RecvBatch(size_t count, size_t max_bytes);
  // Receives what is queued without blocking: 0 when nothing is (EAGAIN). Errors: IoError
  // (ECONNREFUSED when an earlier send hit a closed port).
  Result<size_t> Receive(int fd);
  // Datagram i; an oversized one is cut at max_bytes + 1, so it is still seen as too long.
  std::span<const uint8_t> datagram(size_t i) const;
  // True when datagram i was longer than max_bytes (it is cut).
  bool truncated(size_t i) const;
  const sockaddr_storage& source(size_t i) const { return sources_[i]; }
  // How many datagrams one Receive() takes at most.
  size_t capacity() const { return msgs_.size(); }
  void Resize(size_t count, size_t max_bytes);

 private:
  size_t max_bytes_ = 0;
  std::vector<uint8_t> storage_;
  std::vector<sockaddr_storage> sources_;
  std::vector<struct iovec> iovs_;
  std::vector<struct mmsghdr> msgs_;
};

}  // namespace iosup::tftp

#endif  // IOSUP_TRANSFER_UDP_BATCH_H_
