#include "compare/table_comparator.h"

#include <gtest/gtest.h>

#include "testing/temp_dir.h"

namespace cutover {
namespace {

using nlohmann::json;

Comparison TableRun(const json& options, std::string_view a, std::string_view b,
                    const std::string& ext = ".tsv") {
  TestTempDir dir;
  auto c = TableComparator::FromOptions(options);
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  return (*c)->Compare(dir.Write("a" + ext, a), dir.Write("b" + ext, b));
}

TEST(SplitRecordTest, CsvQuotingAndTsv) {
  std::vector<std::string> f;
  ASSERT_TRUE(SplitRecord(R"(a,"b,c","say ""hi""",,e)", ',', &f));
  EXPECT_EQ(f, (std::vector<std::string>{"a", "b,c", "say \"hi\"", "", "e"}));
  EXPECT_FALSE(SplitRecord(R"(a,"open)", ',', &f));
  ASSERT_TRUE(SplitRecord("x\t\"y\"\t", '\t', &f));
  EXPECT_EQ(f, (std::vector<std::string>{"x", "\"y\"", ""}));
}

TEST(TableComparatorTest, IdenticalAndColumnOrder) {
  EXPECT_EQ(TableRun(json::object(), "id\tv\n1\t2\n", "id\tv\n1\t2\n").outcome, Outcome::kMatch);
  Comparison c = TableRun(json::object(), "id\tv\n1\t2\n", "v\tid\n2\t1\n");
  EXPECT_EQ(c.outcome, Outcome::kNoise) << c.message;
  EXPECT_EQ(c.message, "differ only in column order");
}

TEST(TableComparatorTest, KeyedRowsInAnyOrderWithPerColumnCounts) {
  json keyed = {{"key", "sample"}};
  std::string a = "sample\treads\tgc\tnote\ns1\t100\t40\tok\ns2\t200\t41\tok\ns3\t300\t42\tok\n";
  std::string b = "sample\treads\tgc\tnote\ns3\t300\t43\tok\ns1\t101\t40\tok\ns4\t5\t1\tnew\n";
  Comparison c = TableRun(keyed, a, b);
  EXPECT_EQ(c.outcome, Outcome::kMismatch);
  EXPECT_EQ(c.counts["rows_legacy"], 3);
  EXPECT_EQ(c.counts["rows_new"], 3);
  EXPECT_EQ(c.counts["changed_rows"], 2);
  EXPECT_EQ(c.counts["only_legacy"], 1);
  EXPECT_EQ(c.counts["only_new"], 1);
  EXPECT_EQ(c.counts["per_column"], (json{{"gc", 1}, {"reads", 1}}));
  EXPECT_EQ(c.message,
            "2 changed rows (gc 1, reads 1); 1 only in legacy; 1 only in new, first at key s1");
  ASSERT_EQ(c.differences.size(), 4u);
  // In legacy line order: s1 (line 2), s2 (line 3), s3 (line 4); the new-only s4 (new line 4)
  // sorts after legacy's line 4.
  EXPECT_EQ(c.differences[0].location, "key s1");
  EXPECT_EQ(c.differences[0].legacy, "reads=100");
  EXPECT_EQ(c.differences[0].new_side, "reads=101");
  EXPECT_EQ(c.differences[1].location, "key s2");
  EXPECT_FALSE(c.differences[1].in_new);
  EXPECT_EQ(c.differences[2].location, "key s3");
  EXPECT_EQ(c.differences[3].location, "key s4");
  EXPECT_FALSE(c.differences[3].in_legacy);
  // Same rows shuffled: noise (row order), not match.
  Comparison shuffled = TableRun(json{{"key", "k"}}, "k\tv\na\t1\nb\t2\n", "k\tv\nb\t2\na\t1\n");
  EXPECT_EQ(shuffled.outcome, Outcome::kNoise);
  // Without a key, the shuffled rows differ.
  EXPECT_EQ(TableRun(json::object(), "k\tv\na\t1\nb\t2\n", "k\tv\nb\t2\na\t1\n").outcome,
            Outcome::kMismatch);
}

TEST(TableComparatorTest, ToleranceEdgesPerColumnAndDefault) {
  json tol = {{"tolerance", {{"gc", {{"absolute", 0.5}}}, {"default", {{"relative", 0.01}}}}}};
  std::string a = "gc\treads\n40.0\t1000\n";
  EXPECT_EQ(TableRun(tol, a, "gc\treads\n40.5\t1010\n").outcome, Outcome::kNoise);  // both at bound
  Comparison over = TableRun(tol, a, "gc\treads\n40.51\t1000\n");
  EXPECT_EQ(over.outcome, Outcome::kMismatch);
  EXPECT_EQ(over.counts["per_column"], (json{{"gc", 1}}));
  EXPECT_EQ(TableRun(tol, a, "gc\treads\n40\t1011\n").outcome, Outcome::kMismatch);  // 11 > 10.11
  // "40.0" vs "40": numerically equal, textually not: noise.
  Comparison fmt = TableRun(json::object(), "x\n40.0\n", "x\n40\n");
  EXPECT_EQ(fmt.outcome, Outcome::kNoise);
  EXPECT_EQ(fmt.counts["within_tolerance"], 1);
  EXPECT_EQ(TableRun(json{{"tolerance", 1}}, "x\nabc\n", "x\nabd\n").outcome, Outcome::kMismatch);
}

TEST(TableComparatorTest, IgnoredColumnsAndMissingColumns) {
  json ign = {{"ignore_columns", "when"}};
  Comparison c = TableRun(ign, "id,when\n1,mon\n", "id,when\n1,tue\n", ".csv");
  EXPECT_EQ(c.outcome, Outcome::kNoise);
  EXPECT_EQ(c.message, "differ only in ignored columns (1 cells)");
  Comparison cols = TableRun(json::object(), "id,a\n1,2\n", "id,b\n1,2\n", ".csv");
  EXPECT_EQ(cols.outcome, Outcome::kMismatch);
  EXPECT_EQ(cols.counts["columns_only_legacy"], json::array({"a"}));
  EXPECT_EQ(cols.counts["columns_only_new"], json::array({"b"}));
  EXPECT_EQ(cols.differences.at(0).location, "header");
}

TEST(TableComparatorTest, CsvQuotedFieldsSpanningLines) {
  std::string a = "id,text\n1,\"line one\nline two\"\n2,x\n";
  EXPECT_EQ(TableRun(json{{"key", "id"}}, a, a, ".csv").outcome, Outcome::kMatch);
  Comparison c = TableRun(json{{"key", "id"}}, a, "id,text\n2,x\n1,\"line one\nline 2\"\n", ".csv");
  EXPECT_EQ(c.outcome, Outcome::kMismatch);
  EXPECT_EQ(c.counts["per_column"], (json{{"text", 1}}));
}

TEST(TableComparatorTest, MalformedInputIsAnErrorNamingThePlace) {
  TestTempDir dir;
  auto cmp = TableComparator::FromOptions(json{{"key", "id"}});
  auto ok = dir.Write("ok.tsv", "id\tv\n1\t2\n");
  auto short_row = dir.Write("short.tsv", "id\tv\n1\t2\n3\n");
  Comparison e = (*cmp)->Compare(ok, short_row);
  EXPECT_EQ(e.outcome, Outcome::kError);
  EXPECT_NE(e.message.find(short_row.string() + ": line 3: 1 fields, the header has 2"),
            std::string::npos)
      << e.message;
  auto open_quote = dir.Write("q.csv", "id,v\n1,\"abc\n");
  Comparison q = (*cmp)->Compare(open_quote, dir.Write("ok.csv", "id,v\n1,2\n"));
  EXPECT_EQ(q.outcome, Outcome::kError);
  EXPECT_NE(q.message.find("line 2: unterminated quoted field"), std::string::npos) << q.message;
  auto dup = dir.Write("dup.tsv", "id\tv\n1\t2\n1\t3\n");
  Comparison d = (*cmp)->Compare(dup, ok);
  EXPECT_EQ(d.outcome, Outcome::kError);
  EXPECT_NE(d.message.find("key 1 on lines 2 and 3"), std::string::npos) << d.message;
  Comparison nokey = (*cmp)->Compare(dir.Write("nokey.tsv", "x\tv\n1\t2\n"), ok);
  EXPECT_EQ(nokey.outcome, Outcome::kError);
  EXPECT_NE(nokey.message.find("key column 'id' is not in the header of legacy"), std::string::npos);
  auto gz = dir.WriteGzip("cut.tsv.gz", "id\tv\n" + std::string(200000, '1') + "\t2\n");
  TestTempDir::CutTail(gz, 20);
  Comparison t = (*cmp)->Compare(ok, gz);
  EXPECT_EQ(t.outcome, Outcome::kError);
  EXPECT_NE(t.message.find(gz.string()), std::string::npos) << t.message;
  EXPECT_EQ((*cmp)->Compare(dir.Write("empty.tsv", ""), ok).outcome, Outcome::kError);
}

TEST(TableComparatorTest, PartitionedPassesGiveTheSameAnswer) {
  std::string a = "id\tv\n", b = "id\tv\n";
  for (int i = 0; i < 300; ++i) a += std::to_string(i) + "\t" + std::to_string(i * 2) + "\n";
  for (int i = 299; i >= 1; --i) {
    b += std::to_string(i) + "\t" + std::to_string(i == 150 ? 7 : i * 2) + "\n";
  }
  b += "900\t1\n";
  TestTempDir dir;
  auto pa = dir.Write("a.tsv", a);
  auto pb = dir.Write("b.tsv", b);
  TableOptions small;
  small.key = {"id"};
  small.rows_per_pass = 50;
  TableOptions big = small;
  big.rows_per_pass = 1000000;
  Comparison c1 = TableComparator(big).Compare(pa, pb);
  Comparison c2 = TableComparator(small).Compare(pa, pb);
  EXPECT_EQ(c1.counts["passes"], 1);
  EXPECT_GE(c2.counts["passes"], 16);
  for (const Comparison* c : {&c1, &c2}) {
    EXPECT_EQ(c->outcome, Outcome::kMismatch);
    EXPECT_EQ(c->counts["only_legacy"], 1);
    EXPECT_EQ(c->counts["only_new"], 1);
    EXPECT_EQ(c->counts["changed_rows"], 1);
    ASSERT_EQ(c->differences.size(), 3u);
    EXPECT_EQ(c->differences[0].location, "key 0");
    EXPECT_EQ(c->differences[1].location, "key 150");
    EXPECT_EQ(c->differences[2].location, "key 900");
  }
}

TEST(TableComparatorTest, DifferenceCapListsTheFirstRowsWhateverThePasses) {
  // 200 rows, every 10th changed, in reverse order on the new side: the first three by legacy
  // line are listed, however the partitions meet them.
  std::string a = "id\tv\n", b = "id\tv\n";
  for (int i = 0; i < 200; ++i) a += std::to_string(i) + "\tx\n";
  for (int i = 199; i >= 0; --i) b += std::to_string(i) + (i % 10 == 3 ? "\ty\n" : "\tx\n");
  TestTempDir dir;
  auto pa = dir.Write("a.tsv", a);
  auto pb = dir.Write("b.tsv", b);
  TableOptions options;
  options.key = {"id"};
  options.max_differences = 3;
  for (int64_t rows_per_pass : {1000000, 20}) {
    options.rows_per_pass = rows_per_pass;
    Comparison c = TableComparator(options).Compare(pa, pb);
    EXPECT_EQ(c.outcome, Outcome::kMismatch);
    EXPECT_EQ(c.counts["changed_rows"], 20);
    ASSERT_EQ(c.differences.size(), 3u) << rows_per_pass;
    EXPECT_EQ(c.differences[0].location, "key 3");
    EXPECT_EQ(c.differences[1].location, "key 13");
    EXPECT_EQ(c.differences[2].location, "key 23");
    EXPECT_EQ(c.differences[0].legacy, "v=x");
    EXPECT_EQ(c.differences[0].new_side, "v=y");
    EXPECT_EQ(c.counts["passes"] == 1, rows_per_pass == 1000000);
  }
}

TEST(TableComparatorTest, CommentLinesAndLinesBeforeTheHeaderAreSkipped) {
  // A report with a preamble: the legacy side stamps its command line as a comment, the new
  // side another; comments may sit anywhere, before the header too.
  const std::string a = "report v1\n# normalize.ipynb run 2026-11-02\nid\tv\n1\t2\n# end\n";
  const std::string b = "report v2\n# normalize.py run 2026-11-03\nid\tv\n# rows\n1\t2\n";
  Comparison c = TableRun({{"comment", "#"}, {"skip_lines", 1}}, a, b);
  EXPECT_EQ(c.outcome, Outcome::kMatch) << c.message;
  // Without them the preamble is read as the header: an error naming the row that does not fit.
  Comparison raw = TableRun(json::object(), a, b);
  EXPECT_EQ(raw.outcome, Outcome::kError) << raw.message;
  // A real difference is still found, on the line it is on.
  Comparison diff = TableRun({{"comment", "#"}, {"skip_lines", 1}}, a,
                             "x\n# c\nid\tv\n# rows\n1\t3\n");
  EXPECT_EQ(diff.outcome, Outcome::kMismatch) << diff.message;
  // Fewer lines than skip_lines: no header, an error saying so.
  Comparison short_file = TableRun({{"skip_lines", 9}}, a, b);
  EXPECT_EQ(short_file.outcome, Outcome::kError);
  EXPECT_NE(short_file.message.find("5 lines, fewer than skip_lines (9)"), std::string::npos)
      << short_file.message;
  Comparison no_header = TableRun({{"skip_lines", 5}}, a, b);
  EXPECT_NE(no_header.message.find("no header line after the 5 lines of skip_lines"),
            std::string::npos)
      << no_header.message;
}

TEST(TableComparatorTest, ToleranceWrittenAsForJsonIsTheDefaultOfEveryColumn) {
  // {relative: ...} is the tolerance of every numeric column, not a column named "relative".
  auto parsed = ParseTableOptions({{"tolerance", {{"relative", 1e-3}}}});
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_DOUBLE_EQ(parsed->default_tolerance.relative, 1e-3);
  EXPECT_TRUE(parsed->tolerances.empty());
  Comparison c = TableRun({{"tolerance", {{"relative", 1e-3}}}}, "id\tv\n1\t1000\n",
                          "id\tv\n1\t1000.9\n");
  EXPECT_EQ(c.outcome, Outcome::kNoise) << c.message;
  Comparison beyond = TableRun({{"tolerance", {{"relative", 1e-3}, {"absolute", 0}}}},
                               "id\tv\n1\t1000\n", "id\tv\n1\t1001.1\n");
  EXPECT_EQ(beyond.outcome, Outcome::kMismatch) << beyond.message;
  // Per column (a mapping of columns) still works, with `default`.
  auto per_column = ParseTableOptions({{"tolerance", {{"v", {{"relative", 0.1}}}, {"default", 1}}}});
  ASSERT_TRUE(per_column.ok());
  EXPECT_DOUBLE_EQ(per_column->tolerances.at("v").relative, 0.1);
  EXPECT_DOUBLE_EQ(per_column->default_tolerance.absolute, 1);
}

TEST(TableComparatorTest, BadOptions) {
  EXPECT_FALSE(TableComparator::FromOptions({{"comment", ""}}).ok());
  EXPECT_FALSE(TableComparator::FromOptions({{"comment", 3}}).ok());
  EXPECT_FALSE(TableComparator::FromOptions({{"skip_lines", -1}}).ok());
  EXPECT_FALSE(TableComparator::FromOptions({{"tolerance", {{"relative", -1}}}}).ok());
  EXPECT_FALSE(TableComparator::FromOptions({{"delimiter", "pipe"}}).ok());
  EXPECT_FALSE(TableComparator::FromOptions({{"tolerance", {{"gc", {{"abs", 1}}}}}}).ok());
  EXPECT_FALSE(TableComparator::FromOptions({{"key", "a"}, {"ignore_columns", "a"}}).ok());
  EXPECT_FALSE(TableComparator::FromOptions({{"keys", "a"}}).ok());
}

}  // namespace
}  // namespace cutover
