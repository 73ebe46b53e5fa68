#include "compare/variant_allele.h"

#include <gtest/gtest.h>

namespace cutover {
namespace {

// Reference: 0-based positions of "GATTTTC" on a contig starting at 100.
ReferenceBase Ref() {
  return [](int64_t pos) -> char {
    static const std::string seq = "GATTTTCA";
    return pos >= 100 && pos < 100 + static_cast<int64_t>(seq.size()) ? seq[pos - 100] : '\0';
  };
}

TEST(VariantAlleleTest, SplitMultiAllelicsTrimToTheirShortestForm) {
  // REF ACT, ALT A,ACTT at 10: a deletion of CT and an insertion of T.
  Allele del = Normalise({10, "ACT", "A"}, nullptr);
  EXPECT_EQ(del.pos, 10);
  EXPECT_EQ(del.ref, "ACT");
  Allele ins = Normalise({10, "ACT", "ACTT"}, nullptr);
  EXPECT_EQ(ins.pos, 11);
  EXPECT_EQ(ins.ref, "C");
  EXPECT_EQ(ins.alt, "CT");
  Allele snv = Normalise({10, "ACT", "AGT"}, nullptr);
  EXPECT_EQ(snv.pos, 11);
  EXPECT_EQ(snv.ref, "C");
  EXPECT_EQ(snv.alt, "G");
  EXPECT_EQ(TypeOf(snv), VariantType::kSnv);
  EXPECT_EQ(TypeOf(ins), VariantType::kIndel);
  EXPECT_EQ(TypeOf(Allele{1, "AC", "GT"}), VariantType::kOther);
}

TEST(VariantAlleleTest, LeftAlignsIndelsInARepeatWithTheReference) {
  // Deleting one T of TTTT, written at its right end (pos 104 "TT" -> "T") or its left (101).
  Allele right = Normalise({104, "TT", "T"}, Ref());
  EXPECT_EQ(right.pos, 101);
  EXPECT_EQ(right.ref, "AT");
  EXPECT_EQ(right.alt, "A");
  Allele left = Normalise({101, "AT", "A"}, Ref());
  EXPECT_EQ(left.pos, right.pos);
  EXPECT_EQ(left.ref, right.ref);
  // Without a reference the right-hand spelling stays where it is.
  EXPECT_EQ(Normalise({104, "TT", "T"}, nullptr).pos, 104);
  // Insertion of a T at the end of the repeat.
  Allele ins = Normalise({105, "T", "TT"}, Ref());
  EXPECT_EQ(ins.pos, 101);
  EXPECT_EQ(ins.ref, "A");
  EXPECT_EQ(ins.alt, "AT");
}

TEST(VariantAlleleTest, SymbolicAndStarAllelesAreLeftAlone) {
  Allele sym = Normalise({5, "A", "<DEL>"}, Ref());
  EXPECT_EQ(sym.alt, "<DEL>");
  EXPECT_EQ(TypeOf(sym), VariantType::kOther);
  EXPECT_EQ(Normalise({5, "A", "*"}, Ref()).alt, "*");
  EXPECT_EQ(Normalise({5, "acg", "a"}, nullptr).ref, "ACG");  // upper-cased
}

}  // namespace
}  // namespace cutover
