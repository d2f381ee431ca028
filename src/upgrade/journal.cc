#include "upgrade/journal.h"

#include <sqlite3.h>

#include <chrono>
#include <ctime>
#include <type_traits>
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

ErrorCode CodeFor(int extended_code) {
  switch (extended_code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return ErrorCode::kBusy;
    case SQLITE_FULL:
      return ErrorCode::kNoSpace;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return ErrorCode::kCorrupt;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return ErrorCode::kPermissionDenied;
    case SQLITE_CONSTRAINT:
      return extended_code == SQLITE_CONSTRAINT_FOREIGNKEY ? ErrorCode::kNotFound
                                                           : ErrorCode::kAlreadyExists;
    default:
      return ErrorCode::kIoError;
  }
}

}  // namespace

// One connection with its cache of prepared statements. Not thread-safe: Journal serialises.
class Journal::Db {
 public:
  // A cached statement in use, with its arguments bound; reset when the Query dies.
  class Query {
   public:
    Query(const Db* db, sqlite3_stmt* stmt, std::string_view what)
        : db_(db), stmt_(stmt), what_(what) {}
    Query(Query&& other) noexcept
        : db_(other.db_), stmt_(std::exchange(other.stmt_, nullptr)), what_(other.what_) {}
    Query& operator=(Query&&) = delete;
    ~Query() {
      if (stmt_ == nullptr) return;
      sqlite3_reset(stmt_);
      sqlite3_clear_bindings(stmt_);
    }
    template <typename T>
    void Bind(int index, const T& value) {
      if constexpr (std::is_integral_v<T>) {
        sqlite3_bind_int64(stmt_, index, static_cast<sqlite3_int64>(value));
      } else if constexpr (std::is_floating_point_v<T>) {
        sqlite3_bind_double(stmt_, index, value);
      } else {
        std::string_view text(value);
        sqlite3_bind_text64(stmt_, index, text.data() ? text.data() : "", text.size(),
                            SQLITE_TRANSIENT, SQLITE_UTF8);
      }
    }
    // True with a row to read, false when done.
    Result<bool> Next() {
      int rc = sqlite3_step(stmt_);
      if (rc == SQLITE_ROW) return true;
      if (rc == SQLITE_DONE) return false;
      return db_->Fail(what_);
    }
    std::string Text(int column) const {
      const unsigned char* text = sqlite3_column_text(stmt_, column);
      int size = sqlite3_column_bytes(stmt_, column);
      return text ? std::string(reinterpret_cast<const char*>(text), size) : std::string();
    }
    int64_t Int(int column) const { return sqlite3_column_int64(stmt_, column); }
    double Real(int column) const { return sqlite3_column_double(stmt_, column); }
    bool IsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

   private:
    const Db* db_;
    sqlite3_stmt* stmt_;
    std::string_view what_;
  };

  Db(std::string path, sqlite3* db) : path_(std::move(path)), db_(db) {}
  ~Db() {
    for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }

  const std::string& path() const { return path_; }

  Status Fail(std::string_view what) const {
    int code = db_ ? sqlite3_extended_errcode(db_) : SQLITE_NOMEM;
    const char* message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    return Status(CodeFor(code), "journal " + path_ + ": " + std::string(what) + ": " + message);
  }

  // `sql` must be a string literal: its address keys the statement cache.
  template <typename... Args>
  Result<Query> Run(std::string_view what, const char* sql, const Args&... args) const {
    auto cached = statements_.find(sql);
    if (cached == statements_.end()) {
      sqlite3_stmt* stmt = nullptr;
      if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) !=
          SQLITE_OK) {
        return Fail(what);
      }
      cached = statements_.emplace(sql, stmt).first;
    }
    Query query(this, cached->second, what);
    int index = 0;
    (query.Bind(++index, args), ...);
    return query;
  }

  // Runs a statement that returns no rows (or whose rows do not matter) to completion.
  template <typename... Args>
  Status Exec(std::string_view what, const char* sql, const Args&... args) const {
    auto query = Run(what, sql, args...);
    if (!query.ok()) return query.status();
    for (;;) {
      auto row = query->Next();
      if (!row.ok()) return row.status();
      if (!*row) return Status::Ok();
    }
  }

  // The first column of the first row, if there is a row.
  template <typename... Args>
  Result<std::optional<std::string>> FirstText(std::string_view what, const char* sql,
                                               const Args&... args) const {
    auto query = Run(what, sql, args...);
    if (!query.ok()) return query.status();
    auto row = query->Next();
    if (!row.ok()) return row.status();
    if (!*row) return std::optional<std::string>();
    return std::optional<std::string>(query->Text(0));
  }
  Result<int64_t> FirstInt(std::string_view what, const char* sql) const {
    auto query = Run(what, sql);
    if (!query.ok()) return query.status();
    auto row = query->Next();
    if (!row.ok()) return row.status();
    return *row ? query->Int(0) : 0;
  }

  int64_t Changes() const { return sqlite3_changes64(db_); }

  // Runs `body` between BEGIN and COMMIT (IMMEDIATE for writes: the write lock is taken up front,
  // so the busy timeout applies instead of a late SQLITE_BUSY); rolls back when anything fails.
  template <typename Body>
  Status Transaction(std::string_view what, bool write, Body body) {
    IOSUP_RETURN_IF_ERROR(Exec(what, write ? "BEGIN IMMEDIATE" : "BEGIN"));
    Status status = body();
    if (status.ok()) status = Exec(what, "COMMIT");
    if (!status.ok() && !sqlite3_get_autocommit(db_)) (void)Exec(what, "ROLLBACK");
    return status;
  }

  Status Configure();
  Result<bool> RunExists(const std::string& run) const;
  Status PutDevice(const std::string& run, const DeviceRecord& device);
  // A foreign-key failure of a device-level write means the device (or run) is unknown.
  Status ForDevice(Status status, const std::string& run, const std::string& device) const;
  Status LoadHeader(const std::string& run, RunRecord& record) const;
  using DeviceIndex = std::unordered_map<std::string, size_t>;  // name -> position in devices
  Status LoadDevices(RunRecord& record, DeviceIndex& index) const;
  Status LoadDeviceDetails(RunRecord& record, const DeviceIndex& index) const;

 private:
  Status CreateOrCheckSchema();
  // Runs `sql` (the run id its one parameter, the device name its first column) and hands each
  // row to `add` with the device it belongs to.
  template <typename Add>
  Status ForEachDeviceRow(RunRecord& record, const DeviceIndex& index, const char* sql,
                          Add add) const {
    auto query = Run("LoadRun", sql, record.id);
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

  std::string path_;
  sqlite3* db_;
  mutable std::unordered_map<const char*, sqlite3_stmt*> statements_;
};

Status Journal::Db::Configure() {
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, kBusyTimeoutMs);
  // WAL where the file system allows it (not on some network file systems); the rollback
  // journal SQLite falls back to is just as safe against a killed process, only slower.
  IOSUP_RETURN_IF_ERROR(Exec("open", "PRAGMA journal_mode=WAL"));
  IOSUP_RETURN_IF_ERROR(Exec("open", "PRAGMA synchronous=NORMAL"));
  IOSUP_RETURN_IF_ERROR(Exec("open", "PRAGMA foreign_keys=ON"));
  return Transaction("open", true, [&] { return CreateOrCheckSchema(); });
}

Status Journal::Db::CreateOrCheckSchema() {
  auto application = FirstInt("open", "PRAGMA application_id");
  auto version = FirstInt("open", "PRAGMA user_version");
  auto objects = FirstInt("open", "SELECT count(*) FROM sqlite_schema");
  for (const auto* r : {&application, &version, &objects}) {
    if (!r->ok()) return r->status();
  }
  if (*application == 0 && *version == 0 && *objects == 0) {
    char* error = nullptr;
    if (sqlite3_exec(db_, kSchema, nullptr, nullptr, &error) != SQLITE_OK) {
      sqlite3_free(error);
      return Fail("create schema");
    }
    return Status::Ok();
  }
  if (*application != kApplicationId || *version < 1) {
    return InvalidArgument("journal " + path_ + ": not an iosup journal");
  }
  if (*version > kSchemaVersion) {
    return Unsupported("journal " + path_ + ": schema version " + std::to_string(*version) +
                       " is newer than this iosup knows (" + std::to_string(kSchemaVersion) + ")");
  }
  return Status::Ok();
}

Result<bool> Journal::Db::RunExists(const std::string& run) const {
  auto found = FirstText("find run", "SELECT id FROM runs WHERE id = ?", run);
  if (!found.ok()) return found.status();
  return found->has_value();
}

Status Journal::Db::PutDevice(const std::string& run, const DeviceRecord& device) {
  if (device.name.empty()) return InvalidArgument("journal " + path_ + ": device without a name");
  Status status = Exec("PutDevice",
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
    return NotFound("journal " + path_ + ": no run '" + run + "'");
  }
  return status;
}

Status Journal::Db::ForDevice(Status status, const std::string& run,
                              const std::string& device) const {
  if (status.code() != ErrorCode::kNotFound) return status;
  return NotFound("journal " + path_ + ": no device '" + device + "' in run '" + run + "'");
}

Status Journal::Db::LoadHeader(const std::string& run, RunRecord& record) const {
  auto query = Run("LoadRun",
                   "SELECT started_ms, finished_ms, inventory_path, policy_path, halted, "
                   "halt_reason FROM runs WHERE id = ?",
                   run);
  if (!query.ok()) return query.status();
  auto row = query->Next();
  if (!row.ok()) return row.status();
  if (!*row) return NotFound("journal " + path_ + ": no run '" + run + "'");
  record.id = run;
  record.started = FromMillis(query->Int(0));
  record.finished = query->IsNull(1) ? WallTime{} : FromMillis(query->Int(1));
  record.inventory_path = query->Text(2);
  record.policy_path = query->Text(3);
  record.halted = query->Int(4) != 0;
  record.halt_reason = query->Text(5);
  return Status::Ok();
}

Status Journal::Db::LoadDevices(RunRecord& record, DeviceIndex& index) const {
  auto query = Run("LoadRun",
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
    if (!outcome) return Corrupt("journal " + path_ + ": unknown outcome " + query->Text(4));
    device.outcome = *outcome;
    device.from_version = query->Text(5);
    device.to_version = query->Text(6);
    device.failure = query->Text(7);
    index[device.name] = record.devices.size();
    record.devices.push_back(std::move(device));
  }
}

Status Journal::Db::LoadDeviceDetails(RunRecord& record, const DeviceIndex& index) const {
  IOSUP_RETURN_IF_ERROR(
      ForEachDeviceRow(record, index,
                       "SELECT device, step, outcome, started_ms, finished_ms, detail FROM steps "
                       "WHERE run = ? ORDER BY seq",
                       [&](const Query& row, DeviceRecord& device) -> Status {
                         auto outcome = OutcomeFromName(row.Text(2), &StepOutcomeName);
                         if (!outcome)
                           return Corrupt("journal " + path_ + ": unknown outcome " + row.Text(2));
                         device.steps.push_back({row.Text(1), *outcome, FromMillis(row.Int(3)),
                                                 FromMillis(row.Int(4)), row.Text(5)});
                         return Status::Ok();
                       }));
  IOSUP_RETURN_IF_ERROR(
      ForEachDeviceRow(record, index,
                       "SELECT device, step, command, output, at_ms, seconds FROM commands "
                       "WHERE run = ? ORDER BY seq",
                       [](const Query& row, DeviceRecord& device) {
                         device.commands.push_back({row.Text(1), row.Text(2), row.Text(3),
                                                    FromMillis(row.Int(4)), row.Real(5)});
                         return Status::Ok();
                       }));
  IOSUP_RETURN_IF_ERROR(ForEachDeviceRow(
      record, index, "SELECT device, snapshot, name, value FROM facts WHERE run = ?",
      [](const Query& row, DeviceRecord& device) {
        auto& facts = row.Text(1) == "after" ? device.facts_after : device.facts_before;
        facts[row.Text(2)] = row.Text(3);
        return Status::Ok();
      }));
  return ForEachDeviceRow(
      record, index,
      "SELECT device, what, before_value, after_value, loss FROM changes "
      "WHERE run = ? ORDER BY seq",
      [](const Query& row, DeviceRecord& device) {
        device.changes.push_back({row.Text(1), row.Text(2), row.Text(3), row.Int(4) != 0});
        return Status::Ok();
      });
}

Result<std::unique_ptr<Journal>> Journal::Open(const std::string& path) {
  sqlite3* connection = nullptr;
  int rc =
      sqlite3_open_v2(path.c_str(), &connection,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  auto db = std::make_unique<Db>(path, connection);  // owns the handle even when open failed
  if (rc != SQLITE_OK) return db->Fail("open");
  IOSUP_RETURN_IF_ERROR(db->Configure());
  return std::unique_ptr<Journal>(new Journal(std::move(db)));
}

Journal::Journal(std::unique_ptr<Db> db) : db_(std::move(db)), path_(db_->path()) {}
Journal::~Journal() = default;

Result<std::string> Journal::BeginRun(const RunRecord& header) {
  std::lock_guard lock(mu_);
  WallTime started =
      header.started == WallTime{} ? std::chrono::system_clock::now() : header.started;
  std::string id;
  Status status = db_->Transaction("BeginRun", true, [&]() -> Status {
    std::string base = header.id.empty() ? RunIdFor(started) : header.id;
    id = base;
    for (int n = 2;; ++n) {
      auto taken = db_->RunExists(id);
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
      IOSUP_RETURN_IF_ERROR(db_->PutDevice(id, device));
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return id;
}

Result<std::optional<std::string>> Journal::LatestUnfinishedRun() const {
  std::lock_guard lock(mu_);
  return db_->FirstText("LatestUnfinishedRun",
                        "SELECT id FROM runs WHERE finished_ms IS NULL ORDER BY rowid DESC "
                        "LIMIT 1");
}

Result<std::optional<std::string>> Journal::LatestRun() const {
  std::lock_guard lock(mu_);
  return db_->FirstText("LatestRun", "SELECT id FROM runs ORDER BY rowid DESC LIMIT 1");
}

Status Journal::FinishRun(const std::string& run, WallTime finished, bool halted,
                          const std::string& halt_reason) {
  std::lock_guard lock(mu_);
  IOSUP_RETURN_IF_ERROR(db_->Exec(
      "FinishRun", "UPDATE runs SET finished_ms = ?, halted = ?, halt_reason = ? WHERE id = ?",
      ToMillis(finished), halted, halt_reason, run));
  if (db_->Changes() == 0) return NotFound("journal " + path_ + ": no run '" + run + "'");
  return Status::Ok();
}

Status Journal::PutDevice(const std::string& run, const DeviceRecord& device) {
  std::lock_guard lock(mu_);
  return db_->PutDevice(run, device);
}

Status Journal::SetStep(const std::string& run, const std::string& device, const StepRecord& step) {
  if (step.step.empty()) return InvalidArgument("journal " + path_ + ": step without a name");
  std::lock_guard lock(mu_);
  return db_->ForDevice(
      db_->Exec("SetStep",
                "INSERT INTO steps(run, device, step, outcome, started_ms, finished_ms, detail) "
                "VALUES(?, ?, ?, ?, ?, ?, ?) ON CONFLICT(run, device, step) DO UPDATE SET "
                "outcome = excluded.outcome, started_ms = excluded.started_ms, "
                "finished_ms = excluded.finished_ms, detail = excluded.detail",
                run, device, step.step, StepOutcomeName(step.outcome), ToMillis(step.started),
                ToMillis(step.finished), step.detail),
      run, device);
}

Status Journal::AddCommand(const std::string& run, const std::string& device,
                           const CommandRecord& c) {
  std::lock_guard lock(mu_);
  return db_->ForDevice(
      db_->Exec("AddCommand",
                "INSERT INTO commands(run, device, step, command, output, at_ms, seconds) "
                "VALUES(?, ?, ?, ?, ?, ?, ?)",
                run, device, c.step, c.command, c.output, ToMillis(c.at), c.seconds),
      run, device);
}

Status Journal::SetFact(const std::string& run, const std::string& device, bool after,
                        const std::string& key, const std::string& value) {
  std::lock_guard lock(mu_);
  return db_->ForDevice(
      db_->Exec("SetFact",
                "INSERT INTO facts(run, device, snapshot, name, value) VALUES(?, ?, ?, ?, ?) "
                "ON CONFLICT(run, device, snapshot, name) DO UPDATE SET value = excluded.value",
                run, device, after ? "after" : "before", key, value),
      run, device);
}

Status Journal::SetChanges(const std::string& run, const std::string& device,
                           const std::vector<ChangeRecord>& changes) {
  std::lock_guard lock(mu_);
  return db_->ForDevice(
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

Status Journal::SetMarker(const std::string& run, const std::string& device, const std::string& key,
                          const std::string& value) {
  std::lock_guard lock(mu_);
  return db_->ForDevice(
      db_->Exec("SetMarker",
                "INSERT INTO markers(run, device, name, value) VALUES(?, ?, ?, ?) "
                "ON CONFLICT(run, device, name) DO UPDATE SET value = excluded.value",
                run, device, key, value),
      run, device);
}

Result<std::optional<std::string>> Journal::Marker(const std::string& run,
                                                   const std::string& device,
                                                   const std::string& key) const {
  std::lock_guard lock(mu_);
  return db_->FirstText("Marker",
                        "SELECT value FROM markers WHERE run = ? AND device = ? AND name = ?", run,
                        device, key);
}

Result<RunRecord> Journal::LoadRun(const std::string& run) const {
  std::lock_guard lock(mu_);
  RunRecord record;
  Status status = db_->Transaction("LoadRun", false, [&]() -> Status {
    Db::DeviceIndex index;
    IOSUP_RETURN_IF_ERROR(db_->LoadHeader(run, record));
    IOSUP_RETURN_IF_ERROR(db_->LoadDevices(record, index));
    return db_->LoadDeviceDetails(record, index);
  });
  if (!status.ok()) return status;
  return record;
}

}  // namespace iosup::upgrade
