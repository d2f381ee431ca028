// The clock and the sending loop every TFTP transfer shares (ServerSession and ClientSession):
// when a paced burst or a probe of the window is due, when the last packet goes again, and when
// the transfer gives up.
//  - Retransmission: while windows are being sent, the BlockSender's adaptive timeout (backed
//    off up to `timeout` at most); otherwise every `timeout`.
//  - Giving up: only once the peer has made no progress for (max_retries + 1) timeouts, the wait
//    a classic server with a fixed timer gives: a receiver that stalls for seconds while it
//    writes flash is waited for, however often the adaptive timer has fired meanwhile.
//  - `timeout` is RFC 2349's when negotiated, else the configured one. Until the peer first
//    answers, the session may use a shorter one (first_timeout): a server bounds how long a
//    request that never answers its first reply holds a slot, whatever it negotiated.
// Pure: time comes with each call.
#ifndef IOSUP_TRANSFER_SESSION_TIMER_H_
#define IOSUP_TRANSFER_SESSION_TIMER_H_

#include <algorithm>
#include <chrono>

#include "base/status.h"
#include "transfer/block_transfer.h"

namespace iosup::tftp {

class SessionTimer {
 public:
  SessionTimer(std::chrono::milliseconds timeout, int max_retries)
      : timeout_(timeout), first_timeout_(timeout), max_retries_(std::max(0, max_retries)) {}

  // The unit once the peer has answered, and the one until then.
  void set_timeout(std::chrono::milliseconds t) { timeout_ = t; }
  void set_first_timeout(std::chrono::milliseconds t) { first_timeout_ = t; }
  std::chrono::milliseconds timeout() const { return answered_ ? timeout_ : first_timeout_; }
  std::chrono::milliseconds answered_timeout() const { return timeout_; }

  // The session's first send: the peer's silence counts from now.
  void Start(SteadyTime now);
  // The peer moved the transfer on (answered, acknowledged or sent something new).
  void Heard(SteadyTime now);
  // Windows go out through `sender` from now on (null: no more).
  void set_sender(BlockSender* sender) { sender_ = sender; }

  // Starts the sender's next window and arms the retransmission.
  Status SendWindow(SteadyTime now, Outbox& out);
  // An ACK while sending: progress starts the next window. kComplete stops the timer.
  Result<BlockSender::AckVerdict> OnAck(uint16_t block, SteadyTime now, Outbox& out);
  // The next retransmission is due one timeout from now (never after the give-up time).
  void Arm(SteadyTime now);
  void Stop();

  enum class Expiry {
    kNone,        // nothing to do, or a paced burst or probe was queued
    kResent,      // the window was sent again (queued)
    kRetransmit,  // the session queues its last packet again, then calls Arm
    kGiveUp,      // the peer has been silent too long
  };
  // Call at or after deadline().
  Result<Expiry> OnTimer(SteadyTime now, Outbox& out);
  SteadyTime deadline() const {
    return sender_ ? std::min(deadline_, sender_->next_send_time()) : deadline_;
  }
  // See BlockSender::ReadAhead.
  void ReadAhead() {
    if (sender_) sender_->ReadAhead();
  }
  // Timeouts since the peer last made progress, and when it last did (or the start).
  int retries() const { return retries_; }
  SteadyTime heard_at() const { return heard_at_; }

 private:
  SteadyTime GiveUpAt() const { return heard_at_ + timeout() * (max_retries_ + 1); }

  std::chrono::milliseconds timeout_;
  std::chrono::milliseconds first_timeout_;
  int max_retries_;
  bool answered_ = false;
  int retries_ = 0;
  SteadyTime heard_at_{};
  SteadyTime deadline_ = SteadyTime::max();
  BlockSender* sender_ = nullptr;
};

}  // namespace iosup::tftp

#endif  // IOSUP_TRANSFER_SESSION_TIMER_H_
