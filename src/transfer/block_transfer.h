// The two halves every TFTP transfer is made of, shared by server and client:
//  - BlockSender sends windows of DATA (RFC 7440; a window of 1 is RFC 1350's lock-step) and
//    advances only on an ACK that acknowledges something new, so duplicate ACKs never cause
//    duplicate sends (no Sorcerer's Apprentice);
//  - BlockReceiver takes DATA in order into a FileWriter, says when to ACK, and asks for a
//    retransmission (an early ACK of the last in-order block) once per gap.
// Both are pure: no I/O but the reader and writer they are given; block numbers are absolute
// (64-bit) inside and 16-bit on the wire, so transfers roll over.
#ifndef IOSUP_TRANSFER_BLOCK_TRANSFER_H_
#define IOSUP_TRANSFER_BLOCK_TRANSFER_H_

#include <array>
#include <chrono>
#include <cstdint>
#include <span>
#include <vector>

#include "base/flash_store.h"
#include "base/status.h"
#include "transfer/block_reader.h"
#include "transfer/netascii.h"
#include "transfer/tftp_options.h"
#include "transfer/tftp_packet.h"
#include "transfer/transfer_record.h"

namespace iosup::tftp {

// A datagram to send: a small header plus an optional body, sent with scatter/gather so DATA
// payloads are never copied. The body points into the producer's buffers and stays valid until
// the producer's next event.
struct OutDatagram {
  std::array<uint8_t, 4> header{};
  uint8_t header_len = 0;
  std::span<const uint8_t> body;
  size_t size() const { return header_len + body.size(); }
};

struct Outbox {
  std::vector<OutDatagram> datagrams;
  // The next datagram goes to the server's well-known port, not to the transfer's peer (a
  // client restarting its request without options).
  bool to_initial_peer = false;
  void clear() {
    datagrams.clear();
    to_initial_peer = false;
  }
  void AddControl(std::span<const uint8_t> packet) { datagrams.push_back({{}, 0, packet}); }
  void AddAck(uint16_t block);
};

// Pacing and timing, which RFC 7440 leaves to the sender. A receiver holds only what its socket
// buffer takes (by default on Linux about 90 datagrams of 1468 bytes, 12 of 8 KiB, 3 of 64 KiB)
// and answers only at the end of a window, so a window larger than that goes out in bursts:
//  - a burst is at most burst() datagrams: at first what a default receive buffer holds, grown
//    by clean windows (a larger buffer, or a receiver draining as fast as we send), cut by loss;
//  - bursts are spaced by the time the receiver needs to drain one at the estimated rate, which
//    clean paced windows raise and losses that pacing caused lower, by small steps;
//  - after an ACK inside the window (the receiver saw a gap), the restart waits until what was
//    sent beyond the gap has drained from the receiver's queue;
//  - a window left unanswered is probed, after about twice the usual answer time, by sending
//    its last block again: the receiver then ACKs the window or reports the gap (a tail-loss
//    probe); only the retransmission timeout resends the whole window. A window of 1 (RFC
//    1350's lock-step) is never probed.
// Times adapt to the measured answer time (last send of a window to its ACK; RFC 6298 style,
// Karn's rule), within [min, max].
class BlockSender {
 public:
  // `receive_buffer`: the receiver's socket buffer, when known (else Linux's default).
  BlockSender(BlockReader& reader, uint32_t blksize, uint32_t windowsize,
              std::chrono::microseconds max_rto,
              uint32_t receive_buffer = kLinuxDefaultReceiveBuffer);

  // Starts the window after the last acknowledged block (also the retransmission after a
  // timeout) and sends its first burst, or schedules it while the receiver drains.
  Status StartWindow(SteadyTime now, Outbox& out);
  // Sends the next burst of the current window, or the tail-loss probe, if next_send_time()
  // has come.
  Status OnPaceTimer(SteadyTime now, Outbox& out);
  // When a burst or a probe is next due; max when none is pending.
  SteadyTime next_send_time() const { return std::min(next_burst_, probe_at_); }
  // Call once what was sent has left (the reader's buffer may be replaced): makes the current
  // window and the block after it readable, so reading the file overlaps the receiver's work
  // instead of delaying the next window. An error is left for the next send to meet.
  void ReadAhead();

  enum class AckVerdict { kIgnored, kAdvanced, kComplete };
  AckVerdict OnAck(uint16_t wire_block, SteadyTime now);
  // The retransmission timer expired: a loss. Backs off the timeout, shrinks the burst.
  void OnTimeout();
  // Current retransmission timeout.
  std::chrono::microseconds rto() const;
  // A round-trip measured outside the data phase (OACK to ACK 0).
  void AddRttSample(std::chrono::microseconds sample);

  uint64_t last_acked() const { return last_acked_; }
  // Payload bytes acknowledged by the peer.
  uint64_t acked_bytes() const { return acked_bytes_; }
  uint32_t burst() const { return burst_; }

 private:
  Status SendBurst(SteadyTime now, Outbox& out);
  Status SendProbe(Outbox& out);
  void OnBurstLoss();  // a burst was too large for the receiver
  void OnPaceLoss();   // bursts came faster than the receiver drained them
  std::chrono::microseconds DrainTime(uint64_t bytes) const;
  std::chrono::microseconds ProbeTimeout() const;

  BlockReader& reader_;
  uint32_t blksize_;
  uint32_t windowsize_;
  uint64_t last_acked_ = 0;
  uint64_t window_first_ = 1;
  uint64_t window_last_ = 0;
  uint64_t next_send_ = 1;
  uint64_t sent_upto_ = 0;
  uint64_t final_block_ = UINT64_MAX;  // known once the short block has been read
  uint64_t acked_bytes_ = 0;
  uint32_t final_size_ = 0;
  uint32_t burst_;
  uint32_t window_bursts_ = 0;  // bursts sent in the current window
  uint32_t first_burst_ = 0;    // datagrams in its first burst
  double rate_;
  SteadyTime next_burst_ = SteadyTime::max();
  SteadyTime probe_at_ = SteadyTime::max();
  SteadyTime resume_at_{};      // the next window waits for the receiver until then
  SteadyTime last_send_at_{};
  // Answer-time estimate.
  std::chrono::microseconds max_rto_;
  std::chrono::microseconds min_rto_;
  double srtt_us_ = 0;
  double rttvar_us_ = 0;
  bool have_rtt_ = false;
  int backoff_ = 1;
  bool window_is_retransmit_ = false;
};

class BlockReceiver {
 public:
  BlockReceiver(FileWriter& sink, Mode mode, uint32_t blksize, uint32_t windowsize)
      : sink_(sink), mode_(mode), blksize_(blksize), windowsize_(windowsize) {}

  enum class Verdict {
    kNone,      // nothing to send
    kAck,       // send ACK(ack_block())
    kComplete,  // the final block is written (not committed): ACK it and finish
  };
  // Errors: a payload longer than blksize (InvalidArgument), or the sink's Status.
  Result<Verdict> OnData(uint16_t wire_block, std::span<const uint8_t> payload);

  uint16_t ack_block() const { return static_cast<uint16_t>(expected_ - 1); }
  bool started() const { return expected_ > 1; }
  uint64_t blocks_received() const { return expected_ - 1; }
  uint64_t wire_bytes() const { return wire_bytes_; }
  uint64_t file_bytes() const { return sink_.written(); }

 private:
  Status Write(std::span<const uint8_t> payload, bool last);

  FileWriter& sink_;
  Mode mode_;
  uint32_t blksize_;
  uint32_t windowsize_;
  uint64_t expected_ = 1;
  uint32_t since_ack_ = 0;
  bool gap_acked_ = false;
  uint64_t wire_bytes_ = 0;
  NetasciiDecoder decoder_;
  std::vector<uint8_t> scratch_;
};

}  // namespace iosup::tftp

#endif  // IOSUP_TRANSFER_BLOCK_TRANSFER_H_
