#include "cli/record_id.h"

#include <gtest/gtest.h>

namespace cutover {
namespace {

TEST(RecordIdTest, KindsAreReadFromTheirLetter) {
  auto c = ParseRecordId("c29", std::nullopt);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->kind, IdKind::kComparison);
  EXPECT_EQ(c->id, 29);
  auto e = ParseRecordId("E17", IdKind::kComparison);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->kind, IdKind::kExecution);
  EXPECT_EQ(e->id, 17);
  EXPECT_EQ(FormatRecordId(IdKind::kComparison, 29), "c29");
  EXPECT_EQ(FormatRecordId(IdKind::kExecution, 17), "e17");
}

TEST(RecordIdTest, ABareNumberIsTheCommandsOwnKindOrRefused) {
  auto bare = ParseRecordId("29", IdKind::kComparison);
  ASSERT_TRUE(bare.ok());
  EXPECT_EQ(bare->kind, IdKind::kComparison);
  auto refused = ParseRecordId("29", std::nullopt);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("e29 for an execution, c29 for a comparison"),
            std::string::npos);
}

TEST(RecordIdTest, AnythingElseIsNotAnId) {
  for (const char* bad : {"", "c", "x12", "c12x", "c-3", "c0", "e99999999999999999999"}) {
    EXPECT_FALSE(ParseRecordId(bad, IdKind::kComparison).ok()) << bad;
  }
}

}  // namespace
}  // namespace cutover
