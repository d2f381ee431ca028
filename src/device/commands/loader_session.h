// The command line of a device in its ROM monitor: `rommon N >` on routers (N counts the
// commands typed), `switch:` on Catalyst switches. A cli::Session over the monitor's own
// command set (monitor_commands.h), with the monitor's wording for lines it cannot run.
#ifndef IOSUP_DEVICE_COMMANDS_LOADER_SESSION_H_
#define IOSUP_DEVICE_COMMANDS_LOADER_SESSION_H_

#include <string>

#include "cli/session.h"
#include "device/device.h"

namespace iosup {

class LoaderSession : public cli::Session {
 public:
  // `device` and `terminal` must outlive the session. Start() prints the first prompt.
  LoaderSession(Device& device, cli::Terminal& terminal);

  std::string Hostname() const override { return ""; }
  std::string Prompt() const override;
  Device& device() { return device_; }
  bool is_switch() const { return device_.platform().is_switch(); }

 protected:
  void LineEntered(const std::string& line) override;
  void ParseFailed(const std::string& line, const cli::ParseResult& r) override;

 private:
  Device& device_;
};

inline LoaderSession& Loader(cli::CommandContext& ctx) {
  return static_cast<LoaderSession&>(ctx.session());
}

}  // namespace iosup

#endif  // IOSUP_DEVICE_COMMANDS_LOADER_SESSION_H_
