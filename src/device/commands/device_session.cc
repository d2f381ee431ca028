#include "device/commands/device_session.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>


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
  set_monitor(false);
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
  // Only leaving configuration counts: tclquit (tcl -> exec) configured nothing.
  if (to != "exec" || from == "exec" || from == "tcl") return;
  device_.Log("%SYS-5-CONFIG_I: Configured from console by " + Who());
}

void DeviceSession::set_monitor(bool on) {
  if (on == monitor_) return;
  monitor_ = on;
  if (on) {
    device_.AddListener(this);
  } else {
    device_.RemoveListener(this);
  }
}

void DeviceSession::OnMonitor(std::string_view text) {
  // The console already has what `logging console` lets through.
  if (!line_.is_console()) Notify(text);
}

}  // namespace iosup

namespace iosup {

namespace {
constexpr char kTclMode[] = "tcl";
}  // namespace

void DeviceSession::EnterTcl() {
  tcl_ = std::make_unique<TclShell>(device_, static_cast<TclShell::Host&>(*this));
  SetMode(kTclMode);
}

std::string DeviceSession::Prompt() const {
  if (mode() == kTclMode && tcl_ && tcl_->continuing()) return "+>";
  return cli::Session::Prompt();
}

void DeviceSession::LineEntered(const std::string& line) {
  entered_ = line;
  // A blank line never reaches ParseFailed; inside an open brace it is part of the command.
  if (mode() == kTclMode && tcl_ && tcl_->continuing() &&
      line.find_first_not_of(" \t") == std::string::npos) {
    FeedTcl(line);
  }
}

void DeviceSession::ParseFailed(const std::string& line, const cli::ParseResult& r) {
  if (mode() != kTclMode) return cli::Session::ParseFailed(line, r);
  FeedTcl(entered_);
}

void DeviceSession::FeedTcl(const std::string& line) {
  if (!tcl_) tcl_ = std::make_unique<TclShell>(device_, static_cast<TclShell::Host&>(*this));
  if (tcl_->Feed(line) != TclShell::Fed::kQuit) return;
  tcl_.reset();
  SetMode("exec");
}

// IOS's tclsh hands a command Tcl does not know to the EXEC parser; when that does not know it
// either, both say so.
bool DeviceSession::RunIos(const std::string& command) {
  const cli::CommandTree* tree = commands().Tree("exec");
  cli::ParseResult r = tree->Parse(command, privilege());
  switch (r.outcome) {
    case cli::ParseResult::Outcome::kEmpty: return true;
    case cli::ParseResult::Outcome::kOk:
      Execute(command);
      if (!closed() && mode() != kTclMode) SetMode(kTclMode);
      return true;
    case cli::ParseResult::Outcome::kAmbiguous:
      WriteRaw("% Ambiguous command:  \"" + command + "\"\n");
      return false;
    case cli::ParseResult::Outcome::kIncomplete:
      WriteRaw("% Incomplete command.\n\n");
      return false;
    case cli::ParseResult::Outcome::kInvalid:
      WriteRaw(std::string(Prompt().size() + r.error_offset, ' ') +
               "^\n% Invalid input detected at '^' marker.\n\n");
      return false;
  }
  return false;
}

}  // namespace iosup
