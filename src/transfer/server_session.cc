#include "transfer/server_session.h"

#include <type_traits>

namespace iosup::tftp {

namespace {

// The text sent to the peer: the standard wording, never local paths or errno strings.
std::string_view PeerMessage(ErrorNumber code, ErrorCode why) {
  if (why == ErrorCode::kTimedOut) return "Transfer timed out";
  if (why == ErrorCode::kBusy) return kServerBusyMessage;
  switch (code) {
    case ErrorNumber::kFileNotFound: return "File not found";
    case ErrorNumber::kAccessViolation: return "Access violation";
    case ErrorNumber::kDiskFull: return "Disk full or allocation exceeded";
    case ErrorNumber::kIllegalOperation: return "Illegal TFTP operation";
    case ErrorNumber::kUnknownTid: return "Unknown transfer ID";
    case ErrorNumber::kFileExists: return "File already exists";
    case ErrorNumber::kNoSuchUser: return "No such user";
    case ErrorNumber::kOptionRefused: return "Option negotiation refused";
    case ErrorNumber::kNotDefined: break;
  }
  return "Transfer failed";
}

}  // namespace

ErrorNumber ErrorNumberFor(const Status& status) {
  switch (status.code()) {
    case ErrorCode::kNotFound: return ErrorNumber::kFileNotFound;
    case ErrorCode::kPermissionDenied:
    case ErrorCode::kIsDirectory:
    case ErrorCode::kNotDirectory: return ErrorNumber::kAccessViolation;
    case ErrorCode::kNoSpace: return ErrorNumber::kDiskFull;
    case ErrorCode::kAlreadyExists: return ErrorNumber::kFileExists;
    case ErrorCode::kInvalidArgument: return ErrorNumber::kIllegalOperation;
    default: return ErrorNumber::kNotDefined;
  }
}

ServerSession::ServerSession(const SessionConfig& config, FileSource& source)
    : config_(config), source_(source), timer_(config.retransmit_timeout, config.max_retries) {}

ServerSession::~ServerSession() = default;

size_t ServerSession::max_incoming() const {
  if (record_.is_write) return std::max<size_t>(516, record_.options.blksize + 4);
  return 516;
}

void ServerSession::Start(const Request& request, SteadyTime now, Outbox& out) {
  record_.start = now;
  record_.is_write = request.is_write;
  record_.file = std::string(request.filename);
  record_.mode = request.mode;
  ServerNegotiation n = NegotiateAsServer(request, config_.limits);
  record_.options = n.options;
  if (n.options.timeout_s) {
    const std::chrono::milliseconds negotiated = std::chrono::seconds(*n.options.timeout_s);
    timer_.set_timeout(negotiated);
    timer_.set_first_timeout(std::min(negotiated, config_.retransmit_timeout));
  }
  timer_.Start(now);
  if (request.is_write) {
    StartWrite(request, n, now, out);
  } else {
    StartRead(request, n, now, out);
  }
}

void ServerSession::StartRead(const Request& request, const ServerNegotiation& n,
                              SteadyTime now, Outbox& out) {
  Result<std::shared_ptr<FileReader>> file = source_.OpenRead(request.filename);
  if (!file.ok()) return Fail(Outcome::kRefused, file.status(), true, now, out);
  const uint64_t size = (*file)->size();
  reader_ = MakeBlockReader(std::move(*file), request.mode, n.options.blksize);
  sender_ = std::make_unique<BlockSender>(*reader_, n.options.blksize, n.options.windowsize,
                                          std::chrono::microseconds(timer_.answered_timeout()),
                                          n.peer_receive_buffer ? n.peer_receive_buffer
                                                                : kLinuxDefaultReceiveBuffer);
  OptionList oack = n.oack;
  if (n.tsize_requested) {
    oack.emplace_back("tsize", std::to_string(size));
    record_.options.tsize = size;
  }
  if (oack.empty()) return StartSending(now, out);
  control_.clear();
  AppendOack(oack, control_);
  out.AddControl(control_);
  state_ = State::kAwaitOackAck;
  oack_sent_ = now;
  timer_.Arm(now);
}

void ServerSession::StartWrite(const Request& request, const ServerNegotiation& n,
                               SteadyTime now, Outbox& out) {
  Result<std::unique_ptr<FileWriter>> w = source_.OpenWrite(request.filename, n.options.tsize);
  if (!w.ok()) return Fail(Outcome::kRefused, w.status(), true, now, out);
  writer_ = std::move(*w);
  receiver_ = std::make_unique<BlockReceiver>(*writer_, request.mode, n.options.blksize,
                                              n.options.windowsize);
  state_ = State::kReceiving;
  if (n.oack.empty()) {
    out.AddAck(0);
  } else {
    control_.clear();
    AppendOack(n.oack, control_);
    out.AddControl(control_);
  }
  timer_.Arm(now);
}

void ServerSession::OnDatagram(std::span<const uint8_t> datagram, SteadyTime now, Outbox& out) {
  if (finished()) return;
  Result<Packet> packet = ParsePacket(datagram);
  if (!packet.ok()) return Fail(Outcome::kLocalError, packet.status(), true, now, out);
  std::visit(
      [&](const auto& p) {
        using T = std::decay_t<decltype(p)>;
        if constexpr (std::is_same_v<T, Error>) {
          Fail(Outcome::kPeerError, Status(ErrorCode::kAborted, "peer: " + std::string(p.message)),
               false, now, out);
        } else if constexpr (std::is_same_v<T, Ack>) {
          if (state_ == State::kAwaitOackAck && p.block == 0) {
            if (timer_.retries() == 0) {
              sender_->AddRttSample(
                  std::chrono::duration_cast<std::chrono::microseconds>(now - oack_sent_));
            }
            timer_.Heard(now);
            StartSending(now, out);
          } else if (state_ == State::kSending) {
            OnAck(p.block, now, out);
          }
        } else if constexpr (std::is_same_v<T, Data>) {
          if (state_ == State::kReceiving || state_ == State::kDallying) {
            OnData(p.block, p.payload, now, out);
          } else {
            Fail(Outcome::kLocalError, InvalidArgument("DATA during a read"), true, now, out);
          }
        } else {
          Fail(Outcome::kLocalError, InvalidArgument("unexpected request or OACK"), true, now,
               out);
        }
      },
      *packet);
}

void ServerSession::OnAck(uint16_t block, SteadyTime now, Outbox& out) {
  Result<BlockSender::AckVerdict> v = timer_.OnAck(block, now, out);
  record_.bytes = sender_->acked_bytes();
  if (!v.ok()) return Fail(Outcome::kLocalError, v.status(), true, now, out);
  if (*v == BlockSender::AckVerdict::kComplete) Finish(now);
}

void ServerSession::OnData(uint16_t block, std::span<const uint8_t> payload, SteadyTime now,
                           Outbox& out) {
  if (state_ == State::kDallying) {
    if (block == receiver_->ack_block()) out.AddAck(block);  // our final ACK was lost
    return;
  }
  const uint64_t before = receiver_->blocks_received();
  Result<BlockReceiver::Verdict> v = receiver_->OnData(block, payload);
  if (!v.ok()) return Fail(Outcome::kLocalError, v.status(), true, now, out);
  record_.bytes = receiver_->file_bytes();
  if (receiver_->blocks_received() != before) {
    timer_.Heard(now);
    timer_.Arm(now);
  }
  if (*v == BlockReceiver::Verdict::kAck) out.AddAck(receiver_->ack_block());
  if (*v != BlockReceiver::Verdict::kComplete) return;
  Status committed = writer_->Commit();
  if (!committed.ok()) return Fail(Outcome::kLocalError, committed, true, now, out);
  out.AddAck(block);
  record_.bytes = writer_->written();
  record_.outcome = Outcome::kOk;
  record_.end = now;
  state_ = State::kDallying;
  timer_.Arm(now);
}

void ServerSession::StartSending(SteadyTime now, Outbox& out) {
  state_ = State::kSending;
  timer_.set_sender(sender_.get());
  Status s = timer_.SendWindow(now, out);
  if (!s.ok()) Fail(Outcome::kLocalError, s, true, now, out);
}

void ServerSession::OnTimer(SteadyTime now, Outbox& out) {
  if (finished()) return;
  Result<SessionTimer::Expiry> e = timer_.OnTimer(now, out);
  if (!e.ok()) return Fail(Outcome::kLocalError, e.status(), true, now, out);
  if (*e == SessionTimer::Expiry::kNone) return;
  if (state_ == State::kDallying) {
    state_ = State::kDone;
    timer_.Stop();
    return;
  }
  if (*e == SessionTimer::Expiry::kGiveUp) {
    return Fail(Outcome::kTimedOut, Status(ErrorCode::kTimedOut, "Transfer timed out"), true,
                now, out);
  }
  ++record_.retransmits;
  if (*e == SessionTimer::Expiry::kResent) return;
  if (state_ == State::kAwaitOackAck) {
    out.AddControl(control_);
  } else if (receiver_->started() || control_.empty()) {
    out.AddAck(receiver_->ack_block());
  } else {
    out.AddControl(control_);  // the OACK of a WRQ
  }
  timer_.Arm(now);
}

void ServerSession::Abort(SteadyTime now, Outbox& out) {
  Stop(Outcome::kAborted, Status(ErrorCode::kAborted, "server shutting down"), now, out);
}

void ServerSession::Evict(SteadyTime now, Outbox& out) {
  Stop(Outcome::kAborted, Status(ErrorCode::kBusy, "evicted: server busy"), now, out);
}

void ServerSession::Stop(Outcome outcome, const Status& why, SteadyTime now, Outbox& out) {
  if (state_ == State::kDallying) {  // the upload is complete: nothing to abort
    state_ = State::kDone;
    timer_.Stop();
    return;
  }
  if (!finished()) Fail(outcome, why, true, now, out);
}

void ServerSession::Fail(Outcome outcome, const Status& why, bool tell_peer, SteadyTime now,
                         Outbox& out) {
  if (tell_peer) {
    const ErrorNumber code = ErrorNumberFor(why);
    control_.clear();
    AppendError(code, PeerMessage(code, why.code()), control_);
    out.AddControl(control_);
  }
  writer_.reset();  // an unfinished upload is discarded
  receiver_.reset();
  sender_.reset();
  reader_.reset();
  record_.outcome = outcome;
  record_.error = why.ToString();
  record_.end = now;
  state_ = State::kFailed;
  timer_.Stop();
}

void ServerSession::Finish(SteadyTime now) {
  sender_.reset();
  reader_.reset();
  record_.outcome = Outcome::kOk;
  record_.end = now;
  state_ = State::kDone;
  timer_.Stop();
}

}  // namespace iosup::tftp
