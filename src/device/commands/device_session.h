// A CLI session on one device: where the generic cli::Session meets the device model. Knows
// which line it is on (console or vty), who is logged in, and finds its device for handlers.
// VtyLine hands out the device's vty lines to every network front-end (SSH, telnet).
#ifndef IOSUP_DEVICE_COMMANDS_DEVICE_SESSION_H_
#define IOSUP_DEVICE_COMMANDS_DEVICE_SESSION_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/session.h"
#include "device/commands/tcl_shell.h"
#include "device/device.h"
#include "device/line_service.h"

namespace iosup {

class DeviceSession : public cli::Session, private DeviceListener, private TclShell::Host {
 public:
  // `device`, `commands` and `terminal` must outlive the session.
  DeviceSession(Device& device, const cli::CommandSet& commands, cli::Terminal& terminal,
                Options options, SessionLine line);
  ~DeviceSession() override;

  std::string Hostname() const override { return device_.hostname(); }
  Device& device() { return device_; }
  const SessionLine& line() const { return line_; }
  // How IOS names the requester in messages: "console", "admin on vty0 (127.0.0.1)".
  std::string Who() const;
  WallTime started_at() const { return started_at_; }
  // The section a configuration sub-mode edits ("interface GigabitEthernet0/0/0").
  const std::string& section() const { return section_; }
  void set_section(std::string header) { section_ = std::move(header); }
  // The block inside that section a deeper sub-mode edits ("class VOICE" of a policy-map).
  const std::string& subsection() const { return subsection_; }
  void set_subsection(std::string child) { subsection_ = std::move(child); }

  // `terminal monitor`: logged messages reach this vty line (as `logging monitor` lets them)
  // until `terminal no monitor` or the session's end. Without it a vty gets none of them.
  bool monitor() const { return monitor_; }
  void set_monitor(bool on);

  // `tclsh`: the session enters mode "tcl", where every line goes to a TclShell until `tclquit`.
  void EnterTcl();
  std::string Prompt() const override;

  // Every live session of `device` (for show users and for messages to all terminals).
  static std::vector<DeviceSession*> SessionsOf(const Device& device);

 protected:
  void ModeChanged(const std::string& from, const std::string& to) override;
  void LineEntered(const std::string& line) override;
  void ParseFailed(const std::string& line, const cli::ParseResult& r) override;

 private:
  // Tells a vty session the banners IOS writes to every vty line (DeviceListener::OnVtyBanner)
  // while it lives; a console session has them through its console line.
  class BannerFeed : public DeviceListener {
   public:
    explicit BannerFeed(DeviceSession& session);
    ~BannerFeed() override;
    void OnVtyBanner(std::string_view text) override;

   private:
    DeviceSession& session_;
  };
  void OnMonitor(std::string_view text) override;
  void FeedTcl(const std::string& line);
  // TclShell::Host
  void Print(std::string_view text) override { WriteRaw(text); }
  bool RunIos(const std::string& command) override;

  Device& device_;
  SessionLine line_;
  WallTime started_at_;
  BannerFeed banner_feed_{*this};
  std::string section_;
  std::string subsection_;
  bool monitor_ = false;
  std::unique_ptr<TclShell> tcl_;
  std::string entered_;  // the last line as typed (Dispatch cuts it at " |")
};

// Every device has vty 0-15 (IOS's `line vty 0 4` and `line vty 5 15`), whatever its platform.
inline constexpr int kVtyLines = 16;

// One vty line of a device, held by a network connection from the moment it arrives (before its
// login) until it ends, so no other connection is given that line. Move-only; the line is free
// again when the holder is destroyed. Device threads only, as DeviceSession.
class VtyLine {
 public:
  // The lowest line of `device` that no VtyLine and no live DeviceSession ("vty N") holds;
  // nullopt when all kVtyLines are busy. `device` need not outlive the line.
  static std::optional<VtyLine> Reserve(const Device& device);
  VtyLine(VtyLine&& other) noexcept;
  VtyLine& operator=(VtyLine&& other) noexcept;
  ~VtyLine();

  int number() const { return number_; }
  std::string name() const;  // "vty 3", as SessionLine names it

 private:
  VtyLine(const Device* device, int number) : device_(device), number_(number) {}
  void Release();

  const Device* device_;  // null once moved from
  int number_;
};

// The handler's device session (every handler of the IOS command set runs in one).
inline DeviceSession& DevSession(cli::CommandContext& ctx) {
  return static_cast<DeviceSession&>(ctx.session());
}
inline Device& Dev(cli::CommandContext& ctx) { return DevSession(ctx).device(); }

}  // namespace iosup

#endif  // IOSUP_DEVICE_COMMANDS_DEVICE_SESSION_H_
