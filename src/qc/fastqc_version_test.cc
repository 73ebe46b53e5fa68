#include "qc/fastqc_version.h"

#include <gtest/gtest.h>

namespace cutover {
namespace {

TEST(FastqcVersionTest, RoundTrips) {
  for (FastqcVersion v : {FastqcVersion::k0_11_9, FastqcVersion::k0_12_1}) {
    Result<FastqcVersion> parsed = ParseFastqcVersion(ToString(v));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, v);
  }
  EXPECT_EQ(ToString(kDefaultFastqcVersion), "0.12.1");
}

TEST(FastqcVersionTest, RejectsOthersNamingTheSupportedOnes) {
  for (const char* text : {"0.12.0", "0.11.9 ", "v0.12.1", "", "0.12"}) {
    Result<FastqcVersion> parsed = ParseFastqcVersion(text);
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_NE(parsed.status().message().find("0.12.1 or 0.11.9"), std::string::npos);
  }
}

TEST(FastqcVersionTest, DifferencesBelongTo0121) {
  EXPECT_FALSE(HasTotalBases(FastqcVersion::k0_11_9));
  EXPECT_TRUE(HasTotalBases(FastqcVersion::k0_12_1));
  EXPECT_FALSE(DuplicationOnTotalOnly(FastqcVersion::k0_11_9));
  EXPECT_TRUE(DuplicationOnTotalOnly(FastqcVersion::k0_12_1));
  EXPECT_FALSE(RanksHitsByIdentity(FastqcVersion::k0_11_9));
  EXPECT_TRUE(RanksHitsByIdentity(FastqcVersion::k0_12_1));
  EXPECT_FALSE(PerTileSamplesFirstReads(FastqcVersion::k0_11_9));
  EXPECT_TRUE(PerTileSamplesFirstReads(FastqcVersion::k0_12_1));
}

}  // namespace
}  // namespace cutover
