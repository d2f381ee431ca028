// The upgrade in IOS-XE install mode: the staged .bin is added (expanded into packages on every
// stack member), activated (the device reloads into it, with an auto-abort timer as a safety
// net) and committed once the post-checks pass; or all three at once when the policy says
// one_shot. Rollback is `install abort` before the commit and `install rollback to id N` after.
// Each side effect is guarded by a journal marker, so a resumed run never activates twice.
#include <algorithm>
#include <cmath>

#include "upgrade/device_upgrade.h"
#include "upgrade/install_facts.h"
#include "upgrade/join.h"

namespace iosup::upgrade {

namespace {

constexpr char kPackagesConf[] = "packages.conf";

// IOS-XE refuses a separate `install add` on a device booted in bundle mode ("FAILED: Booted in
// bundle mode. For Bundle-to-Install mode conversion, please use one-shot CLI"): a conversion is
// always the one-shot command.
bool OneShot(const Policy& p, const Readiness& decision) {
  return p.install.steps == InstallSteps::kOneShot || decision.convert;
}

std::string LastLine(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.remove_suffix(1);
  const size_t nl = text.rfind('\n');
  return std::string(nl == std::string_view::npos ? text : text.substr(nl + 1));
}

std::string Seconds(Duration d) {
  return std::to_string(std::chrono::duration_cast<std::chrono::seconds>(d).count()) + " s";
}

}  // namespace

std::vector<std::string> DeviceUpgrade::WantedBootStatements() const {
  if (!decision_.install) {
    return WantedBoot(decision_.target_path, decision_.old_path, policy_.keep_old_as_fallback);
  }
  std::vector<std::string> boot = {SplitImagePath(decision_.target_path).first + kPackagesConf};
  if (decision_.convert && policy_.keep_old_as_fallback) boot.push_back(decision_.old_path);
  return boot;
}

Duration DeviceUpgrade::InstallTimeout() const {
  // The add reads and checks the image, then writes its packages: three times what the
  // platform's hashing and flash take for that, on top of the time a reload may take to drop.
  const PlatformSpec* p = facts_.platform;
  const uint64_t hash_rate = p != nullptr && p->md5_bytes_per_sec > 0 ? p->md5_bytes_per_sec : 1024 * 1024;
  const uint64_t write_rate = p != nullptr && p->flash_write_bytes_per_sec > 0 ? p->flash_write_bytes_per_sec : 1024 * 1024;
  const uint64_t written = target_.size / 100 * static_cast<uint64_t>(policy_.install.expanded_percent);
  return env_.timing.drop_timeout + 3 * std::chrono::seconds(target_.size / hash_rate + written / write_rate);
}

int DeviceUpgrade::AutoAbortMinutes() const {
  if (policy_.install.auto_abort_minutes > 0) return policy_.install.auto_abort_minutes;
  // Long enough for the reload, the members to join and the post-checks; IOS-XE takes 30-1200.
  const auto boot = std::chrono::duration_cast<std::chrono::minutes>(BootTimeout()).count();
  return static_cast<int>(std::clamp<int64_t>(boot + 30, 30, 1200));
}

Result<std::string> DeviceUpgrade::SendInstall(const std::string& command) {
  Result<std::string> out = Send(command, InstallTimeout(), kInstallAnswers);
  if (!out.ok()) return out.status();
  const std::string failure = InstallFailure(*out);
  if (!failure.empty()) return IoError(command + ": " + failure);
  if (out->find("SUCCESS:") == std::string::npos) {
    return IoError(command + " did not report SUCCESS: (last line: \"" + LastLine(*out) + "\")");
  }
  return out;
}

Status DeviceUpgrade::InstallAdd() {
  if (Marker("install.added") == target_.md5) return Status::Ok();
  // A killed run may have added it already: adding again would fail as a duplicate.
  Result<std::string> summary = Send("show install summary");
  if (!summary.ok()) return summary.status();
  Result<InstallSummary> parsed = ParseInstallSummary(*summary);
  if (!(parsed.ok() && parsed->AllIn(target_.version, "I"))) {
    Result<std::string> added = SendInstall(InstallAddCommand(decision_.target_path));
    if (!added.ok()) return added.status();
  }
  return Mark("install.added", target_.md5);
}

Result<DeviceUpgrade::StepEnd> DeviceUpgrade::InstallReload() {
  const WallTime started = Now();
  resumed_activation_ = Marker("reload.intent").has_value();
  // The rollback point to return to once committed: the newest before this activation.
  if (!resumed_activation_ && !facts_.rollback_ids.empty()) {
    IOSUP_RETURN_IF_ERROR(Mark("install.rollback_point", std::to_string(std::ranges::max(facts_.rollback_ids))));
  }
  std::string command;
  if (OneShot(policy_, decision_)) {
    command = InstallOneShotCommand(decision_.target_path);
  } else {
    if (!resumed_activation_) IOSUP_RETURN_IF_ERROR(InstallAdd());
    command = InstallActivateCommand(AutoAbortMinutes());
  }
  Status back = DoReload("reload", command, InstallTimeout(), kInstallAnswers);
  if (back.code() == ErrorCode::kTimedOut) {
    const std::string why = back.message() + DiagnoseLost();
    Finish(DeviceOutcome::kLost, "reload: " + why);
    return Status(back.code(), why);
  }
  if (!back.ok()) return back;
  if (OneShot(policy_, decision_)) IOSUP_RETURN_IF_ERROR(Mark("install.committed", target_.md5));
  const double secs = std::chrono::duration<double>(Now() - started).count();
  char detail[160];
  std::snprintf(detail, sizeof detail, "%s; back after %.1f s",
                OneShot(policy_, decision_) ? "added, activated and committed"
                                 : ("activated (auto-abort timer " + std::to_string(AutoAbortMinutes()) + " min)").c_str(),
                secs);
  return StepEnd{.detail = detail};
}

Status DeviceUpgrade::WaitForMembersReady() {
  const PlatformSpec* p = facts_.platform;
  const bool switch_family = p != nullptr && (p->version_style == VersionStyle::kCatalyst ||
                                              p->version_style == VersionStyle::kCatalyst9k);
  if (!switch_family) return Status::Ok();
  const WallTime deadline = Now() + BootTimeout();
  std::vector<std::string> waiting;
  while (true) {
    Result<std::string> out = Send("show switch");
    if (!out.ok()) return out.status();
    waiting.clear();
    for (const StackMember& m : ParseShowSwitch(*out)) {
      if (m.state != "Ready") waiting.push_back("switch " + std::to_string(m.number) + " " + m.state);
    }
    if (waiting.empty()) return Status::Ok();
    if (Now() >= deadline || (env_.stop != nullptr && env_.stop->load())) break;
    env_.clock->SleepFor(env_.timing.reconnect_interval);
  }
  return Status(ErrorCode::kTimedOut, "stack members not Ready after " + Seconds(BootTimeout()) + ": " + Join(waiting));
}

void DeviceUpgrade::InstallPostChecks(std::vector<std::string>& failures) {
  if (policy_.Checks("version")) {
    if (!SameRelease(facts_.version.version, target_.version)) {
      failures.push_back("runs " + facts_.version.version + ", not " + target_.version);
    }
    if (!facts_.install_mode) failures.push_back("booted " + facts_.version.system_image + ", not " + kPackagesConf);
  }
  const bool committed = Marker("install.committed") == target_.md5;
  const char* state = committed ? "C" : "U";
  if (!facts_.install || !facts_.install->AllIn(target_.version, state)) {
    failures.push_back(std::string("show install summary has not ") + target_.version + " " +
                       (committed ? "committed" : "activated") + " on every member (" +
                       (facts_.install ? facts_.install->Describe() : "no summary") + ")");
  }
  if (resumed_activation_ && !committed && policy_.install.uncommitted == ResumeUncommitted::kAbort) {
    failures.push_back("an earlier run was interrupted between activation and commit (resume_uncommitted: abort)");
  }
}

Status DeviceUpgrade::CommitInstall() {
  if (Marker("install.committed") == target_.md5) return Status::Ok();
  Result<std::string> out = SendInstall(InstallCommitCommand());
  if (!out.ok()) {
    return Status(out.status().code(), out.status().message() + "; the auto-abort timer will roll the device back");
  }
  IOSUP_RETURN_IF_ERROR(Mark("install.committed", target_.md5));
  // Committed means committed on every member.
  Result<std::string> summary = Send("show install summary");
  if (!summary.ok()) return summary.status();
  Result<InstallSummary> parsed = ParseInstallSummary(*summary);
  if (!parsed.ok()) return parsed.status();
  if (!parsed->AllIn(target_.version, "C")) {
    return IoError("after install commit, show install summary has not " + target_.version +
                   " committed on every member (" + parsed->Describe() + ")");
  }
  return Status::Ok();
}

Result<DeviceUpgrade::StepEnd> DeviceUpgrade::InstallRollback() {
  const std::string why = PostCheckFailure();
  std::string command = InstallAbortCommand();
  if (Marker("install.committed") == target_.md5) {
    std::optional<std::string> point = Marker("install.rollback_point");
    if (!point) {
      Finish(DeviceOutcome::kFailed, why + "; no rollback point was listed before the activation: roll back by hand "
                                           "(show install rollback, then install rollback to id N)");
      return Status(ErrorCode::kAborted, "no rollback point");
    }
    command = InstallRollbackCommand(std::stoi(*point));
  }
  Status back = DoReload("rollback.reload", command, InstallTimeout(), kInstallAnswers);
  if (back.code() == ErrorCode::kTimedOut) {
    Finish(DeviceOutcome::kLost, why + "; " + command + ": " + back.message() + DiagnoseLost());
    return back;
  }
  if (!back.ok()) {
    Finish(DeviceOutcome::kFailed, why + "; " + command + ": " + back.message());
    return back;
  }
  IOSUP_RETURN_IF_ERROR(RefreshFactsAfterReload());
  if (!SameRelease(facts_.version.version, record_.from_version)) {
    Finish(DeviceOutcome::kFailed, why + "; " + command + " left it on " + facts_.version.version);
    return IoError(command + " left it on " + facts_.version.version);
  }
  Finish(DeviceOutcome::kRolledBack, why + "; rolled back to " + record_.from_version + " (" + command + ")");
  return StepEnd{.detail = command + ": runs " + record_.from_version + " again"};
}

Result<std::string> DeviceUpgrade::InstallCleanup() {
  if (!facts_.install_mode || !SameRelease(facts_.version.version, target_.version)) {
    return Status(ErrorCode::kAborted, "runs " + facts_.version.version + " from " + facts_.version.system_image +
                                           ", not " + target_.version + " in install mode: left alone");
  }
  std::string detail;
  if (decision_.convert) {  // the .bin fallback of the conversion goes
    const std::string conf = SplitImagePath(decision_.target_path).first + kPackagesConf;
    IOSUP_RETURN_IF_ERROR(SetBootStatements({conf}));
    detail = "boot system " + conf + " only; ";
  }
  Result<std::string> removed = SendInstall(InstallRemoveInactiveCommand());
  if (!removed.ok()) return removed.status();
  return detail + "install remove inactive";
}

}  // namespace iosup::upgrade
