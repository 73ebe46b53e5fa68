#include "qc/limits.h"

#include "qc/builtin_lists.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

namespace cutover {
namespace {

TEST(LimitsTest, DefaultsAreTheBuiltInFileOverTheCode) {
  Limits l;
  std::string warnings;
  l.Parse(BuiltinListsFor(kDefaultFastqcVersion).limits, &warnings);
  EXPECT_EQ(warnings, "");
  EXPECT_TRUE(l.Ignored("kmer"));
  EXPECT_EQ(l.Get("quality_sequence", "warn"), 27);
  EXPECT_EQ(l.Get("quality_sequence", "error"), 20);
  EXPECT_EQ(l.Get("overrepresented", "warn"), 0.1);
  EXPECT_EQ(l.Get("adapter", "error"), 10);
  EXPECT_TRUE(l.Has("gc_sequence", "ignore"));
  EXPECT_FALSE(l.Ignored("tile"));
}

TEST(LimitsTest, AUserFileOverlaysTheCodeDefaults) {
  std::string path = ::testing::TempDir() + "/limits.txt";
  {
    std::ofstream f(path);
    f << "# comment\n\nduplication warn 95\nadapter\terror\t50\nbad line\n"
         "tile sometimes 3\nkmer ignore x\n";
  }
  Limits l;
  std::string warnings;
  ASSERT_TRUE(l.Load(path, &warnings).ok());
  EXPECT_EQ(l.Get("duplication", "warn"), 95);
  EXPECT_EQ(l.Get("adapter", "error"), 50);
  EXPECT_FALSE(l.Ignored("kmer")) << "the code default, not the shipped file";
  EXPECT_EQ(l.Get("quality_sequence", "warn"), 20) << "the code default";
  EXPECT_NE(warnings.find("didn't contain the 3 required sections"), std::string::npos);
  EXPECT_NE(warnings.find("must be error, warn or ignore, not 'sometimes'"), std::string::npos);
  EXPECT_NE(warnings.find("Value x didn't look like a number"), std::string::npos);
  EXPECT_FALSE(l.Load("/no/such/limits", &warnings).ok());
}

}  // namespace
}  // namespace cutover
