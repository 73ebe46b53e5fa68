#include "run/status_line.h"

#include <gtest/gtest.h>

namespace cutover {
namespace {

TEST(StatusLineTest, CountsRateAndEta) {
  RunCounts c{300000, 1200, 3, {"qc/s1", "trim/s2"}};
  // 1200 tasks in 30 s: 40 a second, 298,800 left: 2h04m30s.
  EXPECT_EQ(FormatStatusLine(c, 30000, 200),
            "[1200/300000] 2 running, 3 failed | 40/s | ETA 2h04m | qc/s1, trim/s2");
}

TEST(StatusLineTest, NoRateBeforeTheFirstTaskOrSecond) {
  RunCounts c{10, 0, 0, {"qc/s1"}};
  EXPECT_EQ(FormatStatusLine(c, 5000, 200), "[0/10] 1 running, 0 failed | ETA ? | qc/s1");
  c.finished = 3;
  EXPECT_EQ(FormatStatusLine(c, 999, 200), "[3/10] 1 running, 0 failed | ETA ? | qc/s1");
  EXPECT_EQ(FormatStatusLine(c, 2000, 200), "[3/10] 1 running, 0 failed | 1.50/s | ETA 5s | qc/s1");
}

TEST(StatusLineTest, NeverWiderThanTheTerminal) {
  RunCounts c{4000, 10, 0, {}};
  for (int i = 0; i < 50; ++i) c.running.push_back("align/sample_" + std::to_string(i));
  for (int columns : {20, 40, 80, 132}) {
    const std::string line = FormatStatusLine(c, 10000, columns);
    EXPECT_LE(line.size(), static_cast<size_t>(columns - 1)) << line;
    EXPECT_EQ(line.rfind("[10/4000]", 0), 0u) << line;
  }
  EXPECT_NE(FormatStatusLine(c, 10000, 80).find("..."), std::string::npos);
}

TEST(StatusLineTest, NamesCannotMoveTheCursor) {
  RunCounts c{1, 0, 0, {"qc/a\x1b[2Jb\n"}};
  const std::string line = FormatStatusLine(c, 0, 200);
  EXPECT_EQ(line.find('\x1b'), std::string::npos) << line;
  EXPECT_EQ(line.find('\n'), std::string::npos) << line;
}

TEST(StatusLineTest, EtaIsCoarse) {
  EXPECT_EQ(FormatEta(0), "0s");
  EXPECT_EQ(FormatEta(44100), "45s");
  EXPECT_EQ(FormatEta(750000), "12m30s");
  EXPECT_EQ(FormatEta(3 * 3600000 + 5 * 60000), "3h05m");
  EXPECT_EQ(FormatEta(52 * 3600000LL), "2d4h");
}

}  // namespace
}  // namespace cutover
