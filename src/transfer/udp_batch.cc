#include "transfer/udp_batch.h"

#include <sys/uio.h>

#include <cerrno>
#include <cstring>

namespace iosup::tftp {

namespace {

constexpr size_t kMaxBatch = 64;
// A lone datagram up to this size is gathered into one buffer and sent with send(2): cheaper
// than the message header and iovec sendmmsg makes the kernel copy in.
constexpr size_t kGatherLimit = 8192 + 4;

Result<size_t> SendOne(int fd, const OutDatagram& d, const sockaddr* to, socklen_t to_len) {
  uint8_t gathered[kGatherLimit];
  const uint8_t* data = d.body.data();
  size_t size = d.body.size();
  if (d.header_len) {
    std::memcpy(gathered, d.header.data(), d.header_len);
    if (size) std::memcpy(gathered + d.header_len, d.body.data(), size);
    data = gathered;
    size += d.header_len;
  }
  for (;;) {
    ssize_t r = ::sendto(fd, data, size, MSG_DONTWAIT | MSG_NOSIGNAL, to, to_len);
    if (r >= 0) return size_t{1};
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == ENOBUFS) return size_t{0};
    return IoError(std::string("send: ") + std::strerror(errno));
  }
}

}  // namespace

Result<size_t> SendBatch(int fd, std::span<const OutDatagram> datagrams, const sockaddr* to,
                         socklen_t to_len) {
  if (datagrams.size() == 1 && datagrams[0].size() <= kGatherLimit) {
    return SendOne(fd, datagrams[0], to, to_len);
  }
  size_t sent = 0;
  struct mmsghdr msgs[kMaxBatch];
  struct iovec iovs[kMaxBatch][2];
  while (sent < datagrams.size()) {
    const size_t n = std::min(kMaxBatch, datagrams.size() - sent);
    for (size_t i = 0; i < n; ++i) {
      const OutDatagram& d = datagrams[sent + i];
      int parts = 0;
      if (d.header_len) iovs[i][parts++] = {const_cast<uint8_t*>(d.header.data()), d.header_len};
      if (!d.body.empty()) {
        iovs[i][parts++] = {const_cast<uint8_t*>(d.body.data()), d.body.size()};
      }
      std::memset(&msgs[i], 0, sizeof msgs[i]);
      msgs[i].msg_hdr.msg_iov = iovs[i];
      msgs[i].msg_hdr.msg_iovlen = static_cast<size_t>(parts);
      msgs[i].msg_hdr.msg_name = const_cast<sockaddr*>(to);
      msgs[i].msg_hdr.msg_namelen = to_len;
    }
    int r = ::sendmmsg(fd, msgs, static_cast<unsigned>(n), MSG_DONTWAIT | MSG_NOSIGNAL);
    if (r < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == ENOBUFS) return sent;
      return IoError(std::string("send: ") + std::strerror(errno));
    }
    sent += static_cast<size_t>(r);
    if (static_cast<size_t>(r) < n) return sent;
  }
  return sent;
}

void EnlargeSocketBuffers(int fd, int bytes) {
  for (int opt : {SO_SNDBUF, SO_RCVBUF}) {
    int force = opt == SO_SNDBUF ? SO_SNDBUFFORCE : SO_RCVBUFFORCE;
    if (::setsockopt(fd, SOL_SOCKET, force, &bytes, sizeof bytes) != 0) {
      ::setsockopt(fd, SOL_SOCKET, opt, &bytes, sizeof bytes);
    }
  }
}

RecvBatch::RecvBatch(size_t count, size_t max_bytes) { Resize(count, max_bytes); }

void RecvBatch::Resize(size_t count, size_t max_bytes) {
  if (count == msgs_.size() && max_bytes == max_bytes_) return;
  max_bytes_ = max_bytes;
  const size_t slot = max_bytes + 1;
  storage_.assign(count * slot, 0);
  sources_.assign(count, sockaddr_storage{});
  iovs_.resize(count);
  msgs_.resize(count);
  for (size_t i = 0; i < count; ++i) {
    iovs_[i] = {storage_.data() + i * slot, slot};
    std::memset(&msgs_[i], 0, sizeof msgs_[i]);
    msgs_[i].msg_hdr.msg_iov = &iovs_[i];
    msgs_[i].msg_hdr.msg_iovlen = 1;
    msgs_[i].msg_hdr.msg_name = &sources_[i];
  }
}

Result<size_t> RecvBatch::Receive(int fd) {
  for (mmsghdr& m : msgs_) m.msg_hdr.msg_namelen = sizeof(sockaddr_storage);  // in/out
  for (;;) {
    int r = ::recvmmsg(fd, msgs_.data(), static_cast<unsigned>(msgs_.size()), MSG_DONTWAIT,
                       nullptr);
    if (r >= 0) return static_cast<size_t>(r);
    if (errno == EINTR) continue;
    if (errno == EAGAIN) return size_t{0};
    return IoError(std::string("receive: ") + std::strerror(errno));
  }
}

std::span<const uint8_t> RecvBatch::datagram(size_t i) const {
  const size_t len = std::min<size_t>(msgs_[i].msg_len, max_bytes_ + 1);
  return {storage_.data() + i * (max_bytes_ + 1), len};
}

bool RecvBatch::truncated(size_t i) const {
  return msgs_[i].msg_len > max_bytes_ || (msgs_[i].msg_hdr.msg_flags & MSG_TRUNC);
}

}  // namespace iosup::tftp
