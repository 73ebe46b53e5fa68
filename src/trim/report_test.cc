#include "trim/report.h"

#include <gtest/gtest.h>

#include "trim/read_trimmer.h"

namespace cutover::trim {
namespace {

TEST(ReportTest, Thousands) {
  EXPECT_EQ(WithThousands(0), "0");
  EXPECT_EQ(WithThousands(999), "999");
  EXPECT_EQ(WithThousands(1000), "1,000");
  EXPECT_EQ(WithThousands(1234567), "1,234,567");
}

TEST(ReportTest, NoReads) {
  TrimStats s;
  std::array<std::vector<Adapter>, 2> adapters;
  EXPECT_EQ(FullReport(ReportInput{&s, &adapters, 1.0, 0.5}), "No reads processed!");
}

// One read with a 13-base adapter removed after a T: the summary lines and the adapter section
// as cutadapt prints them (values worked out by hand).
TEST(ReportTest, SummaryAndAdapterSection) {
  TrimOptions o;
  o.adapters1 = {{AdapterOption::kBack, "AGATCGGAAGAGC"}};
  auto t = ReadTrimmer::Create(o);
  ASSERT_TRUE(t.ok());
  TrimStats s = t->NewStats();
  std::string seq = "ACGTAGATCGGAAGAGC", qual(17, 'I');
  ReadView v{"r1", seq, qual};
  ASSERT_EQ(t->Process(&v, &s), Route::kOutput);
  std::array<std::vector<Adapter>, 2> adapters = {t->adapters(0), t->adapters(1)};
  std::string r = FullReport(ReportInput{&s, &adapters, 2.0, 0.5});
  EXPECT_NE(r.find("Finished in 2.000 s (2000000.000 µs/read; 0.00 M reads/minute)."),
            std::string::npos) << r;
  EXPECT_NE(r.find("Total reads processed:                       1\n"
                   "Reads with adapters:                         1 (100.0%)\n"
                   "Reads written (passing filters):             1 (100.0%)\n\n"
                   "Total basepairs processed:            17 bp\n"
                   "Total written (filtered):              4 bp (23.5%)\n"),
            std::string::npos)
      << r;
  EXPECT_NE(r.find("Sequence: AGATCGGAAGAGC; Type: regular 3'; Length: 13; Trimmed: 1 times\n\n"
                   "Minimum overlap: 3\nNo. of allowed errors:\n1-9 bp: 0; 10-13 bp: 1\n\n"
                   "Bases preceding removed adapters:\n  A: 0.0%\n  C: 0.0%\n  G: 0.0%\n"
                   "  T: 100.0%\n  none/other: 0.0%\n\nOverview of removed sequences\n"
                   "length\tcount\texpect\tmax.err\terror counts\n13\t1\t0.0\t1\t1"),
            std::string::npos)
      << r;
  EXPECT_EQ(MinimalReport(ReportInput{&s, &adapters, 2.0, 0.5}),
            "status\tin_reads\tin_bp\ttoo_short\ttoo_long\ttoo_many_n\tout_reads\tw/adapters\t"
            "qualtrim_bp\tout_bp\nOK\t1\t17\t0\t0\t0\t1\t1\t0\t4");
}

}  // namespace
}  // namespace cutover::trim
