#include "transfer/tftp_server.h"

#include <asio/ip/v6_only.hpp>

#include "transfer/session_driver.h"

namespace iosup::tftp {

using asio::ip::udp;

namespace {

std::string EndpointText(const udp::endpoint& e) {
  asio::ip::address a = e.address();
  if (a.is_v6() && a.to_v6().is_v4_mapped()) {
    a = asio::ip::make_address_v4(asio::ip::v4_mapped, a.to_v6());
  }
  return a.is_v6() ? "[" + a.to_string() + "]:" + std::to_string(e.port())
                   : a.to_string() + ":" + std::to_string(e.port());
}

}  // namespace

// One session on its own socket, connected to the peer so the kernel drops strays.
class TftpServer::Transfer : public SessionDriver<Transfer> {
 public:
  Transfer(TftpServer& server, const udp::endpoint& peer)
      : SessionDriver(server.io_), server_(server),
        session_(server.options_.session, server.source_), peer_(peer),
        record_peer_(EndpointText(peer)) {}

  // A socket on the listener's address, connected to the peer.
  Status Open(const udp::endpoint& local) {
    IOSUP_RETURN_IF_ERROR(socket_.Open(local.protocol(), server_.options_.socket_buffer_bytes));
    IOSUP_RETURN_IF_ERROR(socket_.Bind(udp::endpoint(local.address(), 0)));
    return socket_.Connect(peer_);
  }

  const udp::endpoint& peer() const { return peer_; }

  void Start(const Request& request) {
    session_.Start(request, std::chrono::steady_clock::now(), out_);
    const size_t largest = session_.max_incoming();
    recv_.Resize(ReceiveBatchFor(request.is_write, largest), largest);
    AfterEvent();
  }

  void Abort() {
    session_.Abort(std::chrono::steady_clock::now(), out_);
    AfterEvent();
  }

  void Evict() {
    session_.Evict(std::chrono::steady_clock::now(), out_);
    AfterEvent();
  }

  SteadyTime last_progress() const { return session_.last_progress(); }

  bool finished() const { return session_.finished(); }
  TransferRecord record() const {
    TransferRecord r = session_.record();
    r.peer = record_peer_;
    return r;
  }

  // SessionDriver's edges.
  ServerSession& session() { return session_; }
  bool AcceptSource(const sockaddr_storage&) { return true; }  // connected: filtered already
  void Send(Outbox& out) { (void)SendBatch(socket_.native_handle(), out.datagrams); }
  void OnEnded() { server_.OnTransferEnd(this); }

 private:
  TftpServer& server_;
  ServerSession session_;
  udp::endpoint peer_;
  std::string record_peer_;
};

// A listening socket: receives requests and hands them to the server.
class TftpServer::Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(TftpServer& server, udp::socket socket)
      : server_(server), socket_(std::move(socket)), buf_(kMaxFilenameBytes + 2048) {}
  void Receive() {
    socket_.async_receive_from(
        asio::buffer(buf_), peer_,
        [self = shared_from_this()](std::error_code ec, size_t n) {
          if (ec == asio::error::operation_aborted || !self->socket_.is_open()) return;
          if (!ec) self->server_.OnRequest(self->socket_, self->peer_, std::span(self->buf_).first(n));
          self->Receive();
        });
  }
  void Close() {
    std::error_code ec;
    socket_.close(ec);
  }
  udp::endpoint local() const {
    std::error_code ec;
    return socket_.local_endpoint(ec);
  }

 private:
  TftpServer& server_;
  udp::socket socket_;
  std::vector<uint8_t> buf_;
  udp::endpoint peer_;
};

TftpServer::TftpServer(asio::io_context& io, FileSource& source, ServerOptions options)
    : io_(io), source_(source), options_(std::move(options)),
      alive_(std::make_shared<bool>(true)) {}

Result<std::unique_ptr<TftpServer>> TftpServer::Start(asio::io_context& io, FileSource& source,
                                                      ServerOptions options) {
  std::vector<udp::endpoint> where = options.listen;
  const bool defaulted = where.empty();
  if (defaulted) where.emplace_back(asio::ip::address_v6::any(), 69);
  std::unique_ptr<TftpServer> server(new TftpServer(io, source, std::move(options)));
  for (const udp::endpoint& e : where) {
    udp::socket s(io);
    std::error_code ec;
    s.open(e.protocol(), ec);
    if (!ec && e.address().is_v6()) s.set_option(asio::ip::v6_only(false), ec);
    if (!ec) s.bind(e, ec);
    if (ec && defaulted) {  // no IPv6 here: IPv4 only
      s = udp::socket(io);
      udp::endpoint v4(asio::ip::address_v4::any(), e.port());
      s.open(v4.protocol(), ec);
      if (!ec) s.bind(v4, ec);
    }
    if (ec) return IoError("cannot listen on " + EndpointText(e) + ": " + ec.message());
    auto l = std::make_shared<Listener>(*server, std::move(s));
    l->Receive();
    server->listeners_.push_back(std::move(l));
  }
  return server;
}

TftpServer::~TftpServer() {
  *alive_ = false;
  for (auto& l : listeners_) l->Close();
  // Aborting ends each transfer, which removes it from transfers_.
  while (!transfers_.empty()) {
    std::shared_ptr<Transfer> t = transfers_.begin()->second;
    t->Abort();
    transfers_.erase(transfers_.begin());
  }
}

std::vector<udp::endpoint> TftpServer::local_endpoints() const {
  std::vector<udp::endpoint> out;
  for (const auto& l : listeners_) out.push_back(l->local());
  return out;
}

size_t TftpServer::active_sessions() const { return transfers_.size(); }

void TftpServer::OnRequest(udp::socket& listener, const udp::endpoint& peer,
                           std::span<const uint8_t> datagram) {
  Result<Packet> packet = ParsePacket(datagram);
  const Request* request = packet.ok() ? std::get_if<Request>(&*packet) : nullptr;
  std::vector<uint8_t> reply;
  if (!request) {
    // Only a malformed request is answered; stray DATA/ACK/ERROR on the well-known port are
    // dropped (answering them would let anyone bounce packets off the server).
    const bool looks_like_request = datagram.size() >= 2 && datagram[0] == 0 &&
                                    (datagram[1] == 1 || datagram[1] == 2);
    if (!looks_like_request) return;
    AppendError(ErrorNumber::kIllegalOperation, "Illegal TFTP operation", reply);
  } else if (transfers_.count(peer)) {
    return;  // a retransmitted request: the running session answers it
  } else if (!MakeRoom(peer.address())) {
    AppendError(ErrorNumber::kNotDefined, kServerBusyMessage, reply);
  }
  if (!reply.empty()) {
    std::error_code ec;
    listener.send_to(asio::buffer(reply), peer, 0, ec);
    return;
  }
  std::error_code ec;
  const udp::endpoint local = listener.local_endpoint(ec);
  if (ec) return;
  auto t = std::make_shared<Transfer>(*this, peer);
  if (!t->Open(local).ok()) return;
  transfers_[peer] = t;
  t->Start(*request);
}

bool TftpServer::MakeRoom(const asio::ip::address& client) {
  const size_t per_client = options_.max_sessions_per_client;
  size_t same = 0;
  std::shared_ptr<Transfer> idlest, idlest_same;
  for (const auto& [peer, t] : transfers_) {
    if (!idlest || t->last_progress() < idlest->last_progress()) idlest = t;
    if (peer.address() != client) continue;
    ++same;
    if (!idlest_same || t->last_progress() < idlest_same->last_progress()) idlest_same = t;
  }
  std::shared_ptr<Transfer> victim;
  if (per_client != 0 && same >= per_client) {
    victim = idlest_same;
  } else if (transfers_.size() >= options_.max_sessions) {
    victim = idlest;
  } else {
    return true;
  }
  const SteadyTime now = std::chrono::steady_clock::now();
  if (!victim || now - victim->last_progress() < options_.evict_idle_after) return false;
  victim->Evict();  // ends the transfer, which leaves transfers_
  return true;
}

void TftpServer::OnTransferEnd(Transfer* transfer) {
  if (options_.on_transfer) options_.on_transfer(transfer->record());
  if (!*alive_) return;  // the destructor erases
  auto it = transfers_.find(transfer->peer());
  if (it != transfers_.end() && it->second.get() == transfer) transfers_.erase(it);
}

}  // namespace iosup::tftp
