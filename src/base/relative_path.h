// Paths below a root as users and clients write them (a flash file system's, a TFTP server's):
// components separated by '/', where empty and "." components mean nothing and ".." would leave
// the root. One reading for every caller; each maps a refusal to its own error.
#ifndef IOSUP_BASE_RELATIVE_PATH_H_
#define IOSUP_BASE_RELATIVE_PATH_H_

#include <optional>
#include <string>
#include <string_view>

namespace iosup {

struct RelativePath {
  std::string path;  // the components other than "" and ".", joined by single '/'
  // The name ends in '/' or is "." or ends in "/.": what it names, if anything, is a directory
  // ("a/", "a/.", "/", "."). Empty is not.
  bool names_directory = false;
};

// Nothing when a component is "..".
std::optional<RelativePath> ParseRelativePath(std::string_view path);

}  // namespace iosup

#endif  // IOSUP_BASE_RELATIVE_PATH_H_
