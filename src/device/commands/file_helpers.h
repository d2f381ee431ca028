// Small pieces shared by the file-handling commands.
#ifndef IOSUP_DEVICE_COMMANDS_FILE_HELPERS_H_
#define IOSUP_DEVICE_COMMANDS_FILE_HELPERS_H_

#include <string>

#include "cli/session.h"
#include "device/device.h"

namespace iosup {

// The URL as IOS echoes it in errors: "flash:/x" when typed with a slash, else as resolved.
std::string ShownUrl(const ResolvedPath& where);
// "flash:" / "bootflash:/dir/" part of what the user typed (everything up to the file name).
std::string TypedDirectory(const std::string& url);
// The file name part of a path or URL.
std::string BaseName(const std::string& url);
// Whether `url` names a network source/destination (tftp:, ftp://..., scp:, http:).
bool IsNetworkUrl(const std::string& url);
// `file prompt quiet` is configured: IOS skips the confirmations of file operations.
bool QuietFilePrompts(cli::CommandContext& ctx);
// copy from or to tftp:/ftp:/http:/scp: (network_copy.cc).
void NetworkCopy(cli::CommandContext& ctx, const std::string& src, const std::string& dst);
// "N bytes copied in S secs (R bytes/sec)" for `bytes` at `rate` bytes per second.
std::string CopiedLine(uint64_t bytes, uint64_t rate);

}  // namespace iosup

#endif  // IOSUP_DEVICE_COMMANDS_FILE_HELPERS_H_
