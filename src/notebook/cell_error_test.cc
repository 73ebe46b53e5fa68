// Failing-cell extraction from notebooks executed by the real nbconvert (testdata/, made by
// testdata/make_fixtures.sh).
#include "notebook/cell_error.h"

#include <gtest/gtest.h>

#include "notebook/notebook_file.h"
#include "testing/beside_binary.h"

namespace cutover {
namespace {

const std::filesystem::path kData = BesideTestBinary(CUTOVER_NOTEBOOK_TESTDATA);

TEST(CellErrorTest, FirstFailingCellOfARealExecutedNotebook) {
  auto nb = ReadNotebook(kData / "failing.executed.ipynb");
  ASSERT_TRUE(nb.ok()) << nb.status().ToString();
  auto error = FirstCellError(*nb);
  ASSERT_TRUE(error.has_value());
  // Cell 2 also raised, but is tagged raises-exception: expected, skipped.
  EXPECT_EQ(error->index, 4u);
  EXPECT_EQ(error->execution_count, 4);
  EXPECT_EQ(error->ename, "ValueError");
  EXPECT_EQ(error->evalue, "too many reads: 10 > 5 (échantillon default)\nsecond line");
  EXPECT_EQ(error->where,
            "Cell In [4], line 3, in check(n): raise ValueError(f\"too many reads: {n} > 5 "
            "(échantillon {sample})\\nsecond line\")");
  EXPECT_EQ(ToString(*error),
            "cell 4 (In [4]): ValueError: too many reads: 10 > 5 (échantillon default)\\nsecond "
            "line — at Cell In [4], line 3, in check(n): raise ValueError(f\"too many reads: {n} > "
            "5 (échantillon {sample})\\nsecond line\")");
}

TEST(CellErrorTest, AnErrorRaisedInALibraryIsShownAtTheUsersLineFirst) {
  // IPython 8's traceback of a cell whose pandas call raised (ANSI colours left out).
  const nlohmann::json nb = {
      {"cells",
       {{{"cell_type", "code"},
         {"execution_count", 3},
         {"outputs",
          {{{"output_type", "error"},
            {"ename", "ValueError"},
            {"evalue", "bad sep"},
            {"traceback",
             {"-----------------------------------------------------------------------",
              "ValueError                                Traceback (most recent call last)",
              // NOLINTNEXTLINE(bugprone-suspicious-missing-comma): one traceback entry, split
              "Cell In[3], line 2\n      1 import pandas as pd\n----> 2 df = "
              "pd.read_csv('x.csv', sep=1)\n",
              "File /usr/lib/python3/dist-packages/pandas/io/parsers/readers.py:912, in "
              "read_csv(filepath_or_buffer, sep)\n    910 kwds.update(kwds_defaults)\n--> 912 "
              "return _read(filepath_or_buffer, kwds)\n",
              "ValueError: bad sep"}}}}}}}}};
  auto error = FirstCellError(nb);
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->where,
            "Cell In[3], line 2: df = pd.read_csv('x.csv', sep=1) (raised in File "
            "/usr/lib/python3/dist-packages/pandas/io/parsers/readers.py:912, in "
            "read_csv(filepath_or_buffer, sep))");
}

TEST(CellErrorTest, SyntaxError) {
  auto nb = ReadNotebook(kData / "syntax_error.executed.ipynb");
  ASSERT_TRUE(nb.ok()) << nb.status().ToString();
  auto error = FirstCellError(*nb);
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->index, 1u);
  EXPECT_EQ(error->ename, "SyntaxError");
  EXPECT_EQ(error->where, "Cell In [2], line 1");
  EXPECT_EQ(error->evalue.substr(0, 18), "incomplete input (");  // "(<random>.py, line 1)"
  EXPECT_EQ(ToString(*error).substr(0, 47), "cell 1 (In [2]): SyntaxError: incomplete input ");
}

TEST(CellErrorTest, NoErrorInAnUnexecutedOrCleanNotebook) {
  auto nb = ReadNotebook(kData / "failing.ipynb");
  ASSERT_TRUE(nb.ok());
  EXPECT_FALSE(FirstCellError(*nb).has_value());
  EXPECT_FALSE(FirstCellError(nlohmann::json::object()).has_value());
}

TEST(CellErrorTest, HandWrittenErrorWithoutTracebackOrCount) {
  nlohmann::json nb = {{"cells",
                        {{{"cell_type", "code"},
                          {"execution_count", nullptr},
                          {"outputs", {{{"output_type", "error"}, {"ename", "RuntimeError"},
                                        {"evalue", std::string(400, 'x')}}}}}}}};
  auto error = FirstCellError(nb);
  ASSERT_TRUE(error.has_value());
  EXPECT_FALSE(error->execution_count.has_value());
  std::string text = ToString(*error);
  EXPECT_EQ(text.substr(0, 22), "cell 0: RuntimeError: ");
  EXPECT_EQ(text.size(), 22u + 300u + std::string("…").size());  // shortened
}

TEST(CellErrorTest, StripAnsi) {
  EXPECT_EQ(StripAnsi("\x1b[0;31mValueError\x1b[0m: x"), "ValueError: x");
  EXPECT_EQ(StripAnsi("\x1b[38;5;28;01mdef\x1b[39;00m f"), "def f");
  EXPECT_EQ(StripAnsi("plain"), "plain");
}

}  // namespace
}  // namespace cutover
