#include "transfer/client_session.h"

#include "transfer/server_session.h"

namespace iosup::tftp {

Status StatusFromError(const Error& error) {
  std::string m = "server: " + std::string(error.message);
  switch (error.code) {
    case ErrorNumber::kFileNotFound: return NotFound(m);
    case ErrorNumber::kAccessViolation: return PermissionDenied(m);
    case ErrorNumber::kDiskFull: return NoSpace(m);
    case ErrorNumber::kFileExists: return AlreadyExists(m);
    case ErrorNumber::kOptionRefused: return Unsupported(m);
    default: return IoError(m);
  }
}

ClientSession::ClientSession(ClientRequest request, FileWriter* sink,
                             std::shared_ptr<FileReader> source, ClientObserver* observer)
    : request_(std::move(request)), sink_(sink), source_(std::move(source)),
      observer_(observer), timer_(request_.retransmit_timeout, request_.max_retries) {
  record_.is_write = request_.is_write;
  record_.file = request_.remote_file;
  record_.mode = request_.mode;
}

ClientSession::~ClientSession() = default;

size_t ClientSession::max_incoming() const {
  uint32_t blksize = request_.wants.blksize.value_or(kDefaultBlockSize);
  return request_.is_write ? 516 : std::max<size_t>(516, blksize + 4);
}

void ClientSession::Start(SteadyTime now, Outbox& out) {
  record_.start = now;
  if (request_.is_write && request_.wants.tsize) {
    request_.wants.tsize_value = source_->size();
    if (request_.mode == Mode::kNetascii) request_.wants.tsize = false;
  }
  if (request_.wants.timeout_s) {
    timer_.set_timeout(std::chrono::seconds(*request_.wants.timeout_s));
    timer_.set_first_timeout(std::chrono::seconds(*request_.wants.timeout_s));
  }
  if (!request_.wants.windowsize) {
    request_.wants.windowsize = request_.is_write ? kDefaultWriteWindow : kDefaultReadWindow;
  }
  if (!request_.is_write && *request_.wants.windowsize > 1 &&
      receive_buffer_ >= kMinAnnouncedReceiveBuffer) {
    request_.wants.receive_buffer = std::min(receive_buffer_, kMaxAnnouncedReceiveBuffer);
  }
  SendRequest(out);
  timer_.Start(now);
}

void ClientSession::SendRequest(Outbox& out) {
  control_.clear();
  OptionList options = ClientRequestOptions(request_.wants);
  AppendRequest(request_.is_write, request_.remote_file, request_.mode, options, control_);
  out.to_initial_peer = true;
  out.AddControl(control_);
}

void ClientSession::Begin(const TransferOptions& options, SteadyTime now, Outbox& out) {
  record_.options = options;
  if (!options.timeout_s) timer_.set_timeout(request_.retransmit_timeout);
  if (observer_) {
    Status s = observer_->OnStart(options);
    if (!s.ok()) return Fail(Outcome::kLocalError, s, true, now, out);
  }
  timer_.Heard(now);
  if (request_.is_write) {
    reader_ = MakeBlockReader(source_, request_.mode, options.blksize);
    sender_ = std::make_unique<BlockSender>(*reader_, options.blksize, options.windowsize,
                                            std::chrono::microseconds(timer_.timeout()));
    state_ = State::kSending;
    timer_.set_sender(sender_.get());
    Status s = timer_.SendWindow(now, out);
    if (!s.ok()) Fail(Outcome::kLocalError, s, true, now, out);
    return;
  }
  receiver_ = std::make_unique<BlockReceiver>(*sink_, request_.mode, options.blksize,
                                              options.windowsize);
  state_ = State::kReceiving;
  timer_.Arm(now);
}

void ClientSession::OnDatagram(std::span<const uint8_t> datagram, SteadyTime now, Outbox& out) {
  if (finished()) return;
  Result<Packet> packet = ParsePacket(datagram);
  if (!packet.ok()) return Fail(Outcome::kLocalError, packet.status(), true, now, out);
  if (const Error* e = std::get_if<Error>(&*packet)) {
    const bool had_options = !ClientRequestOptions(request_.wants).empty();
    if (state_ == State::kRequested && had_options && !fell_back_ &&
        (e->code == ErrorNumber::kOptionRefused || e->code == ErrorNumber::kIllegalOperation)) {
      fell_back_ = true;  // RFC 2347: ask again, without options
      request_.wants = ClientWants{};
      timer_.set_timeout(request_.retransmit_timeout);
      timer_.set_first_timeout(request_.retransmit_timeout);
      SendRequest(out);
      return timer_.Start(now);
    }
    return Fail(Outcome::kPeerError, StatusFromError(*e), false, now, out);
  }
  if (state_ == State::kRequested) return OnRequestedPacket(*packet, now, out);
  if (const Data* d = std::get_if<Data>(&*packet); d && state_ == State::kReceiving) {
    return OnData(*d, now, out);
  }
  if (const Ack* a = std::get_if<Ack>(&*packet); a && state_ == State::kSending) {
    return OnAck(*a, now, out);
  }
  if (std::holds_alternative<Oack>(*packet) && state_ == State::kReceiving &&
      !receiver_->started()) {
    out.AddAck(0);  // our ACK of the OACK was lost
  }
}

void ClientSession::OnRequestedPacket(const Packet& packet, SteadyTime now, Outbox& out) {
  if (const Oack* oack = std::get_if<Oack>(&packet)) {
    Result<TransferOptions> options = AcceptOack(*oack, request_.wants);
    if (!options.ok()) {
      control_.clear();
      AppendError(ErrorNumber::kOptionRefused, "Option negotiation refused", control_);
      out.AddControl(control_);
      return Fail(Outcome::kLocalError, options.status(), false, now, out);
    }
    Begin(*options, now, out);
    if (state_ == State::kReceiving) out.AddAck(0);
    return;
  }
  // The server ignored our options: RFC 1350 defaults.
  const Data* d = std::get_if<Data>(&packet);
  const Ack* a = std::get_if<Ack>(&packet);
  if (d && !request_.is_write && d->block == 1) {
    Begin(TransferOptions{}, now, out);
    if (state_ == State::kReceiving) OnData(*d, now, out);
  } else if (a && request_.is_write && a->block == 0) {
    Begin(TransferOptions{}, now, out);
  }
}

void ClientSession::OnData(const Data& data, SteadyTime now, Outbox& out) {
  const uint64_t before = receiver_->blocks_received();
  Result<BlockReceiver::Verdict> v = receiver_->OnData(data.block, data.payload);
  if (!v.ok()) return Fail(Outcome::kLocalError, v.status(), true, now, out);
  if (receiver_->blocks_received() != before) {
    timer_.Heard(now);
    timer_.Arm(now);
    record_.bytes = receiver_->file_bytes();
    if (observer_) observer_->OnProgress(record_.bytes);
  }
  if (*v == BlockReceiver::Verdict::kAck) out.AddAck(receiver_->ack_block());
  if (*v != BlockReceiver::Verdict::kComplete) return;
  Status committed = sink_->Commit();
  if (!committed.ok()) return Fail(Outcome::kLocalError, committed, true, now, out);
  out.AddAck(data.block);
  Succeed(now);
}

void ClientSession::OnAck(const Ack& ack, SteadyTime now, Outbox& out) {
  Result<BlockSender::AckVerdict> v = timer_.OnAck(ack.block, now, out);
  if (!v.ok()) return Fail(Outcome::kLocalError, v.status(), true, now, out);
  if (*v == BlockSender::AckVerdict::kIgnored) return;
  record_.bytes = sender_->acked_bytes();
  if (observer_) observer_->OnProgress(record_.bytes);
  if (*v == BlockSender::AckVerdict::kComplete) Succeed(now);
}

void ClientSession::OnTimer(SteadyTime now, Outbox& out) {
  if (finished()) return;
  Result<SessionTimer::Expiry> e = timer_.OnTimer(now, out);
  if (!e.ok()) return Fail(Outcome::kLocalError, e.status(), true, now, out);
  if (*e == SessionTimer::Expiry::kNone) return;
  if (*e == SessionTimer::Expiry::kGiveUp) {
    return Fail(Outcome::kTimedOut, Status(ErrorCode::kTimedOut, "Timed out"),
                state_ != State::kRequested, now, out);
  }
  ++record_.retransmits;
  if (observer_) observer_->OnTimeout(timer_.retries());
  if (*e == SessionTimer::Expiry::kResent) return;
  if (state_ == State::kRequested) {
    SendRequest(out);
  } else {
    out.AddAck(receiver_->ack_block());
  }
  timer_.Arm(now);
}

void ClientSession::Cancel(const Status& why, SteadyTime now, Outbox& out) {
  if (!finished()) Fail(Outcome::kAborted, why, state_ != State::kRequested, now, out);
}

void ClientSession::Fail(Outcome outcome, Status why, bool tell_peer, SteadyTime now,
                         Outbox& out) {
  if (tell_peer) {
    ErrorNumber code = ErrorNumberFor(why);
    control_.clear();
    AppendError(code, why.code() == ErrorCode::kNoSpace ? "Disk full or allocation exceeded"
                                                        : why.message(),
                control_);
    out.AddControl(control_);
  }
  if (sink_ && state_ != State::kDone) sink_->Abort();
  record_.outcome = outcome;
  record_.error = why.ToString();
  record_.end = now;
  status_ = std::move(why);
  state_ = State::kFailed;
  timer_.Stop();
}

void ClientSession::Succeed(SteadyTime now) {
  record_.outcome = Outcome::kOk;
  record_.end = now;
  state_ = State::kDone;
  timer_.Stop();
}

}  // namespace iosup::tftp
