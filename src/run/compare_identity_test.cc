#include "run/compare_identity.h"

#include <gtest/gtest.h>

#include "evidence/compare_config.h"

namespace cutover {
namespace {

Step TwoOutputs() {
  Step s;
  s.name = "normalize";
  OutputSpec table{"table", {}, {}};
  table.compare.kind = "table";
  table.compare.options = {{"key", "id"}, {"tolerance", {{"relative", 1e-9}}}};
  OutputSpec log{"log", {}, {}};
  log.compare.kind = "none";
  s.outputs = {table, log};
  return s;
}

TEST(CompareIdentityTest, OnePartPerOutputWithItsKindAndOptions) {
  ImplementationIdentity id = CompareIdentityOf(TwoOutputs());
  ASSERT_EQ(id.parts.size(), 2u);
  EXPECT_EQ(id.parts[0].name, "output table");
  EXPECT_EQ(id.parts[0].display, R"(table {"key":"id","tolerance":{"relative":1e-09}})");
  EXPECT_EQ(id.parts[1].display, "none");
  EXPECT_EQ(id.digest, CompareIdentityOf(TwoOutputs()).digest);
  EXPECT_EQ(id.digest, CompareConfigOf(TwoOutputs()).digest);
}

TEST(CompareIdentityTest, AnOptionChangeIsNamedByItsOutput) {
  Step changed = TwoOutputs();
  changed.outputs[0].compare.options["tolerance"]["relative"] = 1e-6;
  ImplementationIdentity before = CompareIdentityOf(TwoOutputs());
  ImplementationIdentity now = CompareIdentityOf(changed);
  EXPECT_NE(before.digest, now.digest);
  EXPECT_EQ(DescribeIdentityChange(before, now),
            R"(output table (was table {"key":"id","tolerance":{"relative":1e-09}}, now table {"key":"id","tolerance":{"relative":1e-06}}))");
  // Where the option is written (its line) is not part of the identity.
  changed = TwoOutputs();
  changed.outputs[0].compare.where.line = 99;
  EXPECT_EQ(CompareIdentityOf(changed).digest, before.digest);
}

TEST(CompareIdentityTest, LongOptionsAreShortenedForDisplayButNotForTheDigest) {
  Step a = TwoOutputs(), b = TwoOutputs();
  a.outputs[0].compare.options["ignore_columns"] = std::string(100, 'x');
  b.outputs[0].compare.options["ignore_columns"] = std::string(100, 'x') + "y";
  EXPECT_EQ(CompareIdentityOf(a).parts[0].display.size(), 60u);
  EXPECT_NE(CompareIdentityOf(a).digest, CompareIdentityOf(b).digest);
}

}  // namespace
}  // namespace cutover
