#include "device/vty_login.h"

#include <algorithm>
#include <charconv>
#include <optional>

#include "device/secrets.h"

namespace iosup {

VtyPolicy VtyPolicyOf(const Config& config) {
  VtyPolicy p;
  for (const LineConfig& line : config.lines()) {
    if (!line.name.starts_with("vty")) continue;
    p.login = line.login_local ? VtyPolicy::Login::kLocal : VtyPolicy::Login::kLinePassword;
    p.line_password = line.password;
    if (!line.transport_input.empty()) {
      auto has = [&](const char* t) {
        return std::find(line.transport_input.begin(), line.transport_input.end(), t) !=
               line.transport_input.end();
      };
      const bool all = has("all");
      p.ssh = all || has("ssh");
      p.telnet = all || has("telnet");
    }
    p.exec_timeout_seconds = line.exec_timeout_seconds;
    break;
  }
  return p;
}

SshPolicy SshPolicyOf(const Config& config) {
  SshPolicy p;
  auto value = [](std::string_view text, std::string_view prefix) -> std::optional<int> {
    if (!text.starts_with(prefix)) return std::nullopt;
    int v = 0;
    const std::string_view digits = text.substr(prefix.size());
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
    if (ec != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
    return v;
  };
  for (const ConfigNode& n : config.nodes()) {
    if (auto v = value(n.text, "ip ssh time-out ")) p.timeout_seconds = *v;
    if (auto v = value(n.text, "ip ssh authentication-retries ")) p.authentication_retries = *v;
  }
  return p;
}

Result<int> VtyLogin(const Config& config, std::string_view user, std::string_view password) {
  const VtyPolicy p = VtyPolicyOf(config);
  if (p.login == VtyPolicy::Login::kLocal) {
    for (const UserConfig& u : config.users()) {
      if (u.name == user && !u.secret.empty() && SecretMatches(u.secret, password)) {
        return u.privilege;
      }
    }
    return PermissionDenied("% Login invalid");
  }
  if (p.line_password.empty()) return Unsupported("Password required, but none set");
  if (!SecretMatches(p.line_password, password)) return PermissionDenied("% Bad passwords");
  return 1;
}

}  // namespace iosup
