// One telnet connection: the protocol (libtelnet) over a TCP socket, nothing of IOS. Negotiates
// WILL ECHO, WILL SGA and DO NAWS (character-at-a-time, the server echoes), hands data, BREAK
// and window sizes to its Handler, escapes what is sent, and closes gracefully (what was sent
// before Close() reaches the client). Lives on one io_context thread; the owner keeps it in a
// shared_ptr (pending operations hold one too).
#ifndef IOSUP_FRONTEND_TELNET_CONNECTION_H_
#define IOSUP_FRONTEND_TELNET_CONNECTION_H_

#include <asio.hpp>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "frontend/write_queue.h"

struct telnet_t;
union telnet_event_t;

namespace iosup {

class TelnetConnection : public std::enable_shared_from_this<TelnetConnection> {
 public:
  // The application side of the connection. Callbacks run on the io_context thread, never after
  // Abort(); a handler may call Send() and Close() from them.
  class Handler {
   public:
    virtual ~Handler() = default;
    virtual void OnData(std::string_view bytes) = 0;
    virtual void OnBreak() {}                           // IAC BRK
    virtual void OnWindowSize(int width, int height) {}  // NAWS
  };
  // Called once, posted (never from inside a handler callback), when the connection is over.
  using ClosedCallback = std::function<void()>;

  explicit TelnetConnection(asio::ip::tcp::socket socket);
  ~TelnetConnection();
  TelnetConnection(const TelnetConnection&) = delete;
  TelnetConnection& operator=(const TelnetConnection&) = delete;

  // Sends the option negotiation and starts reading. `handler` must stay valid until `on_closed`
  // runs or Abort() is called.
  void Start(Handler* handler, ClosedCallback on_closed);
  // Queues bytes for the client (IAC doubled).
  void Send(std::string_view bytes);
  // Stops reading; closes once everything queued is written. Idempotent.
  void Close();
  // Closes now, drops what is queued; no callback of any kind follows.
  void Abort();
  const std::string& peer_address() const { return peer_; }
  asio::any_io_executor executor() { return socket_.get_executor(); }

 private:
  static void OnEvent(telnet_t* telnet, telnet_event_t* event, void* self);
  void HandleEvent(telnet_event_t& event);
  // The client's data with each CR LF / CR NUL made one CR, across reads.
  std::string DecodeNvt(std::string_view bytes);
  void Read();
  void Finish();  // closes the socket and reports, once

  asio::ip::tcp::socket socket_;
  telnet_t* telnet_ = nullptr;
  Handler* handler_ = nullptr;
  ClosedCallback on_closed_;
  std::string peer_;
  WriteQueue<asio::ip::tcp::socket> out_;  // already escaped
  bool closing_ = false;
  bool finished_ = false;
  bool after_cr_ = false;  // the last data byte was a CR: a LF or NUL next ends the same line
  char buf_[4096];
};

}  // namespace iosup

#endif  // IOSUP_FRONTEND_TELNET_CONNECTION_H_
