// --plan: what the run would send to each device, built from the same command builders and the
// same readiness decision as the run itself. Only read-only commands reach the device.
#include <sstream>

#include "upgrade/device_upgrade.h"
#include "upgrade/fleet_run.h"
#include "upgrade/sqlite_journal.h"

namespace iosup::upgrade {

namespace {

// How the post-check treats neighbours and routes missing after the boot, as a lead to its note.
std::string NeighborWaitNote(const Policy& p) {
  const bool heard = p.Checks("cdp") || p.Checks("ospf") || p.Checks("lldp") || p.Checks("routes");
  if (!heard || p.neighbor_wait_seconds == 0) return "";
  return "neighbours and routes still missing are looked for again for up to " +
         std::to_string(p.neighbor_wait_seconds) + " s; ";
}

}  // namespace

DevicePlan DeviceUpgrade::Plan() {
  DevicePlan plan{.device = record_.name, .wave = record_.wave};
  Result<std::vector<PlannedStep>> steps = PlanSteps();
  if (!steps.ok()) {
    plan.status = steps.status();
    return plan;
  }
  plan.steps = std::move(*steps);
  plan.blocked = decision_.verdict == Readiness::Verdict::kBlocked;
  return plan;
}

Result<std::vector<PlannedStep>> DeviceUpgrade::PlanSteps() {
  std::vector<PlannedStep> plan;
  step_ = "connect";
  IOSUP_RETURN_IF_ERROR(Connect());
  plan.push_back({"connect", {}, "ssh -p " + std::to_string(host_.port) + " " + host_.username + "@" + host_.address});
  step_ = "facts";
  Result<DeviceFacts> f = GatherFacts();
  if (!f.ok()) return f.status();
  facts_ = std::move(*f);
  PlannedStep facts{"facts", {}, facts_.version.version + " from " + facts_.version.system_image + ", " +
                                     std::to_string(facts_.flash.free_bytes) + " bytes free"};
  for (const CommandRecord& c : record_.commands) facts.commands.push_back(c.command);
  const std::vector<std::string> fact_commands = facts.commands;
  plan.push_back(std::move(facts));
  channel_->Close();

  decision_ = DecideReadiness(facts_, policy_);
  if (decision_.verdict == Readiness::Verdict::kBlocked) {
    plan.push_back({"readiness", {}, "BLOCKED: " + decision_.reason + ". Nothing would be sent."});
    return plan;
  }
  if (decision_.verdict == Readiness::Verdict::kCurrent) {
    plan.push_back({"readiness", {}, "already runs " + decision_.target->file + ": nothing to do"});
    return plan;
  }
  target_ = *decision_.target;
  wanted_boot_ = WantedBootStatements();
  std::string note = "ready: " + target_.file + " (" + target_.version + ")";
  for (const std::string& w : decision_.warnings) note += "; warning: " + w;
  plan.push_back({"readiness", {}, note});

  const BackupMode mode = policy_.EffectiveBackup();
  switch (mode) {
    case BackupMode::kNone: plan.push_back({"backup", {}, "none (policy)"}); break;
    case BackupMode::kLocal:
      plan.push_back({"backup", {"show running-config"}, "saved under " + env_.backup_dir});
      break;
    case BackupMode::kServer:
      plan.push_back({"backup", {BackupCommand(policy_.transfer, facts_.version.hostname, "<run>")}, ""});
      break;
  }
  PlannedStep stage{"stage", {}, "skipped when the file is already there with the published MD5"};
  const std::string fs = SplitImagePath(decision_.target_path).first;
  for (const std::string& file : decision_.delete_first) stage.commands.push_back(DeleteCommand(fs + file));
  stage.commands.push_back("dir " + fs);
  if (policy_.transfer.protocol == TransferProtocol::kPush) {
    stage.commands.push_back("(scp " + policy_.transfer.local_dir + "/" + target_.file + " " +
                             host_.username + "@" + host_.address + ":" + decision_.target_path + ")");
  } else {
    stage.commands.push_back("copy " + MaskedUrl(policy_.transfer, target_.file) + " " + decision_.target_path);
  }
  plan.push_back(std::move(stage));
  PlannedStep verify{"verify", {VerifyCommand(false, decision_.target_path)},
                     "must equal " + target_.md5 + "; on a mismatch the file is deleted and the device stops"};
  if (!target_.sha512.empty()) verify.commands.push_back(VerifyCommand(true, decision_.target_path));
  plan.push_back(std::move(verify));
  PlannedStep boot{"boot", {"show running-config | include boot system", "configure terminal"}, ""};
  for (const std::string& line : BootLines(facts_.running_boot, wanted_boot_)) boot.commands.push_back(line);
  boot.commands.push_back("end");
  boot.commands.push_back(SaveCommand());
  boot.commands.push_back("show startup-config | include boot system");
  plan.push_back(std::move(boot));
  PlannedStep snapshot{"snapshot", {}, ""};
  if (policy_.Checks("interfaces")) snapshot.commands.push_back("show ip interface brief");
  if (policy_.Checks("cdp")) snapshot.commands.push_back("show cdp neighbors");
  if (policy_.Checks("ospf")) snapshot.commands.push_back("show ip ospf neighbor");
  if (policy_.Checks("lldp")) snapshot.commands.push_back("show lldp neighbors");
  if (policy_.Checks("routes")) snapshot.commands.push_back("show ip route");
  plan.push_back(snapshot);
  if (decision_.install) {
    for (PlannedStep& s : PlanInstallSteps(fact_commands, snapshot.commands)) plan.push_back(std::move(s));
    return plan;
  }
  plan.push_back({"reload", {ReloadCommand(policy_.reload)},
                  "then wait up to " + std::to_string(std::chrono::duration_cast<std::chrono::seconds>(BootTimeout()).count()) +
                      " s for the device to return"});
  // Post-checks gather the same facts again, then compare the snapshot.
  PlannedStep post{"post-check", fact_commands, ""};
  for (const std::string& c : snapshot.commands) post.commands.push_back(c);
  post.note = NeighborWaitNote(policy_) +
              (policy_.rollback ? "on failure: boot " + decision_.old_path + " again, save, read back, reload"
                                : "on failure: report (rollback is off)");
  plan.push_back(std::move(post));
  return plan;
}

std::vector<PlannedStep> DeviceUpgrade::PlanInstallSteps(const std::vector<std::string>& fact_commands,
                                                         const std::vector<std::string>& snapshot_commands) {
  const std::string wait = "then wait up to " +
                           std::to_string(std::chrono::duration_cast<std::chrono::seconds>(BootTimeout()).count()) +
                           " s for the device (and every stack member) to return";
  std::vector<PlannedStep> steps;
  PlannedStep post{"post-check", fact_commands, ""};
  for (const std::string& c : snapshot_commands) post.commands.push_back(c);
  if (policy_.install.steps == InstallSteps::kOneShot || decision_.convert) {
    steps.push_back({"reload", {InstallOneShotCommand(decision_.target_path)}, "FAILED: stops the device at once; " + wait});
    post.note = policy_.rollback ? "on failure: install rollback to id <the newest point before the activation>"
                                 : "on failure: report (rollback is off)";
  } else {
    steps.push_back({"reload",
                     {"show install summary", InstallAddCommand(decision_.target_path),
                      InstallActivateCommand(AutoAbortMinutes())},
                     "the add is skipped when the version is already added; FAILED: stops the device at once; " + wait});
    post.commands.push_back(InstallCommitCommand());
    post.note = std::string("commit only when every check passes; ") +
                (policy_.rollback ? "on failure: install abort" : "on failure: report (the auto-abort timer rolls it back)");
  }
  if (decision_.convert) post.note += "; a converted device rolls back to " + decision_.old_path + " by boot statement";
  post.note = NeighborWaitNote(policy_) + post.note;
  steps.push_back(std::move(post));
  return steps;
}

std::vector<DevicePlan> PlanFleet(const Inventory& inventory, const Policy& policy,
                                  const Connector& connect, int parallel, Clock& clock) {
  std::vector<DevicePlan> plans(inventory.hosts.size());
  Result<std::unique_ptr<SqliteJournal>> scratch = SqliteJournal::Open(":memory:");
  const std::vector<int> wave_of = WaveOfEachDevice(policy.waves, static_cast<int>(inventory.hosts.size()));
  UpgradeEnv env{.policy = &policy, .journal = scratch.ok() ? scratch->get() : nullptr,
                 .clock = &clock, .run_id = "plan", .connect = connect};
  const std::atomic<bool> never{false};
  ForEachParallel(plans.size(), parallel, never, [&](size_t i) {
    const InventoryHost& host = inventory.hosts[i];
    plans[i].device = host.name;
    plans[i].wave = wave_of[i];
    if (env.journal == nullptr) {
      plans[i].status = scratch.status();
      return;
    }
    plans[i] = DeviceUpgrade(host, plans[i].wave, env, nullptr).Plan();
  });
  return plans;
}

std::string RenderPlan(const std::vector<DevicePlan>& plans) {
  std::ostringstream out;
  for (const DevicePlan& p : plans) {
    out << p.device << " (wave " << p.wave << ")\n";
    if (!p.status.ok()) {
      out << "  cannot plan: " << p.status.ToString() << "\n\n";
      continue;
    }
    for (const PlannedStep& s : p.steps) {
      char label[16];
      std::snprintf(label, sizeof label, "  %-11s", s.step.c_str());
      bool first = true;
      for (const std::string& c : s.commands) {
        out << (first ? std::string(label) : std::string(13, ' ')) << c << "\n";
        first = false;
      }
      if (!s.note.empty()) out << (first ? std::string(label) : std::string(13, ' ')) << "# " << s.note << "\n";
    }
    out << "\n";
  }
  return out.str();
}

}  // namespace iosup::upgrade
