// One transfer as the client sees it (get = RRQ, put = WRQ), as an explicit state machine: the
// request, option negotiation with a clean fallback (a server that ignores options answers with
// DATA or ACK 0; one that refuses them with ERROR 8 gets the request again without options),
// then the receiving or sending loop with timeout, retransmission and a retry limit.
//
// Pure like ServerSession: time comes with each event, datagrams leave through an Outbox.
#ifndef IOSUP_TRANSFER_CLIENT_SESSION_H_
#define IOSUP_TRANSFER_CLIENT_SESSION_H_

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "transfer/block_transfer.h"
#include "transfer/session_timer.h"
#include "transfer/tftp_options.h"
#include "transfer/transfer_record.h"

namespace iosup::tftp {

// The window a client asks for when the caller sets none: servers without RFC 7440 ignore the
// option and the transfer runs in lock-step, the others grant up to this. A download asks for
// more, and announces its receive buffer ("rcvbuf") so that a server that knows the hint
// grants what the buffer holds; an upload asks for what a server's default buffer takes.
inline constexpr uint32_t kDefaultReadWindow = 256;
inline constexpr uint32_t kDefaultWriteWindow = 64;

struct ClientRequest {
  bool is_write = false;
  std::string remote_file;
  Mode mode = Mode::kOctet;
  ClientWants wants;  // windowsize unset: kDefaultReadWindow / kDefaultWriteWindow
  // The timeout while `timeout` is not negotiated (sub-second values are allowed): the transfer
  // gives up after (max_retries + 1) timeouts without progress (see SessionTimer).
  std::chrono::milliseconds retransmit_timeout{1000};
  int max_retries = 5;
};

// Hooks for progress reporting; called from the session's event functions.
class ClientObserver {
 public:
  virtual ~ClientObserver() = default;
  // Negotiation is over. A non-OK Status aborts the transfer and is reported to the server
  // (kNoSpace as "Disk full"): e.g. a tsize larger than the free space.
  virtual Status OnStart(const TransferOptions& options) { return Status::Ok(); }
  // Payload bytes received (get) or acknowledged (put) so far.
  virtual void OnProgress(uint64_t bytes) {}
  // A timeout expired and the last packet is sent again (`retry` counts from 1).
  virtual void OnTimeout(int retry) {}
};

// The Status a peer's ERROR packet stands for (1 -> kNotFound, 2 -> kPermissionDenied,
// 3 -> kNoSpace, 6 -> kAlreadyExists, others kIoError), message included.
Status StatusFromError(const Error& error);

class ClientSession {
 public:
  enum class State { kRequested, kReceiving, kSending, kDone, kFailed };

  // A get writes into `sink` (committed when complete, aborted otherwise); a put reads
  // `source`. The one not used may be null. `observer` may be null.
  ClientSession(ClientRequest request, FileWriter* sink, std::shared_ptr<FileReader> source,
                ClientObserver* observer);
  ~ClientSession();

  // The socket's receive buffer, announced to the server on a windowed read. Before Start().
  void AnnounceReceiveBuffer(uint32_t bytes) { receive_buffer_ = bytes; }
  void Start(SteadyTime now, Outbox& out);
  // A datagram from the server (the glue filters by transfer ID).
  void OnDatagram(std::span<const uint8_t> datagram, SteadyTime now, Outbox& out);
  void OnTimer(SteadyTime now, Outbox& out);
  // Stops the transfer, telling the server.
  void Cancel(const Status& why, SteadyTime now, Outbox& out);

  State state() const { return state_; }
  bool finished() const { return state_ == State::kDone || state_ == State::kFailed; }
  // Between events, once what was produced has been sent: see BlockSender::ReadAhead.
  void ReadAhead() { timer_.ReadAhead(); }
  // The next instant OnTimer has work: a retransmission, a paced burst or giving up.
  SteadyTime deadline() const { return timer_.deadline(); }
  const Status& status() const { return status_; }
  const TransferRecord& record() const { return record_; }
  size_t max_incoming() const;

 private:
  void SendRequest(Outbox& out);
  void Begin(const TransferOptions& options, SteadyTime now, Outbox& out);
  void OnRequestedPacket(const Packet& packet, SteadyTime now, Outbox& out);
  void OnData(const Data& data, SteadyTime now, Outbox& out);
  void OnAck(const Ack& ack, SteadyTime now, Outbox& out);
  void Fail(Outcome outcome, Status why, bool tell_peer, SteadyTime now, Outbox& out);
  void Succeed(SteadyTime now);

  ClientRequest request_;
  FileWriter* sink_;
  std::shared_ptr<FileReader> source_;
  ClientObserver* observer_;
  State state_ = State::kRequested;
  bool fell_back_ = false;
  uint32_t receive_buffer_ = 0;
  SessionTimer timer_;
  Status status_;
  TransferRecord record_;
  std::vector<uint8_t> control_;
  std::unique_ptr<BlockReader> reader_;
  std::unique_ptr<BlockSender> sender_;
  std::unique_ptr<BlockReceiver> receiver_;
};

}  // namespace iosup::tftp

#endif  // IOSUP_TRANSFER_CLIENT_SESSION_H_
