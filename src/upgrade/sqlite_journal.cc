#include "upgrade/sqlite_journal.h"

#include <chrono>
#include <ctime>
#include <unordered_map>
#include <utility>

namespace iosup::upgrade {
namespace {

constexpr int kSchemaVersion = 1;
constexpr int kBusyTimeoutMs = 10000;

// Invariants: a device row exists before any row that names it (foreign keys); `seq` gives
// insertion order; times are integer milliseconds since the epoch (UTC), 0 when unset, and
// runs.finished_ms is NULL until FinishRun. application_id 0x696f7375 ("iosu") marks the file.
constexpr char kSchema[] = R"sql(
CREATE TABLE runs(
  id TEXT PRIMARY KEY NOT NULL,
  started_ms INTEGER NOT NULL,
  finished_ms INTEGER,
  inventory_path TEXT NOT NULL,
  policy_path TEXT NOT NULL,
  halted INTEGER NOT NULL DEFAULT 0,
  halt_reason TEXT NOT NULL DEFAULT '');
CREATE TABLE devices(
  seq INTEGER PRIMARY KEY,
  run TEXT NOT NULL REFERENCES runs(id),
  name TEXT NOT NULL, address TEXT NOT NULL, platform TEXT NOT NULL, wave INTEGER NOT NULL,
  outcome TEXT NOT NULL, from_version TEXT NOT NULL, to_version TEXT NOT NULL,
  failure TEXT NOT NULL,
  UNIQUE(run, name));
CREATE TABLE steps(
  seq INTEGER PRIMARY KEY, run TEXT NOT NULL, device TEXT NOT NULL, step TEXT NOT NULL,
  outcome TEXT NOT NULL, started_ms INTEGER NOT NULL, finished_ms INTEGER NOT NULL,
  detail TEXT NOT NULL,
  UNIQUE(run, device, step),
  FOREIGN KEY(run, device) REFERENCES devices(run, name));
CREATE TABLE commands(
  seq INTEGER PRIMARY KEY, run TEXT NOT NULL, device TEXT NOT NULL, step TEXT NOT NULL,
  command TEXT NOT NULL, output TEXT NOT NULL, at_ms INTEGER NOT NULL, seconds REAL NOT NULL,
  FOREIGN KEY(run, device) REFERENCES devices(run, name));
CREATE INDEX commands_by_device ON commands(run, device);
CREATE TABLE facts(
  run TEXT NOT NULL, device TEXT NOT NULL, snapshot TEXT NOT NULL, name TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY(run, device, snapshot, name),
  FOREIGN KEY(run, device) REFERENCES devices(run, name)) WITHOUT ROWID;
CREATE TABLE changes(
  seq INTEGER PRIMARY KEY, run TEXT NOT NULL, device TEXT NOT NULL, what TEXT NOT NULL,
  before_value TEXT NOT NULL, after_value TEXT NOT NULL, loss INTEGER NOT NULL,
  FOREIGN KEY(run, device) REFERENCES devices(run, name));
CREATE INDEX changes_by_device ON changes(run, device);
CREATE TABLE markers(
  run TEXT NOT NULL, device TEXT NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL,
  PRIMARY KEY(run, device, name),
  FOREIGN KEY(run, device) REFERENCES devices(run, name)) WITHOUT ROWID;
PRAGMA application_id = 1768911733;
PRAGMA user_version = 1;
)sql";
constexpr int64_t kApplicationId = 1768911733;

int64_t ToMillis(WallTime t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}
WallTime FromMillis(int64_t ms) {
  return WallTime(std::chrono::duration_cast<Duration>(std::chrono::milliseconds(ms)));
}

// "YYYYMMDD-HHMMSS" in UTC.
std::string RunIdFor(WallTime t) {
  std::time_t secs =
      std::chrono::system_clock::to_time_t(std::chrono::floor<std::chrono::seconds>(t));
  std::tm tm{};
  ::gmtime_r(&secs, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y%m%d-%H%M%S", &tm);
  return text;
}

// Outcomes are stored by name, so the file reads well in the sqlite3 shell. `namer` returns
// "unknown" past the enum's last value.
template <typename Enum>
std::optional<Enum> OutcomeFromName(std::string_view name, std::string_view (*namer)(Enum)) {
  for (int i = 0; i < 64; ++i) {
    std::string_view candidate = namer(static_cast<Enum>(i));
    if (candidate == "unknown") break;
    if (candidate == name) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

// A foreign-key failure of a device-level write means the device (or run) is unknown.
Status ForDevice(const Db& db, Status status, const std::string& run, const std::string& device) {
  if (status.code() != ErrorCode::kNotFound) return status;
  return NotFound(db.context() + ": no device '" + device + "' in run '" + run + "'");
}

Status CreateOrCheckSchema(Db& db) {
  auto application = db.FirstInt("open", "PRAGMA application_id");
  auto version = db.FirstInt("open", "PRAGMA user_version");
  auto objects = db.FirstInt("open", "SELECT count(*) FROM sqlite_schema");
  for (const auto* r : {&application, &version, &objects}) {
    if (!r->ok()) return r->status();
  }
  if (*application == 0 && *version == 0 && *objects == 0) {
    return db.ExecScript("create schema", kSchema);
  }
  if (*application != kApplicationId || *version < 1) {
    return InvalidArgument(db.context() + ": not an iosup journal");
  }
  if (*version > kSchemaVersion) {
    return Unsupported(db.context() + ": schema version " + std::to_string(*version) +
                       " is newer than this iosup knows (" + std::to_string(kSchemaVersion) + ")");
  }
  return Status::Ok();
}

Status Configure(Db& db) {
  // WAL where the file system allows it (not on some network file systems); the rollback
  // journal SQLite falls back to is just as safe against a killed process, only slower.
  IOSUP_RETURN_IF_ERROR(db.Exec("open", "PRAGMA journal_mode=WAL"));
  IOSUP_RETURN_IF_ERROR(db.Exec("open", "PRAGMA synchronous=NORMAL"));
  IOSUP_RETURN_IF_ERROR(db.Exec("open", "PRAGMA foreign_keys=ON"));
  return db.Transaction("open", true, [&] { return CreateOrCheckSchema(db); });
}

Result<bool> RunExists(const Db& db, const std::string& run) {
  auto found = db.FirstText("find run", "SELECT id FROM runs WHERE id = ?", run);
  if (!found.ok()) return found.status();
  return found->has_value();
}

Status PutDeviceRow(const Db& db, const std::string& run, const DeviceRecord& device) {
  if (device.name.empty()) return InvalidArgument(db.context() + ": device without a name");
  Status status = db.Exec("PutDevice",
                          "INSERT INTO devices(run, name, address, platform, wave, outcome, "
                          "from_version, to_version, failure) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?) "
                          "ON CONFLICT(run, name) DO UPDATE SET address = excluded.address, "
                          "platform = excluded.platform, wave = excluded.wave, "
                          "outcome = excluded.outcome, from_version = excluded.from_version, "
                          "to_version = excluded.to_version, failure = excluded.failure",
                          run, device.name, device.address, device.platform, device.wave,
                          DeviceOutcomeName(device.outcome), device.from_version, device.to_version,
                          device.failure);
  if (status.code() == ErrorCode::kNotFound) {
    return NotFound(db.context() + ": no run '" + run + "'");
  }
  return status;
}

Status LoadHeader(const Db& db, const std::string& run, RunRecord& record) {
  auto query = db.Run("LoadRun",
                      "SELECT started_ms, finished_ms, inventory_path, policy_path, halted, "
                      "halt_reason FROM runs WHERE id = ?",
                      run);
  if (!query.ok()) return query.status();
  auto row = query->Next();
  if (!row.ok()) return row.status();
  if (!*row) return NotFound(db.context() + ": no run '" + run + "'");
  record.id = run;
  record.started = FromMillis(query->Int(0));
  record.finished = query->IsNull(1) ? WallTime{} : FromMillis(query->Int(1));
  record.inventory_path = query->Text(2);
  record.policy_path = query->Text(3);
  record.halted = query->Int(4) != 0;
  record.halt_reason = query->Text(5);
  return Status::Ok();
}

using DeviceIndex = std::unordered_map<std::string, size_t>;  // name -> position in devices

Status LoadDevices(const Db& db, RunRecord& record, DeviceIndex& index) {
  auto query = db.Run("LoadRun",
                      "SELECT name, address, platform, wave, outcome, from_version, to_version, "
                      "failure FROM devices WHERE run = ? ORDER BY seq",
                      record.id);
  if (!query.ok()) return query.status();
  for (;;) {
    auto row = query->Next();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    DeviceRecord device;
    device.name = query->Text(0);
    device.address = query->Text(1);
    device.platform = query->Text(2);
    device.wave = static_cast<int>(query->Int(3));
    auto outcome = OutcomeFromName(query->Text(4), &DeviceOutcomeName);
    if (!outcome) return Corrupt(db.context() + ": unknown outcome " + query->Text(4));
    device.outcome = *outcome;
    device.from_version = query->Text(5);
    device.to_version = query->Text(6);
    device.failure = query->Text(7);
    index[device.name] = record.devices.size();
    record.devices.push_back(std::move(device));
  }
}

// Runs `sql` (the run id its one parameter, the device name its first column) and hands each
// row to `add` with the device it belongs to.
template <typename Add>
Status ForEachDeviceRow(const Db& db, RunRecord& record, const DeviceIndex& index, const char* sql,
                        Add add) {
  auto query = db.Run("LoadRun", sql, record.id);
  if (!query.ok()) return query.status();
  for (;;) {
    auto row = query->Next();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    auto owner = index.find(query->Text(0));
    if (owner == index.end()) continue;  // foreign keys make this unreachable
    IOSUP_RETURN_IF_ERROR(add(*query, record.devices[owner->second]));
  }
}

Status LoadDeviceDetails(const Db& db, RunRecord& record, const DeviceIndex& index) {
  IOSUP_RETURN_IF_ERROR(
      ForEachDeviceRow(db, record, index,
                       "SELECT device, step, outcome, started_ms, finished_ms, detail FROM steps "
                       "WHERE run = ? ORDER BY seq",
                       [&](const Db::Query& row, DeviceRecord& device) -> Status {
                         auto outcome = OutcomeFromName(row.Text(2), &StepOutcomeName);
                         if (!outcome)
                           return Corrupt(db.context() + ": unknown outcome " + row.Text(2));
                         device.steps.push_back({row.Text(1), *outcome, FromMillis(row.Int(3)),
                                                 FromMillis(row.Int(4)), row.Text(5)});
                         return Status::Ok();
                       }));
  IOSUP_RETURN_IF_ERROR(
      ForEachDeviceRow(db, record, index,
                       "SELECT device, step, command, output, at_ms, seconds FROM commands "
                       "WHERE run = ? ORDER BY seq",
                       [](const Db::Query& row, DeviceRecord& device) {
                         device.commands.push_back({row.Text(1), row.Text(2), row.Text(3),
                                                    FromMillis(row.Int(4)), row.Real(5)});
                         return Status::Ok();
                       }));
  IOSUP_RETURN_IF_ERROR(ForEachDeviceRow(
      db, record, index, "SELECT device, snapshot, name, value FROM facts WHERE run = ?",
      [](const Db::Query& row, DeviceRecord& device) {
        auto& facts = row.Text(1) == "after" ? device.facts_after : device.facts_before;
        facts[row.Text(2)] = row.Text(3);
        return Status::Ok();
      }));
  return ForEachDeviceRow(
      db, record, index,
      "SELECT device, what, before_value, after_value, loss FROM changes "
      "WHERE run = ? ORDER BY seq",
      [](const Db::Query& row, DeviceRecord& device) {
        device.changes.push_back({row.Text(1), row.Text(2), row.Text(3), row.Int(4) != 0});
        return Status::Ok();
      });
}

}  // namespace

Result<std::unique_ptr<SqliteJournal>> SqliteJournal::Open(const std::string& path) {
  Result<std::unique_ptr<Db>> db = Db::Open(path, "journal " + path, kBusyTimeoutMs);
  if (!db.ok()) return db.status();
  IOSUP_RETURN_IF_ERROR(Configure(**db));
  return std::unique_ptr<SqliteJournal>(new SqliteJournal(path, std::move(*db)));
}

SqliteJournal::SqliteJournal(std::string path, std::unique_ptr<Db> db)
    : path_(std::move(path)), db_(std::move(db)) {}
SqliteJournal::~SqliteJournal() = default;

Result<std::string> SqliteJournal::BeginRun(const RunRecord& header) {
  std::lock_guard lock(mu_);
  WallTime started =
      header.started == WallTime{} ? std::chrono::system_clock::now() : header.started;
  std::string id;
  Status status = db_->Transaction("BeginRun", true, [&]() -> Status {
    std::string base = header.id.empty() ? RunIdFor(started) : header.id;
    id = base;
    for (int n = 2;; ++n) {
      auto taken = RunExists(*db_, id);
      if (!taken.ok()) return taken.status();
      if (!*taken) break;
      if (!header.id.empty()) return AlreadyExists("journal " + path_ + ": run '" + id + "'");
      id = base + "-" + std::to_string(n);
    }
    IOSUP_RETURN_IF_ERROR(db_->Exec("BeginRun",
                                    "INSERT INTO runs(id, started_ms, inventory_path, "
                                    "policy_path) VALUES(?, ?, ?, ?)",
                                    id, ToMillis(started), header.inventory_path,
                                    header.policy_path));
    for (const DeviceRecord& device : header.devices) {
      IOSUP_RETURN_IF_ERROR(PutDeviceRow(*db_, id, device));
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return id;
}

Result<std::optional<std::string>> SqliteJournal::LatestUnfinishedRun() const {
  std::lock_guard lock(mu_);
  return db_->FirstText("LatestUnfinishedRun",
                        "SELECT id FROM runs WHERE finished_ms IS NULL ORDER BY rowid DESC "
                        "LIMIT 1");
}

Result<std::optional<std::string>> SqliteJournal::LatestRun() const {
  std::lock_guard lock(mu_);
  return db_->FirstText("LatestRun", "SELECT id FROM runs ORDER BY rowid DESC LIMIT 1");
}

Status SqliteJournal::FinishRun(const std::string& run, WallTime finished, bool halted,
                                const std::string& halt_reason) {
  std::lock_guard lock(mu_);
  IOSUP_RETURN_IF_ERROR(db_->Exec(
      "FinishRun", "UPDATE runs SET finished_ms = ?, halted = ?, halt_reason = ? WHERE id = ?",
      ToMillis(finished), halted, halt_reason, run));
  if (db_->Changes() == 0) return NotFound("journal " + path_ + ": no run '" + run + "'");
  return Status::Ok();
}

Status SqliteJournal::PutDevice(const std::string& run, const DeviceRecord& device) {
  std::lock_guard lock(mu_);
  return PutDeviceRow(*db_, run, device);
}

Status SqliteJournal::SetStep(const std::string& run, const std::string& device,
                              const StepRecord& step) {
  if (step.step.empty()) return InvalidArgument("journal " + path_ + ": step without a name");
  std::lock_guard lock(mu_);
  return ForDevice(
      *db_,
      db_->Exec("SetStep",
                "INSERT INTO steps(run, device, step, outcome, started_ms, finished_ms, detail) "
                "VALUES(?, ?, ?, ?, ?, ?, ?) ON CONFLICT(run, device, step) DO UPDATE SET "
                "outcome = excluded.outcome, started_ms = excluded.started_ms, "
                "finished_ms = excluded.finished_ms, detail = excluded.detail",
                run, device, step.step, StepOutcomeName(step.outcome), ToMillis(step.started),
                ToMillis(step.finished), step.detail),
      run, device);
}

Status SqliteJournal::AddCommand(const std::string& run, const std::string& device,
                                 const CommandRecord& c) {
  std::lock_guard lock(mu_);
  return ForDevice(
      *db_,
      db_->Exec("AddCommand",
                "INSERT INTO commands(run, device, step, command, output, at_ms, seconds) "
                "VALUES(?, ?, ?, ?, ?, ?, ?)",
                run, device, c.step, c.command, c.output, ToMillis(c.at), c.seconds),
      run, device);
}

Status SqliteJournal::SetFact(const std::string& run, const std::string& device, bool after,
                              const std::string& key, const std::string& value) {
  std::lock_guard lock(mu_);
  return ForDevice(
      *db_,
      db_->Exec("SetFact",
                "INSERT INTO facts(run, device, snapshot, name, value) VALUES(?, ?, ?, ?, ?) "
                "ON CONFLICT(run, device, snapshot, name) DO UPDATE SET value = excluded.value",
                run, device, after ? "after" : "before", key, value),
      run, device);
}

Status SqliteJournal::SetChanges(const std::string& run, const std::string& device,
                                 const std::vector<ChangeRecord>& changes) {
  std::lock_guard lock(mu_);
  return ForDevice(
      *db_,
      db_->Transaction(
          "SetChanges", true,
          [&]() -> Status {
            // The delete alone would not notice an unknown device: check it.
            auto known = db_->FirstText(
                "SetChanges", "SELECT name FROM devices WHERE run = ? AND name = ?", run, device);
            if (!known.ok()) return known.status();
            if (!known->has_value()) return NotFound("unknown device");
            IOSUP_RETURN_IF_ERROR(db_->Exec(
                "SetChanges", "DELETE FROM changes WHERE run = ? AND device = ?", run, device));
            for (const ChangeRecord& change : changes) {
              IOSUP_RETURN_IF_ERROR(
                  db_->Exec("SetChanges",
                            "INSERT INTO changes(run, device, what, before_value, "
                            "after_value, loss) VALUES(?, ?, ?, ?, ?, ?)",
                            run, device, change.what, change.before, change.after, change.loss));
            }
            return Status::Ok();
          }),
      run, device);
}

Status SqliteJournal::SetMarker(const std::string& run, const std::string& device,
                                const std::string& key, const std::string& value) {
  std::lock_guard lock(mu_);
  return ForDevice(*db_,
                   db_->Exec("SetMarker",
                             "INSERT INTO markers(run, device, name, value) VALUES(?, ?, ?, ?) "
                             "ON CONFLICT(run, device, name) DO UPDATE SET value = excluded.value",
                             run, device, key, value),
                   run, device);
}

Result<std::optional<std::string>> SqliteJournal::Marker(const std::string& run,
                                                         const std::string& device,
                                                         const std::string& key) const {
  std::lock_guard lock(mu_);
  return db_->FirstText("Marker",
                        "SELECT value FROM markers WHERE run = ? AND device = ? AND name = ?", run,
                        device, key);
}

Result<RunRecord> SqliteJournal::LoadRun(const std::string& run) const {
  std::lock_guard lock(mu_);
  RunRecord record;
  Status status = db_->Transaction("LoadRun", false, [&]() -> Status {
    DeviceIndex index;
    IOSUP_RETURN_IF_ERROR(LoadHeader(*db_, run, record));
    IOSUP_RETURN_IF_ERROR(LoadDevices(*db_, record, index));
    return LoadDeviceDetails(*db_, record, index);
  });
  if (!status.ok()) return status;
  return record;
}

}  // namespace iosup::upgrade
