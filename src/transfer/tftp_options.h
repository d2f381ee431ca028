// RFC 2347 option negotiation for blksize (2348), timeout and tsize (2349) and windowsize (7440):
// what a server answers to a request, what a client asks for and accepts. Pure functions.
#ifndef IOSUP_TRANSFER_TFTP_OPTIONS_H_
#define IOSUP_TRANSFER_TFTP_OPTIONS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "transfer/tftp_packet.h"

namespace iosup::tftp {

using OptionList = std::vector<std::pair<std::string, std::string>>;

// What a transfer runs with once negotiation is over. Defaults are RFC 1350's.
struct TransferOptions {
  uint32_t blksize = kDefaultBlockSize;
  uint32_t windowsize = 1;
  std::optional<uint32_t> timeout_s;  // negotiated retransmission timeout, 1..255 s
  std::optional<uint64_t> tsize;      // transfer size announced by either side
};

// Linux's default socket receive buffer (net.core.rmem_default): what most readers run with.
inline constexpr uint32_t kLinuxDefaultReceiveBuffer = 212992;

// What a server is willing to grant.
struct ServerLimits {
  uint32_t max_blksize = kMaxBlockSize;
  uint32_t max_windowsize = 256;
  // A reader is granted at most the window its receive buffer holds at the negotiated blksize:
  // the size it announces with "rcvbuf", else this one (Linux's default: 11 blocks of 8192, 2
  // of 65464). A larger window could only go out paced by timers, slower than windows the ACKs
  // clock. 0: no such cap.
  uint32_t peer_receive_buffer = kLinuxDefaultReceiveBuffer;
};

// "rcvbuf" is iosup's own option (RFC 2347 lets servers ignore what they do not know): a
// reader announces its receive buffer in bytes so that a server may grant the windows it
// holds. Never acknowledged in an OACK. Values outside these bounds are ignored.
inline constexpr uint32_t kMinAnnouncedReceiveBuffer = 4096;
inline constexpr uint32_t kMaxAnnouncedReceiveBuffer = 1u << 30;

// How many datagrams of `blksize` a receive buffer of `buffer_bytes` holds on Linux (each is
// charged its allocation, not its length); at least 1.
uint32_t DatagramsInReceiveBuffer(uint32_t blksize, uint32_t buffer_bytes);

// A server's answer to a request's options. `oack` lists the options to acknowledge in request
// order; tsize on a read request is left out (its value is the file size, which the caller
// knows) and signalled by `tsize_requested`. An empty `oack` with !tsize_requested means: answer
// as RFC 1350, without OACK.
struct ServerNegotiation {
  TransferOptions options;
  OptionList oack;
  bool tsize_requested = false;
  // The reader's receive buffer: as announced ("rcvbuf"), else ServerLimits' assumption.
  uint32_t peer_receive_buffer = 0;
};

// Options out of range are clamped when the RFC allows a smaller answer (blksize, windowsize
// above the limits) and otherwise ignored (not acknowledged), as RFC 2347 permits. Unknown
// options are ignored.
ServerNegotiation NegotiateAsServer(const Request& request, const ServerLimits& limits);

// What a client asks for. Unset fields are not requested.
struct ClientWants {
  std::optional<uint32_t> blksize;
  std::optional<uint32_t> windowsize;
  std::optional<uint32_t> timeout_s;
  bool tsize = false;            // ask for the size (read) or announce it (write)
  uint64_t tsize_value = 0;      // the size announced on a write request
  std::optional<uint32_t> receive_buffer;  // announced as "rcvbuf" on a read request
};

OptionList ClientRequestOptions(const ClientWants& wants);

// Checks a server's OACK against what was asked: every option must have been requested and
// granted within bounds (blksize and windowsize at most what was asked, timeout equal).
// Violations are InvalidArgument; the client then answers ERROR 8.
Result<TransferOptions> AcceptOack(const Oack& oack, const ClientWants& wants);

}  // namespace iosup::tftp

#endif  // IOSUP_TRANSFER_TFTP_OPTIONS_H_
