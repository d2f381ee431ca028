// Runs one TFTP session (ClientSession or ServerSession, both pure) on an asio io_context:
// each event (a batch of datagrams, the session's timer) goes to the session, what the session
// produced is sent at once, and then the driver either ends or waits for the next event. The
// client and the server transfer are this same loop with different edges.
//
// Derived (CRTP) provides:
//   Session& session();
//   bool AcceptSource(const sockaddr_storage& from);  // false: a stray datagram, ignored
//   void Send(Outbox& out);                           // sends out.datagrams (not cleared)
//   void OnEnded();                                   // after the socket closed, once
// Invariant: the object lives while a receive or timer wait holds a reference to it.
#ifndef IOSUP_TRANSFER_SESSION_DRIVER_H_
#define IOSUP_TRANSFER_SESSION_DRIVER_H_

#include <asio/io_context.hpp>
#include <asio/steady_timer.hpp>
#include <chrono>
#include <memory>

#include "transfer/block_transfer.h"
#include "transfer/datagram_socket.h"
#include "transfer/udp_batch.h"

namespace iosup::tftp {

template <typename Derived>
class SessionDriver : public std::enable_shared_from_this<Derived> {
 protected:
  explicit SessionDriver(asio::io_context& io)
      : socket_(io, [this](Result<size_t> n) { OnReceived(n); }), timer_(io), recv_(8, 516) {}

  // Sends what the session produced. Flushed per datagram: DATA payloads point into the
  // reader's buffer, which the next datagram may refill. A lost send is retransmitted.
  void Flush() {
    if (out_.datagrams.empty()) return;
    self().Send(out_);
    out_.clear();
  }

  // Sends what the session produced, then either ends or waits for the next event; the file is
  // read ahead while the peer answers.
  void AfterEvent() {
    Flush();
    if (self().session().finished()) return End();
    self().session().ReadAhead();
    if (!socket_.receiving()) socket_.AsyncReceive(recv_, this->shared_from_this());
    ArmTimer();
  }

  void End() {
    if (ended_) return;
    ended_ = true;
    timer_.cancel();
    socket_.Close();
    self().OnEnded();
  }

  DatagramSocket socket_;
  asio::steady_timer timer_;
  RecvBatch recv_;
  Outbox out_;
  bool ended_ = false;

 private:
  Derived& self() { return static_cast<Derived&>(*this); }

  // An error is ICMP port unreachable (the peer is gone): the session's retry limit decides.
  void OnReceived(Result<size_t> n) {
    if (ended_) return;
    if (n.ok()) {
      const SteadyTime now = std::chrono::steady_clock::now();
      for (size_t i = 0; i < *n && !self().session().finished(); ++i) {
        if (!self().AcceptSource(recv_.source(i))) continue;
        self().session().OnDatagram(recv_.datagram(i), now, out_);
        Flush();
      }
    }
    AfterEvent();
  }

  // The timer is re-armed only when the deadline moves earlier; a deadline pushed later is
  // found when the timer fires, so an ACK costs no timer system call.
  void ArmTimer() {
    const SteadyTime deadline = self().session().deadline();
    if (deadline == SteadyTime::max() || (timer_armed_ && deadline >= armed_at_)) return;
    timer_armed_ = true;
    armed_at_ = deadline;
    timer_.expires_at(deadline);
    timer_.async_wait([keep = this->shared_from_this(), this](std::error_code ec) {
      if (ec || ended_) return;  // cancelled: a newer wait is pending
      timer_armed_ = false;
      self().session().OnTimer(std::chrono::steady_clock::now(), out_);
      AfterEvent();
    });
  }

  bool timer_armed_ = false;
  SteadyTime armed_at_ = SteadyTime::max();
};

}  // namespace iosup::tftp

#endif  // IOSUP_TRANSFER_SESSION_DRIVER_H_
