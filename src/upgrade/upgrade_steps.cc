// The bodies of the upgrade steps (seed 001 section 9), each idempotent or guarded by a journal
// marker. The machinery they use is in device_upgrade.cc.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <utility>

#include "platform/posix_file.h"
#include "upgrade/device_upgrade.h"
#include "upgrade/install_facts.h"
#include "upgrade/join.h"
#include "upgrade/journal.h"

namespace iosup::upgrade {

namespace {

using json = nlohmann::json;

std::string MsSinceEpoch(WallTime t) {
  return std::to_string(
      std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count());
}

double SecondsSince(WallTime start, WallTime now) {
  return std::chrono::duration<double>(now - start).count();
}

// Holds one of a counted set of slots (parallel copies, parallel reloads) for a scope.
class Slot {
 public:
  explicit Slot(std::counting_semaphore<>* s) : s_(s) {
    if (s_) s_->acquire();
  }
  ~Slot() {
    if (s_) s_->release();
  }
  Slot(const Slot&) = delete;
  Slot& operator=(const Slot&) = delete;

 private:
  std::counting_semaphore<>* s_;
};

json SnapshotJson(const Snapshot& s) {
  json j = {{"interfaces", json::array()}, {"cdp", s.cdp_neighbors}, {"ospf", json::array()},
            {"lldp", s.lldp_neighbors}, {"routes", s.routes}};
  for (const InterfaceState& i : s.interfaces) {
    j["interfaces"].push_back({i.name, i.address, i.status, i.protocol});
  }
  for (const OspfNeighbor& n : s.ospf_neighbors) j["ospf"].push_back({n.neighbor_id, n.state, n.interface});
  return j;
}

Snapshot SnapshotFromJson(const json& j) {
  Snapshot s;
  for (const json& i : j.value("interfaces", json::array())) {
    s.interfaces.push_back({i[0].get<std::string>(), i[1].get<std::string>(), i[2].get<std::string>(),
                            i[3].get<std::string>()});
  }
  s.cdp_neighbors = j.value("cdp", std::vector<std::string>{});
  s.lldp_neighbors = j.value("lldp", std::vector<std::string>{});
  s.routes = j.value("routes", -1);
  for (const json& n : j.value("ospf", json::array())) {
    s.ospf_neighbors.push_back({n[0].get<std::string>(), n[1].get<std::string>(), n[2].get<std::string>()});
  }
  return s;
}

constexpr uint64_t kCopyMarkBytes = 512 * 1024;

bool Permanent(const std::string& failure) {
  return failure.find("Not enough space") != std::string::npos ||
         failure.find("No such file") != std::string::npos ||
         failure.find("Permission denied") != std::string::npos;
}

}  // namespace

Result<DeviceUpgrade::StepEnd> DeviceUpgrade::StepConnect() {
  // A refused or dropped connection may be a moment's trouble: try again with back-off. A
  // refused login is not retried (it would only lock the account).
  Status connected = Connect();
  for (int attempt = 1; !connected.ok() && connected.code() != ErrorCode::kPermissionDenied &&
                        attempt < env_.timing.connect_attempts;
       ++attempt) {
    env_.clock->SleepFor(env_.timing.retry_backoff * (1 << (attempt - 1)));
    connected = Connect();
  }
  IOSUP_RETURN_IF_ERROR(connected);
  return StepEnd{.detail = "logged in over SSH, prompt " + channel_->prompt()};
}

Result<DeviceUpgrade::StepEnd> DeviceUpgrade::StepFacts() {
  Result<DeviceFacts> f = GatherFacts();
  if (!f.ok()) return f.status();
  facts_ = std::move(*f);
  if (record_.facts_before.empty()) {
    record_.facts_before = facts_.Summary();
    for (const auto& [k, v] : record_.facts_before) {
      (void)env_.journal->SetFact(env_.run_id, record_.name, false, k, v);
    }
    record_.from_version = facts_.version.version;
  }
  SaveDevice();
  return StepEnd{.detail = facts_.version.version + " from " + facts_.version.system_image + ", " +
                           std::to_string(facts_.flash.free_bytes) + " bytes free in " +
                           facts_.file_system};
}

Result<DeviceUpgrade::StepEnd> DeviceUpgrade::StepReadiness() {
  decision_ = DecideReadiness(facts_, policy_);
  if (decision_.verdict == Readiness::Verdict::kBlocked) return Status(ErrorCode::kAborted, decision_.reason);
  target_ = *decision_.target;
  record_.to_version = target_.version;
  SaveDevice();
  if (decision_.verdict == Readiness::Verdict::kCurrent) {
    return StepEnd{.detail = "already runs " + target_.file, .finish = DeviceOutcome::kCurrent};
  }
  wanted_boot_ = WantedBootStatements();
  json j = {{"target_path", decision_.target_path}, {"old_path", decision_.old_path},
            {"install", decision_.install}, {"convert", decision_.convert},
            {"delete_first", decision_.delete_first}, {"target_present", decision_.target_present},
            {"file", target_.file}, {"version", target_.version}, {"md5", target_.md5},
            {"sha512", target_.sha512}, {"size", target_.size}, {"family", target_.family}};
  IOSUP_RETURN_IF_ERROR(Mark("readiness.decision", j.dump()));
  std::string detail = "target " + target_.file + " (" + target_.version + ")";
  detail += decision_.target_present ? "; already in flash, hash to be checked"
                                     : "; " + std::to_string(decision_.space_needed) + " bytes needed, " +
                                           std::to_string(facts_.flash.free_bytes) + " free";
  if (!decision_.delete_first.empty()) detail += "; will delete " + Join(decision_.delete_first);
  for (const std::string& w : decision_.warnings) detail += "; warning: " + w;
  return StepEnd{.detail = detail};
}

bool DeviceUpgrade::LoadDecision() {
  std::optional<std::string> saved = Marker("readiness.decision");
  if (!saved) return false;
  json j = json::parse(*saved, nullptr, false);
  if (j.is_discarded()) return false;
  decision_.verdict = Readiness::Verdict::kProceed;
  decision_.target_path = j.value("target_path", "");
  decision_.old_path = j.value("old_path", "");
  decision_.delete_first = j.value("delete_first", std::vector<std::string>{});
  decision_.target_present = j.value("target_present", false);
  decision_.install = j.value("install", false);
  decision_.convert = j.value("convert", false);
  target_ = {.family = j.value("family", ""), .file = j.value("file", ""), .version = j.value("version", ""),
             .md5 = j.value("md5", ""), .sha512 = j.value("sha512", ""), .size = j.value("size", uint64_t{0})};
  decision_.target = &target_;
  wanted_boot_ = WantedBootStatements();
  return !target_.file.empty();
}

Result<DeviceUpgrade::StepEnd> DeviceUpgrade::StepBackup() {
  // With a push policy there is no server the device could write to: the copy stays here.
  const BackupMode mode = policy_.EffectiveBackup();
  switch (mode) {
    case BackupMode::kNone:
      return StepEnd{.detail = "the policy asks for no backup", .skipped = true};
    case BackupMode::kLocal: {
      Result<std::string> config = Send("show running-config");
      if (!config.ok()) return config.status();
      IOSUP_RETURN_IF_ERROR(MakeDirs(env_.backup_dir));
      const std::string path = env_.backup_dir + "/" + record_.name + "-" + env_.run_id + ".cfg";
      IOSUP_RETURN_IF_ERROR(WriteFileAtomically(path, *config));
      return StepEnd{.detail = "running-config saved to " + path};
    }
    case BackupMode::kServer: {
      const std::string command = BackupCommand(policy_.transfer, facts_.version.hostname, env_.run_id);
      Result<std::string> out = Send(command, std::chrono::minutes(5),
                                     {{"Address or name of remote host [", ""}, {"Destination filename [", ""}});
      if (!out.ok()) return out.status();
      const std::string failure = CopyFailure(*out);
      if (!failure.empty()) return IoError("backup failed: " + failure);
      return StepEnd{.detail = "running-config copied to " + command.substr(command.rfind(' ') + 1)};
    }
  }
  return StepEnd{};
}

Result<DeviceUpgrade::StepEnd> DeviceUpgrade::CopyImage() {
  const Duration timeout = std::chrono::seconds(target_.size / env_.timing.copy_floor_bytes_per_sec) +
                           env_.timing.copy_slack;
  std::string failure;
  for (int attempt = 1; attempt <= env_.timing.copy_attempts; ++attempt) {
    const WallTime started = Now();
    if (policy_.transfer.protocol == TransferProtocol::kPush) {
      Status pushed = env_.push(host_, policy_.transfer.local_dir + "/" + target_.file,
                                decision_.target_path, [&](uint64_t done) {
                                  if (env_.progress) env_.progress->Transfer(record_.name, done, target_.size);
                                });
      failure = pushed.ok() ? "" : pushed.message();
    } else {
      // IOS prints a '!' per chunk received: the bar follows them (an estimate; the emulator and
      // most releases mark every 512 KiB), never claiming more than 99% before the copy ends.
      IOSUP_RETURN_IF_ERROR(Connect());
      uint64_t marks = 0;
      if (env_.progress) {
        env_.progress->Transfer(record_.name, 0, target_.size);
        channel_->set_output_observer([&](std::string_view chunk) {
          marks += static_cast<uint64_t>(std::ranges::count(chunk, '!'));
          env_.progress->Transfer(record_.name, std::min(marks * kCopyMarkBytes, target_.size / 100 * 99),
                                  target_.size);
        });
      }
      Result<std::string> out = Send(CopyCommand(policy_.transfer, target_, decision_.target_path),
                                     timeout, kCopyAnswers);
      if (channel_) channel_->set_output_observer({});
      failure = !out.ok() ? out.status().ToString() : CopyFailure(*out);
      if (failure.empty() && out->find("bytes copied") == std::string::npos) {
        failure = "the copy ended without \"bytes copied\"";
      }
    }
    if (failure.empty()) {
      if (env_.progress) env_.progress->Transfer(record_.name, target_.size, target_.size);
      const double secs = SecondsSince(started, Now());
      char detail[160];
      std::snprintf(detail, sizeof detail, "%llu bytes copied in %.1f s%s",
                    static_cast<unsigned long long>(target_.size), secs,
                    attempt > 1 ? (" (attempt " + std::to_string(attempt) + ")").c_str() : "");
      return StepEnd{.detail = detail};
    }
    DeleteQuietly(decision_.target_path);  // a broken copy never stays in flash
    if (Permanent(failure) || attempt == env_.timing.copy_attempts) break;
    env_.clock->SleepFor(env_.timing.retry_backoff * (1 << (attempt - 1)));
  }
  return IoError("copy failed: " + failure);
}

Result<DeviceUpgrade::StepEnd> DeviceUpgrade::StepStage() {
  if (Marker("stage.verified") == target_.md5) {
    return StepEnd{.detail = "already verified in this run", .skipped = true};
  }
  Slot slot(env_.copy_slots);
  for (const std::string& file : decision_.delete_first) {
    DeleteQuietly(facts_.file_system.empty() ? SplitImagePath(decision_.target_path).first + file
                                             : facts_.file_system + file);
  }
  // Skip the copy when the file is already there with the published MD5. That only decides
  // whether to copy: the verify step still judges the file (SHA-512 too) before anything boots it.
  const std::string fs = SplitImagePath(decision_.target_path).first;
  Result<std::string> listing = Send("dir " + fs);
  if (!listing.ok()) return listing.status();
  Result<FlashListing> files = ParseDir(*listing);
  if (!files.ok()) return files.status();
  if (const FlashFile* there = files->Find(target_.file)) {
    if (there->size == target_.size) {
      Result<std::string> md5 = ComputeDigest(decision_.target_path, false);
      if (!md5.ok()) return md5.status();
      if (*md5 == target_.md5) {
        md5_in_flash_ = *md5;
        return StepEnd{.detail = "already in flash with the published MD5: not copied", .skipped = true};
      }
    }
    DeleteQuietly(decision_.target_path);
  }
  return CopyImage();
}

Result<std::string> DeviceUpgrade::VerifyImage(std::string md5) {
  if (md5.empty()) {
    Result<std::string> computed = ComputeDigest(decision_.target_path, false);
    if (!computed.ok()) return computed.status();
    md5 = *computed;
  }
  if (md5 != target_.md5) {
    DeleteQuietly(decision_.target_path);
    return Corrupt("MD5 mismatch: flash has " + md5 + ", published " + target_.md5 +
                   "; the file was deleted and nothing else changed");
  }
  std::string detail = "MD5 " + md5 + " matches";
  if (!target_.sha512.empty()) {
    Result<std::string> sha = ComputeDigest(decision_.target_path, true);
    if (!sha.ok()) return sha.status();
    if (*sha != target_.sha512) {
      DeleteQuietly(decision_.target_path);
      return Corrupt("SHA-512 mismatch (the MD5 matched); the file was deleted");
    }
    detail += ", SHA-512 matches";
  }
  IOSUP_RETURN_IF_ERROR(Mark("stage.verified", target_.md5));
  return detail;
}

Result<DeviceUpgrade::StepEnd> DeviceUpgrade::StepVerify() {
  if (Marker("stage.verified") == target_.md5) {
    return StepEnd{.detail = "already verified in this run", .skipped = true};
  }
  const bool md5_from_stage = !md5_in_flash_.empty();
  Result<std::string> verified = VerifyImage(std::exchange(md5_in_flash_, ""));
  if (!verified.ok()) return verified.status();
  return StepEnd{.detail = *verified + (md5_from_stage ? " (MD5 computed while staging)" : "")};
}

Result<DeviceUpgrade::StepEnd> DeviceUpgrade::StepBoot() {
  // Never a boot statement for an image this run has not verified.
  if (Marker("stage.verified") != target_.md5) {
    return Status(ErrorCode::kAborted, "refusing to boot " + target_.file + ": not verified");
  }
  IOSUP_RETURN_IF_ERROR(SetBootStatements(wanted_boot_));
  return StepEnd{.detail = "boot system " + Join(wanted_boot_, " then ") + "; saved and read back"};
}

Result<DeviceUpgrade::StepEnd> DeviceUpgrade::StepSnapshot() {
  if (!policy_.Checks("interfaces") && !policy_.Checks("cdp") && !policy_.Checks("ospf") &&
      !policy_.Checks("lldp") && !policy_.Checks("routes")) {
    return StepEnd{.detail = "no snapshot post-checks in the policy", .skipped = true};
  }
  Result<Snapshot> s = TakeSnapshot();
  if (!s.ok()) return s.status();
  IOSUP_RETURN_IF_ERROR(Mark("snapshot.before", SnapshotJson(*s).dump()));
  int up = 0;
  for (const InterfaceState& i : s->interfaces) up += i.status == "up" && i.protocol == "up";
  std::string detail = std::to_string(up) + " interface(s) up, " + std::to_string(s->cdp_neighbors.size()) +
                       " CDP and " + std::to_string(s->ospf_neighbors.size()) + " OSPF neighbour(s)";
  if (policy_.Checks("lldp")) detail += ", " + std::to_string(s->lldp_neighbors.size()) + " LLDP neighbour(s)";
  if (s->routes >= 0) detail += ", " + std::to_string(s->routes) + " route(s)";
  return StepEnd{.detail = detail};
}

Status DeviceUpgrade::DoReload(const std::string& prefix, const std::string& command, Duration timeout,
                               const std::vector<DialogAnswer>& answers) {
  const std::string intent_key = prefix + ".intent";
  if (Marker(intent_key)) {
    // Resuming: the reload may or may not have been sent before the run was killed.
    Status back = WaitForReturn(intent_key, Marker(prefix + ".restarted_before").value_or(""), true);
    if (back.ok() || back.code() != ErrorCode::kAborted || (env_.stop && env_.stop->load())) return back;
  }
  Slot slot(env_.reload_slots);
  if (policy_.reload.stagger_seconds > 0) {
    env_.clock->SleepFor(std::chrono::seconds(policy_.reload.stagger_seconds));
  }
  std::string restarted = facts_.version.restarted_at;
  if (restarted.empty()) {  // not gathered yet (resuming), or this device does not print it
    Result<std::string> out = Send("show version");
    if (!out.ok()) return out.status();
    Result<VersionFacts> v = ParseShowVersion(*out);
    if (!v.ok()) return v.status();
    restarted = v->restarted_at;
  }
  IOSUP_RETURN_IF_ERROR(Mark(prefix + ".restarted_before", restarted));
  IOSUP_RETURN_IF_ERROR(Mark(intent_key, MsSinceEpoch(Now())));
  if (env_.crash_point) env_.crash_point(prefix + ":intent");
  Result<std::string> out =
      Send(command, timeout == Duration::zero() ? env_.timing.drop_timeout : timeout, answers);
  Duration scheduled = Duration::zero();
  if (out.ok() && command.starts_with("install ")) {
    // The session normally drops with the reload; a release that prints the prompt again after
    // SUCCESS: reloads a moment later.
    const std::string failure = InstallFailure(*out);
    if (!failure.empty()) return IoError(failure);
    if (out->find("SUCCESS:") == std::string::npos) return IoError("no SUCCESS: from " + command + ": " + *out);
  } else if (out.ok()) {
    if (command == "reload") return IoError("the device did not reload: " + *out);
    // "reload in N" / "reload at HH:MM": scheduled; the session stays until then.
    if (out->find("Reload scheduled") == std::string::npos) return IoError("reload not scheduled: " + *out);
    scheduled = policy_.reload.mode == ReloadMode::kIn ? std::chrono::minutes(policy_.reload.minutes)
                                                        : std::chrono::hours(24);
  } else if (out.status().code() != ErrorCode::kUnavailable) {
    return out.status();
  }
  IOSUP_RETURN_IF_ERROR(Mark(prefix + ".sent", MsSinceEpoch(Now())));
  if (env_.crash_point) env_.crash_point(prefix + ":sent");
  return WaitForReturn(intent_key, restarted, false, scheduled);
}

Result<DeviceUpgrade::StepEnd> DeviceUpgrade::StepReload() {
  if (decision_.install) return InstallReload();
  const WallTime started = Now();
  Status back = DoReload("reload", ReloadCommand(policy_.reload));
  if (back.code() == ErrorCode::kTimedOut) {
    const std::string why = back.message() + DiagnoseLost();
    Finish(DeviceOutcome::kLost, "reload: " + why);
    return Status(back.code(), why);
  }
  if (!back.ok()) return back;
  const double secs = SecondsSince(started, Now());
  char detail[96];
  std::snprintf(detail, sizeof detail, "reloaded; back after %.1f s", secs);
  return StepEnd{.detail = detail};
}

Result<DeviceUpgrade::StepEnd> DeviceUpgrade::StepPostCheck() {
  const WallTime back = Now();
  if (decision_.install) IOSUP_RETURN_IF_ERROR(WaitForMembersReady());
  IOSUP_RETURN_IF_ERROR(RefreshFactsAfterReload());
  std::vector<std::string> failures;
  if (decision_.install) {
    InstallPostChecks(failures);
  } else if (policy_.Checks("version") && facts_.running_file != target_.file) {
    failures.push_back("runs " + facts_.version.system_image + ", not " + decision_.target_path);
  }
  // A conversion to install mode may rewrite the boot statements to packages.conf alone, as
  // IOS-XE does: in install mode only the first one is judged.
  const bool boot_ok = decision_.install ? !facts_.startup_boot.empty() && facts_.startup_boot[0] == wanted_boot_[0]
                                         : facts_.startup_boot == wanted_boot_;
  if (policy_.Checks("boot") && !boot_ok) {
    failures.push_back("boots " + Join(facts_.startup_boot) + ", expected " + Join(wanted_boot_));
  }
  const std::string confreg_before = record_.facts_before.count("config_register")
                                         ? record_.facts_before.at("config_register") : "";
  if (policy_.Checks("config_register") && facts_.version.config_register != confreg_before) {
    failures.push_back("config-register " + facts_.version.config_register + ", was " + confreg_before);
  }
  if (std::optional<std::string> saved = Marker("snapshot.before")) {
    json j = json::parse(*saved, nullptr, false);
    Result<SettledChanges> settled = ChangesAfterReload(j.is_discarded() ? Snapshot{} : SnapshotFromJson(j), back);
    if (!settled.ok()) return settled.status();
    record_.changes.clear();
    std::vector<std::string> losses;
    for (const SnapshotChange& c : settled->changes) {
      record_.changes.push_back({c.what, c.before, c.after, c.loss});
      if (c.loss) losses.push_back(c.what + " " + c.before + " -> " + c.after);
    }
    (void)env_.journal->SetChanges(env_.run_id, record_.name, record_.changes);
    if (!losses.empty()) {
      failures.push_back("lost " + Join(losses) +
                         (settled->waited_out
                              ? " (not back within " + std::to_string(policy_.neighbor_wait_seconds) + " s)"
                              : ""));
    }
  }
  SaveDevice();
  if (!failures.empty()) {
    post_check_failure_ = Join(failures, "; ");
    return Status(ErrorCode::kAborted, post_check_failure_);
  }
  std::string detail = "runs " + facts_.version.system_image + ", boot statements and config-register as expected";
  if (decision_.install) {
    IOSUP_RETURN_IF_ERROR(CommitInstall());
    detail = "runs " + facts_.version.version + " from " + facts_.version.system_image + " on every member, committed";
  }
  return StepEnd{.detail = detail + (record_.changes.empty()
                                         ? ""
                                         : ", " + std::to_string(record_.changes.size()) + " change(s), no loss")};
}

Result<DeviceUpgrade::StepEnd> DeviceUpgrade::StepRollback() {
  // A converted device goes back to its .bin the bundle way; an install-mode one by install.
  if (decision_.install && !decision_.convert) return InstallRollback();
  if (!Marker("rollback.reload.intent")) {
    IOSUP_RETURN_IF_ERROR(SetBootStatements({decision_.old_path}));
  }
  Status back = DoReload("rollback.reload", "reload");
  const std::string why = PostCheckFailure();
  if (back.code() == ErrorCode::kTimedOut) {
    Finish(DeviceOutcome::kLost, why + "; rollback reload: " + back.message() + DiagnoseLost());
    return back;
  }
  if (!back.ok()) return back;
  IOSUP_RETURN_IF_ERROR(RefreshFactsAfterReload());
  if (facts_.running_file != SplitImagePath(decision_.old_path).second) {
    Finish(DeviceOutcome::kFailed, why + "; rollback booted " + facts_.version.system_image);
    return IoError("rollback booted " + facts_.version.system_image);
  }
  Finish(DeviceOutcome::kRolledBack, why + "; rolled back to " + decision_.old_path);
  return StepEnd{.detail = "boots " + decision_.old_path + " again"};
}

}  // namespace iosup::upgrade
