// Noise calibration: run a step's legacy implementation several times on the same input,
// compare the runs with each output's comparator, and infer `compare:` rules under which the
// run-to-run differences (timestamps, temp paths, order) are noise. When the step has a new
// side, it also runs once on the same input: rules anchored on legacy's own words are widened
// to cover the new side's version of the same line (evidence/rule_widening.h), and what still
// differs between the sides under the proposal is reported, never turned into a rule.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <optional>

#include "compare/comparator.h"
#include "evidence/stable_values.h"
#include "run/context.h"
#include "util/status.h"

namespace cutover {

struct CalibrationOptions {
  int runs = 2;                 // legacy runs; run 1 is compared with each later run
  int max_rounds = 5;           // inference rounds per output (each adds rules, then re-checks)
  int64_t max_differences = 1000;  // listed per comparison during inference: more evidence
  // Each run starts at least this long after the previous one started, so values written at
  // one-second resolution (a `generated_at` in seconds) differ between runs.
  int64_t min_spacing_ms = 1100;
  // Also run the new side once on the same input, when the step has one.
  bool with_new = true;
};

// A false report of bugprone-exception-escape on the implicit members (json's move is noexcept).
struct OutputCalibration {  // NOLINT(bugprone-exception-escape)
  std::string output;
  std::string kind;             // as configured
  nlohmann::json options;
  std::string proposed_kind;    // after inference (== kind when nothing was needed)
  nlohmann::json proposed_options;
  std::vector<std::string> reasons;  // what each added rule is for
  std::vector<Comparison> raw;       // run 1 vs run k, with the configured spec
  std::vector<Comparison> proposed;  // run 1 vs run k, with the proposed spec
  // Legacy run 1 against the new side's output under the proposed spec; none when the new
  // side did not run.
  std::optional<Comparison> between_sides;
  // Lines that hold the calibration's own date, host or user name, which equal runs cannot
  // show to vary (evidence/stable_values.h).
  std::vector<std::string> stable_hints;
  bool deterministic = true;    // every raw comparison matched
  bool explained = true;        // every proposed comparison is match or noise
  bool changed() const { return proposed_kind != kind || proposed_options != options; }
};

struct CalibrationResult {
  std::string sample;
  int runs = 0;
  std::vector<int64_t> wall_ms;  // per run
  int64_t span_ms = 0;           // from the first run's start to the last run's end
  // The new side's run: its time, or why it was not compared ("the step has no new side",
  // "new failed: exit 1 — ...").
  bool new_ran = false;
  int64_t new_wall_ms = 0;
  std::string new_note;
  std::vector<OutputCalibration> outputs;
  bool deterministic() const;
  bool explained() const;
};

// Runs step.legacy `options.runs` times one after the other, each in its own scratch folder
// (<state>/scratch/<step>/calibration/<k>/legacy), then (options.with_new) step.new once
// (<state>/scratch/<step>/calibration/<runs+1>/new), never publishing and never recording
// executions (the result is recorded by the caller). A legacy run that fails is kFailed naming
// the run and why; a new run that fails is only noted (new_note).
Result<CalibrationResult> Calibrate(const RunContext& ctx, const Step& step, const Sample* sample,
                                    const CalibrationOptions& options);

// A `compare:` mapping as JSON: {"kind": kind, ...options}.
nlohmann::json CompareSpecJson(const std::string& kind, const nlohmann::json& options);

// The specs proposed for the outputs whose rules changed: {output: {"kind": ..., ...}}; {}
// when nothing needs changing.
nlohmann::json ProposedSpecs(const CalibrationResult& result);

// What no calibration run can show, in words, for the user to check by hand: the span of the
// runs, the one sample, one machine and user, and the new side's absence when it did not run.
std::vector<std::string> CalibrationLimits(const CalibrationResult& result);

// Records the calibration of `step` in the ledger: who and when (from ctx), the runs, whether
// legacy was deterministic, the proposal (ProposedSpecs) and, per output and pair of runs, the
// comparisons under the configured and the proposed specs (with the configured spec, which
// ApplyRecordedCalibration checks), and legacy against new. Returns its id.
Result<int64_t> RecordCalibration(const RunContext& ctx, const Step& step,
                                  const CalibrationResult& result);

// Writes `proposal` (ProposedSpecs) into step `step`'s outputs in the pipeline file, keeping
// its comments and layout. The edited text must load and its comparators and policies build,
// or nothing is written (kInvalidArgument when the file's shape cannot be edited
// automatically, kInternal when the edit would not load). The write is atomic.
Status ApplyCalibration(const Pipeline& pipeline, const std::string& step,
                        const nlohmann::json& proposal);

// `cutover calibrate STEP --apply`: applies the proposal of the latest recorded calibration of
// `step` (of `sample` when not empty) without running anything. kNotFound when none is
// recorded; kFailed when an output's `compare:` changed since that calibration (its proposal
// was made for other rules) or the output is gone. Returns the calibration applied; its
// proposal may be empty (nothing to apply, nothing written).
Result<CalibrationRecord> ApplyRecordedCalibration(LedgerReader& ledger, const Pipeline& pipeline,
                                                   const Step& step, const std::string& sample);

}  // namespace cutover
