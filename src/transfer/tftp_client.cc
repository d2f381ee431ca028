#include "transfer/tftp_client.h"

#include <sys/socket.h>

#include <asio/ip/udp.hpp>
#include <asio/post.hpp>
#include <asio/steady_timer.hpp>
#include <cstring>

#include "transfer/datagram_socket.h"
#include "transfer/udp_batch.h"

namespace iosup::tftp {

using asio::ip::udp;

namespace {

bool SameAddress(const sockaddr_storage& a, const udp::endpoint& b) {
  udp::endpoint e;
  std::memcpy(e.data(), &a, std::min<size_t>(sizeof a, e.capacity()));
  e.resize(a.ss_family == AF_INET6 ? sizeof(sockaddr_in6) : sizeof(sockaddr_in));
  return e.address() == b.address();
}

udp::endpoint ToEndpoint(const sockaddr_storage& a) {
  udp::endpoint e;
  std::memcpy(e.data(), &a, std::min<size_t>(sizeof a, e.capacity()));
  e.resize(a.ss_family == AF_INET6 ? sizeof(sockaddr_in6) : sizeof(sockaddr_in));
  return e;
}

// Invariant: while peer_locked_, the socket is connected to the server's transfer ID.
class Transfer : public ClientTransfer, public std::enable_shared_from_this<Transfer> {
 public:
  Transfer(asio::io_context& io, const udp::endpoint& server, ClientRequest request,
           FileWriter* sink, std::shared_ptr<FileReader> source, ClientObserver* observer,
           ClientDone done)
      : io_(io), socket_(io, [this](Result<size_t> n) { OnReceived(n); }), timer_(io),
        server_(server), session_(std::move(request), sink, std::move(source), observer),
        recv_(8, 516), done_(std::move(done)) {}

  void Begin() {
    Status s = socket_.Open(server_.protocol(), kSocketBufferBytes);
    if (!s.ok()) {  // reported asynchronously, like every other outcome
      ended_ = true;
      asio::post(io_, [self = shared_from_this(), s] {
        if (ClientDone d = std::move(self->done_)) d(s);
      });
      return;
    }
    session_.AnnounceReceiveBuffer(ReceiveBufferBytes(socket_.native_handle()));
    session_.Start(std::chrono::steady_clock::now(), out_);
    const size_t largest = session_.max_incoming();
    recv_.Resize(ReceiveBatchFor(true, largest), largest);
    AfterEvent();
  }

  void Cancel() override {
    asio::post(io_, [self = shared_from_this()] {
      if (self->ended_) return;
      self->session_.Cancel(Status(ErrorCode::kAborted, "Cancelled"),
                            std::chrono::steady_clock::now(), self->out_);
      self->AfterEvent();
    });
  }

 private:
  static constexpr int kSocketBufferBytes = 8 << 20;

  void Flush() {
    if (out_.datagrams.empty()) return;
    if (out_.to_initial_peer && peer_locked_) {
      socket_.Disconnect();
      peer_locked_ = false;
    }
    if (peer_locked_) {
      (void)SendBatch(socket_.native_handle(), out_.datagrams);
    } else {
      (void)SendBatch(socket_.native_handle(), out_.datagrams, server_.data(),
                      static_cast<socklen_t>(server_.size()));
    }
    out_.clear();
  }

  void AfterEvent() {
    Flush();
    if (session_.finished()) return End();
    if (!socket_.receiving()) socket_.AsyncReceive(recv_, shared_from_this());
    ArmTimer();
  }

  void OnReceived(Result<size_t> n) {
    if (ended_) return;
    if (n.ok()) {  // an error is ICMP port unreachable: the retry limit decides
      const SteadyTime now = std::chrono::steady_clock::now();
      for (size_t i = 0; i < *n && !session_.finished(); ++i) {
        if (!AcceptSource(recv_.source(i))) continue;
        session_.OnDatagram(recv_.datagram(i), now, out_);
        Flush();
      }
    }
    AfterEvent();
  }

  // The first answer from the server's address fixes the transfer ID (RFC 1350 section 4).
  bool AcceptSource(const sockaddr_storage& from) {
    if (peer_locked_) return true;  // connected: the kernel already filtered
    if (!SameAddress(from, server_)) return false;
    peer_locked_ = socket_.Connect(ToEndpoint(from)).ok();
    return true;
  }

  void ArmTimer() {
    const SteadyTime deadline = session_.deadline();
    if (deadline == SteadyTime::max() || (timer_armed_ && deadline >= armed_at_)) return;
    timer_armed_ = true;
    armed_at_ = deadline;
    timer_.expires_at(deadline);
    timer_.async_wait([self = shared_from_this()](std::error_code ec) {
      if (ec || self->ended_) return;
      self->timer_armed_ = false;
      self->session_.OnTimer(std::chrono::steady_clock::now(), self->out_);
      self->AfterEvent();
    });
  }

  void End() {
    if (ended_) return;
    ended_ = true;
    timer_.cancel();
    socket_.Close();
    ClientDone done = std::move(done_);
    if (!done) return;
    if (session_.status().ok()) {
      done(session_.record());
    } else {
      done(session_.status());
    }
  }

  asio::io_context& io_;
  DatagramSocket socket_;
  asio::steady_timer timer_;
  udp::endpoint server_;
  ClientSession session_;
  RecvBatch recv_;
  Outbox out_;
  ClientDone done_;
  bool peer_locked_ = false;
  bool timer_armed_ = false;
  bool ended_ = false;
  SteadyTime armed_at_ = SteadyTime::max();
};

}  // namespace

std::shared_ptr<ClientTransfer> StartClientTransfer(asio::io_context& io,
                                                    const udp::endpoint& server,
                                                    ClientRequest request, FileWriter* sink,
                                                    std::shared_ptr<FileReader> source,
                                                    ClientObserver* observer, ClientDone done) {
  auto t = std::make_shared<Transfer>(io, server, std::move(request), sink, std::move(source),
                                      observer, std::move(done));
  t->Begin();
  return t;
}

Result<TransferRecord> RunClientTransfer(const std::string& host, uint16_t port,
                                         ClientRequest request, FileWriter* sink,
                                         std::shared_ptr<FileReader> source,
                                         ClientObserver* observer) {
  asio::io_context io;
  udp::resolver resolver(io);
  std::error_code ec;
  auto results = resolver.resolve(host, std::to_string(port), ec);
  if (ec || results.empty()) return NotFound("cannot resolve " + host + ": " + ec.message());
  Result<TransferRecord> result = Status(ErrorCode::kAborted, "transfer did not finish");
  auto t = StartClientTransfer(io, results.begin()->endpoint(), std::move(request), sink,
                               std::move(source), observer,
                               [&](Result<TransferRecord> r) { result = std::move(r); });
  io.run();
  return result;
}

}  // namespace iosup::tftp
