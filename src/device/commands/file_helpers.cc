#include "device/commands/file_helpers.h"

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

bool QuietFilePrompts(cli::CommandContext& ctx) {
  return Dev(ctx).running_config().file_prompt_quiet();
}

std::string CopiedLine(uint64_t bytes, uint64_t rate) {
  const double secs = rate == 0 ? 0.0 : static_cast<double>(bytes) / static_cast<double>(rate);
  const uint64_t per_sec = secs > 0.0005 ? static_cast<uint64_t>(bytes / secs) : bytes;
  char buf[128];
  std::snprintf(buf, sizeof buf, "%llu bytes copied in %.3f secs (%llu bytes/sec)\n",
                static_cast<unsigned long long>(bytes), secs,
                static_cast<unsigned long long>(per_sec));
  return buf;
}

}  // namespace iosup
