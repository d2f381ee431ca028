// The console socket: one client at a time, bytes both ways, the backlog of what was printed
// while nobody was attached, BREAK as Ctrl-\ during a boot.
#include "frontend/console_socket.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "frontend/telnet_test_support.h"
#include "testing/temp_dir.h"

namespace iosup {
namespace {

class SocketClient {
 public:
  SocketClient(asio::io_context& io, const std::string& path) : socket_(io) {
    asio::error_code ec;
    socket_.connect(asio::local::stream_protocol::endpoint(path), ec);
    if (ec) closed_ = true;
    else Read();
  }
  void Send(std::string_view b) {
    asio::error_code ec;
    asio::write(socket_, asio::buffer(b.data(), b.size()), ec);
  }
  void Close() {
    asio::error_code ec;
    socket_.close(ec);
  }
  const std::string& text() const { return text_; }
  bool closed() const { return closed_; }

 private:
  void Read() {
    socket_.async_read_some(asio::buffer(buf_), [this](asio::error_code ec, size_t n) {
      if (ec) {
        closed_ = true;
        return;
      }
      text_.append(buf_, n);
      Read();
    });
  }
  asio::local::stream_protocol::socket socket_;
  std::string text_;
  bool closed_ = false;
  char buf_[4096];
};

class ConsoleSocketTest : public FrontendFixture {
 protected:
  void Open() {
    auto cs = ConsoleSocket::Start(io_, *lines_, dir_.path() + "/console/R1.sock");
    ASSERT_TRUE(cs.ok()) << cs.status().ToString();
    console_ = std::move(*cs);
  }
  bool Sees(const SocketClient& c, const std::string& text) {
    return Pump([&] { return c.text().find(text) != std::string::npos; });
  }

  TempDir dir_;
  std::unique_ptr<ConsoleSocket> console_;
};

TEST_F(ConsoleSocketTest, AttachTypeDetachAndOneClientAtATime) {
  StartDevice();
  Open();
  EXPECT_TRUE(std::filesystem::exists(console_->path()));
  SocketClient a(io_, console_->path());
  a.Send("\r");
  ASSERT_TRUE(Sees(a, "R1>")) << a.text();
  SocketClient b(io_, console_->path());
  ASSERT_TRUE(Pump([&] { return b.closed(); }));
  EXPECT_EQ(b.text(), "console in use\r\n");
  a.Send("enable\r");
  ASSERT_TRUE(Sees(a, "R1#")) << a.text();
  a.Close();
  ASSERT_TRUE(Pump([&] { return !console_->port().attached(); }));
  // Printed while nobody is attached: kept for the next client.
  device_->Reload("Reload Command", "console");
  SocketClient c(io_, console_->path());
  ASSERT_TRUE(Sees(c, "Press RETURN to get started")) << c.text();
  c.Send("\r");
  EXPECT_TRUE(Sees(c, "R1>")) << c.text();
  const std::string path = console_->path();
  console_.reset();
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST_F(ConsoleSocketTest, CtrlBackslashDuringBootIsABreak) {
  StartDevice(std::chrono::seconds(60));
  Open();
  SocketClient a(io_, console_->path());
  ASSERT_TRUE(Pump([&] { return console_->port().attached(); }));
  device_->Reload("Reload Command", "console");
  ASSERT_EQ(device_->state(), DeviceState::kBooting);
  a.Send(std::string(1, ConsoleLine::kBreakByte));
  ASSERT_TRUE(Sees(a, "rommon 1 >")) << a.text();
  EXPECT_EQ(device_->state(), DeviceState::kRomMonitor);
}

}  // namespace
}  // namespace iosup
