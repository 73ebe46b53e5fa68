#include "trim/galore_args.h"

#include <gtest/gtest.h>

namespace cutover::trim {
namespace {

TEST(GaloreCommandLineTest, GetoptLongRules) {
  // One or two dashes, any case, unique prefixes ("--paired" for --paired_end), "=value".
  auto o = ParseGaloreCommandLine({"--paired", "-Q", "25", "--LENGTH=30", "-a", "ACGT", "--clip_R1",
                                   "4", "-j", "2", "r1.fq", "r2.fq"});
  ASSERT_TRUE(o.ok()) << o.status().ToString();
  EXPECT_TRUE(o->paired);
  EXPECT_EQ(o->quality, 25);
  EXPECT_EQ(o->length, 30);
  EXPECT_EQ(o->adapter, "ACGT");
  EXPECT_EQ(o->clip_r1, 4);
  EXPECT_EQ(o->cores, 2);
  EXPECT_EQ(o->inputs, (std::vector<std::string>{"r1.fq", "r2.fq"}));
  auto n = ParseGaloreCommandLine({"--nextseq", "20", "--2colour=25", "x.fq"});
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n->nextseq, 25);
}

TEST(GaloreCommandLineTest, Errors) {
  EXPECT_NE(ParseGaloreCommandLine({"--bogus", "x.fq"}).status().message().find("Unknown option"),
            std::string::npos);
  // "--length" is a prefix of length, length_1 and length_2 but matches "length" exactly;
  // "--le" is ambiguous.
  EXPECT_NE(ParseGaloreCommandLine({"--le", "3", "x.fq"}).status().message().find("ambiguous"),
            std::string::npos);
  EXPECT_NE(ParseGaloreCommandLine({"--fastqc", "x.fq"}).status().message().find("not implemented"),
            std::string::npos);
  EXPECT_FALSE(ParseGaloreCommandLine({"-q"}).ok());
  EXPECT_FALSE(ParseGaloreCommandLine({"-q", "x"}).ok());
}

}  // namespace
}  // namespace cutover::trim
