#include "report/concordance_charts.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "report/html_page.h"
#include "report/report_fixture.h"
#include "report/sprint_summary.h"

namespace cutover {
namespace {

using namespace cutover::testing;

int Count(const std::string& text, const std::string& needle) {
  int n = 0;
  for (size_t p = text.find(needle); p != std::string::npos; p = text.find(needle, p + 1)) ++n;
  return n;
}

// An alignment step compared by `bam` with two thresholds, its gate requiring same_placement
// too; comparisons with figures recorded in a real SQLite ledger.
class ConcordanceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto ledger = OpenSqliteLedger(dir_.path() / "ledger.db");
    ASSERT_TRUE(ledger.ok()) << ledger.status().ToString();
    ledger_ = std::move(ledger).value();
    pipeline_.file = "/lab/cutover.yaml";
    Step align;
    align.name = "align";
    align.new_impl = Implementation{};
    OutputSpec bam;
    bam.name = "bam";
    bam.compare.kind = "bam";
    bam.compare.options = {{"min_same_placement", 0.98}, {"max_only_legacy", 0.001}};
    OutputSpec log;
    log.name = "log";
    log.compare.kind = "text";
    align.outputs = {bam, log};
    align.policy = {{"min_metric", {{"same_placement", 0.98}, {"recall", 0.99}}}};
    pipeline_.steps = {align};
    rules_ = RulesOf(pipeline_);
  }

  int64_t Record(const std::string& sample, int64_t at_ms, nlohmann::json metrics,
                 const std::string& output = "bam") {
    ComparisonRecord c;
    c.step = "align";
    c.sample = sample;
    c.output = output;
    c.comparator = output == "bam" ? "bam" : "text";
    c.outcome = Outcome::kNoise;
    c.at_ms = at_ms;
    c.summary = {{"outcome", "noise"}};
    if (!metrics.is_null()) c.summary["metrics"] = std::move(metrics);
    auto id = ledger_->RecordComparison(c);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  MigrationReport Report(int64_t since_ms = 0) {
    auto report = BuildMigrationReport(*ledger_, pipeline_, rules_, kNow, since_ms);
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    return report.ok() ? std::move(report).value() : MigrationReport{};
  }

  TestTempDir dir_;
  std::unique_ptr<Ledger> ledger_;
  Pipeline pipeline_;
  PipelineRules rules_;
};

TEST_F(ConcordanceTest, EachOutputsFiguresWithTheirThresholds) {
  Record("s1", kWeek1 + kDay, {{"same_placement", 0.99}, {"only_legacy", 0.0}, {"same_mapq", 0.9}, {"reads_compared", 1000}});
  const int64_t low = Record("s2", kWeek2 + kDay, {{"same_placement", 0.975}, {"only_legacy", 0.0005}, {"same_mapq", nullptr}, {"reads_compared", 1000}});
  Record("s3", kWeek3 + kDay, {{"same_placement", 0.995}, {"only_legacy", 0.002}, {"same_mapq", 0.95}, {"reads_compared", 1200}});
  Record("s1", kWeek3 + kDay, nullptr, "log");  // a comparator without figures
  MigrationReport report = Report();
  ASSERT_EQ(report.steps.size(), 1u);
  ASSERT_EQ(report.steps[0].concordance.size(), 1u);
  const OutputConcordance& c = report.steps[0].concordance[0];
  EXPECT_EQ(c.output, "bam");
  EXPECT_EQ(c.comparator, "bam");
  EXPECT_EQ(c.comparisons.size(), 3u);
  EXPECT_NE(std::find(c.fraction_metrics.begin(), c.fraction_metrics.end(), "same_placement"),
            c.fraction_metrics.end());
  EXPECT_EQ(std::find(c.fraction_metrics.begin(), c.fraction_metrics.end(), "reads_compared"),
            c.fraction_metrics.end());
  // One limit per (metric, direction, bound), by name; the gate's recall is not measured here.
  ASSERT_EQ(c.limits.size(), 2u);
  EXPECT_EQ(c.limits[0].metric, "only_legacy");
  EXPECT_FALSE(c.limits[0].is_min);
  EXPECT_EQ(c.limits[0].sources, (std::vector<std::string>{"compare: max_only_legacy"}));
  EXPECT_EQ(c.limits[1].metric, "same_placement");
  EXPECT_EQ(c.limits[1].sources,
            (std::vector<std::string>{"compare: min_same_placement", "gate: min_metric"}));

  const LimitSummary placement = SummarizeLimit(c, c.limits[1]);
  EXPECT_EQ(placement.measured, 3);
  EXPECT_EQ(placement.missed, 1);
  EXPECT_DOUBLE_EQ(placement.worst, 0.975);
  EXPECT_EQ(placement.worst_sample, "s2");
  EXPECT_EQ(placement.worst_comparison, low);
  const LimitSummary only_legacy = SummarizeLimit(c, c.limits[0]);
  EXPECT_EQ(only_legacy.missed, 1);  // 0.002 > 0.001
  EXPECT_DOUBLE_EQ(only_legacy.worst, 0.002);

  // The period: since week 2, the first comparison is out.
  EXPECT_EQ(Report(kWeek2).steps[0].concordance[0].comparisons.size(), 2u);
}

TEST_F(ConcordanceTest, ChartsOneLinePerMetricAndAZoomedChartPerThreshold) {
  Record("s1", kWeek1 + kDay, {{"same_placement", 0.99}, {"only_legacy", 0.0}, {"same_mapq", 0.9}});
  Record("s2", kWeek2 + kDay, {{"same_placement", 0.975}, {"only_legacy", 0.0005}, {"same_mapq", nullptr}});
  Record("s3", kWeek3 + kDay, {{"same_placement", 0.995}, {"only_legacy", 0.0}, {"same_mapq", 0.95}});
  MigrationReport report = Report();
  const OutputConcordance& c = report.steps[0].concordance[0];
  std::vector<std::string> charts =
      ConcordanceCharts("align", c, report.since_ms, report.now_ms, report.weeks);
  ASSERT_EQ(charts.size(), 3u);  // every fraction metric, then only_legacy, then same_placement
  // Overview: three lines (same_mapq misses one point), a band per threshold.
  EXPECT_NE(charts[0].find("data-marks=\"8\""), std::string::npos) << charts[0];
  EXPECT_EQ(Count(charts[0], "<polyline class=\"line "), 3);
  EXPECT_EQ(Count(charts[0], "<rect class=\"band "), 2);
  EXPECT_NE(charts[0].find(">1.0</text>"), std::string::npos);  // the 0 to 1 axis
  EXPECT_NE(charts[0].find("s2 · same_placement 0.9750 (comparison"), std::string::npos);
  // same_placement: its own axis around 0.975..0.995 and the threshold 0.98.
  const std::string& zoomed = charts[2];
  EXPECT_NE(zoomed.find("align · bam: same_placement (threshold ≥ 0.98)"), std::string::npos);
  EXPECT_NE(zoomed.find("data-marks=\"3\""), std::string::npos);
  EXPECT_EQ(Count(zoomed, "<rect class=\"band "), 1);
  EXPECT_EQ(zoomed.find(">0.5"), std::string::npos) << zoomed;  // zoomed in
  EXPECT_NE(zoomed.find("same_placement ≥ 0.98</text>"), std::string::npos);
  // Week ticks on the time axis.
  EXPECT_NE(zoomed.find(">01-12</text>"), std::string::npos);
}

TEST_F(ConcordanceTest, ManyComparisonsAreDrawnAsBuckets) {
  for (int i = 0; i < 600; ++i) {
    Record(fmt::format("s{}", i), kWeek1 + int64_t{i} * (kNow - kWeek1) / 600,
           {{"same_placement", i == 300 ? 0.5 : 0.99 + 0.00001 * (i % 7)}});
  }
  MigrationReport report = Report();
  const OutputConcordance& c = report.steps[0].concordance[0];
  std::vector<std::string> charts =
      ConcordanceCharts("align", c, report.since_ms, report.now_ms, report.weeks);
  ASSERT_EQ(charts.size(), 2u);
  const int marks = Count(charts[1], "<circle class=\"mark ");
  EXPECT_LE(marks, static_cast<int>(kMaxMetricPoints) + 1);
  EXPECT_GE(marks, 100);
  EXPECT_GT(Count(charts[1], "<line class=\"range "), 0);
  // The outlier is in some bucket's tooltip as its lowest value, and the axis reaches it.
  EXPECT_NE(charts[1].find("lowest 0.5000 (s300, comparison"), std::string::npos);
  EXPECT_NE(charts[1].find(">0.4</text>"), std::string::npos) << charts[1];
}

TEST_F(ConcordanceTest, TheReportShowsTheFiguresAndTheSummarySaysHowTheThresholdsFared) {
  Record("s1", kWeek2 + kDay, {{"same_placement", 0.99}, {"only_legacy", 0.0}});
  const int64_t low = Record("s<b>", kWeek3 + kDay, {{"same_placement", 0.975}, {"only_legacy", 0.0}});
  MigrationReport report = Report();
  const std::string html = RenderReportHtml(report);
  EXPECT_NE(html.find("<h3>Concordance</h3>"), std::string::npos);
  EXPECT_NE(html.find("<td>same_placement</td><td>≥ 0.98</td><td>compare: min_same_placement, "
                      "gate: min_metric</td><td class=\"num\">2</td><td class=\"num\"><span "
                      "class=\"missing\">1</span></td><td>0.9750</td>"),
            std::string::npos)
      << html;
  EXPECT_EQ(html.find("s<b>"), std::string::npos);  // escaped everywhere
  const std::string md = RenderSprintSummary(report);
  EXPECT_NE(md.find("## Concordance"), std::string::npos) << md;
  EXPECT_NE(md.find(fmt::format("- `align` bam: `same_placement` ≥ 0.98 **missed on 1 of 2 "
                                "comparisons** (lowest 0.9750, sample s\\<b\\>: `cutover diff {}`).",
                                low)),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("- `align` bam: `only_legacy` ≤ 0.001 held on all 2 comparisons (highest 0.0000"),
            std::string::npos)
      << md;
}

TEST_F(ConcordanceTest, NoFiguresNoSection) {
  Record("s1", kWeek2 + kDay, nullptr, "log");
  MigrationReport report = Report();
  EXPECT_TRUE(report.steps[0].concordance.empty());
  EXPECT_EQ(RenderReportHtml(report).find("Concordance"), std::string::npos);
  EXPECT_EQ(RenderSprintSummary(report).find("## Concordance"), std::string::npos);
}

}  // namespace
}  // namespace cutover
