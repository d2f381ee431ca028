// One device's upgrade as an explicit state machine over the steps of seed 001 section 9:
// connect, facts, readiness, backup, stage, verify, boot, snapshot, reload (and wait for the
// device to return), post-check, and rollback when post-checks fail. Every step is journaled
// before and after it runs, and each is idempotent or guarded by a journal marker, so a run
// killed anywhere resumes without doing twice what must not be (a second reload, a re-copy of a
// verified image).
#ifndef IOSUP_UPGRADE_DEVICE_UPGRADE_H_
#define IOSUP_UPGRADE_DEVICE_UPGRADE_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "upgrade/device_facts.h"
#include "upgrade/readiness.h"
#include "upgrade/upgrade_commands.h"
#include "upgrade/upgrade_env.h"

namespace iosup::upgrade {

enum class Step {
  kConnect, kFacts, kReadiness, kBackup, kStage, kVerify, kBoot, kSnapshot, kReload,
  kPostCheck, kRollback,
};
std::string StepName(Step s);  // "connect", ..., "post-check", "rollback"

struct PlannedStep {
  std::string step;
  std::vector<std::string> commands;  // exactly what the run would send
  std::string note;                   // what it depends on or why it is skipped
};

// --plan for one device: every command the run would send (read-only: facts are gathered).
struct DevicePlan {
  std::string device;
  int wave = 0;
  Status status;         // the device could not be reached or read
  bool blocked = false;  // readiness refuses it (the last step says why): nothing would be sent
  std::vector<PlannedStep> steps;
};

class DeviceUpgrade {
 public:
  // `previous`: the device's journaled record when resuming, else nullptr.
  DeviceUpgrade(const InventoryHost& host, int wave, UpgradeEnv& env,
                const DeviceRecord* previous);
  ~DeviceUpgrade();

  // Runs (or resumes) to an end: upgraded, current, failed, rolled back or lost; or pending when
  // the run is stopping. Never throws; every failure is in the record.
  DeviceRecord Run();

  // Read-only: connects, gathers facts, decides readiness, and lists what the run would send.
  DevicePlan Plan();

  // Step 11, a separate and later command: once the policy's soak time has passed since the
  // device was upgraded (or with `force`), drops the fallback boot statement, saves, and deletes
  // the old image. Only for a device this run upgraded and that still runs the new image.
  // Returns what it did; kAborted (with the reason) when it must wait or leave the device alone.
  Result<std::string> Cleanup(WallTime now, bool force);

 private:
  struct StepEnd {  // how a step that did not fail ended
    std::string detail;
    bool skipped = false;
    std::optional<DeviceOutcome> finish;  // the device is done (e.g. already current)
  };
  using StepBody = Result<StepEnd> (DeviceUpgrade::*)();

  WallTime Now() const { return env_.clock->Now(); }
  bool RunStep(Step step, StepBody body);
  bool StepDoneBefore(Step step) const;
  void Finish(DeviceOutcome outcome, std::string failure);

  // Talking to the device.
  Status Connect();
  Result<std::string> Send(const std::string& command, Duration timeout,
                           const std::vector<DialogAnswer>& answers = {});
  Result<std::string> Send(const std::string& command) { return Send(command, env_.timing.command); }
  Status Configure(const std::vector<std::string>& lines);
  Status SaveConfig();
  // Makes `wanted` the boot statements, in order, saves, and reads the startup-config back:
  // kIoError when it does not boot exactly `wanted`.
  Status SetBootStatements(const std::vector<std::string>& wanted);
  Result<DeviceFacts> GatherFacts();
  // IOS-XE install state and stack members, into `f` (whose version, platform and flash are read).
  Status GatherInstallFacts(DeviceFacts& f);
  // After a reload: gathers the facts again and journals them as the "after" view.
  Status RefreshFactsAfterReload();
  Result<Snapshot> TakeSnapshot();
  // The changes from `before` after a reload. While every loss is one heard from neighbours
  // (SnapshotChange::heard), looks again every Timing::neighbor_poll until none is left or the
  // policy's neighbour wait has passed since `back` (when the post-check began); `waited_out`
  // says it gave up on losses that were still there.
  struct SettledChanges {
    std::vector<SnapshotChange> changes;
    bool waited_out = false;
  };
  Result<SettledChanges> ChangesAfterReload(const Snapshot& before, WallTime back);
  Result<std::string> ComputeDigest(const std::string& path, bool sha512);
  void DeleteQuietly(const std::string& path);
  // After a reload: waits for the session to be gone and the device to accept a login with a
  // new "System restarted at". kTimedOut when it does not come back within the boot timeout;
  // kAborted when (resuming) the device never restarted: the reload was not sent.
  // `intent_key`: the marker journaled before the reload was sent; `scheduled`: how long until
  // a `reload in`/`reload at` takes effect.
  Status WaitForReturn(const std::string& intent_key, const std::string& restarted_before,
                       bool resuming, Duration scheduled = Duration::zero());
  Duration BootTimeout() const;
  std::string DiagnoseLost();
  // Sends `command` (a reload, or an install command that reloads) once, guarded by journal
  // markers under `prefix`, and waits for the device to return. An install command that answers
  // FAILED: fails at once with that line. `timeout`: zero for the policy's drop timeout.
  Status DoReload(const std::string& prefix, const std::string& command, Duration timeout = Duration::zero(),
                  const std::vector<DialogAnswer>& answers = kReloadAnswers);
  std::string PostCheckFailure() const;

  // Journal helpers.
  // A marker guards a side effect: when it cannot be written, the effect must not happen.
  [[nodiscard]] Status Mark(const std::string& key, const std::string& value);
  std::optional<std::string> Marker(const std::string& key) const;
  void SaveDevice();

  // The steps.
  Result<StepEnd> StepConnect();
  Result<StepEnd> StepFacts();
  Result<StepEnd> StepReadiness();
  Result<StepEnd> StepBackup();
  Result<StepEnd> StepStage();
  Result<StepEnd> StepVerify();
  Result<StepEnd> StepBoot();
  Result<StepEnd> StepSnapshot();
  Result<StepEnd> StepReload();
  Result<StepEnd> StepPostCheck();
  Result<StepEnd> StepRollback();
  Result<StepEnd> CopyImage();
  Result<std::vector<PlannedStep>> PlanSteps();
  std::vector<PlannedStep> PlanInstallSteps(const std::vector<std::string>& fact_commands,
                                            const std::vector<std::string>& snapshot_commands);

  // IOS-XE install mode (install_steps.cc).
  // The boot statements the boot step writes: packages.conf in install mode (then the .bin the
  // device converts from, as fallback), else the new image then the old one.
  std::vector<std::string> WantedBootStatements() const;
  Duration InstallTimeout() const;  // an install command on this image: scaled to size and flash
  int AutoAbortMinutes() const;
  // Runs an install command that does not reload: its FAILED: line or a missing SUCCESS: is an
  // error, read the moment the command ends.
  Result<std::string> SendInstall(const std::string& command);
  Status InstallAdd();
  Result<StepEnd> InstallReload();  // the reload step in install mode
  // A stack's members all `Ready` (a member joining late shows `Progressing` for a while);
  // kTimedOut naming the laggards after the boot timeout.
  Status WaitForMembersReady();
  void InstallPostChecks(std::vector<std::string>& failures);
  Status CommitInstall();
  Result<StepEnd> InstallRollback();
  Result<std::string> InstallCleanup();
  // The image at the target path against the policy: MD5 (`md5` when already computed in this
  // run), then SHA-512 when the policy publishes one. A mismatch deletes the file (kCorrupt); a
  // match journals "stage.verified", without which StepBoot writes no boot statement. Returns
  // what matched.
  Result<std::string> VerifyImage(std::string md5);
  bool LoadDecision();

  const InventoryHost& host_;
  UpgradeEnv& env_;
  const Policy& policy_;
  const DeviceRecord* previous_;
  DeviceRecord record_;
  std::string step_;  // the step running, for command records
  std::unique_ptr<CliChannel> channel_;
  DeviceFacts facts_;  // empty (no restarted_at) until gathered
  Readiness decision_;
  TargetImage target_;  // copy of *decision_.target (survives resume)
  std::vector<std::string> wanted_boot_;
  std::string md5_in_flash_;  // the stage step found the target in flash with this MD5
  std::string post_check_failure_;
  bool ended_ = false;
  bool resumed_activation_ = false;  // this run found an activation a killed run had started
};

}  // namespace iosup::upgrade

#endif  // IOSUP_UPGRADE_DEVICE_UPGRADE_H_
