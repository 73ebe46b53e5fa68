#include "compare/packed_site.h"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

namespace cutover {
namespace {

AlleleSite Sample() {
  AlleleSite s;
  s.type = VariantType::kIndel;
  s.qual = 50.5f;
  s.genotypes = "01/11/../";
  s.info = {{"AC", {1, 2}, ""}, {"AF", {0.25}, ""}, {"DB", {}, "flag"}, {"BIG", {1e300, 3}, ""},
            {"TXT", {}, "a,b"}};
  s.format = {{"AD", {10, 5, std::numeric_limits<double>::quiet_NaN(), 0, 20}, ""},
              {"FT", {}, "PASS\tLowQual\t"}};
  return s;
}

bool SameNumbers(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::isnan(a[i]) != std::isnan(b[i]) || (!std::isnan(a[i]) && a[i] != b[i])) return false;
  }
  return true;
}

void ExpectSame(const AlleleSite& want, const AlleleSite& got) {
  EXPECT_EQ(got.type, want.type);
  // Bit for bit (a NaN QUAL included).
  EXPECT_EQ(std::bit_cast<uint32_t>(got.qual), std::bit_cast<uint32_t>(want.qual));
  EXPECT_EQ(got.genotypes, want.genotypes);
  ASSERT_EQ(got.info.size(), want.info.size());
  for (size_t i = 0; i < want.info.size(); ++i) {
    EXPECT_EQ(got.info[i].key, want.info[i].key);
    EXPECT_EQ(got.info[i].text, want.info[i].text);
    EXPECT_TRUE(SameNumbers(got.info[i].numbers, want.info[i].numbers)) << want.info[i].key;
  }
  ASSERT_EQ(got.format.size(), want.format.size());
  for (size_t i = 0; i < want.format.size(); ++i) {
    EXPECT_EQ(got.format[i].key, want.format[i].key);
    EXPECT_EQ(got.format[i].text, want.format[i].text);
    EXPECT_TRUE(SameNumbers(got.format[i].numbers, want.format[i].numbers));
  }
}

TEST(PackedSiteTest, RoundTripsEveryValueExactly) {
  SiteKeys keys;
  AlleleSite site = Sample();
  std::string packed;
  PackSite(site, &keys, &packed);
  AlleleSite back;
  back.allele = {7, "A", "AT"};
  UnpackSite(packed, keys, &back);
  ExpectSame(site, back);
  EXPECT_EQ(back.allele.alt, "AT");  // the allele is not held: left as it was
  // A missing QUAL keeps htslib's bit pattern; a value only a double holds stays a double.
  site.qual = 0;
  bcf_float_set_missing(site.qual);
  site.info[1].numbers = {0.1};  // not a float
  packed.clear();
  PackSite(site, &keys, &packed);
  UnpackSite(packed, keys, &back);
  EXPECT_TRUE(bcf_float_is_missing(back.qual));
  EXPECT_EQ(back.info[1].numbers, std::vector<double>{0.1});
}

TEST(PackedSiteTest, CompactAndReusingTheSitesBuffers) {
  SiteKeys keys;
  AlleleSite site = Sample();
  std::string one, two;
  PackSite(site, &keys, &one);
  site.info.resize(1);
  site.format.clear();
  site.genotypes = "01/";
  PackSite(site, &keys, &two);
  AlleleSite back;
  UnpackSite(one, keys, &back);
  UnpackSite(two, keys, &back);  // a smaller site into a bigger one's buffers
  ExpectSame(site, back);
  // One-sample site with a dozen numeric values: far below an AlleleSite's heap.
  AlleleSite call;
  call.genotypes = "01/";
  for (const char* key : {"DP", "VDB", "SGB", "RPBZ", "MQBZ", "MQSBZ", "BQBZ", "SCBZ", "FS",
                          "MQ0F", "AC", "AN", "MQ"}) {
    call.info.push_back({key, {1}, ""});
  }
  call.info.push_back({"DP4", {1, 2, 3, 4}, ""});
  call.format.push_back({"PL", {0, 3, 30, std::numeric_limits<double>::quiet_NaN()}, ""});
  std::string packed;
  PackSite(call, &keys, &packed);
  EXPECT_LT(packed.size(), 150u);
}

}  // namespace
}  // namespace cutover
