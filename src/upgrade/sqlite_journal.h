// The Journal on one local SQLite file (beside the inventory by default).
//
// Durability: every call is one transaction, committed when it returns. WAL mode with
// synchronous=NORMAL: a killed process never loses a committed write; a power loss may lose the
// last few. Thread-safety: any number of threads may share one SqliteJournal (one connection
// behind a mutex); several processes may share one file (writers wait up to a busy timeout).
#ifndef IOSUP_UPGRADE_SQLITE_JOURNAL_H_
#define IOSUP_UPGRADE_SQLITE_JOURNAL_H_

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "upgrade/journal.h"
#include "upgrade/sqlite_db.h"

namespace iosup::upgrade {

class SqliteJournal final : public Journal {
 public:
  // Opens the journal at `path`, creating the file (not its directory) when missing; ":memory:"
  // opens one that lives and dies with the object. Refuses a file that is not an iosup journal
  // or has a newer schema than this build knows. Errors carry the path and SQLite's message.
  static Result<std::unique_ptr<SqliteJournal>> Open(const std::string& path);
  ~SqliteJournal() override;
  SqliteJournal(const SqliteJournal&) = delete;
  SqliteJournal& operator=(const SqliteJournal&) = delete;

  const std::string& path() const { return path_; }

  Result<std::string> BeginRun(const RunRecord& header) override;
  Result<std::optional<std::string>> LatestUnfinishedRun() const override;
  Result<std::optional<std::string>> LatestRun() const override;
  Status FinishRun(const std::string& run, WallTime finished, bool halted,
                   const std::string& halt_reason) override;
  Status PutDevice(const std::string& run, const DeviceRecord& device) override;
  Status SetStep(const std::string& run, const std::string& device,
                 const StepRecord& step) override;
  Status AddCommand(const std::string& run, const std::string& device,
                    const CommandRecord& c) override;
  Status SetFact(const std::string& run, const std::string& device, bool after,
                 const std::string& key, const std::string& value) override;
  Status SetChanges(const std::string& run, const std::string& device,
                    const std::vector<ChangeRecord>& changes) override;
  Status SetMarker(const std::string& run, const std::string& device, const std::string& key,
                   const std::string& value) override;
  Result<std::optional<std::string>> Marker(const std::string& run, const std::string& device,
                                            const std::string& key) const override;
  Result<RunRecord> LoadRun(const std::string& run) const override;

 private:
  SqliteJournal(std::string path, std::unique_ptr<Db> db);

  std::string path_;
  mutable std::mutex mu_;  // serialises every use of db_
  std::unique_ptr<Db> db_;
};

}  // namespace iosup::upgrade

#endif  // IOSUP_UPGRADE_SQLITE_JOURNAL_H_
