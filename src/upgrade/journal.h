// The durable memory of upgrade runs: one SQLite file (beside the inventory by default) holding
// every run's devices, steps, commands, facts, diff and resume markers, so that `iosup upgrade
// --resume` continues where each device stood after a crash, a Ctrl-C or a SIGKILL.
//
// Durability: every call is one transaction, committed when it returns. WAL mode with
// synchronous=NORMAL: a killed process never loses a committed write; a power loss may lose the
// last few. Thread-safety: any number of threads may share one Journal (one connection behind a
// mutex); several processes may share one file (writers wait up to a busy timeout).
#ifndef IOSUP_UPGRADE_JOURNAL_H_
#define IOSUP_UPGRADE_JOURNAL_H_

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "upgrade/run_record.h"

namespace iosup::upgrade {

class Journal {
 public:
  // Opens the journal at `path`, creating the file (not its directory) when missing. Refuses a
  // file that is not an iosup journal or has a newer schema than this build knows. Errors carry
  // the path and SQLite's message.
  static Result<std::unique_ptr<Journal>> Open(const std::string& path);
  ~Journal();
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  const std::string& path() const { return path_; }

  // Records a new, unfinished run: header.started (now when unset), the inventory and policy
  // paths, and each of header.devices as PutDevice would (in one transaction, so the run's device
  // set is known from the start). Returns the id: header.id when set (AlreadyExists if taken),
  // else "YYYYMMDD-HHMMSS" of the start in UTC, with "-2", "-3", ... appended when taken.
  Result<std::string> BeginRun(const RunRecord& header);

  // The most recently begun run (that FinishRun has not closed, for the first), if any.
  Result<std::optional<std::string>> LatestUnfinishedRun() const;
  Result<std::optional<std::string>> LatestRun() const;

  // Closes a run. NotFound for an unknown run.
  Status FinishRun(const std::string& run, WallTime finished, bool halted,
                   const std::string& halt_reason);

  // Inserts or updates the device `device.name` of `run`: address, platform, wave, outcome,
  // versions and failure. Its steps, commands, facts and changes are ignored (calls below).
  // A device keeps the position of its first insertion. NotFound for an unknown run.
  Status PutDevice(const std::string& run, const DeviceRecord& device);

  // The calls below need a device put before (NotFound otherwise).
  // Inserts or updates the step named step.step; a step keeps the position it was first set at.
  Status SetStep(const std::string& run, const std::string& device, const StepRecord& step);
  Status AddCommand(const std::string& run, const std::string& device, const CommandRecord& c);
  // One fact of the "before" (after == false) or "after" snapshot; replaces the key's value.
  Status SetFact(const std::string& run, const std::string& device, bool after,
                 const std::string& key, const std::string& value);
  // Replaces the device's whole before/after diff.
  Status SetChanges(const std::string& run, const std::string& device,
                    const std::vector<ChangeRecord>& changes);

  // Resume markers: small facts a step writes before or after a side effect ("reload.sent_at",
  // "stage.verified_md5") and reads back on resume to avoid doing it twice. SetMarker replaces;
  // Marker is nullopt for a key (or device, or run) never set.
  Status SetMarker(const std::string& run, const std::string& device, const std::string& key,
                   const std::string& value);
  Result<std::optional<std::string>> Marker(const std::string& run, const std::string& device,
                                            const std::string& key) const;

  // Everything recorded for `run` (markers aside), read as one consistent snapshot: devices,
  // steps, commands and changes in insertion order. NotFound for an unknown run.
  Result<RunRecord> LoadRun(const std::string& run) const;

 private:
  class Db;  // the connection, its prepared statements and the SQL (journal.cc)
  explicit Journal(std::unique_ptr<Db> db);

  mutable std::mutex mu_;  // serialises every use of db_
  std::unique_ptr<Db> db_;
  std::string path_;
};

}  // namespace iosup::upgrade

#endif  // IOSUP_UPGRADE_JOURNAL_H_
