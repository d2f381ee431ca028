// The durable memory of upgrade runs: every run's devices, steps, commands, facts, diff and
// resume markers, so that `iosup upgrade --resume` continues where each device stood after a
// crash, a Ctrl-C or a SIGKILL. `upgrade/journal_contract.h` tests what every implementation owes;
// `upgrade/sqlite_journal.h` is the one on a local file.
//
// Durability: every call is atomic; a write that returned OK is seen by every later read through
// any Journal on the same store, and survives the writing process being killed. Thread-safety:
// any number of threads may share one Journal.
#ifndef IOSUP_UPGRADE_JOURNAL_H_
#define IOSUP_UPGRADE_JOURNAL_H_

#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "upgrade/run_record.h"

namespace iosup::upgrade {

class Journal {
 public:
  virtual ~Journal() = default;

  // Records a new, unfinished run: header.started (now when unset), the inventory and policy
  // paths, and each of header.devices as PutDevice would (all or nothing, so the run's device
  // set is known from the start). Returns the id: header.id when set (AlreadyExists if taken),
  // else "YYYYMMDD-HHMMSS" of the start in UTC, with "-2", "-3", ... appended when taken.
  virtual Result<std::string> BeginRun(const RunRecord& header) = 0;

  // The most recently begun run (that FinishRun has not closed, for the first), if any.
  virtual Result<std::optional<std::string>> LatestUnfinishedRun() const = 0;
  virtual Result<std::optional<std::string>> LatestRun() const = 0;

  // Closes a run. NotFound "no run '<run>'" for an unknown run.
  virtual Status FinishRun(const std::string& run, WallTime finished, bool halted,
                           const std::string& halt_reason) = 0;

  // Inserts or updates the device `device.name` of `run`: address, platform, wave, outcome,
  // versions and failure. Its steps, commands, facts and changes are ignored (calls below).
  // A device keeps the position of its first insertion. NotFound "no run '<run>'" for an unknown
  // run; InvalidArgument for a device without a name.
  virtual Status PutDevice(const std::string& run, const DeviceRecord& device) = 0;

  // The calls below need a device put before (NotFound "no device '<device>' in run '<run>'").
  // Times are kept to the millisecond.
  // Inserts or updates the step named step.step; a step keeps the position it was first set at.
  // InvalidArgument for a step without a name.
  virtual Status SetStep(const std::string& run, const std::string& device,
                         const StepRecord& step) = 0;
  virtual Status AddCommand(const std::string& run, const std::string& device,
                            const CommandRecord& c) = 0;
  // One fact of the "before" (after == false) or "after" snapshot; replaces the key's value.
  virtual Status SetFact(const std::string& run, const std::string& device, bool after,
                         const std::string& key, const std::string& value) = 0;
  // Replaces the device's whole before/after diff, all or nothing.
  virtual Status SetChanges(const std::string& run, const std::string& device,
                            const std::vector<ChangeRecord>& changes) = 0;

  // Resume markers: small facts a step writes before or after a side effect ("reload.sent_at",
  // "stage.verified_md5") and reads back on resume to avoid doing it twice. SetMarker replaces;
  // Marker is nullopt for a key (or device, or run) never set.
  virtual Status SetMarker(const std::string& run, const std::string& device,
                           const std::string& key, const std::string& value) = 0;
  virtual Result<std::optional<std::string>> Marker(const std::string& run,
                                                    const std::string& device,
                                                    const std::string& key) const = 0;

  // Everything recorded for `run` (markers aside), read as one consistent snapshot: devices,
  // steps, commands and changes in insertion order. NotFound "no run '<run>'" for an unknown run.
  virtual Result<RunRecord> LoadRun(const std::string& run) const = 0;
};

}  // namespace iosup::upgrade

#endif  // IOSUP_UPGRADE_JOURNAL_H_
