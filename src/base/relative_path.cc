#include "base/relative_path.h"

namespace iosup {

std::optional<RelativePath> ParseRelativePath(std::string_view path) {
  RelativePath out;
  std::string_view last;
  size_t i = 0;
  while (i <= path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    last = path.substr(i, j - i);
    i = j + 1;
    if (last == "..") return std::nullopt;
    if (last.empty() || last == ".") continue;
    if (!out.path.empty()) out.path += '/';
    out.path += last;
  }
  out.names_directory = !path.empty() && (last.empty() || last == ".");
  return out;
}

}  // namespace iosup
