#include "transfer/netascii.h"

namespace iosup::tftp {

void NetasciiEncode(std::span<const uint8_t> in, std::vector<uint8_t>& out) {
  for (uint8_t c : in) {
    if (c == '\n') {
      out.push_back('\r');
      out.push_back('\n');
    } else if (c == '\r') {
      out.push_back('\r');
      out.push_back(0);
    } else {
      out.push_back(c);
    }
  }
}

void NetasciiDecoder::Decode(std::span<const uint8_t> in, std::vector<uint8_t>& out) {
  for (uint8_t c : in) {
    if (pending_cr_) {
      pending_cr_ = false;
      if (c == '\n') {
        out.push_back('\n');
        continue;
      }
      out.push_back('\r');
      if (c == 0) continue;
    }
    if (c == '\r') {
      pending_cr_ = true;
    } else {
      out.push_back(c);
    }
  }
}

void NetasciiDecoder::Finish(std::vector<uint8_t>& out) {
  if (pending_cr_) out.push_back('\r');
  pending_cr_ = false;
}

}  // namespace iosup::tftp
