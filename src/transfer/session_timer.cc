#include "transfer/session_timer.h"

namespace iosup::tftp {

void SessionTimer::Start(SteadyTime now) {
  heard_at_ = now;
  retries_ = 0;
  Arm(now);
}

void SessionTimer::Heard(SteadyTime now) {
  answered_ = true;
  heard_at_ = now;
  retries_ = 0;
}

Status SessionTimer::SendWindow(SteadyTime now, Outbox& out) {
  IOSUP_RETURN_IF_ERROR(sender_->StartWindow(now, out));
  Arm(now);
  return Status::Ok();
}

Result<BlockSender::AckVerdict> SessionTimer::OnAck(uint16_t block, SteadyTime now,
                                                    Outbox& out) {
  const BlockSender::AckVerdict v = sender_->OnAck(block, now);
  if (v == BlockSender::AckVerdict::kIgnored) return v;  // never a resend: no Sorcerer's Apprentice
  Heard(now);
  if (v == BlockSender::AckVerdict::kComplete) {
    Stop();
    return v;
  }
  IOSUP_RETURN_IF_ERROR(SendWindow(now, out));
  return v;
}

void SessionTimer::Arm(SteadyTime now) {
  const auto rto = sender_ ? std::chrono::duration_cast<std::chrono::milliseconds>(sender_->rto())
                           : timeout();
  deadline_ = std::min(now + rto, GiveUpAt());
}

void SessionTimer::Stop() {
  deadline_ = SteadyTime::max();
  sender_ = nullptr;
}

Result<SessionTimer::Expiry> SessionTimer::OnTimer(SteadyTime now, Outbox& out) {
  if (sender_) {
    const size_t queued = out.datagrams.size();
    IOSUP_RETURN_IF_ERROR(sender_->OnPaceTimer(now, out));
    if (out.datagrams.size() != queued) {  // the timeout runs from the last send
      Arm(now);
      return Expiry::kNone;
    }
  }
  if (now < deadline_) return Expiry::kNone;
  if (now >= GiveUpAt()) return Expiry::kGiveUp;
  ++retries_;
  if (!sender_) return Expiry::kRetransmit;
  sender_->OnTimeout();
  IOSUP_RETURN_IF_ERROR(SendWindow(now, out));
  return Expiry::kResent;
}

}  // namespace iosup::tftp
