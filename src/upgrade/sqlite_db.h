// A small wrapper over one SQLite connection: open, exec, prepared statements with bound
// arguments, rows read by column, transactions. Every failure is a Status whose message is
// "<context>: <what>: <SQLite's message>" and whose code maps SQLite's (busy, full, corrupt,
// read-only, constraint; a foreign-key failure is kNotFound, any other constraint kAlreadyExists).
//
// Thread-safety: none; a Db and its Queries belong to one thread at a time (callers serialise).
// Lifetime: a Query must die before the Db it came from.
#ifndef IOSUP_UPGRADE_SQLITE_DB_H_
#define IOSUP_UPGRADE_SQLITE_DB_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>

#include "base/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace iosup::upgrade {

class Db {
 public:
  // A cached statement in use, its arguments bound; reset (and its bindings cleared) when it
  // dies, so the next Run of the same SQL starts afresh.
  class Query {
   public:
    Query(const Db* db, sqlite3_stmt* stmt, std::string_view what)
        : db_(db), stmt_(stmt), what_(what) {}
    Query(Query&& other) noexcept;
    Query& operator=(Query&&) = delete;
    ~Query();

    // Binds parameter `index` (1-based): integers and bools as INTEGER, floating point as REAL,
    // anything a string_view is made from as TEXT (copied).
    template <typename T>
    void Bind(int index, const T& value) {
      if constexpr (std::is_integral_v<T>) {
        BindInt(index, static_cast<int64_t>(value));
      } else if constexpr (std::is_floating_point_v<T>) {
        BindReal(index, static_cast<double>(value));
      } else {
        BindText(index, std::string_view(value));
      }
    }

    // Steps: true with a row to read, false when done.
    Result<bool> Next();

    // Columns of the current row (0-based). A NULL reads as "", 0 or 0.0.
    std::string Text(int column) const;
    int64_t Int(int column) const;
    double Real(int column) const;
    bool IsNull(int column) const;

   private:
    void BindInt(int index, int64_t value);
    void BindReal(int index, double value);
    void BindText(int index, std::string_view value);

    const Db* db_;
    sqlite3_stmt* stmt_;
    std::string_view what_;  // a literal, like the SQL
  };

  // Opens (creating when missing, not its directory) the database at `path` (":memory:" for
  // one that lives and dies with the Db), with extended result codes and writers waiting up to
  // `busy_timeout_ms` for another connection's lock. `context` prefixes every error message.
  static Result<std::unique_ptr<Db>> Open(const std::string& path, std::string context,
                                          int busy_timeout_ms);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  const std::string& context() const { return context_; }

  // The connection's last error as a Status, `what` naming the operation that failed.
  Status Fail(std::string_view what) const;

  // Prepares `sql` (cached: it must be a string literal, its address is the key) and binds
  // `args` to its parameters in order.
  template <typename... Args>
  Result<Query> Run(std::string_view what, const char* sql, const Args&... args) const {
    Result<sqlite3_stmt*> stmt = Prepare(what, sql);
    if (!stmt.ok()) return stmt.status();
    Query query(this, *stmt, what);
    int index = 0;
    (query.Bind(++index, args), ...);
    return query;
  }

  // Runs a statement that returns no rows (or whose rows do not matter) to completion.
  template <typename... Args>
  Status Exec(std::string_view what, const char* sql, const Args&... args) const {
    Result<Query> query = Run(what, sql, args...);
    if (!query.ok()) return query.status();
    for (;;) {
      Result<bool> row = query->Next();
      if (!row.ok()) return row.status();
      if (!*row) return Status::Ok();
    }
  }

  // Runs several ';'-separated statements without arguments (a schema), uncached.
  Status ExecScript(std::string_view what, const char* sql);

  // The first column of the first row, if there is a row.
  template <typename... Args>
  Result<std::optional<std::string>> FirstText(std::string_view what, const char* sql,
                                               const Args&... args) const {
    Result<Query> query = Run(what, sql, args...);
    if (!query.ok()) return query.status();
    Result<bool> row = query->Next();
    if (!row.ok()) return row.status();
    if (!*row) return std::optional<std::string>();
    return std::optional<std::string>(query->Text(0));
  }
  // The first column of the first row as an integer; 0 when there is no row.
  Result<int64_t> FirstInt(std::string_view what, const char* sql) const;

  // Rows changed by the last INSERT, UPDATE or DELETE.
  int64_t Changes() const;
  // False between BEGIN and COMMIT/ROLLBACK.
  bool InAutocommit() const;

  // Runs `body` between BEGIN and COMMIT (IMMEDIATE for writes: the write lock is taken up
  // front, so the busy timeout applies instead of a late SQLITE_BUSY); rolls back when `body` or
  // the commit fails, and returns that failure.
  template <typename Body>
  Status Transaction(std::string_view what, bool write, Body body) {
    IOSUP_RETURN_IF_ERROR(Exec(what, write ? "BEGIN IMMEDIATE" : "BEGIN"));
    Status status = body();
    if (status.ok()) status = Exec(what, "COMMIT");
    if (!status.ok() && !InAutocommit()) (void)Exec(what, "ROLLBACK");
    return status;
  }

 private:
  Db(std::string context, sqlite3* db) : context_(std::move(context)), db_(db) {}
  Result<sqlite3_stmt*> Prepare(std::string_view what, const char* sql) const;

  std::string context_;
  sqlite3* db_;
  mutable std::unordered_map<const char*, sqlite3_stmt*> statements_;
};

}  // namespace iosup::upgrade

#endif  // IOSUP_UPGRADE_SQLITE_DB_H_
