// What a run did, device by device: the steps with their times and outcomes, every command sent
// and its answer, facts before and after, and the snapshot diff. The journal stores it; the
// report renders it.
#ifndef IOSUP_UPGRADE_RUN_RECORD_H_
#define IOSUP_UPGRADE_RUN_RECORD_H_

#include <map>
#include <string>
#include <vector>

#include "base/clock.h"

namespace iosup::upgrade {

enum class StepOutcome { kPending, kRunning, kDone, kSkipped, kFailed };
std::string_view StepOutcomeName(StepOutcome o);  // "pending", "running", "done", ...

struct StepRecord {
  std::string step;  // "connect", "facts", "readiness", "backup", "stage", "verify", "boot",
                     // "snapshot", "reload", "post-check", "rollback"
  StepOutcome outcome = StepOutcome::kPending;
  WallTime started{}, finished{};
  std::string detail;  // one line: what happened or why it failed
};

struct CommandRecord {
  std::string step;
  std::string command;
  std::string output;
  WallTime at{};
  double seconds = 0;
};

struct ChangeRecord {  // one line of the before/after diff
  std::string what, before, after;
  bool loss = false;
};

// How a device ended.
enum class DeviceOutcome {
  kPending,     // not reached (the run halted, or is still going)
  kUpgraded,    // runs the target image, old one kept as fallback when the policy says so
  kCurrent,     // was already on the target image: nothing done
  kFailed,      // stopped before any reload; the device runs what it ran
  kRolledBack,  // post-checks failed; booted the old image again
  kLost,        // did not come back after a reload
};
std::string_view DeviceOutcomeName(DeviceOutcome o);  // "upgraded", "current", "failed", ...

struct DeviceRecord {
  std::string name, address, platform;
  int wave = 0;
  DeviceOutcome outcome = DeviceOutcome::kPending;
  std::string from_version, to_version;
  std::string failure;  // why, when kFailed / kRolledBack / kLost
  std::vector<StepRecord> steps;
  std::vector<CommandRecord> commands;
  std::map<std::string, std::string> facts_before, facts_after;  // "version", "image", ...
  std::vector<ChangeRecord> changes;
};

struct RunRecord {
  std::string id;  // "20261121-101500"
  WallTime started{}, finished{};
  std::string inventory_path, policy_path;
  bool halted = false;
  std::string halt_reason;
  std::vector<DeviceRecord> devices;
};

}  // namespace iosup::upgrade

#endif  // IOSUP_UPGRADE_RUN_RECORD_H_
