#include "device/commands/device_session.h"

#include <algorithm>
#include <map>

#include "device/ios_time.h"

namespace iosup {

namespace {
std::map<const Device*, std::vector<DeviceSession*>>& Registry() {
  static std::map<const Device*, std::vector<DeviceSession*>> sessions;
  return sessions;
}
}  // namespace

DeviceSession::DeviceSession(Device& device, const cli::CommandSet& commands,
                             cli::Terminal& terminal, Options options, SessionLine line)
    : cli::Session(commands, terminal, options),
      device_(device),
      line_(std::move(line)),
      started_at_(device.clock().Now()) {
  Registry()[&device_].push_back(this);
}

DeviceSession::~DeviceSession() {
  auto& v = Registry()[&device_];
  std::erase(v, this);
  if (v.empty()) Registry().erase(&device_);
}

std::vector<DeviceSession*> DeviceSession::SessionsOf(const Device& device) {
  auto it = Registry().find(&device);
  return it == Registry().end() ? std::vector<DeviceSession*>{} : it->second;
}

std::string DeviceSession::Who() const {
  if (line_.is_console()) return "console";
  std::string vty = line_.name;
  std::erase(vty, ' ');
  return (line_.user.empty() ? std::string("unknown") : line_.user) + " on " + vty + " (" +
         line_.peer + ")";
}

void DeviceSession::ModeChanged(const std::string& from, const std::string& to) {
  if (to != "exec" || from == "exec") return;
  Notify(SyslogStamp(device_.clock().Now()) + "%SYS-5-CONFIG_I: Configured from console by " +
         Who() + "\n");
}

}  // namespace iosup
