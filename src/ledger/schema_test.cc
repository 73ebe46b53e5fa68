#include "ledger/schema.h"

#include <gtest/gtest.h>

#include "ledger/sqlite_db.h"
#include "testing/temp_dir.h"

namespace cutover {
namespace {

constexpr Migration kV1[] = {{1, "create t",
                              "CREATE TABLE meta (name TEXT PRIMARY KEY, value "
                              "TEXT NOT NULL); CREATE TABLE t (a);"}};
constexpr Migration kV2[] = {kV1[0], {2, "add t.b", "ALTER TABLE t ADD COLUMN b DEFAULT 7;"}};

class SchemaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(dir_.path().empty());
    auto db = SqliteDb::Open(dir_.path() / "ledger.db");
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
  }
  std::string Query(std::string_view sql) {
    auto r = db_->QueryText(sql);
    return r.ok() ? *r : "error: " + r.status().ToString();
  }

  TestTempDir dir_;
  std::unique_ptr<SqliteDb> db_;
};

TEST_F(SchemaTest, CreatesTheLatestSchemaOnce) {
  EXPECT_EQ(*ReadSchemaVersion(*db_), 0);
  ASSERT_TRUE(MigrateSchema(*db_).ok());
  EXPECT_EQ(*ReadSchemaVersion(*db_), LatestLedgerSchemaVersion());
  EXPECT_EQ(Query("SELECT value FROM meta WHERE name = 'schema_version'"),
            std::to_string(LatestLedgerSchemaVersion()));
  for (const char* table : {"runs", "tasks", "executions", "execution_outputs", "comparisons",
                            "route_changes", "published", "published_outputs"}) {
    EXPECT_EQ(Query(std::string("SELECT count(*) FROM sqlite_schema WHERE name = '") + table + "'"),
              "1")
        << table;
  }
  ASSERT_TRUE(MigrateSchema(*db_).ok());  // already current: nothing to do
  EXPECT_EQ(*ReadSchemaVersion(*db_), LatestLedgerSchemaVersion());
}

TEST_F(SchemaTest, UpgradesKeepingData) {
  ASSERT_TRUE(MigrateSchema(*db_, kV1).ok());
  ASSERT_TRUE(db_->Exec("INSERT INTO t (a) VALUES ('kept')").ok());
  ASSERT_TRUE(MigrateSchema(*db_, kV2).ok());
  EXPECT_EQ(*ReadSchemaVersion(*db_), 2);
  EXPECT_EQ(Query("SELECT a || b FROM t"), "kept7");
}

TEST_F(SchemaTest, RefusesANewerSchema) {
  ASSERT_TRUE(MigrateSchema(*db_, kV2).ok());
  Status st = MigrateSchema(*db_, kV1);
  EXPECT_EQ(st.code(), StatusCode::kFailed);
  EXPECT_EQ(st.message(), "ledger " + (dir_.path() / "ledger.db").string() +
                              " has schema version 2, this cutover knows up to 1: upgrade cutover");
}

TEST_F(SchemaTest, AFailedMigrationChangesNothing) {
  constexpr Migration kBroken[] = {kV1[0], {2, "broken", "ALTER TABLE nope ADD COLUMN x;"}};
  Status st = MigrateSchema(*db_, kBroken);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("ledger migration 2 (broken)"), std::string::npos) << st.message();
  EXPECT_EQ(*ReadSchemaVersion(*db_), 0) << "migration 1 ran in the same, rolled-back transaction";
  EXPECT_EQ(Query("SELECT count(*) FROM sqlite_schema"), "0");
}

TEST_F(SchemaTest, RefusesADatabaseThatIsNotALedger) {
  ASSERT_TRUE(db_->Exec("CREATE TABLE someone_elses (x)").ok());
  Status st = MigrateSchema(*db_);
  EXPECT_EQ(st.code(), StatusCode::kCorruption);
  EXPECT_NE(st.message().find("not a cutover ledger"), std::string::npos) << st.message();
}

TEST_F(SchemaTest, RefusesABadVersionValue) {
  ASSERT_TRUE(MigrateSchema(*db_, kV1).ok());
  ASSERT_TRUE(db_->Exec("UPDATE meta SET value = 'x1' WHERE name = 'schema_version'").ok());
  EXPECT_EQ(ReadSchemaVersion(*db_).status().code(), StatusCode::kCorruption);
}

TEST_F(SchemaTest, MigrationsMustBeNumberedInOrder) {
  constexpr Migration kGap[] = {{2, "two", "SELECT 1;"}};
  EXPECT_EQ(MigrateSchema(*db_, kGap).code(), StatusCode::kInternal);
}

}  // namespace
}  // namespace cutover
