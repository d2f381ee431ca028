#include "transfer/datagram_socket.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <asio/detail/reactor.hpp>
#include <asio/detail/reactor_op.hpp>
#include <cerrno>
#include <cstring>

namespace iosup::tftp {

using Reactor = asio::detail::reactor;

// The receive as a reactor operation. perform() runs when the socket is readable (or at once
// while the reactor still believes it may be): it receives a batch and reports the socket
// drained (done_and_exhausted) when the batch was not filled, so the next start skips the
// speculative attempt and waits for the next readiness event without re-arming epoll.
//
// Lifetime: shared by the socket and, while pending, by itself (`self`), so a socket closed
// or destroyed with a receive outstanding leaves the reactor a valid operation to abort.
class DatagramSocket::ReceiveOp : public asio::detail::reactor_op {
 public:
  explicit ReceiveOp(ReceiveHandler handler)
      : reactor_op(asio::error_code(), &Perform, &Complete), handler_(std::move(handler)) {}

  ReceiveHandler handler_;
  Reactor* reactor_ = nullptr;
  Reactor::per_descriptor_data data_ = nullptr;  // the reactor's state for fd_
  int fd_ = -1;
  bool closed_ = false;
  RecvBatch* batch_ = nullptr;
  size_t received_ = 0;
  Status error_;
  std::shared_ptr<ReceiveOp> self_;    // set while pending
  std::shared_ptr<void> keepalive_;    // the owner's, while pending

 private:
  static status Perform(reactor_op* base) {
    auto* op = static_cast<ReceiveOp*>(base);
    Result<size_t> n = op->batch_->Receive(op->fd_);
    if (!n.ok()) {
      op->error_ = n.status();
      return done;
    }
    if (*n == 0) return not_done;
    op->received_ = *n;
    return *n < op->batch_->capacity() ? done_and_exhausted : done;
  }

  static void Complete(void* owner, asio::detail::operation* base, const asio::error_code&,
                       std::size_t) {
    auto* op = static_cast<ReceiveOp*>(base);
    std::shared_ptr<ReceiveOp> self = std::move(op->self_);
    std::shared_ptr<void> keep = std::move(op->keepalive_);
    const bool aborted = !owner || op->closed_ || op->ec_ == asio::error::operation_aborted;
    op->ec_ = asio::error_code();
    Status error = std::move(op->error_);
    op->error_ = Status::Ok();
    if (aborted) return;
    if (!error.ok()) return op->handler_(std::move(error));
    op->handler_(op->received_);
  }
};

namespace {

Status Errno(std::string_view what) {
  return IoError(std::string(what) + ": " + std::strerror(errno));
}

}  // namespace

DatagramSocket::DatagramSocket(asio::io_context& io, ReceiveHandler handler)
    : io_(io), op_(std::make_shared<ReceiveOp>(std::move(handler))) {}

DatagramSocket::~DatagramSocket() { Close(); }

Status DatagramSocket::Open(const asio::ip::udp& protocol, int buffer_bytes) {
  Close();
  int fd = ::socket(protocol.family(), SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return Errno("socket");
  if (protocol.family() == AF_INET6) {
    int off = 0;
    ::setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof off);
  }
  EnlargeSocketBuffers(fd, buffer_bytes);
  Reactor& reactor = asio::use_service<Reactor>(io_);
  reactor.init_task();
  Reactor::per_descriptor_data data = nullptr;
  if (int err = reactor.register_descriptor(fd, data); err != 0) {
    ::close(fd);
    errno = err;
    return Errno("register socket");
  }
  fd_ = fd;
  op_->reactor_ = &reactor;
  op_->data_ = data;
  op_->fd_ = fd;
  op_->closed_ = false;
  return Status::Ok();
}

Status DatagramSocket::Bind(const asio::ip::udp::endpoint& local) {
  if (::bind(fd_, local.data(), static_cast<socklen_t>(local.size())) != 0) return Errno("bind");
  return Status::Ok();
}

Status DatagramSocket::Connect(const asio::ip::udp::endpoint& peer) {
  if (::connect(fd_, peer.data(), static_cast<socklen_t>(peer.size())) != 0) {
    return Errno("connect");
  }
  return Status::Ok();
}

void DatagramSocket::Disconnect() {
  sockaddr unspec{};
  unspec.sa_family = AF_UNSPEC;
  ::connect(fd_, &unspec, sizeof unspec);
}

void DatagramSocket::Close() {
  if (fd_ < 0) return;
  op_->closed_ = true;  // a completion already queued must not reach the handler
  op_->reactor_->deregister_descriptor(fd_, op_->data_, /*closing=*/true);
  ::close(fd_);
  op_->reactor_->cleanup_descriptor_data(op_->data_);
  fd_ = -1;
  op_->fd_ = -1;
}

bool DatagramSocket::receiving() const { return op_->self_ != nullptr; }

void DatagramSocket::AsyncReceive(RecvBatch& batch, std::shared_ptr<void> keepalive) {
  if (fd_ < 0 || receiving()) return;
  op_->batch_ = &batch;
  op_->received_ = 0;
  op_->self_ = op_;
  op_->keepalive_ = std::move(keepalive);
  // A continuation: a completion found at once goes to this thread's private queue, with no
  // wake-up of the reactor (which would cost an epoll_ctl).
  op_->reactor_->start_op(Reactor::read_op, fd_, op_->data_, op_.get(),
                          /*is_continuation=*/true, /*allow_speculative=*/true);
}

}  // namespace iosup::tftp
