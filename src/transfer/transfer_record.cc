#include "transfer/transfer_record.h"

#include <cstdio>

#include <nlohmann/json.hpp>

namespace iosup::tftp {

std::string_view OutcomeName(Outcome outcome) {
  switch (outcome) {
    case Outcome::kInProgress: return "in-progress";
    case Outcome::kOk: return "ok";
    case Outcome::kRefused: return "refused";
    case Outcome::kPeerError: return "peer-error";
    case Outcome::kTimedOut: return "timed-out";
    case Outcome::kLocalError: return "error";
    case Outcome::kAborted: return "aborted";
  }
  return "?";
}

std::string FormatTransferLog(const TransferRecord& r, bool json) {
  const double secs = r.seconds();
  const double rate = secs > 0 ? static_cast<double>(r.bytes) / secs : 0.0;
  if (json) {
    nlohmann::json j = {
        {"client", r.peer}, {"op", r.is_write ? "WRQ" : "RRQ"}, {"file", r.file},
        {"mode", ModeName(r.mode)}, {"blksize", r.options.blksize},
        {"windowsize", r.options.windowsize}, {"bytes", r.bytes}, {"seconds", secs},
        {"rate_bytes_per_s", rate}, {"retransmits", r.retransmits},
        {"outcome", OutcomeName(r.outcome)}};
    if (r.outcome != Outcome::kOk) j["error"] = r.error;
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  char nums[256];
  std::snprintf(nums, sizeof nums,
                "blksize=%u windowsize=%u bytes=%llu seconds=%.3f rate=%.1fMB/s retransmits=%llu",
                r.options.blksize, r.options.windowsize, static_cast<unsigned long long>(r.bytes),
                secs, rate / 1e6, static_cast<unsigned long long>(r.retransmits));
  std::string file;
  for (char c : r.file) file += (static_cast<unsigned char>(c) < 0x20 || c == '"') ? '?' : c;
  std::string line = r.peer + (r.is_write ? " WRQ \"" : " RRQ \"") + file + "\" " +
                     std::string(ModeName(r.mode)) + " " + nums +
                     " outcome=" + std::string(OutcomeName(r.outcome));
  if (r.outcome != Outcome::kOk) line += " error=\"" + r.error + "\"";
  return line;
}

}  // namespace iosup::tftp
