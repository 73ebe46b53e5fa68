#include "compare/fastqc_comparator.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>
#include <zip.h>
#include <zlib.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "testing/beside_binary.h"
#include "testing/temp_dir.h"
#include "util/strings.h"

namespace cutover {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// ---- a real FastQC report, made once per build directory ----

constexpr const char* kReads = "/usr/share/doc/trim-galore/examples/smallRNA_100K.fastq.gz";
constexpr int kReadCount = 1000;

bool OnPath(const std::string& program) {
  const char* path = getenv("PATH");
  for (const std::string& dir : [&] {
         std::vector<std::string> dirs;
         std::string_view rest = path == nullptr ? "" : path;
         while (!rest.empty()) {
           size_t colon = rest.find(':');
           dirs.emplace_back(rest.substr(0, colon));
           rest.remove_prefix(colon == std::string_view::npos ? rest.size() : colon + 1);
         }
         return dirs;
       }()) {
    if (!dir.empty() && ::access((fs::path(dir) / program).c_str(), X_OK) == 0) return true;
  }
  return false;
}

// Writes the first `reads` records of the gzip FASTQ `from` to `to`, gzip-compressed.
bool CutReads(const char* from, const fs::path& to, int reads) {
  gzFile in = gzopen(from, "rb");
  if (in == nullptr) return false;
  gzFile out = gzopen(to.c_str(), "wb");
  char line[4096];
  int lines = 0;
  while (lines < 4 * reads && gzgets(in, line, sizeof line) != nullptr) {
    gzputs(out, line);
    ++lines;
  }
  gzclose(in);
  return gzclose(out) == Z_OK && lines == 4 * reads;
}

// Runs the installed FastQC 0.11.9 on 1000 small-RNA reads (Debian trim-galore's example) into
// CUTOVER_TEST_CACHE_DIR/fastqc-srna, unless an earlier test process already did: srna_fastqc.zip
// and the extracted srna_fastqc/ folder. Concurrent test processes each run FastQC in a private
// folder and rename it into place; the first rename wins.
class FastqcGoldenTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!OnPath("fastqc")) {
      problem_ = "skip: fastqc is not installed";
      return;
    }
    const fs::path cache = BesideTestBinary(CUTOVER_TEST_CACHE_DIR) / "fastqc-srna";
    dir_ = cache;
    if (fs::exists(cache / "srna_fastqc" / "fastqc_data.txt")) return;
    fs::create_directories(cache.parent_path());
    std::string tmpl = (cache.parent_path() / "fastqc-srna.tmp.XXXXXX").string();
    if (mkdtemp(tmpl.data()) == nullptr) {
      problem_ = "mkdtemp failed";
      return;
    }
    const fs::path tmp = tmpl;
    if (!CutReads(kReads, tmp / "srna.fq.gz", kReadCount)) {
      problem_ = fmt::format("cannot cut {} reads from {}", kReadCount, kReads);
      return;
    }
    std::string command =
        fmt::format("fastqc -q --extract -o {} {} >{} 2>&1", ShellQuote(tmp.string()),
                    ShellQuote((tmp / "srna.fq.gz").string()), ShellQuote((tmp / "log").string()));
    if (std::system(command.c_str()) != 0) {
      problem_ = "fastqc failed: " + command;
      return;
    }
    std::error_code ec;
    fs::rename(tmp, cache, ec);
    if (ec) fs::remove_all(tmp, ec);  // another test process got there first
  }
  void SetUp() override {
    if (problem_.starts_with("skip: ")) GTEST_SKIP() << problem_;
    ASSERT_EQ(problem_, "");
  }

  static fs::path Zip() { return dir_ / "srna_fastqc.zip"; }
  static fs::path Folder() { return dir_ / "srna_fastqc"; }
  static fs::path DataFile() { return Folder() / "fastqc_data.txt"; }
  static std::string Data() {
    std::ifstream in(DataFile(), std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

  // Set once by SetUpTestSuite.
  static inline std::string problem_;  // "" when the report is ready
  static inline fs::path dir_;         // holding srna_fastqc.zip and srna_fastqc/
};

// ---- editing a report's text ----

// `text` with the first `from` replaced by `to`; fails the test if `from` is absent.
std::string Replace(std::string text, std::string_view from, std::string_view to) {
  size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "not in the report: " << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// `text` with cell `column` of the row of `module` whose first cell is `first` set to `value`.
std::string SetCell(std::string text, std::string_view module, std::string_view first,
                    size_t column, std::string_view value) {
  size_t start = text.find(fmt::format(">>{}\t", module));
  EXPECT_NE(start, std::string::npos) << module;
  if (start == std::string::npos) return text;
  size_t row = text.find(fmt::format("\n{}\t", first), start);
  size_t end = text.find(">>END_MODULE", start);
  EXPECT_LT(row, end) << module << " has no row " << first;
  if (row >= end) return text;
  ++row;
  size_t eol = text.find('\n', row);
  std::vector<std::string> cells;
  std::string_view line(text.data() + row, eol - row);
  while (true) {
    size_t tab = line.find('\t');
    cells.emplace_back(line.substr(0, tab));
    if (tab == std::string_view::npos) break;
    line.remove_prefix(tab + 1);
  }
  EXPECT_LT(column, cells.size());
  if (column >= cells.size()) return text;
  cells[column] = value;
  text.replace(row, eol - row, Join(cells, "\t"));
  return text;
}

// `text` without the module `name` (its lines from ">>name" to its ">>END_MODULE").
std::string DropModule(std::string text, std::string_view name) {
  size_t start = text.find(fmt::format(">>{}\t", name));
  EXPECT_NE(start, std::string::npos) << name;
  if (start == std::string::npos) return text;
  size_t end = text.find(">>END_MODULE\n", start) + std::string_view(">>END_MODULE\n").size();
  text.erase(start, end - start);
  return text;
}

// The cell as a number, plus `delta`, written back as text.
std::string Plus(std::string_view cell, double delta) {
  return fmt::format("{}", std::stod(std::string(cell)) + delta);
}

std::unique_ptr<Comparator> Fastqc(const json& options = json::object()) {
  auto c = FastqcComparator::FromOptions(options);
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  return c.ok() ? std::move(c).value() : nullptr;
}

// ---- golden cases: real FastQC output, edited ----

TEST_F(FastqcGoldenTest, RealReportParses) {
  auto r = ReadFastqcReport(Zip(), 1 << 20);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->version, "0.11.9");
  std::vector<std::string> names;
  for (const FastqcModule& m : r->modules) names.push_back(m.name);
  EXPECT_EQ(names,
            (std::vector<std::string>{
                "Basic Statistics", "Per base sequence quality", "Per tile sequence quality",
                "Per sequence quality scores", "Per base sequence content",
                "Per sequence GC content", "Per base N content", "Sequence Length Distribution",
                "Sequence Duplication Levels", "Overrepresented sequences", "Adapter Content"}));
  const FastqcModule* basic = r->Find("Basic Statistics");
  ASSERT_NE(basic, nullptr);
  EXPECT_EQ(basic->rows.at(0).cells, (std::vector<std::string>{"Filename", "srna.fq.gz"}));
  EXPECT_EQ(basic->rows.at(3).cells,
            (std::vector<std::string>{"Total Sequences", std::to_string(kReadCount)}));
  const FastqcModule* dup = r->Find("Sequence Duplication Levels");
  ASSERT_NE(dup, nullptr);
  ASSERT_EQ(dup->comments.size(), 2u);
  EXPECT_EQ(dup->comments[0].cells.at(0), "Total Deduplicated Percentage");
  EXPECT_EQ(dup->columns().size(), 3u);
  const FastqcModule* quality = r->Find("Per base sequence quality");
  ASSERT_NE(quality, nullptr);
  EXPECT_EQ(quality->rows.size(), 51u);  // 51 bp reads: one row per base, no grouping
  EXPECT_EQ(r->Find("Overrepresented sequences")->columns().size(), 4u);
}

TEST_F(FastqcGoldenTest, ZipFolderAndDataFileOfOneReportMatch) {
  for (const auto& [a, b] : std::vector<std::pair<fs::path, fs::path>>{
           {Zip(), Folder()}, {Folder(), DataFile()}, {DataFile(), Zip()}, {Zip(), Zip()}}) {
    Comparison c = Fastqc()->Compare(a, b);
    EXPECT_EQ(c.outcome, Outcome::kMatch) << a << " vs " << b << ": " << c.message;
    EXPECT_EQ(c.message, "identical");
    EXPECT_EQ(c.counts["modules_legacy"], 11);
    EXPECT_EQ(c.counts["modules_new"], 11);
    EXPECT_EQ(c.counts["modules_differing"], 0);
    EXPECT_EQ(c.counts["rows_differing"], 0);
    EXPECT_EQ(c.counts["per_module"], json::object());
    EXPECT_TRUE(c.differences.empty());
  }
}

TEST_F(FastqcGoldenTest, RenamedZipIsFoundByItsOnlyDataMember) {
  TestTempDir dir;
  fs::copy_file(Zip(), dir.path() / "sample1.zip");
  Comparison c = Fastqc()->Compare(Zip(), dir.path() / "sample1.zip");
  EXPECT_EQ(c.outcome, Outcome::kMatch) << c.message;
}

TEST_F(FastqcGoldenTest, VersionAndFilenameAreIgnoredByDefault) {
  TestTempDir dir;
  std::string text = Replace(Data(), "##FastQC\t0.11.9", "##FastQC\t0.12.1");
  text = Replace(text, "Filename\tsrna.fq.gz", "Filename\tsample1.fastq.gz");
  Comparison c = Fastqc()->Compare(Zip(), dir.Write("fastqc_data.txt", text));
  EXPECT_EQ(c.outcome, Outcome::kMatch) << c.message;
  EXPECT_EQ(c.message,
            "identical apart from the FastQC version (0.11.9 / 0.12.1) and the Filename");
}

TEST_F(FastqcGoldenTest, ChangedValueIsAMismatchUnlessWithinTolerance) {
  TestTempDir dir;
  auto legacy = ReadFastqcReport(DataFile(), 1 << 20);
  ASSERT_TRUE(legacy.ok());
  // Per base sequence quality, base 10, Mean (column 1).
  const std::string mean = legacy->Find("Per base sequence quality")->rows.at(9).cells.at(1);
  const std::string text = Data();
  auto fresh =
      dir.Write("near.txt", SetCell(text, "Per base sequence quality", "10", 1, Plus(mean, 0.005)));

  Comparison exact = Fastqc()->Compare(Zip(), fresh);
  EXPECT_EQ(exact.outcome, Outcome::kMismatch);
  EXPECT_EQ(exact.message,
            "1 module differs (1 row), first at Per base sequence quality / row 10 (base 10)");
  EXPECT_EQ(exact.counts["modules_differing"], 1);
  EXPECT_EQ(exact.counts["rows_differing"], 1);
  EXPECT_EQ(exact.counts["per_module"], (json{{"Per base sequence quality", 1}}));
  ASSERT_EQ(exact.differences.size(), 1u);
  EXPECT_EQ(exact.differences[0].location, "Per base sequence quality / row 10 (base 10)");
  EXPECT_TRUE(exact.differences[0].legacy.starts_with("10\t" + mean + "\t"))
      << exact.differences[0].legacy;
  EXPECT_TRUE(exact.differences[0].new_side.starts_with("10\t" + Plus(mean, 0.005) + "\t"));

  Comparison tolerant = Fastqc({{"tolerance", {{"absolute", 0.01}}}})->Compare(Zip(), fresh);
  EXPECT_EQ(tolerant.outcome, Outcome::kNoise) << tolerant.message;
  EXPECT_EQ(tolerant.message, "differ only within tolerance (1 row)");
  EXPECT_EQ(tolerant.counts["rows_within_tolerance"], 1);
  EXPECT_EQ(tolerant.counts["rows_differing"], 0);
  EXPECT_TRUE(tolerant.differences.empty());

  auto far =
      dir.Write("far.txt", SetCell(text, "Per base sequence quality", "10", 1, Plus(mean, 0.5)));
  Comparison outside = Fastqc({{"tolerance", {{"absolute", 0.01}}}})->Compare(Zip(), far);
  EXPECT_EQ(outside.outcome, Outcome::kMismatch) << outside.message;
}

TEST_F(FastqcGoldenTest, RelativeAndPerModuleTolerance) {
  TestTempDir dir;
  // Sequence Length Distribution: 51 bp, 1000.0 reads. 1000.0 -> 1004.0 is 0.4 % off.
  auto fresh =
      dir.Write("d.txt", SetCell(Data(), "Sequence Length Distribution", "51", 1, "1004.0"));
  EXPECT_EQ(Fastqc({{"tolerance", {{"relative", 0.005}}}})->Compare(Zip(), fresh).outcome,
            Outcome::kNoise);
  EXPECT_EQ(Fastqc({{"tolerance", {{"relative", 0.003}}}})->Compare(Zip(), fresh).outcome,
            Outcome::kMismatch);
  json per_module = {{"modules", {{"Sequence Length Distribution", {{"absolute", 5}}}}}};
  EXPECT_EQ(Fastqc(per_module)->Compare(Zip(), fresh).outcome, Outcome::kNoise);
  json other_module = {{"modules", {{"Per base N content", {{"absolute", 5}}}}}};
  Comparison c = Fastqc(other_module)->Compare(Zip(), fresh);
  EXPECT_EQ(c.outcome, Outcome::kMismatch);
  EXPECT_EQ(c.differences.at(0).location, "Sequence Length Distribution / row 1 (length 51)");
  // A module's own entry overrides the default tolerance, fields it omits are inherited.
  json tighter = {{"tolerance", {{"absolute", 5}}},
                  {"modules", {{"Sequence Length Distribution", {{"absolute", 1}}}}}};
  EXPECT_EQ(Fastqc(tighter)->Compare(Zip(), fresh).outcome, Outcome::kMismatch);
  json inherited = {{"tolerance", {{"absolute", 5}}},
                    {"modules", {{"Sequence Length Distribution", {{"relative", 0}}}}}};
  EXPECT_EQ(Fastqc(inherited)->Compare(Zip(), fresh).outcome, Outcome::kNoise);
}

TEST_F(FastqcGoldenTest, VerdictDifferenceIsAlwaysAMismatch) {
  TestTempDir dir;
  auto fresh =
      dir.Write("v.txt", Replace(Data(), ">>Adapter Content\tfail", ">>Adapter Content\twarn"));
  json lenient = {{"tolerance", {{"absolute", 1e9}, {"relative", 1}}}};
  for (const json& options : {json::object(), lenient}) {
    Comparison c = Fastqc(options)->Compare(Zip(), fresh);
    EXPECT_EQ(c.outcome, Outcome::kMismatch) << c.message;
    EXPECT_EQ(c.message, "1 module differs (1 verdict), first at Adapter Content: verdict");
    EXPECT_EQ(c.counts["verdicts_differing"], 1);
    EXPECT_EQ(c.counts["rows_differing"], 0);
    ASSERT_EQ(c.differences.size(), 1u);
    EXPECT_EQ(c.differences[0].location, "Adapter Content: verdict");
    EXPECT_EQ(c.differences[0].legacy, "fail");
    EXPECT_EQ(c.differences[0].new_side, "warn");
  }
  // Only ignoring the whole module hides it.
  EXPECT_EQ(Fastqc({{"ignore_modules", {"Adapter Content"}}})->Compare(Zip(), fresh).outcome,
            Outcome::kNoise);
}

TEST_F(FastqcGoldenTest, MissingModule) {
  TestTempDir dir;
  auto fresh = dir.Write("m.txt", DropModule(Data(), "Per tile sequence quality"));
  Comparison c = Fastqc()->Compare(Zip(), fresh);
  EXPECT_EQ(c.outcome, Outcome::kMismatch);
  EXPECT_EQ(c.message, "1 module differs (1 only in legacy), first at Per tile sequence quality");
  EXPECT_EQ(c.counts["modules_new"], 10);
  ASSERT_EQ(c.differences.size(), 1u);
  EXPECT_EQ(c.differences[0].location, "Per tile sequence quality");
  EXPECT_EQ(c.differences[0].legacy, ">>Per tile sequence quality\tpass (51 rows)");
  EXPECT_FALSE(c.differences[0].in_new);

  Comparison reverse = Fastqc()->Compare(fresh, Zip());
  EXPECT_EQ(reverse.message,
            "1 module differs (1 only in new), first at Per tile sequence quality");
  EXPECT_FALSE(reverse.differences.at(0).in_legacy);

  Comparison ignored =
      Fastqc({{"ignore_modules", "Per tile sequence quality"}})->Compare(Zip(), fresh);
  EXPECT_EQ(ignored.outcome, Outcome::kNoise) << ignored.message;
  EXPECT_EQ(ignored.message, "differ only in ignored modules or rows (1)");
}

TEST_F(FastqcGoldenTest, RowsOnOneSideOnly) {
  TestTempDir dir;
  // An extra row at the end of Sequence Length Distribution (a 52 bp read).
  auto fresh = dir.Write(
      "r.txt", Replace(Data(), "51\t1000.0\n>>END_MODULE", "51\t1000.0\n52\t1.0\n>>END_MODULE"));
  Comparison c = Fastqc()->Compare(Zip(), fresh);
  EXPECT_EQ(c.outcome, Outcome::kMismatch);
  ASSERT_EQ(c.differences.size(), 1u);
  EXPECT_EQ(c.differences[0].location, "Sequence Length Distribution / new row 2 (length 52)");
  EXPECT_EQ(c.differences[0].new_side, "52\t1.0");
  EXPECT_FALSE(c.differences[0].in_legacy);
  Comparison reverse = Fastqc()->Compare(fresh, Zip());
  EXPECT_EQ(reverse.differences.at(0).location, "Sequence Length Distribution / row 2 (length 52)");
  EXPECT_FALSE(reverse.differences.at(0).in_new);
}

TEST_F(FastqcGoldenTest, TextCellsAreExact) {
  TestTempDir dir;
  auto fresh = dir.Write("t.txt", Replace(Data(), "RNA PCR Primer, Index 1 (100% over 28bp)",
                                          "RNA PCR Primer, Index 1 (100% over 27bp)"));
  Comparison c = Fastqc({{"tolerance", {{"absolute", 100}}}})->Compare(Zip(), fresh);
  EXPECT_EQ(c.outcome, Outcome::kMismatch);
  EXPECT_EQ(c.differences.at(0).location,
            "Overrepresented sequences / row 1 "
            "(NAAGTGCTACTACTTTTGAGTCTTGGAATTCTCGGGTGCCAAGGAACTCCA)");
}

TEST_F(FastqcGoldenTest, SameNumberWrittenDifferentlyIsNoise) {
  TestTempDir dir;
  auto fresh =
      dir.Write("n.txt", Replace(Data(), "Total Sequences\t1000\n", "Total Sequences\t1000.0\n"));
  Comparison c = Fastqc()->Compare(Zip(), fresh);
  EXPECT_EQ(c.outcome, Outcome::kNoise) << c.message;
  EXPECT_EQ(c.counts["rows_within_tolerance"], 1);
}

TEST_F(FastqcGoldenTest, IgnoredRowsAndHashLines) {
  TestTempDir dir;
  std::string text = Replace(Data(), "#Total Deduplicated Percentage\t50.7",
                             "#Total Deduplicated Percentage\t49.9");
  auto fresh = dir.Write("i.txt", Replace(text, "%GC\t53", "%GC\t54"));
  Comparison c = Fastqc()->Compare(Zip(), fresh);
  EXPECT_EQ(c.outcome, Outcome::kMismatch);
  EXPECT_EQ(c.counts["rows_differing"], 2);
  ASSERT_EQ(c.differences.size(), 2u);
  EXPECT_EQ(c.differences[0].location, "Basic Statistics / row 7 (%GC)");
  EXPECT_EQ(c.differences[1].location,
            "Sequence Duplication Levels / #Total Deduplicated Percentage");
  EXPECT_EQ(c.differences[1].legacy, "Total Deduplicated Percentage\t50.7");
  EXPECT_EQ(c.differences[1].new_side, "Total Deduplicated Percentage\t49.9");

  json ignore = {
      {"ignore_rows",
       {"Basic Statistics/%GC", "Sequence Duplication Levels/#Total Deduplicated Percentage"}}};
  Comparison ignored = Fastqc(ignore)->Compare(Zip(), fresh);
  EXPECT_EQ(ignored.outcome, Outcome::kNoise) << ignored.message;
  EXPECT_EQ(ignored.counts["ignored_differing"], 2);
  // Ignoring rows that do not differ changes nothing.
  json unrelated = {{"ignore_rows", {"Basic Statistics/Encoding"}}};
  EXPECT_EQ(Fastqc(unrelated)->Compare(Zip(), Zip()).outcome, Outcome::kMatch);
}

TEST_F(FastqcGoldenTest, MaxDifferencesListsTheFirstButCountsAll) {
  TestTempDir dir;
  std::string text = Data();
  for (const char* base : {"1", "2", "3", "4", "5"}) {
    text = SetCell(text, "Per base N content", base, 1, "99.5");
  }
  Comparison c = Fastqc({{"max_differences", 2}})->Compare(Zip(), dir.Write("x.txt", text));
  EXPECT_EQ(c.outcome, Outcome::kMismatch);
  // Base 2..5 had 0.0 N; base 1 had 94.5: all five rows changed.
  EXPECT_EQ(c.counts["rows_differing"], 5);
  EXPECT_EQ(c.differences.size(), 2u);
  EXPECT_EQ(c.differences[1].location, "Per base N content / row 2 (base 2)");
}

TEST_F(FastqcGoldenTest, ModuleOrderMatters) {
  TestTempDir dir;
  std::string text = Data();
  size_t start = text.find(">>Adapter Content\t");
  std::string adapter = text.substr(start);
  text.erase(start);
  text = Replace(text, ">>Basic Statistics\t", adapter + ">>Basic Statistics\t");
  Comparison c = Fastqc()->Compare(Zip(), dir.Write("o.txt", text));
  EXPECT_EQ(c.outcome, Outcome::kMismatch);
  EXPECT_EQ(c.message, "module order differs");
  EXPECT_EQ(c.differences.at(0).location, "module order");
}

TEST_F(FastqcGoldenTest, TruncatedReportIsAnError) {
  TestTempDir dir;
  std::string text = Data();
  text.resize(text.find(">>Overrepresented sequences") + 40);
  auto cut = dir.Write("fastqc_data.txt", text);
  Comparison c = Fastqc()->Compare(Zip(), cut);
  EXPECT_EQ(c.outcome, Outcome::kError);
  EXPECT_NE(c.message.find("new: " + cut.string() + ": line "), std::string::npos) << c.message;
  EXPECT_NE(c.message.find("module 'Overrepresented sequences'"), std::string::npos) << c.message;
  EXPECT_NE(c.message.find("truncated"), std::string::npos) << c.message;
}

TEST_F(FastqcGoldenTest, ZipWithoutDataFileIsAnError) {
  TestTempDir dir;
  fs::path copy = dir.path() / "srna_fastqc.zip";
  fs::copy_file(Zip(), copy);
  int error = 0;
  zip_t* zip = zip_open(copy.c_str(), 0, &error);
  ASSERT_NE(zip, nullptr);
  zip_int64_t index = zip_name_locate(zip, "srna_fastqc/fastqc_data.txt", 0);
  ASSERT_GE(index, 0);
  ASSERT_EQ(zip_delete(zip, static_cast<zip_uint64_t>(index)), 0);
  ASSERT_EQ(zip_close(zip), 0);

  Comparison c = Fastqc()->Compare(copy, Zip());
  EXPECT_EQ(c.outcome, Outcome::kError);
  EXPECT_EQ(c.message, "cannot compare: legacy: " + copy.string() +
                           ": no fastqc_data.txt in this zip (expected "
                           "srna_fastqc/fastqc_data.txt)");
}

TEST_F(FastqcGoldenTest, TruncatedZipIsAnError) {
  TestTempDir dir;
  fs::path copy = dir.path() / "srna_fastqc.zip";
  fs::copy_file(Zip(), copy);
  TestTempDir::CutTail(copy, fs::file_size(copy) / 2);
  Comparison c = Fastqc()->Compare(Zip(), copy);
  EXPECT_EQ(c.outcome, Outcome::kError);
  EXPECT_NE(c.message.find("new: " + copy.string() + ": not a readable zip archive"),
            std::string::npos)
      << c.message;
}

// ---- without FastQC ----

TEST(FastqcComparatorTest, MissingInputsAreErrorsNamingBothSides) {
  TestTempDir dir;
  Comparison c = Fastqc()->Compare(dir.path() / "a_fastqc.zip", dir.path() / "b");
  EXPECT_EQ(c.outcome, Outcome::kError);
  EXPECT_EQ(c.message,
            fmt::format("cannot compare: legacy: {}: no such file or folder; new: {}: "
                        "no such file or folder",
                        (dir.path() / "a_fastqc.zip").string(), (dir.path() / "b").string()));
  Comparison folder = Fastqc()->Compare(dir.path(), dir.path());
  EXPECT_EQ(folder.outcome, Outcome::kError);
  EXPECT_NE(folder.message.find("folder without fastqc_data.txt"), std::string::npos)
      << folder.message;
}

TEST(FastqcComparatorTest, NotAReportIsAnError) {
  TestTempDir dir;
  auto report = dir.Write("ok.txt", "##FastQC\t0.11.9\n>>Basic Statistics\tpass\n>>END_MODULE\n");
  Comparison c = Fastqc()->Compare(report, dir.Write("reads.fq", "@r1\nACGT\n+\nIIII\n"));
  EXPECT_EQ(c.outcome, Outcome::kError);
  EXPECT_NE(c.message.find("reads.fq: line 1: expected '##FastQC<TAB>version'"), std::string::npos)
      << c.message;
}

TEST(FastqcComparatorTest, OversizedReportIsAnError) {
  TestTempDir dir;
  std::string text = "##FastQC\t0.11.9\n>>M\tpass\n";
  for (int i = 0; i < 100; ++i) text += std::to_string(i) + "\t1.0\n";
  text += ">>END_MODULE\n";
  auto p = dir.Write("big.txt", text);
  FastqcOptions options;
  options.max_report_bytes = 100;
  Comparison c = FastqcComparator(options).Compare(p, p);
  EXPECT_EQ(c.outcome, Outcome::kError);
  EXPECT_NE(c.message.find("more than the 100 allowed"), std::string::npos) << c.message;
}

Comparison CompareTexts(std::string_view a, std::string_view b, FastqcOptions options = {}) {
  auto ra = ParseFastqcData(a, "a");
  auto rb = ParseFastqcData(b, "b");
  EXPECT_TRUE(ra.ok() && rb.ok());
  if (!ra.ok() || !rb.ok()) return {};
  return FastqcComparator(std::move(options)).CompareReports(*ra, *rb);
}

TEST(FastqcComparatorTest, NumbersInJavaNotation) {
  const std::string head = "##FastQC\t0.11.9\n>>M\tpass\n#Base\tValue\n";
  // Java's Double.toString: E notation, NaN. The same value in another notation is noise.
  EXPECT_EQ(
      CompareTexts(head + "1\t1.0E-4\n>>END_MODULE\n", head + "1\t0.0001\n>>END_MODULE\n").outcome,
      Outcome::kNoise);
  EXPECT_EQ(CompareTexts(head + "1\tNaN\n>>END_MODULE\n", head + "1\tNaN\n>>END_MODULE\n").outcome,
            Outcome::kMatch);
  FastqcOptions lenient;
  lenient.tolerance.absolute = 1e9;
  Comparison nan =
      CompareTexts(head + "1\tNaN\n>>END_MODULE\n", head + "1\t0.0\n>>END_MODULE\n", lenient);
  EXPECT_EQ(nan.outcome, Outcome::kMismatch);  // NaN is no number within any tolerance
  EXPECT_EQ(nan.differences.at(0).location, "M / row 1 (base 1)");
  // A cell count difference is a difference whatever the tolerance.
  EXPECT_EQ(
      CompareTexts(head + "1\t2\n>>END_MODULE\n", head + "1\t2\t\n>>END_MODULE\n", lenient).outcome,
      Outcome::kMismatch);
}

TEST(FastqcComparatorTest, RowLocationsNameBothFirstCellsWhenTheyDiffer) {
  const std::string head = "##FastQC\t0.11.9\n>>Per base sequence quality\tpass\n#Base\tMean\n";
  Comparison c = CompareTexts(head + "1\t30.0\n10-14\t31.0\n>>END_MODULE\n",
                              head + "1\t30.0\n10-11\t31.0\n>>END_MODULE\n");
  EXPECT_EQ(c.outcome, Outcome::kMismatch);
  EXPECT_EQ(c.differences.at(0).location,
            "Per base sequence quality / row 2 (base 10-14; new base 10-11)");
}

TEST(FastqcComparatorTest, Options) {
  auto parsed = ParseFastqcOptions(json::parse(R"({
      "tolerance": {"absolute": 0.5, "relative": "0.01"},
      "modules": {"Per base sequence quality": {"absolute": 0.01}},
      "ignore_modules": "Kmer Content",
      "ignore_rows": ["Basic Statistics/File type", "Sequence Duplication Levels/#Total Deduplicated Percentage"],
      "max_differences": "3"})"));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->tolerance.absolute, 0.5);
  EXPECT_EQ(parsed->tolerance.relative, 0.01);
  const FastqcTolerance& q = parsed->module_tolerance.at("Per base sequence quality");
  EXPECT_EQ(q.absolute, 0.01);
  EXPECT_EQ(q.relative, 0.01);  // inherited
  EXPECT_EQ(parsed->ignore_modules, (std::vector<std::string>{"Kmer Content"}));
  ASSERT_EQ(parsed->ignore_rows.size(), 2u);
  EXPECT_EQ(parsed->ignore_rows[1].first, "Sequence Duplication Levels");
  EXPECT_EQ(parsed->ignore_rows[1].second, "#Total Deduplicated Percentage");
  EXPECT_EQ(parsed->max_differences, 3);

  auto defaults = ParseFastqcOptions(json::object());
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->tolerance.absolute, 0);
  EXPECT_EQ(defaults->tolerance.relative, 0);
  EXPECT_EQ(defaults->max_differences, 10);
  EXPECT_TRUE(ParseFastqcOptions(nullptr).ok());
}

TEST(FastqcComparatorTest, BadOptionsNameTheOption) {
  auto message = [](const char* options) {
    auto r = FastqcComparator::FromOptions(json::parse(options));
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << options;
    return r.status().message();
  };
  EXPECT_EQ(message(R"({"tolerence": 1})"),
            "comparator 'fastqc': unknown option 'tolerence' (known: tolerance, modules, "
            "ignore_modules, ignore_rows, max_differences)");
  EXPECT_EQ(message(R"({"tolerance": {"absolute": -1}})"),
            "comparator 'fastqc': option 'tolerance.absolute' must be a number >= 0, got -1");
  EXPECT_EQ(
      message(R"({"tolerance": 0.1})"),
      "comparator 'fastqc': option 'tolerance' must be a mapping {absolute, relative}, got 0.1");
  EXPECT_EQ(message(R"({"tolerance": {"abs": 1}})"),
            "comparator 'fastqc': unknown option 'tolerance.abs' (known: absolute, relative)");
  EXPECT_EQ(message(R"({"modules": {"Adapter Content": {"relative": "x"}}})"),
            "comparator 'fastqc': option 'modules.Adapter Content.relative' must be a number >= "
            "0, got \"x\"");
  EXPECT_EQ(message(R"({"modules": ["Adapter Content"]})"),
            "comparator 'fastqc': option 'modules' must be a mapping of module name to "
            "{absolute, relative}, got [\"Adapter Content\"]");
  EXPECT_EQ(message(R"({"ignore_rows": ["Filename"]})"),
            "comparator 'fastqc': option 'ignore_rows' must be a list of \"Module name/first "
            "cell\", got \"Filename\"");
  EXPECT_NE(message(R"({"ignore_modules": 3})"), "");
  EXPECT_NE(message(R"({"max_differences": -1})"), "");
  EXPECT_NE(message(R"([1, 2])"), "");
}

}  // namespace
}  // namespace cutover
