#include "frontend/telnet_connection.h"

#include <libtelnet.h>

namespace iosup {

namespace {
// What we agree to: we echo and suppress go-ahead; the client may tell us its window size.
const telnet_telopt_t kTelopts[] = {
    {TELNET_TELOPT_ECHO, TELNET_WILL, TELNET_DONT},
    {TELNET_TELOPT_SGA, TELNET_WILL, TELNET_DO},
    {TELNET_TELOPT_NAWS, TELNET_WONT, TELNET_DO},
    {-1, 0, 0},
};
}  // namespace

// A failed write ends the connection; so does the last write of a closing one.
TelnetConnection::TelnetConnection(asio::ip::tcp::socket socket)
    : socket_(std::move(socket)), out_(socket_, [this](const asio::error_code& ec) {
        if (ec || closing_) Finish();
      }) {
  asio::error_code ec;
  auto remote = socket_.remote_endpoint(ec);
  if (!ec) peer_ = remote.address().to_string();
  telnet_ = telnet_init(kTelopts, &TelnetConnection::OnEvent, 0, this);
}

TelnetConnection::~TelnetConnection() {
  if (telnet_ != nullptr) telnet_free(telnet_);
}

void TelnetConnection::Start(Handler* handler, ClosedCallback on_closed) {
  handler_ = handler;
  on_closed_ = std::move(on_closed);
  telnet_negotiate(telnet_, TELNET_WILL, TELNET_TELOPT_ECHO);
  telnet_negotiate(telnet_, TELNET_WILL, TELNET_TELOPT_SGA);
  telnet_negotiate(telnet_, TELNET_DO, TELNET_TELOPT_NAWS);
  Read();
}

void TelnetConnection::Send(std::string_view bytes) {
  if (closing_ || finished_ || bytes.empty()) return;
  telnet_send(telnet_, bytes.data(), bytes.size());
}

void TelnetConnection::Close() {
  if (closing_ || finished_) return;
  closing_ = true;
  if (out_.idle()) {
    asio::post(socket_.get_executor(), [self = shared_from_this()] { self->Finish(); });
  }
}

void TelnetConnection::Abort() {
  handler_ = nullptr;
  on_closed_ = nullptr;
  closing_ = true;
  Finish();
}

void TelnetConnection::Finish() {
  if (finished_) return;
  finished_ = true;
  out_.Stop();
  asio::error_code ec;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ec);
  socket_.close(ec);
  handler_ = nullptr;
  if (on_closed_) asio::post(socket_.get_executor(), std::exchange(on_closed_, nullptr));
}

void TelnetConnection::OnEvent(telnet_t*, telnet_event_t* event, void* self) {
  static_cast<TelnetConnection*>(self)->HandleEvent(*event);
}

void TelnetConnection::HandleEvent(telnet_event_t& ev) {
  switch (ev.type) {
    case TELNET_EV_SEND:
      out_.Send({ev.data.buffer, ev.data.size}, shared_from_this());
      break;
    case TELNET_EV_DATA:
      if (handler_ != nullptr && !closing_) {
        const std::string data = DecodeNvt({ev.data.buffer, ev.data.size});
        if (!data.empty()) handler_->OnData(data);
      }
      break;
    case TELNET_EV_IAC:
      if (handler_ == nullptr || closing_) break;
      if (ev.iac.cmd == TELNET_BREAK) handler_->OnBreak();
      if (ev.iac.cmd == TELNET_IP) handler_->OnData("\x03");  // Interrupt Process: Ctrl-C
      break;
    case TELNET_EV_SUBNEGOTIATION:
      if (ev.sub.telopt == TELNET_TELOPT_NAWS && ev.sub.size == 4 && handler_ != nullptr) {
        auto byte = [&](size_t i) { return static_cast<unsigned char>(ev.sub.buffer[i]); };
        handler_->OnWindowSize(byte(0) << 8 | byte(1), byte(2) << 8 | byte(3));
      }
      break;
    case TELNET_EV_ERROR:
      Close();
      break;
    default:
      break;
  }
}

// RFC 854: an NVT sends a line end as CR LF and a bare carriage return as CR NUL; either is the
// one Enter key a person pressed (Debian's telnet sends CR NUL in character mode). Passing the
// second byte on would answer the next [confirm] with it.
std::string TelnetConnection::DecodeNvt(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (char c : bytes) {
    const bool second_half = after_cr_ && (c == '\n' || c == '\0');
    after_cr_ = c == '\r';
    if (!second_half) out += c;
  }
  return out;
}

void TelnetConnection::Read() {
  socket_.async_read_some(
      asio::buffer(buf_), [self = shared_from_this()](asio::error_code ec, size_t n) {
        if (self->finished_) return;
        if (ec) return self->Finish();  // the client left: what is queued has nowhere to go
        telnet_recv(self->telnet_, self->buf_, n);
        if (!self->finished_) self->Read();
      });
}

}  // namespace iosup
