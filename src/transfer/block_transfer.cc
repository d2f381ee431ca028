#include "transfer/block_transfer.h"

namespace iosup::tftp {

void Outbox::AddAck(uint16_t block) {
  OutDatagram d;
  d.header = {0, static_cast<uint8_t>(Opcode::kAck), static_cast<uint8_t>(block >> 8),
              static_cast<uint8_t>(block & 0xff)};
  d.header_len = 4;
  datagrams.push_back(d);
}

Status BlockSender::FillWindow(Outbox& out) {
  const uint64_t first = last_acked_ + 1;
  if (first > final_block_) return Status::Ok();
  Result<uint32_t> avail = reader_.Load(first, windowsize_);
  if (!avail.ok()) return avail.status();
  sent_sizes_.clear();
  for (uint32_t i = 0; i < *avail; ++i) {
    const uint64_t n = first + i;
    std::span<const uint8_t> block = reader_.Block(n);
    OutDatagram d;
    d.header = DataHeader(static_cast<uint16_t>(n));
    d.header_len = 4;
    d.body = block;
    out.datagrams.push_back(d);
    sent_sizes_.push_back(static_cast<uint32_t>(block.size()));
    sent_upto_ = n;
    if (block.size() < blksize_) {
      final_block_ = n;
      break;
    }
  }
  return Status::Ok();
}

BlockSender::AckVerdict BlockSender::OnAck(uint16_t wire_block) {
  const uint16_t delta = static_cast<uint16_t>(wire_block - static_cast<uint16_t>(last_acked_));
  // Only an ACK of a block sent and not yet acknowledged moves the transfer; anything else
  // (duplicate, stale, never sent) is ignored and causes no send.
  if (delta == 0 || last_acked_ + delta > sent_upto_) return AckVerdict::kIgnored;
  for (uint16_t i = 0; i < delta && i < sent_sizes_.size(); ++i) acked_bytes_ += sent_sizes_[i];
  sent_sizes_.erase(sent_sizes_.begin(),
                    sent_sizes_.begin() + std::min<size_t>(delta, sent_sizes_.size()));
  last_acked_ += delta;
  return last_acked_ == final_block_ ? AckVerdict::kComplete : AckVerdict::kAdvanced;
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
