// A run over a fleet: devices in waves (a canary, then shares of the fleet), as many in progress
// at once as allowed, copies and reloads bounded separately by the policy, and a failure budget
// per wave that halts the run. Everything is journaled, so `--resume` continues a killed run
// where each device stood.
#ifndef IOSUP_UPGRADE_FLEET_RUN_H_
#define IOSUP_UPGRADE_FLEET_RUN_H_

#include <atomic>
#include <functional>
#include <string>

#include "upgrade/device_upgrade.h"
#include "upgrade/inventory.h"
#include "upgrade/journal.h"
#include "upgrade/policy.h"

namespace iosup::upgrade {

struct FleetOptions {
  int parallel = 32;  // devices in progress at once (each holds one SSH session)
  bool resume = false;
  std::string inventory_path, policy_path;
  std::string backup_dir;  // BackupMode::kLocal
  Timing timing;
  Clock* clock = nullptr;  // required: the run's time and pauses (UpgradeEnv::clock)
  const std::atomic<bool>* stop = nullptr;
  std::function<void(const std::string& point)> crash_point;
};

// Runs (or, with options.resume, continues the latest unfinished run in `journal`) and returns
// the whole run as journaled. kNotFound when resuming with no unfinished run.
Result<RunRecord> RunFleet(const Inventory& inventory, const Policy& policy, Journal& journal,
                           const Connector& connect, const Pusher& push, ProgressSink& progress,
                           const FleetOptions& options);

// --plan: DeviceUpgrade::Plan for every device, `parallel` at once.
std::vector<DevicePlan> PlanFleet(const Inventory& inventory, const Policy& policy,
                                  const Connector& connect, int parallel, Clock& clock);
std::string RenderPlan(const std::vector<DevicePlan>& plans);

// Step 11 for every device the latest run of `journal` upgraded (see DeviceUpgrade::Cleanup),
// with the soak time measured to `clock`'s now.
struct CleanupOutcome {
  std::string device;
  Status status;       // kAborted: waiting or left alone, with the reason
  std::string detail;  // what was done
};
Result<std::vector<CleanupOutcome>> CleanupFleet(const Inventory& inventory, const Policy& policy,
                                                 Journal& journal, const Connector& connect,
                                                 bool force, Clock& clock);

// The wave (from 1) of each of `fleet_size` devices, in inventory order.
std::vector<int> WaveOfEachDevice(const std::vector<Wave>& waves, int fleet_size);

// Runs `work(i)` for i in [0, n) on up to `threads` threads, handing out indices in order;
// stops handing them out once `halt` is set (work already begun finishes).
void ForEachParallel(size_t n, int threads, const std::atomic<bool>& halt,
                     const std::function<void(size_t)>& work);

// True when every device ended upgraded or current.
bool FleetSucceeded(const RunRecord& run);

}  // namespace iosup::upgrade

#endif  // IOSUP_UPGRADE_FLEET_RUN_H_
