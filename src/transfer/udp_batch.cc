#include "transfer/udp_batch.h"

#include <netinet/in.h>
#include <netinet/udp.h>
#include <sys/uio.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstring>

#ifndef UDP_SEGMENT
#define UDP_SEGMENT 103  // linux/udp.h, Linux 4.18
#endif

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

// Segmentation offload (UDP_SEGMENT, Linux 4.18): a run of equal-sized datagrams goes down the
// stack as one, split only at the receiving end; on loopback that costs the sender, and even the
// receiver, a third of sending them one by one. The largest segment size the kernel took; a
// refusal (an old kernel, a device without checksum offload, a segment above the MTU) lowers it.
std::atomic<size_t> gso_segment_limit{SIZE_MAX};

constexpr size_t kMaxGsoSegments = 64;     // UDP_MAX_SEGMENTS on older kernels
constexpr size_t kMaxGsoBytes = 65000;     // one IP datagram carries the whole run
constexpr size_t kMaxIovecs = 1024;        // IOV_MAX

// One sendmmsg call's worth: messages, each a run of datagrams (one, or several segmented).
struct SendPlan {
  struct Message {
    size_t first = 0;  // index in the caller's span
    size_t count = 0;
    uint16_t segment = 0;  // UDP_SEGMENT size, 0 when the message is one datagram
  };
  Message messages[kMaxBatch];
  size_t message_count = 0;
  struct iovec iovs[kMaxIovecs];
  union Control {
    char buf[CMSG_SPACE(sizeof(uint16_t))];
    struct cmsghdr align;
  } controls[kMaxBatch];
  struct mmsghdr msgs[kMaxBatch];
};

// How many datagrams from `first` form one segmented run: all of the run's size but the last,
// which may be shorter.
size_t RunLength(std::span<const OutDatagram> datagrams, size_t first, bool allow_gso) {
  const size_t segment = datagrams[first].size();
  if (!allow_gso || segment == 0 || segment > gso_segment_limit.load(std::memory_order_relaxed) ||
      datagrams[first].header_len == 0) {
    return 1;
  }
  size_t n = 1;
  size_t bytes = segment;
  while (first + n < datagrams.size() && n < kMaxGsoSegments) {
    const OutDatagram& d = datagrams[first + n];
    if (d.header_len == 0 || d.size() > segment || bytes + d.size() > kMaxGsoBytes) {
      break;
    }
    bytes += d.size();
    ++n;
    if (d.size() < segment) break;  // a short one ends the run
  }
  return n;
}

void Plan(std::span<const OutDatagram> datagrams, size_t from, bool allow_gso, const sockaddr* to,
          socklen_t to_len, SendPlan& plan) {
  plan.message_count = 0;
  size_t iov_used = 0;
  size_t i = from;
  while (i < datagrams.size() && plan.message_count < kMaxBatch) {
    size_t n = RunLength(datagrams, i, allow_gso);
    n = std::min(n, (kMaxIovecs - iov_used) / 2);
    if (n == 0) break;
    SendPlan::Message& m = plan.messages[plan.message_count];
    m = {i, n, n > 1 ? static_cast<uint16_t>(datagrams[i].size()) : uint16_t{0}};
    struct iovec* iov = plan.iovs + iov_used;
    size_t parts = 0;
    for (size_t k = i; k < i + n; ++k) {
      const OutDatagram& d = datagrams[k];
      if (d.header_len) iov[parts++] = {const_cast<uint8_t*>(d.header.data()), d.header_len};
      if (!d.body.empty()) iov[parts++] = {const_cast<uint8_t*>(d.body.data()), d.body.size()};
    }
    struct mmsghdr& msg = plan.msgs[plan.message_count];
    std::memset(&msg, 0, sizeof msg);
    msg.msg_hdr.msg_iov = iov;
    msg.msg_hdr.msg_iovlen = parts;
    msg.msg_hdr.msg_name = const_cast<sockaddr*>(to);
    msg.msg_hdr.msg_namelen = to_len;
    if (m.segment) {
      SendPlan::Control& c = plan.controls[plan.message_count];
      msg.msg_hdr.msg_control = c.buf;
      msg.msg_hdr.msg_controllen = sizeof c.buf;
      struct cmsghdr* cm = CMSG_FIRSTHDR(&msg.msg_hdr);
      cm->cmsg_level = SOL_UDP;
      cm->cmsg_type = UDP_SEGMENT;
      cm->cmsg_len = CMSG_LEN(sizeof(uint16_t));
      std::memcpy(CMSG_DATA(cm), &m.segment, sizeof m.segment);
    }
    iov_used += parts;
    ++plan.message_count;
    i += n;
  }
}

}  // namespace

Result<size_t> SendBatch(int fd, std::span<const OutDatagram> datagrams, const sockaddr* to,
                         socklen_t to_len) {
  if (datagrams.size() == 1 && datagrams[0].size() <= kGatherLimit) {
    return SendOne(fd, datagrams[0], to, to_len);
  }
  SendPlan plan;
  size_t sent = 0;
  bool allow_gso = true;
  while (sent < datagrams.size()) {
    Plan(datagrams, sent, allow_gso, to, to_len, plan);
    int r = ::sendmmsg(fd, plan.msgs, static_cast<unsigned>(plan.message_count),
                       MSG_DONTWAIT | MSG_NOSIGNAL);
    if (r < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == ENOBUFS) return sent;
      if (plan.messages[0].segment && (errno == EINVAL || errno == EIO || errno == ENOPROTOOPT ||
                                       errno == EOPNOTSUPP || errno == EMSGSIZE)) {
        // The kernel refused the segmented run (the first message failed): never again at
        // this size; these datagrams go one by one.
        size_t limit = gso_segment_limit.load(std::memory_order_relaxed);
        const size_t refused = plan.messages[0].segment;
        while (refused <= limit &&
               !gso_segment_limit.compare_exchange_weak(limit, refused - 1)) {
        }
        allow_gso = false;
        continue;
      }
      return IoError(std::string("send: ") + std::strerror(errno));
    }
    for (int m = 0; m < r; ++m) sent += plan.messages[m].count;
    if (static_cast<size_t>(r) < plan.message_count) return sent;
    allow_gso = true;
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

size_t ReceiveBatchFor(bool data_expected, size_t max_bytes) {
  if (!data_expected) return 8;
  return std::clamp<size_t>((256 << 10) / std::max<size_t>(1, max_bytes), 4, kMaxBatch);
}

uint32_t ReceiveBufferBytes(int fd) {
  int bytes = 0;
  socklen_t len = sizeof bytes;
  if (::getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &bytes, &len) != 0 || bytes < 0) return 0;
  return static_cast<uint32_t>(bytes);
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
