#include "device/commands/device_session.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "device/ios_time.h"

namespace iosup {

namespace {
std::map<const Device*, std::vector<DeviceSession*>>& Registry() {
  static std::map<const Device*, std::vector<DeviceSession*>> sessions;
  return sessions;
}
std::string VtyLineName(int number) { return "vty " + std::to_string(number); }

// The vty lines held by a VtyLine, per device.
std::map<const Device*, std::set<int>>& HeldVtyLines() {
  static std::map<const Device*, std::set<int>> held;
  return held;
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

DeviceSession::BannerFeed::BannerFeed(DeviceSession& session) : session_(session) {
  if (!session_.line_.is_console()) session_.device_.AddVtyBannerListener(this);
}

DeviceSession::BannerFeed::~BannerFeed() { session_.device_.RemoveVtyBannerListener(this); }

void DeviceSession::BannerFeed::OnVtyBanner(std::string_view text) { session_.Notify(text); }

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

// A session opened on "vty N" without a VtyLine (a test, a caller that names its own line) still
// keeps that line from the next connection.
std::optional<VtyLine> VtyLine::Reserve(const Device& device) {
  std::set<int>& held = HeldVtyLines()[&device];
  std::set<std::string> in_session;
  for (DeviceSession* s : DeviceSession::SessionsOf(device)) in_session.insert(s->line().name);
  for (int n = 0; n < kVtyLines; ++n) {
    if (held.contains(n) || in_session.contains(VtyLineName(n))) continue;
    held.insert(n);
    return VtyLine(&device, n);
  }
  if (held.empty()) HeldVtyLines().erase(&device);
  return std::nullopt;
}

VtyLine::VtyLine(VtyLine&& other) noexcept
    : device_(std::exchange(other.device_, nullptr)), number_(other.number_) {}

VtyLine& VtyLine::operator=(VtyLine&& other) noexcept {
  if (this != &other) {
    Release();
    device_ = std::exchange(other.device_, nullptr);
    number_ = other.number_;
  }
  return *this;
}

VtyLine::~VtyLine() { Release(); }

std::string VtyLine::name() const { return VtyLineName(number_); }

void VtyLine::Release() {
  if (device_ == nullptr) return;
  auto it = HeldVtyLines().find(device_);
  if (it != HeldVtyLines().end()) {
    it->second.erase(number_);
    if (it->second.empty()) HeldVtyLines().erase(it);
  }
  device_ = nullptr;
}

void DeviceSession::ModeChanged(const std::string& from, const std::string& to) {
  if (to != "exec" || from == "exec") return;
  Notify(SyslogStamp(device_.clock().Now()) + "%SYS-5-CONFIG_I: Configured from console by " +
         Who() + "\n");
}

}  // namespace iosup
