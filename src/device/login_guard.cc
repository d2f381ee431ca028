#include "device/login_guard.h"

#include <charconv>
#include <sstream>
#include <vector>

#include "device/config_schema.h"
#include "device/ios_time.h"

namespace iosup {

namespace {

std::optional<int> Number(const std::string& word) {
  int v = 0;
  auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), v);
  if (ec != std::errc() || end != word.data() + word.size() || v <= 0) return std::nullopt;
  return v;
}

// The ACL IOS applies in quiet mode when none is configured: it denies every vty connection.
constexpr char kDefaultAcl[] = "sl_def_acl";

}  // namespace

std::optional<LoginBlockPolicy> LoginBlockPolicyOf(const Config& config) {
  std::optional<LoginBlockPolicy> policy;
  std::string acl;
  for (const ConfigNode& n : config.nodes()) {
    const std::vector<std::string> w = ConfigWords(n.text);
    if (w.size() == 7 && w[0] == "login" && w[1] == "block-for" && w[3] == "attempts" &&
        w[5] == "within") {
      auto block = Number(w[2]), attempts = Number(w[4]), within = Number(w[6]);
      if (block && attempts && within) policy = LoginBlockPolicy{*block, *attempts, *within};
    } else if (w.size() == 4 && w[0] == "login" && w[1] == "quiet-mode" &&
               w[2] == "access-class") {
      acl = w[3];
    }
  }
  if (policy) policy->quiet_acl = acl;
  return policy;
}

std::optional<std::string> LoginGuard::RecordFailure(const std::optional<LoginBlockPolicy>& policy,
                                                     WallTime now, const Failure& failure) {
  if (!policy || quiet_until_) return std::nullopt;
  const Duration window = std::chrono::seconds(policy->within_seconds);
  while (!failures_.empty() && now - failures_.front() >= window) failures_.pop_front();
  failures_.push_back(now);
  if (static_cast<int>(failures_.size()) < policy->attempts) return std::nullopt;
  const auto left = std::chrono::duration_cast<std::chrono::seconds>(
      failures_.front() + window - now);
  failures_.clear();
  quiet_until_ = now + std::chrono::seconds(policy->block_seconds);
  const std::string acl = policy->quiet_acl.empty() ? kDefaultAcl : policy->quiet_acl;
  return "%SEC_LOGIN-1-QUIET_MODE_ON: Still timeleft for watching failures is " +
         std::to_string(left.count()) + " secs, [user: " + failure.user + "] [Source: " +
         failure.source + "] [localport: " + std::to_string(failure.local_port) +
         "] [Reason: Login Authentication Failed] [ACL: " + acl + "] at " + SecLoginTime(now);
}

std::optional<std::string> LoginGuard::Tick(const std::optional<LoginBlockPolicy>& policy,
                                            WallTime now) {
  if (!policy) {
    Reset();
    return std::nullopt;
  }
  const Duration window = std::chrono::seconds(policy->within_seconds);
  while (!failures_.empty() && now - failures_.front() >= window) failures_.pop_front();
  if (!quiet_until_ || now < *quiet_until_) return std::nullopt;
  quiet_until_.reset();
  return "%SEC_LOGIN-5-QUIET_MODE_OFF: Quiet Mode is OFF, because block period timed out at " +
         SecLoginTime(now);
}

void LoginGuard::Reset() {
  failures_.clear();
  quiet_until_.reset();
}

}  // namespace iosup
