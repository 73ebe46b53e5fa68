#include "trim/trim_input.h"

#include <gtest/gtest.h>

#include <fstream>

#include "testing/temp_dir.h"

namespace cutover::trim {
namespace {

// The first error reading every record of `path` as `cutover trim` does; "" when none.
std::string ErrorReading(const std::filesystem::path& path) {
  auto reader = OpenTrimReader(path.string(), false);
  if (!reader.ok()) return reader.status().message();
  FastqRecord r;
  while (true) {
    auto more = (*reader)->Next(&r);
    if (!more.ok()) return more.status().message();
    if (!*more) return "";
  }
}

TEST(TrimInputTest, CutadaptsRulesFromOpenToEnd) {
  TestTempDir dir;
  const std::string good = "@r1\nACGT\n+\nIIII\n@r2\nacgn\n+r2\n#!~I\n";
  EXPECT_EQ(ErrorReading(dir.Write("good.fq", good)), "");
  EXPECT_EQ(ErrorReading(dir.WriteGzip("good.fq.gz", good)), "");
  EXPECT_EQ(ErrorReading(dir.Write("empty.fq", "")), "");
  auto high = dir.Write("high.fq", good + "@r3\nAC\xc3\xa9\n+\nIIII\n");
  EXPECT_EQ(ErrorReading(high), high.string() +
                                    ": record 3 (line 10): non-ASCII byte 0xc3 in the "
                                    "sequence (column 3): FASTQ is ASCII text");
  auto blank = dir.Write("blank.fq", good + "\n");
  EXPECT_EQ(ErrorReading(blank), blank.string() +
                                     ": record 3 (line 9): blank line after the last "
                                     "record: the file ends with an incomplete record");
  auto garbage = dir.WriteGzip("garbage.fq.gz", good);
  std::ofstream(garbage, std::ios::app | std::ios::binary) << "junk";
  EXPECT_NE(ErrorReading(garbage).find(garbage.string() + ": trailing garbage after the gzip data"),
            std::string::npos);
  auto plain = dir.Write("plain.fq.gz", good);
  EXPECT_EQ(ErrorReading(plain), plain.string() + ": not a gzip file, though its name ends in .gz");
}

}  // namespace
}  // namespace cutover::trim
