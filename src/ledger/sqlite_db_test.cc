#include "ledger/sqlite_db.h"

#include <gtest/gtest.h>

#include "testing/temp_dir.h"
#include "util/file.h"

namespace cutover {
namespace {

class SqliteDbTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_FALSE(dir_.path().empty()); }

  std::unique_ptr<SqliteDb> Open(const SqliteDbOptions& options = {}) {
    auto db = SqliteDb::Open(dir_.path() / "test.db", options);
    EXPECT_TRUE(db.ok()) << db.status().ToString();
    return db.ok() ? std::move(db).value() : nullptr;
  }

  TestTempDir dir_;
};

TEST_F(SqliteDbTest, TextRoundTripsByteExact) {
  auto db = Open();
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT, n INTEGER)").ok());
  const std::string odd("nul\0 and \xff\xfe latin1 caf\xe9", 22);
  {
    auto insert = db->Prepare("INSERT INTO t (s, n) VALUES (?1, ?2)");
    ASSERT_TRUE(insert.ok());
    ASSERT_TRUE(insert->BindText(1, odd).BindInt(2, -(int64_t{1} << 40)).Run().ok());
    EXPECT_EQ(db->LastInsertRowid(), 1);
  }
  {
    auto insert = db->Prepare("INSERT INTO t (s, n) VALUES (?1, ?2)");  // the cached statement
    ASSERT_TRUE(insert.ok());
    ASSERT_TRUE(insert->BindText(1, "").BindNull(2).Run().ok());
  }
  auto select = db->Prepare("SELECT s, n, s IS NULL FROM t ORDER BY id");
  ASSERT_TRUE(select.ok());
  ASSERT_TRUE(*select->Step());
  EXPECT_EQ(select->ColumnText(0), odd);
  EXPECT_EQ(select->ColumnInt(1), -(int64_t{1} << 40));
  ASSERT_TRUE(*select->Step());
  EXPECT_EQ(select->ColumnText(0), "");
  EXPECT_EQ(select->ColumnInt(2), 0) << "an empty string is stored as '', not NULL";
  EXPECT_TRUE(select->ColumnIsNull(1));
  EXPECT_EQ(select->ColumnInt(1), 0);
  EXPECT_FALSE(*select->Step());
}

TEST_F(SqliteDbTest, AReleasedStatementStartsOver) {
  auto db = Open();
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->Exec("CREATE TABLE t (x); INSERT INTO t VALUES (1), (2);").ok());
  {
    auto select = db->Prepare("SELECT x FROM t ORDER BY x");
    ASSERT_TRUE(*select->Step());
    EXPECT_EQ(select->ColumnInt(0), 1);
  }  // released half-read
  auto select = db->Prepare("SELECT x FROM t ORDER BY x");
  ASSERT_TRUE(*select->Step());
  EXPECT_EQ(select->ColumnInt(0), 1);
  select->Reset();
  ASSERT_TRUE(*select->Step());
  EXPECT_EQ(select->ColumnInt(0), 1);
}

TEST_F(SqliteDbTest, ErrorsAreCategorized) {
  auto db = Open();
  ASSERT_TRUE(db);
  auto bad = db->Prepare("SELEC nonsense");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInternal);
  EXPECT_NE(bad.status().message().find("syntax error"), std::string::npos);

  ASSERT_TRUE(db->Exec("CREATE TABLE t (x INTEGER PRIMARY KEY)").ok());
  ASSERT_TRUE(db->Exec("INSERT INTO t VALUES (1)").ok());
  Status dup = db->Exec("INSERT INTO t VALUES (1)");
  EXPECT_EQ(dup.code(), StatusCode::kInvalidArgument) << dup.ToString();

  auto stmt = db->Prepare("SELECT ?1");
  ASSERT_TRUE(stmt.ok());
  stmt->BindInt(7, 1);  // no such parameter: reported by Step
  EXPECT_FALSE(stmt->Step().ok());
}

TEST_F(SqliteDbTest, TransactionRollsBackUnlessCommitted) {
  auto db = Open();
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->Exec("CREATE TABLE t (x)").ok());
  {
    auto txn = SqliteTxn::Begin(*db, SqliteTxn::Mode::kWrite);
    ASSERT_TRUE(txn.ok());
    EXPECT_TRUE(db->InTransaction());
    ASSERT_TRUE(db->Exec("INSERT INTO t VALUES (1)").ok());
  }
  EXPECT_FALSE(db->InTransaction());
  EXPECT_EQ(*db->QueryText("SELECT count(*) FROM t"), "0");
  {
    auto txn = SqliteTxn::Begin(*db, SqliteTxn::Mode::kWrite);
    ASSERT_TRUE(txn.ok());
    ASSERT_TRUE(db->Exec("INSERT INTO t VALUES (1)").ok());
    ASSERT_TRUE(txn->Commit().ok());
  }
  EXPECT_EQ(*db->QueryText("SELECT count(*) FROM t"), "1");
}

TEST_F(SqliteDbTest, WriterWaitsThenReportsBusy) {
  auto a = Open();
  SqliteDbOptions impatient;
  impatient.busy_timeout_ms = 50;
  auto b = Open(impatient);
  ASSERT_TRUE(a && b);
  ASSERT_TRUE(a->Exec("PRAGMA journal_mode = WAL; CREATE TABLE t (x)").ok());
  auto held = SqliteTxn::Begin(*a, SqliteTxn::Mode::kWrite);
  ASSERT_TRUE(held.ok());
  auto blocked = SqliteTxn::Begin(*b, SqliteTxn::Mode::kWrite);
  ASSERT_FALSE(blocked.ok());
  EXPECT_EQ(blocked.status().code(), StatusCode::kBusy) << blocked.status().ToString();
  // A reader is not blocked by the writer in WAL mode.
  auto read = SqliteTxn::Begin(*b, SqliteTxn::Mode::kRead);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(*b->QueryText("SELECT count(*) FROM t"), "0");
}

TEST_F(SqliteDbTest, NotADatabaseIsCorruption) {
  ASSERT_TRUE(WriteFileAtomic(dir_.path() / "test.db", std::string(4096, 'x')).ok());
  auto db = Open();
  ASSERT_TRUE(db);  // SQLite opens lazily
  auto v = db->QueryText("SELECT count(*) FROM sqlite_schema");
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.status().code(), StatusCode::kCorruption) << v.status().ToString();
}

TEST_F(SqliteDbTest, MissingDirectoryIsAnIoError) {
  auto db = SqliteDb::Open(dir_.path() / "no" / "such" / "dir" / "x.db");
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), StatusCode::kIoError) << db.status().ToString();
}

}  // namespace
}  // namespace cutover
