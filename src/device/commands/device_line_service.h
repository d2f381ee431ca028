// The LineService of one Device: the front-ends' port, bound to the device model and its IOS
// and monitor command sets. `device` must outlive the service, and the service every front-end
// and session it serves. Not thread-safe: the device's strand.
#ifndef IOSUP_DEVICE_COMMANDS_DEVICE_LINE_SERVICE_H_
#define IOSUP_DEVICE_COMMANDS_DEVICE_LINE_SERVICE_H_

#include <memory>
#include <string>
#include <string_view>

#include "device/device.h"
#include "device/line_service.h"

namespace iosup {

class DeviceLineService : public LineService {
 public:
  explicit DeviceLineService(Device& device) : device_(device) {}

  Device& device() { return device_; }

  void AddListener(DeviceListener* listener) override { device_.AddListener(listener); }
  void RemoveListener(DeviceListener* listener) override { device_.RemoveListener(listener); }
  DeviceState state() const override { return device_.state(); }
  std::string hostname() const override { return device_.hostname(); }

  bool Accepts(Transport transport) const override;
  VtyPolicy vty_policy() const override;
  Result<int> PasswordLogin(std::string_view user, std::string_view password) const override;
  Result<int> PublicKeyLogin(std::string_view user, std::string_view key_base64) const override;
  WallTime Now() const override { return device_.clock().Now(); }
  SshPolicy ssh_policy() const override { return SshPolicyOf(device_.running_config()); }
  bool LoginQuiet(const std::string& source) const override { return device_.LoginQuiet(source); }
  void RecordLoginFailure(const LoginGuard::Failure& failure) override {
    device_.RecordLoginFailure(failure);
  }
  std::unique_ptr<VtyLease> ReserveVty() override;
  std::unique_ptr<cli::Session> OpenExec(cli::Terminal& terminal, SessionLine line,
                                         int privilege) override;

  bool scp_server_enabled() const override;
  FileSystemTable& file_systems() override { return device_.file_systems(); }

  std::unique_ptr<cli::Session> OpenMonitor(cli::Terminal& terminal) override;
  void Break() override { device_.Break(); }
  bool setup_dialog_pending() const override { return device_.setup_dialog_pending(); }
  void AnswerSetupDialog(bool enter) override { device_.AnswerSetupDialog(enter); }

 private:
  Device& device_;
};

}  // namespace iosup

#endif  // IOSUP_DEVICE_COMMANDS_DEVICE_LINE_SERVICE_H_
