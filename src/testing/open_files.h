// How many files under a directory this process holds open, including unlinked ones (an
// unnamed scratch file shows in /proc/self/fd as "DIR/#123 (deleted)"): what proves such a file
// was let go, which the directory listing cannot.
#ifndef IOSUP_TESTING_OPEN_FILES_H_
#define IOSUP_TESTING_OPEN_FILES_H_

#include <filesystem>
#include <string>

namespace iosup {

inline size_t OpenFilesUnder(const std::string& dir) {
  const std::string prefix = std::filesystem::weakly_canonical(dir).string() + "/";
  size_t n = 0;
  std::error_code ec;
  for (const auto& fd : std::filesystem::directory_iterator("/proc/self/fd", ec)) {
    std::error_code link_ec;
    const std::string target = std::filesystem::read_symlink(fd.path(), link_ec).string();
    if (!link_ec && target.starts_with(prefix)) ++n;
  }
  return n;
}

}  // namespace iosup

#endif  // IOSUP_TESTING_OPEN_FILES_H_
