#include "upgrade/sqlite_db.h"

#include <sqlite3.h>

#include <utility>

namespace iosup::upgrade {
namespace {

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

Db::Query::Query(Query&& other) noexcept
    : db_(other.db_), stmt_(std::exchange(other.stmt_, nullptr)), what_(other.what_) {}

Db::Query::~Query() {
  if (stmt_ == nullptr) return;
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

void Db::Query::BindInt(int index, int64_t value) {
  sqlite3_bind_int64(stmt_, index, static_cast<sqlite3_int64>(value));
}

void Db::Query::BindReal(int index, double value) { sqlite3_bind_double(stmt_, index, value); }

void Db::Query::BindText(int index, std::string_view text) {
  sqlite3_bind_text64(stmt_, index, text.data() ? text.data() : "", text.size(), SQLITE_TRANSIENT,
                      SQLITE_UTF8);
}

Result<bool> Db::Query::Next() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return db_->Fail(what_);
}

std::string Db::Query::Text(int column) const {
  const unsigned char* text = sqlite3_column_text(stmt_, column);
  int size = sqlite3_column_bytes(stmt_, column);
  return text ? std::string(reinterpret_cast<const char*>(text), size) : std::string();
}

int64_t Db::Query::Int(int column) const { return sqlite3_column_int64(stmt_, column); }

double Db::Query::Real(int column) const { return sqlite3_column_double(stmt_, column); }

bool Db::Query::IsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

Result<std::unique_ptr<Db>> Db::Open(const std::string& path, std::string context,
                                     int busy_timeout_ms) {
  sqlite3* connection = nullptr;
  int rc =
      sqlite3_open_v2(path.c_str(), &connection,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  // The Db owns the handle even when the open failed (SQLite hands one back to close).
  std::unique_ptr<Db> db(new Db(std::move(context), connection));
  if (rc != SQLITE_OK) return db->Fail("open");
  sqlite3_extended_result_codes(connection, 1);
  sqlite3_busy_timeout(connection, busy_timeout_ms);
  return db;
}

Db::~Db() {
  for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
  sqlite3_close_v2(db_);
}

Status Db::Fail(std::string_view what) const {
  int code = db_ ? sqlite3_extended_errcode(db_) : SQLITE_NOMEM;
  const char* message = db_ ? sqlite3_errmsg(db_) : "out of memory";
  return Status(CodeFor(code), context_ + ": " + std::string(what) + ": " + message);
}

Result<sqlite3_stmt*> Db::Prepare(std::string_view what, const char* sql) const {
  auto cached = statements_.find(sql);
  if (cached != statements_.end()) return cached->second;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK) {
    return Fail(what);
  }
  statements_.emplace(sql, stmt);
  return stmt;
}

Status Db::ExecScript(std::string_view what, const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    sqlite3_free(error);
    return Fail(what);
  }
  return Status::Ok();
}

Result<int64_t> Db::FirstInt(std::string_view what, const char* sql) const {
  Result<Query> query = Run(what, sql);
  if (!query.ok()) return query.status();
  Result<bool> row = query->Next();
  if (!row.ok()) return row.status();
  return *row ? query->Int(0) : 0;
}

int64_t Db::Changes() const { return sqlite3_changes64(db_); }

bool Db::InAutocommit() const { return sqlite3_get_autocommit(db_) != 0; }

}  // namespace iosup::upgrade
