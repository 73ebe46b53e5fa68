#include "fastq/simple_record.h"

#include <gtest/gtest.h>

#include <string>

namespace cutover {
namespace {

// The parsed record as "name|sequence|plus|quality|rest", or "declined".
std::string Parse(const std::string& text, bool ascii_only = true) {
  FastqRecord r;
  const char* after = ParseSimpleRecord(text.data(), text.data() + text.size(), ascii_only, &r);
  if (after == nullptr) return "declined";
  return std::string(r.name) + "|" + std::string(r.sequence) + "|" + std::string(r.plus) + "|" +
         std::string(r.quality) + "|" + std::string(after, text.data() + text.size());
}

TEST(SimpleRecordTest, TheCommonRecord) {
  EXPECT_EQ(Parse("@r1 1:N:0\nACGT\n+\nIIII\n@r2"), "r1 1:N:0|ACGT||IIII|@r2");
  EXPECT_EQ(Parse("@\n\n+\n\n"), "||||");  // empty name and sequence
  const std::string seq(150, 'A'), qual(150, 'F');
  EXPECT_EQ(Parse("@long\n" + seq + "\n+\n" + qual + "\n"), "long|" + seq + "||" + qual + "|");
  EXPECT_EQ(Parse("@q\nACGT\n+\nI\rII\n"), "q|ACGT||I\rII|") << "a CR inside is a quality value";
}

TEST(SimpleRecordTest, DeclinesWhatTheGeneralParserMustJudge) {
  EXPECT_EQ(Parse(""), "declined");
  EXPECT_EQ(Parse(">r\nACGT\n"), "declined");                   // not '@'
  EXPECT_EQ(Parse("@r\nACGT\n+r\nIIII\n"), "declined");         // '+' with a name
  EXPECT_EQ(Parse("@r\r\nACGT\r\n+\r\nIIII\r\n"), "declined");  // CRLF
  EXPECT_EQ(Parse("@r\nACGT\r\n+\nIIII\n"), "declined");        // CR ending the sequence
  EXPECT_EQ(Parse("@r\nACGT\n+\nIII\r\n"), "declined");         // ... or the quality
  EXPECT_EQ(Parse("@r\nACGT\n+\nIII\n"), "declined");           // quality too short
  EXPECT_EQ(Parse("@r\nACGT\n+\nIIIII\n"), "declined");         // ... too long
  EXPECT_EQ(Parse("@r\nACGT\n+\nII\nI\n"), "declined");         // a line end inside it
  const std::string seq(40, 'C'), qual(40, 'I');
  EXPECT_EQ(Parse("@r\n" + seq + "\n+\n" + qual.substr(0, 20) + "\n" + qual.substr(21) + "\n"),
            "declined") << "a line end inside a long quality";
  EXPECT_EQ(Parse("@r\nACGT\n+\nIIII"), "declined");  // no final line end
  EXPECT_EQ(Parse("@r\nACGT\n+"), "declined");        // cut inside the record
  EXPECT_EQ(Parse("@r\nACGT"), "declined");
}

TEST(SimpleRecordTest, NonAsciiBytesAnywhereDeclineWhenAsked) {
  const std::string good = "@read 1:N\nACGTACGTACGTACGTACGTACGT\n+\nIIIIIIIIIIIIIIIIIIIIIIII\n";
  for (size_t at = 0; at < good.size(); ++at) {
    if (good[at] == '\n' || at == 0 || good[at] == '+') continue;
    std::string bad = good;
    bad[at] = '\xe9';
    EXPECT_EQ(Parse(bad), "declined") << at;
    EXPECT_NE(Parse(bad, false), "declined") << at;
  }
  // A short record followed closely by a high byte: declined too (the check reads ahead), and
  // the general parser accepts it.
  const std::string next = "@\xe9 the next record\nAC\n+\nII\n";
  EXPECT_EQ(Parse("@r\nA\n+\nI\n" + next), "declined");
  EXPECT_EQ(Parse("@r\nA\n+\nI\n" + next, false), "r|A||I|" + next);
}

}  // namespace
}  // namespace cutover
