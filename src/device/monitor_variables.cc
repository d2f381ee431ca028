#include "device/monitor_variables.h"

#include <algorithm>

namespace iosup {

void MonitorVariables::Set(const std::string& name, const std::string& value) {
  for (auto& [n, v] : vars_) {
    if (n == name) {
      v = value;
      return;
    }
  }
  vars_.emplace_back(name, value);
}

bool MonitorVariables::Unset(const std::string& name) {
  return std::erase_if(vars_, [&](const auto& p) { return p.first == name; }) > 0;
}

std::optional<std::string> MonitorVariables::Get(const std::string& name) const {
  for (const auto& [n, v] : vars_) {
    if (n == name) return v;
  }
  return std::nullopt;
}

}  // namespace iosup
