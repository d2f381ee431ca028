// RFC 764 netascii as TFTP uses it (RFC 1350): on the wire every line ends in CR LF and a bare CR
// is sent as CR NUL. The local side is Unix: LF ends a line.
#ifndef IOSUP_TRANSFER_NETASCII_H_
#define IOSUP_TRANSFER_NETASCII_H_

#include <cstdint>
#include <span>
#include <vector>

namespace iosup::tftp {

// Local bytes -> wire bytes (LF -> CR LF, CR -> CR NUL). Stateless: appends to `out`.
void NetasciiEncode(std::span<const uint8_t> in, std::vector<uint8_t>& out);

// Wire bytes -> local bytes, fed block by block: a CR at the end of one block is resolved by the
// first byte of the next. CR LF -> LF, CR NUL -> CR; a CR before anything else is kept as is.
class NetasciiDecoder {
 public:
  // Appends the decoded bytes of `in` to `out`.
  void Decode(std::span<const uint8_t> in, std::vector<uint8_t>& out);
  // Call once at end of stream: flushes a trailing CR.
  void Finish(std::vector<uint8_t>& out);

 private:
  bool pending_cr_ = false;
};

}  // namespace iosup::tftp

#endif  // IOSUP_TRANSFER_NETASCII_H_
