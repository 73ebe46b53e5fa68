// A small migration written into a real SQLite ledger, for the report's tests: two steps over
// three weeks, with known counts (every number below is reasoned by hand from these calls).
#pragma once

#include <memory>

#include "evidence/step_rules.h"
#include "ledger/sqlite_ledger.h"
#include "testing/temp_dir.h"
#include "pipeline/pipeline.h"

namespace cutover::testing {

inline constexpr int64_t kDay = 24LL * 3600 * 1000;
inline constexpr int64_t kWeek1 = 1767571200000;  // Monday 2026-01-05 00:00 UTC
inline constexpr int64_t kWeek2 = kWeek1 + 7 * kDay;
inline constexpr int64_t kWeek3 = kWeek2 + 7 * kDay;
inline constexpr int64_t kNow = kWeek3 + 2 * kDay;  // Wednesday of week 3

// The rules of `pipeline` (aborts on an invalid spec: a test's own mistake).
PipelineRules RulesOf(const Pipeline& pipeline);

class ReportFixture {
 public:
  // qc (policy: 3 comparisons, 2 samples, 7 days, clean last 2):
  //   week 1: 2 legacy tasks (samples a, b; 1000 and 3000 ms; 100 and 300 MB);
  //   week 2: alice routes it to shadow on Tuesday ("cutover qc ready"); 3 shadow tasks
  //     (samples a, b and "<img src=x onerror=alert(1)>"): legacy 2000 ms / 200 MB each, new
  //     100, 200, 300 ms / 10 MB; comparisons: 2 match, 1 mismatch (the third sample);
  //   week 3: 1 shadow task, legacy served, the new side failed (exit 3).
  // trim (no new implementation, never routed): week 1, 1 legacy task (500 ms, 5 MB).
  ReportFixture();

  Ledger& ledger() { return *ledger_; }
  const Pipeline& pipeline() const { return pipeline_; }
  const PipelineRules& rules() const { return rules_; }
  int64_t mismatch_id() const { return mismatch_id_; }
  int64_t failed_execution_id() const { return failed_execution_id_; }

 private:
  int64_t Task(const std::string& step, const std::string& sample, int64_t at, Route route,
               std::optional<Side> served_by, bool fallback);
  int64_t Exec(int64_t task, const std::string& step, const std::string& sample, Side side,
               Role role, ExecStatus status, int64_t at, int64_t wall_ms, int64_t rss_kb);

  TestTempDir dir_;
  std::unique_ptr<Ledger> ledger_;
  Pipeline pipeline_;
  PipelineRules rules_;  // of pipeline_
  int64_t mismatch_id_ = 0;
  int64_t failed_execution_id_ = 0;
};

}  // namespace cutover::testing
