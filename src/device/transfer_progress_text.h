// What IOS prints while a file comes over the network, shared by `copy`, a `boot system tftp:`
// boot and ROMMON's downloads: the line that names the transfer and the '!' marks of progress.
#ifndef IOSUP_DEVICE_TRANSFER_PROGRESS_TEXT_H_
#define IOSUP_DEVICE_TRANSFER_PROGRESS_TEXT_H_

#include <cstdint>
#include <string>

namespace iosup {

// `copy` and a tftp boot print one '!' per 512 KB; ROMMON's tftpdnld one per 64 KB.
inline constexpr uint64_t kCopyBytesPerMark = 512 * 1024;
inline constexpr uint64_t kRommonBytesPerMark = 64 * 1024;

// "Loading FILE from HOST (via INTERFACE): ", once the server answered.
inline std::string LoadingLine(const std::string& file, const std::string& host,
                               const std::string& interface) {
  return "Loading " + file + " from " + host + " (via " + interface + "): ";
}

// Counts the '!' marks of one transfer: one per `bytes_per_mark` received.
class ProgressMarks {
 public:
  explicit ProgressMarks(uint64_t bytes_per_mark) : per_mark_(bytes_per_mark) {}
  // The marks that `bytes` received so far add; they count as printed from now on.
  uint64_t Advance(uint64_t bytes) {
    const uint64_t before = printed_;
    while (printed_ * per_mark_ < bytes) ++printed_;
    return printed_ - before;
  }
  uint64_t printed() const { return printed_; }
  // How many bytes must have arrived for the next mark.
  uint64_t next_mark_at() const { return printed_ * per_mark_ + 1; }

 private:
  uint64_t per_mark_;
  uint64_t printed_ = 0;
};

}  // namespace iosup

#endif  // IOSUP_DEVICE_TRANSFER_PROGRESS_TEXT_H_
