#include "fastq/fastq_rules.h"

#include <gtest/gtest.h>

#include <string>

namespace cutover {
namespace {

// The fault of a record given as its text ("\n"-separated lines, maybe fewer than four).
std::optional<RecordFault> Check(const std::string& raw, const FastqRules& rules) {
  std::string_view lines[4];
  int found = 0;
  size_t pos = 0;
  while (found < 4 && pos < raw.size()) {
    size_t nl = raw.find('\n', pos);
    if (nl == std::string::npos) nl = raw.size();
    lines[found++] = std::string_view(raw).substr(pos, nl - pos);
    pos = nl + 1;
  }
  return CheckRecord(lines, found, raw, rules);
}

TEST(FastqRulesTest, WellFormedRecordsWhateverTheirBytes) {
  for (const FastqRules& rules : {FastqRules{}, kCutadaptRules}) {
    EXPECT_FALSE(Check("@r\nACGT\n+\nIIII\n", rules));
    EXPECT_FALSE(Check("@r\nACGT\n+r\nIIII", rules)) << "the '+' line's text is the caller's";
    EXPECT_FALSE(Check("@\n\n+\n\n", rules)) << "empty name, sequence and quality";
    EXPECT_FALSE(Check(std::string("@r\x01\t\x7f\nac\0N\n+\n \x01!~\n", 18), rules))
        << "control characters, NUL, lower case and qualities out of range are not checked";
  }
}

TEST(FastqRulesTest, StructureFaultsNameTheLine) {
  const FastqRules lenient;
  auto f = Check("r\nACGT\n+\nIIII\n", lenient);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->line, 0);
  EXPECT_EQ(f->what, "header does not start with '@': 'r'");
  f = Check("@r\nACGT\nIIII\n@s\n", lenient);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->line, 2);
  EXPECT_EQ(f->what, "expected the '+' line, got 'IIII'");
  f = Check("@r\nACGT\n+\nIII\n", lenient);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->line, 3);
  EXPECT_EQ(f->what, "quality has 3 characters, sequence has 4");
  f = Check("@r\nACGT\n+\n", lenient);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->what, "the file ends inside the record (3 of 4 lines)");
}

TEST(FastqRulesTest, BytesAbove0x7fOnlyWithAsciiOnly) {
  for (int line = 0; line < 4; ++line) {
    std::string lines[4] = {"@read", "ACGTACGT", "+", "IIIIIIII"};
    lines[line] += '\xe9';
    if (line == 1) lines[3] += 'I';  // keep the lengths equal
    if (line == 3) lines[1] += 'A';
    const std::string raw = lines[0] + "\n" + lines[1] + "\n" + lines[2] + "\n" + lines[3] + "\n";
    EXPECT_FALSE(Check(raw, FastqRules{})) << line;
    auto f = Check(raw, kCutadaptRules);
    ASSERT_TRUE(f) << line;
    EXPECT_EQ(f->line, line);
    const char* names[4] = {"header", "sequence", "'+' line", "quality"};
    EXPECT_EQ(f->what, std::string("non-ASCII byte 0xe9 in the ") + names[line] + " (column " +
                           std::to_string(lines[line].size()) + "): FASTQ is ASCII text");
  }
  // Checked before the structure: a UTF-8 letter in a sequence is reported as such, not as a
  // length mismatch.
  auto f = Check("@r\nAC\xc3\xa9\n+\nIII\n", kCutadaptRules);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->what, "non-ASCII byte 0xc3 in the sequence (column 3): FASTQ is ASCII text");
}

TEST(FastqRulesTest, BlankLineFaults) {
  EXPECT_EQ(BlankLineFault(false).what, "empty line where a record header ('@...') was expected");
  EXPECT_EQ(BlankLineFault(true).what,
            "blank line after the last record: the file ends with an incomplete record");
}

TEST(FastqRulesTest, PrintableEscapes) {
  EXPECT_EQ(Printable(std::string("a\0\x1f~\x7f\xff", 6)), "a\\x00\\x1f~\\x7f\\xff");
}

}  // namespace
}  // namespace cutover
