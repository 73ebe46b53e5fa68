#include "ledger/ledger_copy.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <gtest/gtest.h>

#include "ledger/open_ledger.h"
#include "ledger/test_backend.h"

namespace cutover {
namespace {

// Every row of every table, in key order, as text (bytes shown in hex).
std::string DumpTables(SqlDb& db) {
  std::string out;
  for (const LedgerTable& t : LedgerTables()) {
    std::vector<std::string_view> names;
    for (const LedgerColumn& c : t.columns) names.push_back(c.name);
    auto stmt = db.Prepare(fmt::format("SELECT {} FROM {} ORDER BY {}", fmt::join(names, ", "),
                                       t.name, t.order_by));
    if (!stmt.ok()) return stmt.status().ToString();
    out += fmt::format("== {}\n", t.name);
    while (true) {
      auto row = stmt->Step();
      if (!row.ok()) return row.status().ToString();
      if (!*row) break;
      for (size_t i = 0; i < t.columns.size(); ++i) {
        const int c = static_cast<int>(i);
        if (stmt->ColumnIsNull(c)) {
          out += "NULL";
        } else if (t.columns[i].kind == LedgerColumn::Kind::kInt) {
          out += std::to_string(stmt->ColumnInt(c));
        } else {
          for (unsigned char ch : stmt->ColumnText(c)) out += fmt::format("{:02x}", ch);
        }
        out += '|';
      }
      out += '\n';
    }
  }
  return out;
}

// A ledger with a row in every table, the awkward values included.
void Fill(Ledger& ledger) {
  RunRecord run{0, "cutover run -j 2", "alice", "lab-1", 42, 1000, 0, RunStatus::kRunning};
  int64_t run_id = *ledger.BeginRun(run);
  TaskRecord task;
  task.run_id = run_id;
  task.step = "qc";
  task.sample = "s1 with 'quotes'\tand a tab";
  task.route = Route{RouteMode::kCanary, 30};
  task.error = std::string("bad\0bytes\xff\n", 11);
  task.inputs = {{"reads", "/data/s1.fq.gz", 1234, "xxh3-128:aa"}};
  int64_t task_id = *ledger.BeginTask(task);
  TaskRecord replay = task;
  replay.purpose = TaskPurpose::kReplay;
  replay.replay_of = task_id;
  replay.inputs.clear();
  (void)*ledger.BeginTask(replay);
  ExecutionRecord e;
  e.task_id = task_id;
  e.step = "qc";
  e.sample = task.sample;
  e.side = Side::kNew;
  e.argv = {"cutover", "qc", "latin1 caf\xe9", "back\\slash"};
  e.stderr_tail = std::string("line 1\r\nNUL \0 here \\N\n", 22);
  e.outputs = {{"html", "results/s1.html", 10, "xxh3:1"}, {"zip", "results/s1.zip", 20, "xxh3:2"}};
  int64_t exec_id = *ledger.BeginExecution(e);
  ComparisonRecord c;
  c.task_id = task_id;
  c.step = "qc";
  c.sample = task.sample;
  c.output = "html";
  c.comparator = "text";
  c.outcome = Outcome::kMismatch;
  c.summary = {{"lines", 3}, {"text", "caf\xc3\xa9"}};
  c.new_execution_id = exec_id;
  int64_t cmp = *ledger.RecordComparison(c);
  (void)*ledger.AcceptComparison(cmp, 2000, "bob", "dates differ");
  RouteChange change;
  change.step = "qc";
  change.to = Route{RouteMode::kShadow, 0};
  change.user = "alice";
  change.reason = "start";
  change.evidence = {{"gate", "ok"}};
  (void)*ledger.ChangeRoute(change);
  CalibrationRecord cal;
  cal.step = "qc";
  cal.sample = "s1";
  cal.runs = 3;
  cal.proposal = {{"html", "text"}};
  cal.details = nlohmann::json::array();
  (void)*ledger.RecordCalibration(cal);
  PublishedRecord p{"qc", task.sample, task_id, "fp", {{"html", "results/s1.html", 10, 99, "d"}}, 5};
  ASSERT_TRUE(ledger.RecordPublished(p).ok());
}

TEST(LedgerCopyTest, TheTableListCoversEveryColumnOfTheSchema) {
  TestLedgerBackend backend(SqlBackend::kSqlite);
  auto db = OpenLedgerDb(backend.url());
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  size_t tables = 0;
  for (const LedgerTable& t : LedgerTables()) {
    ++tables;
    EXPECT_EQ(*(*db)->QueryText(fmt::format("SELECT count(*) FROM pragma_table_info('{}')", t.name)),
              std::to_string(t.columns.size()))
        << t.name;
  }
  EXPECT_EQ(*(*db)->QueryText("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND "
                              "name NOT IN ('meta') AND name NOT LIKE 'sqlite_%'"),
            std::to_string(tables));
}

TEST(LedgerCopyTest, SqliteToPostgresAndBackLosesNothing) {
  TestLedgerBackend source(SqlBackend::kSqlite);
  TestLedgerBackend middle(SqlBackend::kPostgres);
  TestLedgerBackend back(SqlBackend::kSqlite);
  if (!middle.available()) GTEST_SKIP() << middle.message();
  {
    auto ledger = source.Open();
    ASSERT_TRUE(ledger.ok()) << ledger.status().ToString();
    Fill(**ledger);
  }
  auto from = OpenLedgerDb(source.url());
  auto pg = OpenLedgerDb(middle.url());
  auto to = OpenLedgerDb(back.url());
  ASSERT_TRUE(from.ok() && pg.ok() && to.ok());

  auto there = CopyLedger(**from, **pg, {});
  ASSERT_TRUE(there.ok()) << there.status().ToString();
  EXPECT_EQ(there->at("tasks"), 2);
  EXPECT_EQ(there->at("execution_outputs"), 2);
  auto home = CopyLedger(**pg, **to, {});
  ASSERT_TRUE(home.ok()) << home.status().ToString();
  EXPECT_EQ(*there, *home);

  const std::string original = DumpTables(**from);
  EXPECT_NE(original.find("== published_outputs\n"), std::string::npos);
  EXPECT_EQ(DumpTables(**pg), original);
  EXPECT_EQ(DumpTables(**to), original);

  // The copies are ledgers: records read back equal, and new ids follow the copied ones.
  auto a = source.Open();
  auto b = middle.Open();
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ((*b)->GetExecution(1)->stderr_tail, (*a)->GetExecution(1)->stderr_tail);
  EXPECT_EQ((*b)->GetTask(1)->error, (*a)->GetTask(1)->error);
  EXPECT_EQ((*b)->GetTask(2)->replay_of, 1);
  EXPECT_EQ((*b)->GetComparison(1)->accept_reason, "dates differ");
  EXPECT_EQ(*(*b)->GetRoute("qc"), (Route{RouteMode::kShadow, 0}));
  RunRecord run;
  run.command = "after the copy";
  EXPECT_EQ(*(*b)->BeginRun(run), 2);
  TaskRecord t;
  t.step = "qc";
  EXPECT_EQ(*(*b)->BeginTask(t), 3);
}

TEST(LedgerCopyTest, RefusesANonEmptyTargetUnlessToldToReplaceIt) {
  for (SqlBackend target : {SqlBackend::kSqlite, SqlBackend::kPostgres}) {
    TestLedgerBackend source(SqlBackend::kSqlite);
    TestLedgerBackend dest(target);
    if (!dest.available()) GTEST_SKIP() << dest.message();
    {
      auto ledger = source.Open();
      ASSERT_TRUE(ledger.ok());
      Fill(**ledger);
      auto other = dest.Open();
      ASSERT_TRUE(other.ok());
      RunRecord run;
      run.command = "already here";
      ASSERT_TRUE((*other)->BeginRun(run).ok());
    }
    auto from = OpenLedgerDb(source.url());
    auto to = OpenLedgerDb(dest.url());
    ASSERT_TRUE(from.ok() && to.ok());
    auto refused = CopyLedger(**from, **to, {});
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.status().code(), StatusCode::kFailed);
    EXPECT_NE(refused.status().message().find("is not empty (1 runs)"), std::string::npos)
        << refused.status().message();
    EXPECT_EQ(*(*to)->QueryText("SELECT command FROM runs"), "already here");

    auto replaced = CopyLedger(**from, **to, {.replace = true});
    ASSERT_TRUE(replaced.ok()) << replaced.status().ToString();
    EXPECT_EQ(DumpTables(**to), DumpTables(**from)) << BackendName(target);
  }
}

}  // namespace
}  // namespace cutover
