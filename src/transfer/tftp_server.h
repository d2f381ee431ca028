// The TFTP server: one asio event loop for every transfer (no thread or process per transfer),
// each transfer a ServerSession on its own ephemeral UDP port (its transfer ID), DATA windows
// sent with one sendmmsg, caps on concurrent sessions (in all and per client address) with
// eviction of idle ones, IPv4 and IPv6.
//
// Embeddable: it runs on the io_context it is given (the lab's, or the one `iosup tftpd` runs)
// and serves whatever FileSource it is given. Not thread-safe: use it from the io_context's
// thread (or before run()).
#ifndef IOSUP_TRANSFER_TFTP_SERVER_H_
#define IOSUP_TRANSFER_TFTP_SERVER_H_

#ifndef ASIO_STANDALONE
#define ASIO_STANDALONE
#endif

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <vector>

#include <asio/io_context.hpp>
#include <asio/ip/udp.hpp>

#include "base/status.h"
#include "transfer/file_source.h"
#include "transfer/server_session.h"
#include "transfer/transfer_record.h"

namespace iosup::tftp {

struct ServerOptions {
  // Where to listen. Empty: [::]:69 accepting IPv4 too (0.0.0.0:69 without IPv6).
  std::vector<asio::ip::udp::endpoint> listen;
  SessionConfig session;
  // Sessions in all, and per client address (0: no cap). A request beyond either evicts the
  // longest-idle session (of its address, or of all) if that one's peer has made no progress for
  // evict_idle_after (its peer gets ERROR 0 "Server busy"); else the request gets that ERROR.
  size_t max_sessions = 512;
  size_t max_sessions_per_client = 32;
  std::chrono::milliseconds evict_idle_after{1000};
  int socket_buffer_bytes = 4 << 20;
  // Called once per finished transfer (the one log line). May be empty.
  std::function<void(const TransferRecord&)> on_transfer;
};

class TftpServer {
 public:
  // Binds the listening sockets and starts serving on `io`. `source` must outlive the server.
  static Result<std::unique_ptr<TftpServer>> Start(asio::io_context& io, FileSource& source,
                                                  ServerOptions options);
  // Stops: listening sockets close, running transfers are aborted (ERROR sent, uploads
  // discarded, each logged).
  ~TftpServer();

  std::vector<asio::ip::udp::endpoint> local_endpoints() const;
  size_t active_sessions() const;

  class Transfer;  // one running session (internal)

 private:
  class Listener;
  TftpServer(asio::io_context& io, FileSource& source, ServerOptions options);
  void OnRequest(asio::ip::udp::socket& listener, const asio::ip::udp::endpoint& peer,
                 std::span<const uint8_t> datagram);
  void OnTransferEnd(Transfer* transfer);
  // Whether a session from `client` may start, after evicting one if needed.
  bool MakeRoom(const asio::ip::address& client);

  asio::io_context& io_;
  FileSource& source_;
  ServerOptions options_;
  std::vector<std::shared_ptr<Listener>> listeners_;
  std::map<asio::ip::udp::endpoint, std::shared_ptr<Transfer>> transfers_;
  std::shared_ptr<bool> alive_;
};

}  // namespace iosup::tftp

#endif  // IOSUP_TRANSFER_TFTP_SERVER_H_
