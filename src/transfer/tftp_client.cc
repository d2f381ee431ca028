#include "transfer/tftp_client.h"

#include <sys/socket.h>

#include <asio/ip/udp.hpp>
#include <asio/post.hpp>
#include <cstring>

#include "transfer/session_driver.h"

namespace iosup::tftp {

using asio::ip::udp;

namespace {

udp::endpoint ToEndpoint(const sockaddr_storage& a) {
  udp::endpoint e;
  std::memcpy(e.data(), &a, std::min<size_t>(sizeof a, e.capacity()));
  e.resize(a.ss_family == AF_INET6 ? sizeof(sockaddr_in6) : sizeof(sockaddr_in));
  return e;
}

// Invariant: while peer_locked_, the socket is connected to the server's transfer ID.
class Transfer : public ClientTransfer, public SessionDriver<Transfer> {
 public:
  Transfer(asio::io_context& io, const udp::endpoint& server, ClientRequest request,
           FileWriter* sink, std::shared_ptr<FileReader> source, ClientObserver* observer,
           ClientDone done)
      : SessionDriver(io), io_(io), server_(server),
        session_(std::move(request), sink, std::move(source), observer), done_(std::move(done)) {}

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

  // SessionDriver's edges.
  ClientSession& session() { return session_; }

  // The first answer from the server's address fixes the transfer ID (RFC 1350 section 4).
  bool AcceptSource(const sockaddr_storage& from) {
    if (peer_locked_) return true;  // connected: the kernel already filtered
    if (ToEndpoint(from).address() != server_.address()) return false;
    peer_locked_ = socket_.Connect(ToEndpoint(from)).ok();
    return true;
  }

  void Send(Outbox& out) {
    if (out.to_initial_peer && peer_locked_) {
      socket_.Disconnect();
      peer_locked_ = false;
    }
    if (peer_locked_) {
      (void)SendBatch(socket_.native_handle(), out.datagrams);
    } else {
      (void)SendBatch(socket_.native_handle(), out.datagrams, server_.data(),
                      static_cast<socklen_t>(server_.size()));
    }
  }

  void OnEnded() {
    ClientDone done = std::move(done_);
    if (!done) return;
    if (session_.status().ok()) {
      done(session_.record());
    } else {
      done(session_.status());
    }
  }

 private:
  static constexpr int kSocketBufferBytes = 8 << 20;

  asio::io_context& io_;
  udp::endpoint server_;
  ClientSession session_;
  ClientDone done_;
  bool peer_locked_ = false;
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
