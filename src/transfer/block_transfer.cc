#include "transfer/block_transfer.h"

#include <algorithm>
#include <cmath>

namespace iosup::tftp {

void Outbox::AddAck(uint16_t block) {
  OutDatagram d;
  d.header = {0, static_cast<uint8_t>(Opcode::kAck), static_cast<uint8_t>(block >> 8),
              static_cast<uint8_t>(block & 0xff)};
  d.header_len = 4;
  datagrams.push_back(d);
}

namespace {

constexpr std::chrono::microseconds kMinRto{5000};
constexpr std::chrono::microseconds kMinProbeTimeout{1000};
constexpr std::chrono::microseconds kMinPaceGap{20};
// Receiver drain rate, bytes per microsecond: the first guess, and the bounds it adapts within.
constexpr double kInitialRate = 1000;
constexpr double kMinRate = 1;
constexpr double kMaxRate = 10000;

}  // namespace

BlockSender::BlockSender(BlockReader& reader, uint32_t blksize, uint32_t windowsize,
                         std::chrono::microseconds max_rto, uint32_t receive_buffer)
    : reader_(reader), blksize_(blksize), windowsize_(windowsize),
      burst_(std::clamp<uint32_t>(DatagramsInReceiveBuffer(blksize, receive_buffer), 1,
                                  windowsize)),
      rate_(kInitialRate), max_rto_(max_rto), min_rto_(std::min(kMinRto, max_rto)) {}

void BlockSender::AddRttSample(std::chrono::microseconds sample) {
  const double us = static_cast<double>(sample.count());
  if (!have_rtt_) {
    srtt_us_ = us;
    rttvar_us_ = us / 2;
    have_rtt_ = true;
  } else {
    rttvar_us_ = 0.75 * rttvar_us_ + 0.25 * std::abs(srtt_us_ - us);
    srtt_us_ = 0.875 * srtt_us_ + 0.125 * us;
  }
}

std::chrono::microseconds BlockSender::rto() const {
  std::chrono::microseconds base = max_rto_;
  if (have_rtt_) {
    base = std::chrono::microseconds(static_cast<int64_t>(srtt_us_ + 4 * rttvar_us_));
    base = std::clamp(base, min_rto_, max_rto_);
  }
  return std::min(max_rto_, base * backoff_);
}

std::chrono::microseconds BlockSender::ProbeTimeout() const {
  if (!have_rtt_) return rto() / 2;
  const auto twice = std::chrono::microseconds(static_cast<int64_t>(2 * srtt_us_));
  return std::min(rto(), std::max(kMinProbeTimeout, twice));
}

std::chrono::microseconds BlockSender::DrainTime(uint64_t bytes) const {
  const auto at_rate =
      std::chrono::microseconds(static_cast<int64_t>(static_cast<double>(bytes) / rate_));
  // Never longer than the receiver's usual answer time: by then it has drained any burst it
  // could hold, so losses that lowered the rate can slow pacing only down to one burst per
  // answer time, never into a collapse.
  const auto ceiling = have_rtt_ ? std::chrono::microseconds(static_cast<int64_t>(srtt_us_))
                                 : min_rto_;
  return std::clamp(at_rate, kMinPaceGap, std::max(kMinPaceGap, ceiling));
}

Status BlockSender::StartWindow(SteadyTime now, Outbox& out) {
  window_first_ = last_acked_ + 1;
  window_last_ = last_acked_ + windowsize_;
  next_send_ = window_first_;
  window_bursts_ = 0;
  probe_at_ = SteadyTime::max();
  next_burst_ = SteadyTime::max();
  if (resume_at_ > now) {
    next_burst_ = resume_at_;
    return Status::Ok();
  }
  return SendBurst(now, out);
}

void BlockSender::ReadAhead() {
  if (window_last_ < window_first_ || window_last_ >= final_block_) return;
  (void)reader_.Load(window_first_, static_cast<uint32_t>(window_last_ - window_first_ + 2));
}

Status BlockSender::OnPaceTimer(SteadyTime now, Outbox& out) {
  if (now >= next_burst_) return SendBurst(now, out);
  if (now >= probe_at_) return SendProbe(out);
  return Status::Ok();
}

Status BlockSender::SendBurst(SteadyTime now, Outbox& out) {
  next_burst_ = SteadyTime::max();
  const uint64_t last = std::min(window_last_, next_send_ + burst_ - 1);
  if (next_send_ > last || next_send_ > final_block_) return Status::Ok();
  // Load from the window's start: a retransmission may need any block of it.
  Result<uint32_t> avail =
      reader_.Load(window_first_, static_cast<uint32_t>(last - window_first_ + 1));
  if (!avail.ok()) return avail.status();
  const uint64_t avail_last = window_first_ + *avail - 1;
  uint64_t bytes = 0;
  bool window_sent = false;
  for (; next_send_ <= std::min(last, avail_last); ++next_send_) {
    std::span<const uint8_t> block = reader_.Block(next_send_);
    OutDatagram d;
    d.header = DataHeader(static_cast<uint16_t>(next_send_));
    d.header_len = 4;
    d.body = block;
    out.datagrams.push_back(d);
    bytes += block.size();
    sent_upto_ = std::max(sent_upto_, next_send_);
    if (block.size() < blksize_) {
      final_block_ = next_send_;
      final_size_ = static_cast<uint32_t>(block.size());
      ++next_send_;
      window_sent = true;
      break;
    }
  }
  if (window_bursts_++ == 0) first_burst_ = static_cast<uint32_t>(next_send_ - window_first_);
  last_send_at_ = now;
  if (window_sent || next_send_ > window_last_) {
    if (windowsize_ > 1) probe_at_ = now + ProbeTimeout();
  } else {
    next_burst_ = now + DrainTime(bytes);  // the receiver drains this burst meanwhile
  }
  return Status::Ok();
}

Status BlockSender::SendProbe(Outbox& out) {
  probe_at_ = SteadyTime::max();
  const uint64_t probe = std::min(sent_upto_, window_last_);
  if (probe < window_first_) return Status::Ok();
  Result<uint32_t> avail =
      reader_.Load(window_first_, static_cast<uint32_t>(probe - window_first_ + 1));
  if (!avail.ok()) return avail.status();
  if (window_first_ + *avail - 1 < probe) return Status::Ok();
  OutDatagram d;
  d.header = DataHeader(static_cast<uint16_t>(probe));
  d.header_len = 4;
  d.body = reader_.Block(probe);
  out.datagrams.push_back(d);
  // The answer time still counts from the last burst: if the probe drew the answer, the
  // sample errs long, which makes the next probe later (what a slow receiver needs).
  return Status::Ok();
}

void BlockSender::OnBurstLoss() {
  burst_ = std::max<uint32_t>(1, burst_ - std::max<uint32_t>(1, burst_ / 4));
}

// A loss lowers the rate more than a clean window raises it: pacing settles where about one
// window in five (of 16 datagrams; the same share of bytes for other sizes) sees a loss, which
// a host busy enough to deschedule the receiver causes anyway.
void BlockSender::OnPaceLoss() { rate_ = std::max(kMinRate, rate_ * 0.85); }

void BlockSender::OnTimeout() {
  if (rto() < max_rto_) backoff_ *= 2;  // up to the session's timeout, however small the floor
  window_is_retransmit_ = true;
  resume_at_ = SteadyTime{};  // the receiver has long drained its queue
  OnBurstLoss();
}

BlockSender::AckVerdict BlockSender::OnAck(uint16_t wire_block, SteadyTime now) {
  const uint16_t delta = static_cast<uint16_t>(wire_block - static_cast<uint16_t>(last_acked_));
  // Only an ACK of a block sent and not yet acknowledged moves the transfer; anything else
  // (duplicate, stale, never sent) is ignored and causes no send.
  if (delta == 0 || last_acked_ + delta > sent_upto_) return AckVerdict::kIgnored;
  last_acked_ += delta;
  // Every block but the final one is full.
  acked_bytes_ = last_acked_ == final_block_ ? (last_acked_ - 1) * blksize_ + final_size_
                                             : last_acked_ * blksize_;
  if (!window_is_retransmit_) {  // Karn: no sample from a retransmitted window
    AddRttSample(std::chrono::duration_cast<std::chrono::microseconds>(now - last_send_at_));
  }
  window_is_retransmit_ = false;
  backoff_ = 1;
  next_burst_ = SteadyTime::max();
  probe_at_ = SteadyTime::max();
  if (last_acked_ == final_block_) return AckVerdict::kComplete;
  if (last_acked_ < window_last_) {
    // The receiver saw a gap. What went out beyond it may still sit in its queue (at most a
    // burst): the next window waits until that has drained. A gap inside the first burst
    // says the burst overflowed the receiver's buffer; a later one, that bursts came faster
    // than it drained them.
    const uint64_t queued = std::min<uint64_t>(sent_upto_ - last_acked_, burst_);
    resume_at_ = now + DrainTime(queued * blksize_);
    if (last_acked_ < window_first_ + first_burst_ - 1) {
      OnBurstLoss();
    } else {
      OnPaceLoss();
    }
  } else {
    // A clean window raises the burst and the rate in proportion to its size, so that large
    // and small windows adapt alike per byte sent (a loss costs each the same).
    const uint32_t steps = std::max<uint32_t>(1, windowsize_ / 16);
    if (window_bursts_ > 1) rate_ = std::min(kMaxRate, rate_ * std::pow(1.05, steps));
    if (first_burst_ >= burst_) burst_ = std::min(windowsize_, burst_ + steps);
  }
  return AckVerdict::kAdvanced;
}

Status BlockReceiver::Write(std::span<const uint8_t> payload, bool last) {
  if (mode_ == Mode::kOctet) return payload.empty() ? Status::Ok() : sink_.Append(payload);
  scratch_.clear();
  decoder_.Decode(payload, scratch_);
  if (last) decoder_.Finish(scratch_);
  return scratch_.empty() ? Status::Ok() : sink_.Append(scratch_);
}

Result<BlockReceiver::Verdict> BlockReceiver::OnData(uint16_t wire_block,
                                                     std::span<const uint8_t> payload) {
  if (payload.size() > blksize_) return InvalidArgument("DATA block larger than blksize");
  const uint16_t delta = static_cast<uint16_t>(wire_block - static_cast<uint16_t>(expected_));
  if (delta == 0) {
    const bool last = payload.size() < blksize_;
    IOSUP_RETURN_IF_ERROR(Write(payload, last));
    wire_bytes_ += payload.size();
    ++expected_;
    gap_acked_ = false;
    if (last) return Verdict::kComplete;
    if (++since_ack_ >= windowsize_) {
      since_ack_ = 0;
      return Verdict::kAck;
    }
    return Verdict::kNone;
  }
  if (delta >= 0x8000) {
    // An old block: the peer did not get our ACK. Answer once, at the block we acknowledged.
    return wire_block == ack_block() ? Verdict::kAck : Verdict::kNone;
  }
  // A block from the future: one or more were lost. Ask for the rest once per gap.
  if (gap_acked_) return Verdict::kNone;
  gap_acked_ = true;
  since_ack_ = 0;
  return Verdict::kAck;
}

}  // namespace iosup::tftp
