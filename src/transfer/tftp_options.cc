#include "transfer/tftp_options.h"

#include <algorithm>
#include <bit>

namespace iosup::tftp {

namespace {

// Applies one request option to `n`; ignores values it cannot honour.
void NegotiateOne(const Request& request, const Option& o, const ServerLimits& limits,
                  ServerNegotiation& n) {
  std::optional<uint64_t> v = ParseDecimal(o.value);
  if (EqualsIgnoreCase(o.name, "blksize")) {
    if (!v || *v < kMinBlockSize) return;
    n.options.blksize = static_cast<uint32_t>(std::min<uint64_t>(*v, limits.max_blksize));
    n.oack.emplace_back("blksize", std::to_string(n.options.blksize));
  } else if (EqualsIgnoreCase(o.name, "windowsize")) {
    if (!v || *v < 1 || limits.max_windowsize <= 1) return;
    n.options.windowsize = static_cast<uint32_t>(std::min<uint64_t>(*v, limits.max_windowsize));
    n.oack.emplace_back("windowsize", std::to_string(n.options.windowsize));
  } else if (EqualsIgnoreCase(o.name, "timeout")) {
    if (!v || *v < 1 || *v > 255) return;
    n.options.timeout_s = static_cast<uint32_t>(*v);
    n.oack.emplace_back("timeout", std::to_string(*v));
  } else if (EqualsIgnoreCase(o.name, "rcvbuf")) {
    if (!v || *v < kMinAnnouncedReceiveBuffer || *v > kMaxAnnouncedReceiveBuffer) return;
    n.peer_receive_buffer = static_cast<uint32_t>(*v);  // a hint: not acknowledged
  } else if (EqualsIgnoreCase(o.name, "tsize")) {
    if (!v) return;
    if (request.is_write) {
      n.options.tsize = *v;
      n.oack.emplace_back("tsize", std::to_string(*v));
    } else if (*v == 0 && request.mode == Mode::kOctet) {
      n.tsize_requested = true;  // netascii sizes are unknown until converted: not offered
    }
  }
}

Status Refuse(std::string what) { return InvalidArgument("server OACK refused: " + what); }

}  // namespace

uint32_t DatagramsInReceiveBuffer(uint32_t blksize, uint32_t buffer_bytes) {
  // What the kernel charges a datagram on loopback (measured on Linux 6): up to 16 KiB, one
  // power-of-two allocation plus bookkeeping; beyond, its pages plus about 8.5%.
  const uint64_t length = uint64_t{blksize} + 4;
  uint64_t charged = 0;
  if (length + 400 <= 8192) {
    charged = std::bit_ceil(length + 400) + 270;
  } else if (length + 400 <= 16384) {
    charged = 17750;
  } else {
    charged = length + length / 12 + 100;
  }
  return static_cast<uint32_t>(std::max<uint64_t>(1, buffer_bytes / charged));
}

ServerNegotiation NegotiateAsServer(const Request& request, const ServerLimits& limits) {
  ServerNegotiation n;
  for (const Option& o : request.options) NegotiateOne(request, o, limits, n);
  if (!n.peer_receive_buffer) n.peer_receive_buffer = limits.peer_receive_buffer;
  // The window depends on the block size, which may come later in the request.
  if (!request.is_write && limits.peer_receive_buffer && n.options.windowsize > 1) {
    const uint32_t fits = DatagramsInReceiveBuffer(n.options.blksize, n.peer_receive_buffer);
    n.options.windowsize = std::min(n.options.windowsize, fits);
    for (auto& [name, value] : n.oack) {
      if (name == "windowsize") value = std::to_string(n.options.windowsize);
    }
  }
  return n;
}

OptionList ClientRequestOptions(const ClientWants& wants) {
  OptionList out;
  if (wants.blksize) out.emplace_back("blksize", std::to_string(*wants.blksize));
  if (wants.tsize) out.emplace_back("tsize", std::to_string(wants.tsize_value));
  if (wants.timeout_s) out.emplace_back("timeout", std::to_string(*wants.timeout_s));
  if (wants.windowsize) out.emplace_back("windowsize", std::to_string(*wants.windowsize));
  if (wants.receive_buffer) out.emplace_back("rcvbuf", std::to_string(*wants.receive_buffer));
  return out;
}

Result<TransferOptions> AcceptOack(const Oack& oack, const ClientWants& wants) {
  TransferOptions t;
  for (const Option& o : oack.options) {
    std::optional<uint64_t> v = ParseDecimal(o.value);
    if (!v) return Refuse("non-numeric " + std::string(o.name));
    if (EqualsIgnoreCase(o.name, "blksize") && wants.blksize) {
      if (*v < kMinBlockSize || *v > *wants.blksize) return Refuse("blksize " + std::string(o.value));
      t.blksize = static_cast<uint32_t>(*v);
    } else if (EqualsIgnoreCase(o.name, "windowsize") && wants.windowsize) {
      if (*v < 1 || *v > *wants.windowsize) return Refuse("windowsize " + std::string(o.value));
      t.windowsize = static_cast<uint32_t>(*v);
    } else if (EqualsIgnoreCase(o.name, "timeout") && wants.timeout_s) {
      if (*v != *wants.timeout_s) return Refuse("timeout " + std::string(o.value));
      t.timeout_s = static_cast<uint32_t>(*v);
    } else if (EqualsIgnoreCase(o.name, "tsize") && wants.tsize) {
      t.tsize = *v;
    } else if (EqualsIgnoreCase(o.name, "rcvbuf") && wants.receive_buffer) {
      // A hint, not to be acknowledged; a server that echoes it has changed nothing.
    } else {
      return Refuse("unrequested option " + std::string(o.name));
    }
  }
  return t;
}

}  // namespace iosup::tftp
