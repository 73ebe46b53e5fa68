#include "compare/fastqc_data.h"

#include <gtest/gtest.h>

#include <string>

namespace cutover {
namespace {

// Cut from a real FastQC 0.11.9 report (smallRNA reads), rows shortened.
constexpr std::string_view kReport =
    "##FastQC\t0.11.9\n"
    ">>Basic Statistics\tpass\n"
    "#Measure\tValue\n"
    "Filename\tsrna.fq.gz\n"
    "Total Sequences\t1000\n"
    ">>END_MODULE\n"
    ">>Per base sequence quality\tfail\n"
    "#Base\tMean\tMedian\tLower Quartile\tUpper Quartile\t10th Percentile\t90th Percentile\n"
    "1\t31.22\t32.0\t32.0\t33.0\t29.0\t34.0\n"
    "10-14\t34.833800000000004\t37.4\t34.8\t37.4\t31.0\t37.4\n"
    ">>END_MODULE\n"
    ">>Sequence Duplication Levels\twarn\n"
    "#Total Deduplicated Percentage\t62.5\n"
    "#Duplication Level\tPercentage of deduplicated\tPercentage of total\n"
    "1\t90.0\t56.25\n"
    ">10k+\t0.0\t0.0\n"
    ">>END_MODULE\n"
    ">>Overrepresented sequences\tpass\n"
    ">>END_MODULE\n";

Result<FastqcData> Parse(std::string_view text) { return ParseFastqcData(text, "r.txt"); }

// The error message of parsing `text`, or "" if it parsed.
std::string ParseError(std::string_view text) {
  Result<FastqcData> r = Parse(text);
  if (r.ok()) return "";
  EXPECT_EQ(r.status().code(), StatusCode::kCorruption);
  return r.status().message();
}

TEST(FastqcDataTest, ParsesModulesCommentsAndRows) {
  Result<FastqcData> r = Parse(kReport);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const FastqcData& d = *r;
  EXPECT_EQ(d.version, "0.11.9");
  ASSERT_EQ(d.modules.size(), 4u);

  const FastqcModule& basic = d.modules[0];
  EXPECT_EQ(basic.name, "Basic Statistics");
  EXPECT_EQ(basic.verdict, "pass");
  EXPECT_EQ(basic.line, 2);
  EXPECT_EQ(basic.columns(), (std::vector<std::string>{"Measure", "Value"}));
  ASSERT_EQ(basic.rows.size(), 2u);
  EXPECT_EQ(basic.rows[0].cells, (std::vector<std::string>{"Filename", "srna.fq.gz"}));
  EXPECT_EQ(basic.rows[0].line, 4);
  EXPECT_EQ(basic.rows[1].cells, (std::vector<std::string>{"Total Sequences", "1000"}));

  const FastqcModule& quality = d.modules[1];
  EXPECT_EQ(quality.verdict, "fail");
  EXPECT_EQ(quality.columns().size(), 7u);
  EXPECT_EQ(quality.columns()[6], "90th Percentile");
  ASSERT_EQ(quality.rows.size(), 2u);
  EXPECT_EQ(quality.rows[1].cells[0], "10-14");
  EXPECT_EQ(quality.rows[1].cells[1], "34.833800000000004");
  EXPECT_EQ(quality.rows[1].line, 10);

  const FastqcModule& dup = d.modules[2];
  EXPECT_EQ(dup.verdict, "warn");
  ASSERT_EQ(dup.comments.size(), 2u);
  EXPECT_EQ(dup.comments[0].cells,
            (std::vector<std::string>{"Total Deduplicated Percentage", "62.5"}));
  EXPECT_EQ(dup.comments[0].line, 13);
  EXPECT_EQ(dup.columns()[0], "Duplication Level");  // the last '#' line
  EXPECT_EQ(dup.rows.at(1).cells[0], ">10k+");

  const FastqcModule& over = d.modules[3];
  EXPECT_TRUE(over.comments.empty());
  EXPECT_TRUE(over.columns().empty());
  EXPECT_TRUE(over.rows.empty());

  EXPECT_EQ(d.Find("Sequence Duplication Levels"), &d.modules[2]);
  EXPECT_EQ(d.Find("Kmer Content"), nullptr);
}

TEST(FastqcDataTest, EmptyCellsAndMissingFinalNewline) {
  Result<FastqcData> r = Parse("##FastQC\t0.12.1\n>>M\tpass\na\t\tc\n\t\n>>END_MODULE");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->version, "0.12.1");
  ASSERT_EQ(r->modules.at(0).rows.size(), 2u);
  EXPECT_EQ(r->modules[0].rows[0].cells, (std::vector<std::string>{"a", "", "c"}));
  EXPECT_EQ(r->modules[0].rows[1].cells, (std::vector<std::string>{"", ""}));
}

TEST(FastqcDataTest, EmptyLinesBetweenModulesAreAllowed) {
  Result<FastqcData> r =
      Parse("##FastQC\t0.11.9\n\n>>A\tpass\n>>END_MODULE\n\n>>B\twarn\n>>END_MODULE\n\n");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->modules.size(), 2u);
  EXPECT_EQ(r->modules[1].line, 6);
}

TEST(FastqcDataTest, HeaderErrors) {
  EXPECT_EQ(ParseError(""), "r.txt: empty file (not a fastqc_data.txt)");
  EXPECT_EQ(ParseError("hello\n"),
            "r.txt: line 1: expected '##FastQC<TAB>version', got 'hello' (not a fastqc_data.txt)");
  EXPECT_NE(ParseError("##FastQC\t\n>>A\tpass\n>>END_MODULE\n"), "");  // no version
  EXPECT_NE(ParseError(">>A\tpass\n>>END_MODULE\n"), "");
  EXPECT_EQ(ParseError("##FastQC\t0.11.9\n"), "r.txt: no modules after the ##FastQC line");
}

TEST(FastqcDataTest, MalformedModuleLines) {
  EXPECT_EQ(ParseError("##FastQC\t0.11.9\n>>A\tok\n>>END_MODULE\n"),
            "r.txt: line 2: expected '>>Module name<TAB>pass|warn|fail', got '>>A\tok'");
  EXPECT_NE(ParseError("##FastQC\t0.11.9\n>>A\n>>END_MODULE\n"), "");
  EXPECT_NE(ParseError("##FastQC\t0.11.9\n>>\tpass\n>>END_MODULE\n"), "");
  EXPECT_NE(ParseError("##FastQC\t0.11.9\n>>A\tpass\tx\n>>END_MODULE\n"), "");
  EXPECT_EQ(ParseError("##FastQC\t0.11.9\n>>A\tpass\n>>END_MODULE\n>>A\tfail\n>>END_MODULE\n"),
            "r.txt: line 4: module 'A' repeated (first at line 2)");
}

TEST(FastqcDataTest, StructureErrorsNameTheLine) {
  EXPECT_EQ(ParseError("##FastQC\t0.11.9\n>>A\tpass\n1\t2\n>>B\tpass\n>>END_MODULE\n"),
            "r.txt: line 4: '>>B\tpass' starts before module 'A' (line 2) has ended");
  EXPECT_EQ(ParseError("##FastQC\t0.11.9\n>>A\tpass\n>>END_MODULE\n>>END_MODULE\n"),
            "r.txt: line 4: >>END_MODULE outside a module");
  EXPECT_EQ(ParseError("##FastQC\t0.11.9\n>>A\tpass\n>>END_MODULE\nstray\t1\n"),
            "r.txt: line 4: 'stray\t1' outside a module");
  EXPECT_EQ(ParseError("##FastQC\t0.11.9\n#Base\tMean\n>>A\tpass\n>>END_MODULE\n"),
            "r.txt: line 2: '#Base\tMean' outside a module");
  EXPECT_EQ(ParseError("##FastQC\t0.11.9\n>>A\tpass\n1\t2\n\n3\t4\n>>END_MODULE\n"),
            "r.txt: line 4: empty line in module 'A'");
}

TEST(FastqcDataTest, TruncatedFileIsAnError) {
  std::string text(kReport);
  // Cut inside the last module but one, in the middle of a row.
  text.resize(text.find(">10k+") + 3);
  EXPECT_EQ(ParseError(text),
            "r.txt: line 16: module 'Sequence Duplication Levels' (line 12) has no "
            ">>END_MODULE: the file is truncated");
  // Cut right before the last >>END_MODULE.
  std::string cut(kReport.substr(0, kReport.size() - std::string_view(">>END_MODULE\n").size()));
  EXPECT_NE(ParseError(cut).find("module 'Overrepresented sequences' (line 18) has no"),
            std::string::npos)
      << ParseError(cut);
}

TEST(FastqcDataTest, BinaryGarbageIsAnErrorNotACrash) {
  std::string garbage("PK\x03\x04\x00\x01\xff\xfe", 8);
  std::string message = ParseError(garbage);
  EXPECT_NE(message.find("line 1: expected '##FastQC"), std::string::npos) << message;
  EXPECT_NE(message.find("\\xff"), std::string::npos) << message;  // shown escaped
}

}  // namespace
}  // namespace cutover
