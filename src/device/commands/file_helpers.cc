#include "device/commands/file_helpers.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "device/commands/device_session.h"

namespace iosup {

std::string ShownUrl(const ResolvedPath& where) { return where.spec->name + ":" + where.path; }

std::string TypedDirectory(const std::string& url) {
  size_t cut = url.find_last_of("/:");
  return cut == std::string::npos ? std::string() : url.substr(0, cut + 1);
}

std::string BaseName(const std::string& url) {
  size_t cut = url.find_last_of("/:");
  return cut == std::string::npos ? url : url.substr(cut + 1);
}

bool IsNetworkUrl(const std::string& url) {
  for (const char* scheme : {"tftp:", "ftp:", "http:", "https:", "scp:", "sftp:", "rcp:"}) {
    if (url.starts_with(scheme)) return true;
  }
  return false;
}

std::string WithColonIfBare(const std::string& word, const FileSystemTable& table) {
  if (word.empty() || word.find_first_of(":/") != std::string::npos) return word;
  if (word == "running-config" || word == "startup-config") return word;
  if (IsNetworkUrl(word + ":") || table.Find(word) != nullptr) return word + ":";
  return word;
}

bool QuietFilePrompts(cli::CommandContext& ctx) {
  return Dev(ctx).running_config().file_prompt_quiet();
}

std::string CopiedLine(uint64_t bytes, uint64_t rate) {
  const double secs = rate == 0 ? 0.0 : static_cast<double>(bytes) / static_cast<double>(rate);
  return CopiedLineFor(bytes,
                       std::chrono::duration_cast<Duration>(std::chrono::duration<double>(secs)));
}

std::string CopiedLineFor(uint64_t bytes, Duration took) {
  const double secs = std::max(0.0, std::chrono::duration<double>(took).count());
  const uint64_t per_sec = secs > 0.0005 ? static_cast<uint64_t>(std::llround(bytes / secs)) : bytes;
  char buf[128];
  std::snprintf(buf, sizeof buf, "%llu bytes copied in %.3f secs (%llu bytes/sec)\n",
                static_cast<unsigned long long>(bytes), secs,
                static_cast<unsigned long long>(per_sec));
  return buf;
}

Status FileMover::MoveUpTo(uint64_t target) {
  constexpr size_t kStep = 1 << 20;
  const uint64_t end = std::min({target, size(), moved_ + kMaxBytesPerCall});
  while (moved_ < end) {
    buffer_.resize(static_cast<size_t>(std::min<uint64_t>(kStep, end - moved_)));
    Result<size_t> n = from_->ReadAt(moved_, buffer_);
    if (!n.ok()) return n.status();
    if (*n == 0) return IoError("short read at byte " + std::to_string(moved_));
    IOSUP_RETURN_IF_ERROR(to_.Append({buffer_.data(), *n}));
    moved_ += *n;
  }
  return Status::Ok();
}

}  // namespace iosup
