// The state machine's machinery: the step loop, journaling, and the conversation with the device.
// The step bodies are in upgrade_steps.cc.
#include "upgrade/device_upgrade.h"

#include <algorithm>
#include <sstream>

#include "catalog/platform_catalog.h"
#include "upgrade/join.h"
#include "upgrade/journal.h"
#include "upgrade/lost_device_probe.h"

namespace iosup::upgrade {

namespace {

constexpr Step kOrder[] = {Step::kConnect, Step::kFacts,    Step::kReadiness, Step::kBackup,
                           Step::kStage,   Step::kVerify,   Step::kBoot,      Step::kSnapshot,
                           Step::kReload,  Step::kPostCheck};

// Lines of a configuration that carry meaning (not the "Building configuration..." header, the
// byte counts, comments or "end").
std::vector<std::string> ConfigBody(std::string_view text) {
  std::vector<std::string> lines;
  std::istringstream in{std::string(text)};
  for (std::string line; std::getline(in, line);) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    // "version 16.9" is written by IOS itself on every save, not a change anyone made.
    if (line.empty() || line.starts_with('!') || line == "end" || line.starts_with("version ") ||
        line.starts_with("Building configuration") || line.starts_with("Current configuration") ||
        line.starts_with("Using ") || line.starts_with("Load for ") || line.starts_with("Time source")) {
      continue;
    }
    lines.push_back(line);
  }
  return lines;
}

bool IsCliError(std::string_view output) {
  return output.find("% Invalid input") != std::string_view::npos ||
         output.find("% Incomplete command") != std::string_view::npos ||
         output.find("% Ambiguous command") != std::string_view::npos ||
         output.find("%Error") != std::string_view::npos;
}

}  // namespace

std::string StepName(Step s) {
  switch (s) {
    case Step::kConnect: return "connect";
    case Step::kFacts: return "facts";
    case Step::kReadiness: return "readiness";
    case Step::kBackup: return "backup";
    case Step::kStage: return "stage";
    case Step::kVerify: return "verify";
    case Step::kBoot: return "boot";
    case Step::kSnapshot: return "snapshot";
    case Step::kReload: return "reload";
    case Step::kPostCheck: return "post-check";
    case Step::kRollback: return "rollback";
  }
  return "?";
}

DeviceUpgrade::DeviceUpgrade(const InventoryHost& host, int wave, UpgradeEnv& env,
                             const DeviceRecord* previous)
    : host_(host), env_(env), policy_(*env.policy), previous_(previous) {
  if (previous_ != nullptr) {
    record_ = *previous_;
    record_.commands.clear();  // the journal keeps the earlier ones; this run appends
  }
  record_.name = host.name;
  record_.address = host.address;
  record_.wave = wave;
  if (record_.platform.empty()) record_.platform = host.platform;
}

DeviceUpgrade::~DeviceUpgrade() = default;

void DeviceUpgrade::SaveDevice() { (void)env_.journal->PutDevice(env_.run_id, record_); }

Status DeviceUpgrade::Mark(const std::string& key, const std::string& value) {
  Status s = env_.journal->SetMarker(env_.run_id, record_.name, key, value);
  if (!s.ok()) return IoError("journal: " + s.message());
  return s;
}

std::optional<std::string> DeviceUpgrade::Marker(const std::string& key) const {
  Result<std::optional<std::string>> m = env_.journal->Marker(env_.run_id, record_.name, key);
  return m.ok() ? *m : std::nullopt;
}

bool DeviceUpgrade::StepDoneBefore(Step step) const {
  const std::string name = StepName(step);
  for (const StepRecord& s : record_.steps) {
    if (s.step == name) return s.outcome == StepOutcome::kDone || s.outcome == StepOutcome::kSkipped;
  }
  return false;
}

void DeviceUpgrade::Finish(DeviceOutcome outcome, std::string failure) {
  record_.outcome = outcome;
  record_.failure = std::move(failure);
  ended_ = true;
  SaveDevice();
}

bool DeviceUpgrade::RunStep(Step step, StepBody body) {
  const std::string name = StepName(step);
  step_ = name;
  auto it = std::ranges::find_if(record_.steps, [&](const StepRecord& s) { return s.step == name; });
  if (it == record_.steps.end()) {
    record_.steps.push_back({.step = name});
    it = record_.steps.end() - 1;
  }
  it->outcome = StepOutcome::kRunning;
  it->started = Now();
  it->detail.clear();
  (void)env_.journal->SetStep(env_.run_id, record_.name, *it);
  if (env_.progress) env_.progress->StepStarted(record_.name, name);
  if (env_.crash_point) env_.crash_point("step:" + name);

  Result<StepEnd> end = (this->*body)();
  // `it` may have been invalidated by a nested step record (rollback adds one).
  it = std::ranges::find_if(record_.steps, [&](const StepRecord& s) { return s.step == name; });
  it->finished = Now();
  if (end.ok()) {
    it->outcome = end->skipped ? StepOutcome::kSkipped : StepOutcome::kDone;
    it->detail = end->detail;
  } else {
    it->outcome = StepOutcome::kFailed;
    it->detail = end.status().message();
  }
  (void)env_.journal->SetStep(env_.run_id, record_.name, *it);
  if (env_.progress) env_.progress->StepEnded(record_.name, *it);
  if (!end.ok()) {
    // A failed post-check is decided after the loop (rollback or not).
    const bool post_check = step == Step::kPostCheck && !post_check_failure_.empty();
    if (!ended_ && !post_check) Finish(DeviceOutcome::kFailed, name + ": " + end.status().message());
    return false;
  }
  if (end->finish) {
    Finish(*end->finish, "");
    return false;
  }
  return true;
}

DeviceRecord DeviceUpgrade::Run() {
  if (previous_ != nullptr && previous_->outcome != DeviceOutcome::kPending) return record_;
  SaveDevice();
  const bool reload_in_flight = Marker("reload.intent").has_value() && !StepDoneBefore(Step::kReload);
  const bool rollback_in_flight = Marker("rollback.reload.intent").has_value() && !StepDoneBefore(Step::kRollback);
  static constexpr StepBody kBodies[] = {
      &DeviceUpgrade::StepConnect, &DeviceUpgrade::StepFacts,  &DeviceUpgrade::StepReadiness,
      &DeviceUpgrade::StepBackup,  &DeviceUpgrade::StepStage,  &DeviceUpgrade::StepVerify,
      &DeviceUpgrade::StepBoot,    &DeviceUpgrade::StepSnapshot, &DeviceUpgrade::StepReload,
      &DeviceUpgrade::StepPostCheck};
  for (size_t i = 0; i < std::size(kOrder); ++i) {
    const Step step = kOrder[i];
    if (env_.stop != nullptr && env_.stop->load()) return record_;  // pending: resume continues
    // Connect and facts are read-only and give the later steps their context, so they run
    // again on resume, except while a reload is in flight (the reload step reconnects).
    const bool always = step == Step::kConnect || step == Step::kFacts;
    if (always && (reload_in_flight || rollback_in_flight)) continue;
    if (!always && StepDoneBefore(step)) {
      if (step == Step::kReadiness && !LoadDecision()) {
        Finish(DeviceOutcome::kFailed, "readiness: the journal lost its decision; start a new run");
        return record_;
      }
      continue;
    }
    if (rollback_in_flight) continue;  // only the rollback is left (after the loop)
    if (!RunStep(step, kBodies[i])) break;
  }
  if (!ended_ && !post_check_failure_.empty() && !(env_.stop != nullptr && env_.stop->load())) {
    if (policy_.rollback) {
      RunStep(Step::kRollback, &DeviceUpgrade::StepRollback);
    } else {
      Finish(DeviceOutcome::kFailed, "post-check: " + post_check_failure_);
    }
  } else if (!ended_ && rollback_in_flight) {
    RunStep(Step::kRollback, &DeviceUpgrade::StepRollback);
  }
  if (!ended_ && !(env_.stop != nullptr && env_.stop->load())) {
    Finish(DeviceOutcome::kUpgraded, "");
  }
  if (channel_) channel_->Close();
  if (env_.progress) env_.progress->DeviceEnded(record_);
  return record_;
}

// --- talking to the device

Status DeviceUpgrade::Connect() {
  if (channel_ && channel_->open()) return Status::Ok();
  channel_.reset();
  Result<std::unique_ptr<CliChannel>> c = env_.connect(host_);
  if (!c.ok()) return c.status();
  channel_ = std::move(*c);
  return Status::Ok();
}

Result<std::string> DeviceUpgrade::Send(const std::string& command, Duration timeout,
                                        const std::vector<DialogAnswer>& answers) {
  IOSUP_RETURN_IF_ERROR(Connect());
  const WallTime at = Now();
  Result<std::string> out = channel_->Run(command, timeout, answers);
  // After a timeout the device may still be busy with the command: start the next one afresh.
  if (!out.ok() && out.status().code() == ErrorCode::kTimedOut) channel_->Close();
  CommandRecord rec{.step = step_,
                    .command = command,
                    .output = out.ok() ? *out : "(" + out.status().ToString() + ")",
                    .at = at,
                    .seconds = std::chrono::duration<double>(Now() - at).count()};
  (void)env_.journal->AddCommand(env_.run_id, record_.name, rec);
  record_.commands.push_back(std::move(rec));
  return out;
}

Status DeviceUpgrade::Configure(const std::vector<std::string>& lines) {
  if (lines.empty()) return Status::Ok();
  Result<std::string> out = Send("configure terminal");
  if (!out.ok()) return out.status();
  Status failed = Status::Ok();
  for (const std::string& line : lines) {
    out = Send(line);
    if (!out.ok()) return out.status();
    if (IsCliError(*out)) {
      failed = InvalidArgument("the device refused \"" + line + "\": " + *out);
      break;
    }
  }
  out = Send("end");
  if (!out.ok()) return out.status();
  return failed;
}

Status DeviceUpgrade::SaveConfig() {
  Result<std::string> out = Send(SaveCommand(), env_.timing.command, kSaveAnswers);
  if (!out.ok()) return out.status();
  if (out->find("[OK]") == std::string::npos) {
    return IoError("copy running-config startup-config did not answer [OK]: " + *out);
  }
  return Status::Ok();
}

Status DeviceUpgrade::SetBootStatements(const std::vector<std::string>& wanted) {
  Result<std::string> running = Send("show running-config | include boot system");
  if (!running.ok()) return running.status();
  IOSUP_RETURN_IF_ERROR(Configure(BootLines(ParseBootStatements(*running), wanted)));
  IOSUP_RETURN_IF_ERROR(SaveConfig());
  Result<std::string> saved = Send("show startup-config | include boot system");
  if (!saved.ok()) return saved.status();
  const std::vector<std::string> got = ParseBootStatements(*saved);
  if (got != wanted) return IoError("the startup-config boots " + Join(got) + ", expected " + Join(wanted));
  return Status::Ok();
}

Result<DeviceFacts> DeviceUpgrade::GatherFacts() {
  DeviceFacts f;
  Result<std::string> out = Send("show version");
  if (!out.ok()) return out.status();
  Result<VersionFacts> version = ParseShowVersion(*out);
  if (!version.ok()) return version.status();
  f.version = *version;
  Result<const PlatformSpec*> platform =
      FindPlatform(host_.platform.empty() ? f.version.model : host_.platform);
  if (platform.ok()) f.platform = *platform;
  auto [fs, file] = SplitImagePath(f.version.system_image);
  if (fs.empty() && f.platform != nullptr) fs = f.platform->primary_fs().name + ":";
  f.file_system = fs;
  f.running_file = file;
  out = Send("dir " + fs);
  if (!out.ok()) return out.status();
  Result<FlashListing> listing = ParseDir(*out);
  if (!listing.ok()) return listing.status();
  f.flash = *listing;
  IOSUP_RETURN_IF_ERROR(GatherInstallFacts(f));
  // Both configurations whole: their boot statements, and what is not saved.
  Result<std::string> running = Send("show running-config");
  Result<std::string> startup = running.ok() ? Send("show startup-config") : running;
  if (!startup.ok()) return startup.status();
  f.running_boot = ParseBootStatements(*running);
  f.startup_boot = ParseBootStatements(*startup);
  std::vector<std::string> saved = ConfigBody(*startup);
  std::ranges::sort(saved);
  for (const std::string& line : ConfigBody(*running)) {
    if (!std::ranges::binary_search(saved, line)) ++f.unsaved_lines;
  }
  const bool pulls = policy_.transfer.protocol != TransferProtocol::kPush;
  if (pulls && !policy_.transfer.server.empty()) {
    out = Send("ping " + policy_.transfer.server, std::chrono::seconds(60));
    if (!out.ok()) return out.status();
    Result<int> percent = ParsePingSuccessPercent(*out);
    f.server_ping_percent = percent.ok() ? *percent : 0;
  }
  if (f.platform != nullptr) record_.platform = f.platform->id;
  return f;
}

Status DeviceUpgrade::GatherInstallFacts(DeviceFacts& f) {
  f.install_mode = f.version.installation_mode == "INSTALL" || f.running_file == "packages.conf";
  if (f.install_mode) {
    Result<std::string> out = Send("show install summary");
    if (!out.ok()) return out.status();
    Result<InstallSummary> summary = ParseInstallSummary(*out);
    if (!summary.ok()) return summary.status();
    f.install = std::move(*summary);
    out = Send("show install rollback");
    if (!out.ok()) return out.status();
    if (!IsCliError(*out)) f.rollback_ids = ParseRollbackIds(*out);
  }
  const bool switch_family = f.platform != nullptr && (f.platform->version_style == VersionStyle::kCatalyst ||
                                                       f.platform->version_style == VersionStyle::kCatalyst9k);
  if (!switch_family) return Status::Ok();
  Result<std::string> out = Send("show switch");
  if (!out.ok()) return out.status();
  f.members = ParseShowSwitch(*out);
  if (f.members.size() < 2) return Status::Ok();
  for (const StackMember& m : f.members) {
    if (m.active()) continue;
    out = Send("dir " + MemberFileSystem(f, m.number));
    if (!out.ok()) return out.status();
    Result<FlashListing> listing = ParseDir(*out);
    if (!listing.ok()) {
      return Status(listing.status().code(), "switch " + std::to_string(m.number) + ": " + listing.status().message());
    }
    f.member_flash[m.number] = std::move(*listing);
  }
  return Status::Ok();
}

Status DeviceUpgrade::RefreshFactsAfterReload() {
  Result<DeviceFacts> f = GatherFacts();
  if (!f.ok()) return f.status();
  facts_ = std::move(*f);
  record_.facts_after = facts_.Summary();
  for (const auto& [k, v] : record_.facts_after) (void)env_.journal->SetFact(env_.run_id, record_.name, true, k, v);
  record_.to_version = facts_.version.version;
  return Status::Ok();
}

Result<Snapshot> DeviceUpgrade::TakeSnapshot() {
  Snapshot s;
  if (policy_.Checks("interfaces")) {
    Result<std::string> out = Send("show ip interface brief");
    if (!out.ok()) return out.status();
    Result<std::vector<InterfaceState>> ifs = ParseIpInterfaceBrief(*out);
    if (!ifs.ok()) return ifs.status();
    s.interfaces = *ifs;
  }
  // CDP and OSPF where the device has them: an unknown command means "not available here".
  if (policy_.Checks("cdp")) {
    Result<std::string> out = Send("show cdp neighbors");
    if (!out.ok()) return out.status();
    if (!IsCliError(*out)) s.cdp_neighbors = ParseCdpNeighbors(*out);
  }
  if (policy_.Checks("ospf")) {
    Result<std::string> out = Send("show ip ospf neighbor");
    if (!out.ok()) return out.status();
    if (!IsCliError(*out)) s.ospf_neighbors = ParseOspfNeighbors(*out);
  }
  if (policy_.Checks("lldp")) {
    Result<std::string> out = Send("show lldp neighbors");
    if (!out.ok()) return out.status();
    if (!IsCliError(*out)) s.lldp_neighbors = ParseLldpNeighbors(*out);
  }
  if (policy_.Checks("routes")) {
    Result<std::string> out = Send("show ip route");
    if (!out.ok()) return out.status();
    if (!IsCliError(*out)) s.routes = CountRoutes(*out);
  }
  return s;
}

Result<DeviceUpgrade::SettledChanges> DeviceUpgrade::ChangesAfterReload(const Snapshot& before, WallTime back) {
  const WallTime deadline = back + std::chrono::seconds(policy_.neighbor_wait_seconds);
  for (;;) {
    Result<Snapshot> after = TakeSnapshot();
    if (!after.ok()) return after.status();
    SettledChanges s{DiffSnapshots(before, *after)};
    const bool lost = std::ranges::any_of(s.changes, [](const SnapshotChange& c) { return c.loss; });
    // A loss nothing brings back (an interface down) fails the check at once.
    const bool may_return =
        std::ranges::all_of(s.changes, [](const SnapshotChange& c) { return !c.loss || c.heard; });
    const bool stopping = env_.stop && env_.stop->load();
    if (!lost || !may_return || stopping || Now() >= deadline) {
      s.waited_out = lost && may_return && policy_.neighbor_wait_seconds > 0 && !stopping;
      return s;
    }
    env_.clock->SleepFor(std::min<Duration>(env_.timing.neighbor_poll, deadline - Now()));
  }
}

Result<std::string> DeviceUpgrade::ComputeDigest(const std::string& path, bool sha512) {
  uint64_t rate = facts_.platform != nullptr ? facts_.platform->md5_bytes_per_sec : 1024 * 1024;
  if (rate == 0) rate = 1024 * 1024;
  const Duration timeout = std::chrono::seconds(60 + 3 * target_.size / rate);
  Result<std::string> out = Send(VerifyCommand(sha512, path), timeout);
  if (!out.ok()) return out.status();
  return ParseVerifyDigest(*out);
}

void DeviceUpgrade::DeleteQuietly(const std::string& path) {
  (void)Send(DeleteCommand(path), env_.timing.command, {{"Delete filename [", ""}, {"[confirm]", ""}});
}

Duration DeviceUpgrade::BootTimeout() const {
  if (policy_.reload.boot_timeout_seconds > 0) return std::chrono::seconds(policy_.reload.boot_timeout_seconds);
  // The platform's real boot time, twice over, plus the time a big image takes to decompress.
  const PlatformSpec* p = facts_.platform;
  if (p == nullptr && !record_.platform.empty()) {
    Result<const PlatformSpec*> found = FindPlatform(record_.platform);
    if (found.ok()) p = *found;
  }
  const std::chrono::seconds base = p != nullptr ? p->realistic_boot_time : std::chrono::seconds(600);
  return 2 * base + std::chrono::seconds(120);
}

Status DeviceUpgrade::WaitForReturn(const std::string& intent_key, const std::string& restarted_before,
                                    bool resuming, Duration scheduled) {
  if (channel_) {
    channel_->Close();
    channel_.reset();
  }
  const WallTime started = Now();
  const WallTime deadline = started + scheduled + BootTimeout();
  std::optional<std::string> intent = Marker(intent_key);
  const WallTime intent_at = intent ? WallTime(std::chrono::milliseconds(std::stoll(*intent))) : started;
  Status last = Status::Ok();
  while (Now() < deadline) {
    if (env_.stop != nullptr && env_.stop->load()) return Status(ErrorCode::kAborted, "the run is stopping");
    env_.clock->SleepFor(env_.timing.reconnect_interval);
    Status connected = Connect();
    if (!connected.ok()) {
      last = connected;
      continue;
    }
    Result<std::string> out = Send("show version");
    if (!out.ok()) {
      last = out.status();
      channel_.reset();
      continue;
    }
    Result<VersionFacts> v = ParseShowVersion(*out);
    if (v.ok() && v->restarted_at != restarted_before) return Status::Ok();
    // Same boot as before the reload: it has not gone down yet, or (resuming) it never will.
    if (resuming && Now() - intent_at > env_.timing.reload_grace + scheduled) {
      return Status(ErrorCode::kAborted, "the device did not restart: the reload was never sent");
    }
    channel_->Close();
    channel_.reset();
  }
  return Status(ErrorCode::kTimedOut, "did not come back within " +
                                          std::to_string(std::chrono::duration_cast<std::chrono::seconds>(BootTimeout()).count()) +
                                          " s (last attempt: " + last.ToString() + ")");
}

std::string DeviceUpgrade::PostCheckFailure() const {
  if (!post_check_failure_.empty()) return "post-check: " + post_check_failure_;
  for (const StepRecord& s : record_.steps) {
    if (s.step == "post-check" && s.outcome == StepOutcome::kFailed) return "post-check: " + s.detail;
  }
  return "post-check failed";
}

std::string DeviceUpgrade::DiagnoseLost() {
  if (host_.console.empty()) return "";
  Result<std::string> prompt = ProbeConsolePrompt(host_.console, std::chrono::seconds(3));
  if (!prompt.ok()) return "";
  return "; the console shows \"" + *prompt + "\"";
}

}  // namespace iosup::upgrade
