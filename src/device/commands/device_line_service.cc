#include "device/commands/device_line_service.h"

#include <optional>
#include <utility>

#include "device/commands/device_session.h"
#include "device/commands/ios_command_set.h"
#include "device/commands/loader_session.h"
#include "device/ssh_pubkey.h"
#include "device/vty_login.h"

namespace iosup {

namespace {

// A VtyLine behind the port's lease.
class HeldVty : public LineService::VtyLease {
 public:
  explicit HeldVty(VtyLine line) : line_(std::move(line)) {}
  int number() const override { return line_.number(); }

 private:
  VtyLine line_;
};

}  // namespace

bool DeviceLineService::Accepts(Transport transport) const {
  if (device_.state() != DeviceState::kRunning) return false;
  const VtyPolicy policy = VtyPolicyOf(device_.running_config());
  return transport == Transport::kSsh ? policy.ssh : policy.telnet;
}

VtyPolicy DeviceLineService::vty_policy() const { return VtyPolicyOf(device_.running_config()); }

Result<int> DeviceLineService::PasswordLogin(std::string_view user,
                                             std::string_view password) const {
  return VtyLogin(device_.running_config(), user, password);
}

Result<int> DeviceLineService::PublicKeyLogin(std::string_view user,
                                              std::string_view key_base64) const {
  Result<SshPublicKey> key = ParseSshPublicKey(key_base64);  // only RSA keys, as IOS
  if (!key.ok()) return key.status();
  return PubkeyLogin(device_.running_config(), user, key->blob);
}

std::unique_ptr<LineService::VtyLease> DeviceLineService::ReserveVty() {
  std::optional<VtyLine> line = VtyLine::Reserve(device_);
  if (!line) return nullptr;
  return std::make_unique<HeldVty>(std::move(*line));
}

std::unique_ptr<cli::Session> DeviceLineService::OpenExec(cli::Terminal& terminal,
                                                          SessionLine line, int privilege) {
  cli::Session::Options options;
  options.privilege = privilege;
  return std::make_unique<DeviceSession>(device_, IosCommandSet(device_.platform()), terminal,
                                         options, std::move(line));
}

bool DeviceLineService::scp_server_enabled() const {
  return device_.running_config().scp_server_enabled();
}

std::unique_ptr<cli::Session> DeviceLineService::OpenMonitor(cli::Terminal& terminal) {
  return std::make_unique<LoaderSession>(device_, terminal);
}

}  // namespace iosup
