// The lab's TCP file servers keep their bounds: a silent client is closed after the idle time,
// clients past max_connections are closed at once, a request head past max_request_bytes ends
// the connection, and an FTP passive port nobody connects to is closed.
#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <thread>

#include "testing/loopback_peer.h"
#include "testing/temp_dir.h"
#include "transfer/dir_file_source.h"
#include "transfer/ftp_file_server.h"
#include "transfer/http_file_server.h"
#include "transfer/server_loop.h"

namespace iosup {
namespace {

int Connect(uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  const sockaddr_in a = LoopbackAddress(port);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&a), sizeof a) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// Reads until the server closes; the bytes, or nullopt when it is still open after `limit`.
std::optional<std::string> ReadUntilClosed(int fd, std::chrono::milliseconds limit) {
  std::string got;
  const auto give_up = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < give_up) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 50) <= 0) continue;
    char buf[4096];
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return got;
    got.append(buf, static_cast<size_t>(n));
  }
  return std::nullopt;
}

std::unique_ptr<tftp::FileSource> Root(const std::string& dir) {
  return std::move(*tftp::DirFileSource::Open(dir, {.allow_create = true}));
}

constexpr FileServerLimits kTight{.max_connections = 2,
                                  .idle = std::chrono::milliseconds(300),
                                  .max_request_bytes = 256};

TEST(FileServerBounds, HttpClosesSilentExcessAndOversizedClients) {
  TempDir dir;
  std::ofstream(dir.path() + "/f.bin") << "0123456789";
  ServerLoop loop;
  auto server = HttpFileServer::Start(loop.io(), Root(dir.path()), "127.0.0.1", 0, kTight);
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  loop.Start();
  const uint16_t port = (*server)->port();
  const int a = Connect(port), b = Connect(port);
  ASSERT_GE(a, 0);
  ASSERT_GE(b, 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));  // both admitted
  const int c = Connect(port);  // the third: closed at once, while a and b still wait
  ASSERT_GE(c, 0);
  EXPECT_EQ(ReadUntilClosed(c, std::chrono::milliseconds(200)), std::string());
  // The silent ones go after the idle time.
  EXPECT_EQ(ReadUntilClosed(a, std::chrono::seconds(3)), std::string());
  EXPECT_EQ(ReadUntilClosed(b, std::chrono::seconds(3)), std::string());
  // A head past max_request_bytes: the connection ends without an answer.
  const int d = Connect(port);
  const std::string huge = "GET /" + std::string(1000, 'x') + " HTTP/1.1\r\n\r\n";
  ASSERT_EQ(::send(d, huge.data(), huge.size(), 0), static_cast<ssize_t>(huge.size()));
  EXPECT_EQ(ReadUntilClosed(d, std::chrono::seconds(2)), std::string());
  // A good request still gets its file.
  const int e = Connect(port);
  const std::string get = "GET /f.bin HTTP/1.1\r\nHost: x\r\n\r\n";
  ASSERT_EQ(::send(e, get.data(), get.size(), 0), static_cast<ssize_t>(get.size()));
  std::optional<std::string> answer = ReadUntilClosed(e, std::chrono::seconds(2));
  ASSERT_TRUE(answer);
  EXPECT_TRUE(answer->starts_with("HTTP/1.1 200 OK\r\n")) << *answer;
  EXPECT_TRUE(answer->ends_with("\r\n\r\n0123456789")) << *answer;
  for (int fd : {a, b, c, d, e}) ::close(fd);
  loop.Stop([&] { server->reset(); });
}

TEST(FileServerBounds, FtpClosesAnIdleControlConnectionAndAnUnusedPassivePort) {
  TempDir dir;
  ServerLoop loop;
  auto server = FtpFileServer::Start(loop.io(), Root(dir.path()),
                                     {.username = "admin", .password = "cisco", .limits = kTight});
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  loop.Start();
  const int fd = Connect((*server)->port());
  const std::string login = "USER admin\r\nPASS cisco\r\nEPSV\r\n";
  ASSERT_EQ(::send(fd, login.data(), login.size(), 0), static_cast<ssize_t>(login.size()));
  std::optional<std::string> said = ReadUntilClosed(fd, std::chrono::seconds(3));
  ASSERT_TRUE(said) << "still open after the idle time";
  EXPECT_NE(said->find("230 User admin logged in."), std::string::npos) << *said;
  const size_t at = said->find("(|||");
  ASSERT_NE(at, std::string::npos) << *said;
  const uint16_t passive = static_cast<uint16_t>(std::stoi(said->substr(at + 4)));
  // Gone with its session (closed just after the control connection, on the server's loop).
  bool refused = false;
  for (int i = 0; i < 40 && !refused; ++i) {
    const int data = Connect(passive);
    refused = data < 0;
    if (data >= 0) ::close(data);
    if (!refused) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_TRUE(refused);
  ::close(fd);
  loop.Stop([&] { server->reset(); });
}

}  // namespace
}  // namespace iosup
