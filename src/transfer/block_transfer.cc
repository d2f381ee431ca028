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
constexpr std::chrono::microseconds kMinPaceGap{20};
}  // namespace

BlockSender::BlockSender(BlockReader& reader, uint32_t blksize, uint32_t windowsize,
                         std::chrono::microseconds max_rto)
    : reader_(reader), blksize_(blksize), windowsize_(windowsize),
      // The first burst is about 128 KiB, what a default (208 KiB) socket buffer holds.
      burst_(std::clamp<uint32_t>(131072 / blksize, 1, windowsize)),
      max_rto_(max_rto), min_rto_(std::min(kMinRto, max_rto)) {}

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

Status BlockSender::StartWindow(SteadyTime now, Outbox& out) {
  window_first_ = last_acked_ + 1;
  window_last_ = last_acked_ + windowsize_;
  next_send_ = window_first_;
  window_started_ = now;
  return SendBurst(now, out);
}

Status BlockSender::OnPaceTimer(SteadyTime now, Outbox& out) {
  if (now < next_burst_) return Status::Ok();
  return SendBurst(now, out);
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
      return Status::Ok();
    }
  }
  if (next_send_ <= window_last_) {
    // More of this window to go: give the receiver time to drain (about 1 ns per byte).
    next_burst_ = now + std::max<std::chrono::microseconds>(
                            kMinPaceGap, std::chrono::microseconds(bytes / 1000));
  }
  return Status::Ok();
}

void BlockSender::OnLoss() { burst_ = std::max<uint32_t>(1, burst_ / 2); }

void BlockSender::OnTimeout() {
  backoff_ = std::min(backoff_ * 2, 64);
  window_is_retransmit_ = true;
  OnLoss();
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
    AddRttSample(std::chrono::duration_cast<std::chrono::microseconds>(now - window_started_));
  }
  window_is_retransmit_ = false;
  backoff_ = 1;
  next_burst_ = SteadyTime::max();
  if (last_acked_ == final_block_) return AckVerdict::kComplete;
  if (last_acked_ < window_last_) {
    OnLoss();  // the receiver saw a gap inside the window
  } else if (burst_ < windowsize_) {
    burst_ = std::min(windowsize_, burst_ + std::max<uint32_t>(1, burst_ / 4));
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
