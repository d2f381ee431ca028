// Lists in messages and reports: Join({"a", "b"}) is "a, b".
#ifndef IOSUP_UPGRADE_JOIN_H_
#define IOSUP_UPGRADE_JOIN_H_

#include <string>
#include <string_view>
#include <vector>

namespace iosup::upgrade {

inline std::string Join(const std::vector<std::string>& parts, std::string_view separator = ", ") {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += separator;
    out += parts[i];
  }
  return out;
}

}  // namespace iosup::upgrade

#endif  // IOSUP_UPGRADE_JOIN_H_
