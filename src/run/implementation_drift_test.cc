#include "run/implementation_drift.h"

#include <gtest/gtest.h>

#include "ledger/sqlite_ledger.h"
#include "testing/temp_dir.h"

namespace cutover {
namespace {

ImplementationIdentity Identity(const std::string& script_digest) {
  ImplementationIdentity id;
  id.parts = {{"definition", "xxh3-128:aaaaaaaa00000000", "aaaaaaaa"},
              {"file new/x.py", "xxh3-128:" + script_digest, script_digest.substr(0, 8)}};
  id.digest = "xxh3-128:digest-of-" + script_digest;
  return id;
}

class DriftTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto l = OpenSqliteLedger(dir_.path() / "ledger.db");
    ASSERT_TRUE(l.ok()) << l.status().ToString();
    ledger_ = std::move(l).value();
  }
  std::string Record(const ImplementationIdentity& id, Side side = Side::kLegacy) {
    auto said = RecordImplementationDrift(*ledger_, "normalize", side, id, 0, ++now_);
    EXPECT_TRUE(said.ok()) << said.status().ToString();
    return said.ok() ? *said : "?";
  }
  size_t Changes() { return ledger_->ImplementationChanges("normalize")->size(); }
  TestTempDir dir_;
  std::unique_ptr<Ledger> ledger_;
  int64_t now_ = 1000;
};

TEST_F(DriftTest, TheFirstIdentityIsRecordedSilentlyAndTheSameOneOnlyOnce) {
  EXPECT_EQ(Record(Identity("11111111cafe")), "");
  EXPECT_EQ(Changes(), 1u);
  EXPECT_EQ(Record(Identity("11111111cafe")), "");
  EXPECT_EQ(Changes(), 1u);
  auto current = ledger_->CurrentImplementation("normalize", Side::kLegacy);
  ASSERT_TRUE(current.ok() && current->has_value());
  EXPECT_EQ((*current)->to_digest, Identity("11111111cafe").digest);
  EXPECT_EQ((*current)->from_digest, "");
  EXPECT_EQ((*current)->description, "definition aaaaaaaa, file new/x.py 11111111");
  EXPECT_FALSE(ledger_->CurrentImplementation("normalize", Side::kNew)->has_value());
}

TEST_F(DriftTest, AChangeIsAnnouncedPartByPartAndRecorded) {
  Record(Identity("11111111cafe"));
  EXPECT_EQ(Record(Identity("22222222beef")),
            "legacy of normalize changed: file new/x.py (was 11111111, now 22222222)");
  ASSERT_EQ(Changes(), 2u);
  const ImplementationChange latest = ledger_->ImplementationChanges("normalize")->back();
  EXPECT_EQ(latest.from_digest, Identity("11111111cafe").digest);
  EXPECT_EQ(latest.change, "file new/x.py (was 11111111, now 22222222)");
  EXPECT_EQ(latest.at_ms, now_);
  // Going back to the first version is a change too.
  EXPECT_EQ(Record(Identity("11111111cafe")),
            "legacy of normalize changed: file new/x.py (was 22222222, now 11111111)");
  EXPECT_EQ(Changes(), 3u);
  // The sides are separate.
  EXPECT_EQ(Record(Identity("22222222beef"), Side::kNew), "");
}

}  // namespace
}  // namespace cutover
