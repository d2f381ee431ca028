#include "upgrade/sqlite_db.h"

#include <gtest/gtest.h>

#include <limits>

#include "testing/temp_dir.h"

namespace iosup::upgrade {
namespace {

class DbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = Db::Open(":memory:", "test db", 1000);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(*db);
    ASSERT_TRUE(db_->ExecScript("schema",
                                "PRAGMA foreign_keys=ON;"
                                "CREATE TABLE p(name TEXT PRIMARY KEY);"
                                "CREATE TABLE c(p TEXT REFERENCES p(name), n INTEGER, r REAL, "
                                "t TEXT);")
                    .ok());
  }
  int64_t Count() {
    auto n = db_->FirstInt("count", "SELECT count(*) FROM c");
    EXPECT_TRUE(n.ok());
    return n.ok() ? *n : -1;
  }
  std::unique_ptr<Db> db_;
};

TEST_F(DbTest, BoundValuesComeBackWithTheirTypes) {
  ASSERT_TRUE(db_->Exec("put", "INSERT INTO p VALUES(?)", "R1").ok());
  const std::string text("nul\0inside", 10);
  ASSERT_TRUE(db_->Exec("put", "INSERT INTO c VALUES(?, ?, ?, ?)", std::string("R1"),
                        std::numeric_limits<int64_t>::max(), 0.25, text)
                  .ok());
  ASSERT_TRUE(db_->Exec("put", "INSERT INTO c(p, n) VALUES(?, ?)", "R1", true).ok());
  auto q = db_->Run("read", "SELECT n, r, t, p FROM c ORDER BY rowid");
  ASSERT_TRUE(q.ok());
  ASSERT_TRUE(*q->Next());
  EXPECT_EQ(q->Int(0), std::numeric_limits<int64_t>::max());
  EXPECT_DOUBLE_EQ(q->Real(1), 0.25);
  EXPECT_EQ(q->Text(2), text);
  EXPECT_EQ(q->Text(3), "R1");
  EXPECT_FALSE(q->IsNull(2));
  ASSERT_TRUE(*q->Next());
  EXPECT_EQ(q->Int(0), 1);
  EXPECT_TRUE(q->IsNull(2));
  EXPECT_EQ(q->Text(2), "");
  EXPECT_FALSE(*q->Next());
}

// A cached statement dropped mid-way is reset with its bindings cleared: the next use of the
// same SQL starts from the first row with the new arguments.
TEST_F(DbTest, AReusedStatementStartsAfresh) {
  for (const char* name : {"a", "b", "c"}) {
    ASSERT_TRUE(db_->Exec("put", "INSERT INTO p VALUES(?)", name).ok());
  }
  const char* sql = "SELECT name FROM p WHERE name >= ? ORDER BY name";
  {
    auto q = db_->Run("read", sql, "a");
    ASSERT_TRUE(*q->Next());
    EXPECT_EQ(q->Text(0), "a");
  }
  auto q = db_->Run("read", sql, "b");
  ASSERT_TRUE(*q->Next());
  EXPECT_EQ(q->Text(0), "b");
  EXPECT_EQ(*db_->FirstText("first", "SELECT name FROM p WHERE name > ?", "z"), std::nullopt);
}

TEST_F(DbTest, ErrorsNameTheContextTheOperationAndSqlitesReason) {
  ASSERT_TRUE(db_->Exec("put", "INSERT INTO p VALUES(?)", "R1").ok());
  Status twice = db_->Exec("put twice", "INSERT INTO p VALUES(?)", "R1");
  EXPECT_EQ(twice.code(), ErrorCode::kAlreadyExists);
  EXPECT_EQ(twice.message(), "test db: put twice: UNIQUE constraint failed: p.name");
  Status orphan = db_->Exec("orphan", "INSERT INTO c(p) VALUES(?)", "R9");
  EXPECT_EQ(orphan.code(), ErrorCode::kNotFound) << orphan.ToString();
  Status bad = db_->Exec("bad sql", "SELECT x FROM nowhere");
  EXPECT_EQ(bad.code(), ErrorCode::kIoError);
  EXPECT_EQ(bad.message(), "test db: bad sql: no such table: nowhere");
}

TEST_F(DbTest, ATransactionThatFailsLeavesNothing) {
  ASSERT_TRUE(db_->Exec("put", "INSERT INTO p VALUES(?)", "R1").ok());
  Status failed = db_->Transaction("fill", true, [&]() -> Status {
    IOSUP_RETURN_IF_ERROR(db_->Exec("fill", "INSERT INTO c(p, n) VALUES(?, ?)", "R1", 1));
    EXPECT_FALSE(db_->InAutocommit());
    return db_->Exec("fill", "INSERT INTO c(p, n) VALUES(?, ?)", "R9", 2);
  });
  EXPECT_EQ(failed.code(), ErrorCode::kNotFound);
  EXPECT_TRUE(db_->InAutocommit());
  EXPECT_EQ(Count(), 0);

  ASSERT_TRUE(db_->Transaction(
                     "fill", true,
                     [&] { return db_->Exec("fill", "INSERT INTO c(p, n) VALUES(?, ?)", "R1", 1); })
                  .ok());
  EXPECT_EQ(Count(), 1);
  ASSERT_TRUE(db_->Exec("update", "UPDATE c SET n = n + 1").ok());
  EXPECT_EQ(db_->Changes(), 1);
}

TEST(DbOpenTest, AFileInAMissingDirectoryDoesNotOpen) {
  TempDir dir;
  auto db = Db::Open(dir.path() + "/missing/x.db", "journal " + dir.path() + "/missing/x.db", 10);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().message(),
            "journal " + dir.path() + "/missing/x.db: open: unable to open database file");
}

}  // namespace
}  // namespace iosup::upgrade
