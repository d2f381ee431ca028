// What one transfer did, for the one log line per transfer and for callers of the client.
#ifndef IOSUP_TRANSFER_TRANSFER_RECORD_H_
#define IOSUP_TRANSFER_TRANSFER_RECORD_H_

#include <chrono>
#include <cstdint>
#include <string>

#include "transfer/tftp_options.h"
#include "transfer/tftp_packet.h"

namespace iosup::tftp {

using SteadyTime = std::chrono::steady_clock::time_point;

enum class Outcome {
  kInProgress,
  kOk,
  kRefused,        // the request was answered with an ERROR (not found, access, ...)
  kPeerError,      // the peer sent an ERROR during the transfer
  kTimedOut,       // retries exhausted
  kLocalError,     // read/write failure, malformed packet from the peer
  kAborted,        // the server shut down
};

std::string_view OutcomeName(Outcome outcome);

struct TransferRecord {
  std::string peer;      // "127.0.0.1:43512", "[::1]:43512"
  bool is_write = false;  // WRQ (upload to the server) or RRQ
  std::string file;
  Mode mode = Mode::kOctet;
  TransferOptions options;
  uint64_t bytes = 0;    // payload bytes acknowledged (sent) or written (received)
  uint64_t retransmits = 0;
  SteadyTime start{};
  SteadyTime end{};
  Outcome outcome = Outcome::kInProgress;
  std::string error;     // for every outcome but kOk

  double seconds() const { return std::chrono::duration<double>(end - start).count(); }
};

// "127.0.0.1:43512 RRQ c2960.bin octet blksize=1468 windowsize=64 bytes=12582912 seconds=0.081
// rate=155.3MB/s retransmits=0 outcome=ok", or the same fields as one JSON object.
std::string FormatTransferLog(const TransferRecord& record, bool json);

}  // namespace iosup::tftp

#endif  // IOSUP_TRANSFER_TRANSFER_RECORD_H_
