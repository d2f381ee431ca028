// The variables of a ROM monitor or switch boot loader (`IP_ADDRESS=10.1.1.1`, `set BOOT ...`):
// names are case-sensitive, listed in the order they were first set, as `set` prints them.
// Plain data; the device keeps one table for as long as it is powered.
#ifndef IOSUP_DEVICE_MONITOR_VARIABLES_H_
#define IOSUP_DEVICE_MONITOR_VARIABLES_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace iosup {

class MonitorVariables {
 public:
  // Sets or replaces `name`; an existing name keeps its place in the listing.
  void Set(const std::string& name, const std::string& value);
  // Removes `name`; false when it was not set.
  bool Unset(const std::string& name);
  std::optional<std::string> Get(const std::string& name) const;
  const std::vector<std::pair<std::string, std::string>>& all() const { return vars_; }

 private:
  std::vector<std::pair<std::string, std::string>> vars_;
};

}  // namespace iosup

#endif  // IOSUP_DEVICE_MONITOR_VARIABLES_H_
