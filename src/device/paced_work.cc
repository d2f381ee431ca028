#include "device/paced_work.h"

#include <algorithm>
#include <chrono>

namespace iosup {

namespace {

constexpr uint64_t kNanosPerSec = 1'000'000'000;
constexpr uint64_t kMaxRate = 1'000'000'000;  // keeps every product below 2^63
constexpr uint64_t kMaxSecs = uint64_t{1} << 32;  // 136 years: "never", without overflow

}  // namespace

Pace::Pace(WallTime start, uint64_t bytes_per_sec)
    : start_(start), rate_(std::clamp<uint64_t>(bytes_per_sec, 1, kMaxRate)) {}

// ceil(bytes * 1e9 / rate) nanoseconds, split so that no product overflows: the remainder is
// below the rate, the rate at most 1e9.
WallTime Pace::TimeFor(uint64_t bytes) const {
  const uint64_t whole_secs = std::min(bytes / rate_, kMaxSecs);
  const uint64_t rest = bytes % rate_;
  const uint64_t rest_nanos = (rest * kNanosPerSec + rate_ - 1) / rate_;
  const auto nanos = std::chrono::nanoseconds(whole_secs * kNanosPerSec + rest_nanos);
  // The clock's duration may be coarser than nanoseconds: round up, never early.
  return start_ + std::chrono::ceil<Duration>(nanos);
}

// floor(elapsed_nanos * rate / 1e9), split the same way.
uint64_t Pace::BytesBy(WallTime t) const {
  if (t <= start_) return 0;
  const uint64_t nanos = static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(t - start_).count());
  const uint64_t secs = nanos / kNanosPerSec;
  if (secs > kMaxSecs) return UINT64_MAX;
  return secs * rate_ + nanos % kNanosPerSec * rate_ / kNanosPerSec;
}

}  // namespace iosup
