// TFTP packet codec: RFC 1350 (RRQ, WRQ, DATA, ACK, ERROR), RFC 2347 (OACK and options), with
// the option values of RFC 2348 (blksize), 2349 (timeout, tsize) and 7440 (windowsize).
//
// Pure functions, no I/O. Parsing is strict: anything not exactly a well-formed packet is an
// InvalidArgument Status, never a partially filled struct. Views in parsed packets point into the
// input buffer and live as long as it does.
#ifndef IOSUP_TRANSFER_TFTP_PACKET_H_
#define IOSUP_TRANSFER_TFTP_PACKET_H_

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "base/status.h"

namespace iosup::tftp {

enum class Opcode : uint16_t { kRrq = 1, kWrq = 2, kData = 3, kAck = 4, kError = 5, kOack = 6 };

// RFC 1350 / 2347 error codes.
enum class ErrorNumber : uint16_t {
  kNotDefined = 0,
  kFileNotFound = 1,
  kAccessViolation = 2,
  kDiskFull = 3,
  kIllegalOperation = 4,
  kUnknownTid = 5,
  kFileExists = 6,
  kNoSuchUser = 7,
  kOptionRefused = 8,
};

enum class Mode { kOctet, kNetascii };

inline constexpr uint32_t kDefaultBlockSize = 512;
inline constexpr uint32_t kMinBlockSize = 8;       // RFC 2348
inline constexpr uint32_t kMaxBlockSize = 65464;   // RFC 2348
inline constexpr uint32_t kMaxWindowSize = 65535;  // RFC 7440
inline constexpr size_t kMaxFilenameBytes = 1024;  // longer names are refused as malformed
inline constexpr size_t kMaxOptions = 16;
// The largest datagram TFTP ever needs: a DATA header plus the largest block.
inline constexpr size_t kMaxPacketBytes = 4 + kMaxBlockSize;

struct Option {
  std::string_view name;   // as sent (RFC 2347 names are case-insensitive)
  std::string_view value;
};

struct Request {  // RRQ or WRQ
  bool is_write = false;
  std::string_view filename;
  Mode mode = Mode::kOctet;
  std::vector<Option> options;
};
struct Data {
  uint16_t block = 0;
  std::span<const uint8_t> payload;
};
struct Ack {
  uint16_t block = 0;
};
struct Error {
  ErrorNumber code = ErrorNumber::kNotDefined;
  std::string_view message;
};
struct Oack {
  std::vector<Option> options;
};

using Packet = std::variant<Request, Data, Ack, Error, Oack>;

// Parses one datagram. Rejects: short packets, unknown opcodes, missing NUL terminators, empty or
// overlong file names, unknown modes ("mail" included), empty or duplicate option names, more than
// kMaxOptions options, ACK/DATA headers of the wrong length. A request may carry trailing NUL
// padding (some boot ROMs add it); nothing else may follow the last field.
Result<Packet> ParsePacket(std::span<const uint8_t> datagram);

// Serializers append to `out` (which is not cleared), so a caller can reuse one buffer.
void AppendRequest(bool is_write, std::string_view filename, Mode mode,
                   std::span<const std::pair<std::string, std::string>> options,
                   std::vector<uint8_t>& out);
void AppendOack(std::span<const std::pair<std::string, std::string>> options,
                std::vector<uint8_t>& out);
void AppendError(ErrorNumber code, std::string_view message, std::vector<uint8_t>& out);
void AppendAck(uint16_t block, std::vector<uint8_t>& out);
// The 4-byte DATA header; the payload is sent from its own buffer (scatter/gather).
std::array<uint8_t, 4> DataHeader(uint16_t block);

std::string_view ModeName(Mode mode);
std::string_view OpcodeName(Opcode op);

// Case-insensitive ASCII equality, for option names and modes.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

// Parses a decimal option value: digits only, no sign, no leading '+', at most 20 digits, fits
// uint64. Returns nullopt otherwise.
std::optional<uint64_t> ParseDecimal(std::string_view text);

}  // namespace iosup::tftp

#endif  // IOSUP_TRANSFER_TFTP_PACKET_H_
