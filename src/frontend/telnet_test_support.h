// Test support for the telnet and console front-ends: a telnet client speaking the protocol with
// libtelnet on the test's own io_context, beside FrontendFixture (tests/frontend_fixture.h).
// Everything on loopback, one thread.
#ifndef IOSUP_FRONTEND_TELNET_TEST_SUPPORT_H_
#define IOSUP_FRONTEND_TELNET_TEST_SUPPORT_H_

#include <libtelnet.h>

#include <asio.hpp>
#include <functional>
#include <string>

#include "tests/frontend_fixture.h"

namespace iosup {

class TestTelnetClient {
 public:
  // Connects at once (blocking connect on loopback); `width`/`height` answer DO NAWS when set.
  TestTelnetClient(asio::io_context& io, uint16_t port, int width = 0, int height = 0)
      : socket_(io), width_(width), height_(height) {
    static const telnet_telopt_t kOpts[] = {{TELNET_TELOPT_ECHO, TELNET_WONT, TELNET_DO},
                                            {TELNET_TELOPT_SGA, TELNET_WONT, TELNET_DO},
                                            {TELNET_TELOPT_NAWS, TELNET_WILL, TELNET_DONT},
                                            {-1, 0, 0}};
    telnet_ = telnet_init(kOpts, &TestTelnetClient::OnEvent, 0, this);
    asio::error_code ec;
    socket_.connect({asio::ip::make_address("127.0.0.1"), port}, ec);
    if (ec) closed_ = true;
    else Read();
  }
  ~TestTelnetClient() { telnet_free(telnet_); }

  void Send(std::string_view text) { telnet_send(telnet_, text.data(), text.size()); }
  void SendBreak() { telnet_iac(telnet_, TELNET_BREAK); }
  void Disconnect() {
    asio::error_code ec;
    socket_.close(ec);
  }
  const std::string& text() const { return text_; }
  bool closed() const { return closed_; }
  bool will_echo() const { return will_echo_; }
  bool will_sga() const { return will_sga_; }

 private:
  static void OnEvent(telnet_t*, telnet_event_t* ev, void* self) {
    static_cast<TestTelnetClient*>(self)->Handle(*ev);
  }
  void Handle(telnet_event_t& ev) {
    if (ev.type == TELNET_EV_DATA) text_.append(ev.data.buffer, ev.data.size);
    if (ev.type == TELNET_EV_SEND) {
      asio::error_code ec;
      asio::write(socket_, asio::buffer(ev.data.buffer, ev.data.size), ec);
    }
    if (ev.type == TELNET_EV_WILL && ev.neg.telopt == TELNET_TELOPT_ECHO) will_echo_ = true;
    if (ev.type == TELNET_EV_WILL && ev.neg.telopt == TELNET_TELOPT_SGA) will_sga_ = true;
    if (ev.type == TELNET_EV_DO && ev.neg.telopt == TELNET_TELOPT_NAWS && width_ > 0) {
      const char size[4] = {char(width_ >> 8), char(width_ & 0xff), char(height_ >> 8),
                            char(height_ & 0xff)};
      telnet_subnegotiation(telnet_, TELNET_TELOPT_NAWS, size, 4);
    }
  }
  void Read() {
    socket_.async_read_some(asio::buffer(buf_), [this](asio::error_code ec, size_t n) {
      if (ec) {
        closed_ = true;
        return;
      }
      telnet_recv(telnet_, buf_, n);
      Read();
    });
  }

  asio::ip::tcp::socket socket_;
  telnet_t* telnet_;
  int width_, height_;
  std::string text_;
  bool closed_ = false, will_echo_ = false, will_sga_ = false;
  char buf_[4096];
};

}  // namespace iosup

#endif  // IOSUP_FRONTEND_TELNET_TEST_SUPPORT_H_
