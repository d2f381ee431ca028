// One transfer as the server sees it, as an explicit state machine: the request, option
// negotiation, then the sending (RRQ) or receiving (WRQ) loop with timeout, retransmission and a
// retry limit, then a short dally after the final ACK of an upload.
//
// Pure: it reads and writes files only through the FileSource it is given, learns time from the
// `now` of each event and returns datagrams in an Outbox. The socket glue (tftp_server.h) and the
// fuzzer drive it the same way.
#ifndef IOSUP_TRANSFER_SERVER_SESSION_H_
#define IOSUP_TRANSFER_SERVER_SESSION_H_

#include <chrono>
#include <memory>
#include <optional>
#include <vector>

#include "transfer/block_transfer.h"
#include "transfer/file_source.h"
#include "transfer/session_timer.h"
#include "transfer/tftp_options.h"
#include "transfer/transfer_record.h"

namespace iosup::tftp {

struct SessionConfig {
  ServerLimits limits;
  // The timeout when the client does not negotiate `timeout` (see SessionTimer): a session gives
  // up after (max_retries + 1) timeouts without progress. Until the client first answers, the
  // timeout is at most this one, whatever the client negotiated.
  std::chrono::milliseconds retransmit_timeout{1000};
  int max_retries = 5;
};

// Maps a FileSource/transfer Status to the TFTP error to send.
ErrorNumber ErrorNumberFor(const Status& status);

// The text of ERROR 0 to a request refused, or a session evicted, for want of room.
inline constexpr std::string_view kServerBusyMessage = "Server busy, try again later";

class ServerSession {
 public:
  enum class State {
    kAwaitOackAck,  // RRQ with options: OACK sent, waiting for ACK 0
    kSending,       // RRQ: windows of DATA out, ACKs in
    kReceiving,     // WRQ: DATA in, ACKs out
    kDallying,      // WRQ complete: re-ACK a repeated final block for a while
    kDone,
    kFailed,
  };

  ServerSession(const SessionConfig& config, FileSource& source);
  ~ServerSession();

  // Handles the request that created the session.
  void Start(const Request& request, SteadyTime now, Outbox& out);
  // A datagram from the session's peer.
  void OnDatagram(std::span<const uint8_t> datagram, SteadyTime now, Outbox& out);
  // Call at or after deadline(); earlier calls do nothing.
  void OnTimer(SteadyTime now, Outbox& out);
  // The server shuts down: abort, tell the peer.
  void Abort(SteadyTime now, Outbox& out);
  // The server needs the slot: abort, tell the peer ERROR 0 "Server busy".
  void Evict(SteadyTime now, Outbox& out);

  State state() const { return state_; }
  bool finished() const { return state_ == State::kDone || state_ == State::kFailed; }
  // Between events, once what was produced has been sent: see BlockSender::ReadAhead.
  void ReadAhead() { timer_.ReadAhead(); }
  // The next instant OnTimer has work: a retransmission, a paced burst or giving up.
  SteadyTime deadline() const { return timer_.deadline(); }
  const TransferRecord& record() const { return record_; }
  // When the peer last moved the transfer on (or sent the request).
  SteadyTime last_progress() const { return timer_.heard_at(); }
  // Largest datagram the peer may legitimately send in this session.
  size_t max_incoming() const;

 private:
  void StartRead(const Request& request, const ServerNegotiation& n, SteadyTime now, Outbox& out);
  void StartWrite(const Request& request, const ServerNegotiation& n, SteadyTime now,
                  Outbox& out);
  void OnAck(uint16_t block, SteadyTime now, Outbox& out);
  void OnData(uint16_t block, std::span<const uint8_t> payload, SteadyTime now, Outbox& out);
  void StartSending(SteadyTime now, Outbox& out);
  void Fail(Outcome outcome, const Status& why, bool tell_peer, SteadyTime now, Outbox& out);
  void Stop(Outcome outcome, const Status& why, SteadyTime now, Outbox& out);
  void Finish(SteadyTime now);

  SessionConfig config_;
  FileSource& source_;
  State state_ = State::kFailed;
  SessionTimer timer_;
  SteadyTime oack_sent_{};
  TransferRecord record_;
  std::vector<uint8_t> control_;  // the last OACK or ERROR, kept for retransmission
  std::unique_ptr<BlockReader> reader_;
  std::unique_ptr<BlockSender> sender_;
  std::unique_ptr<FileWriter> writer_;
  std::unique_ptr<BlockReceiver> receiver_;
};

}  // namespace iosup::tftp

#endif  // IOSUP_TRANSFER_SERVER_SESSION_H_
