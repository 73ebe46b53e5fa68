// Noise calibration: run a step's legacy implementation several times on the same input,
// compare the runs with each output's comparator, and infer `compare:` rules under which the
// run-to-run differences (timestamps, temp paths, order) are noise.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compare/comparator.h"
#include "run/context.h"
#include "util/status.h"

namespace cutover {

struct CalibrationOptions {
  int runs = 2;                 // legacy runs; run 1 is compared with each later run
  int max_rounds = 5;           // inference rounds per output (each adds rules, then re-checks)
  int64_t max_differences = 1000;  // listed per comparison during inference: more evidence
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
  bool deterministic = true;    // every raw comparison matched
  bool explained = true;        // every proposed comparison is match or noise
  bool changed() const { return proposed_kind != kind || proposed_options != options; }
};

struct CalibrationResult {
  std::string sample;
  int runs = 0;
  std::vector<int64_t> wall_ms;  // per run
  std::vector<OutputCalibration> outputs;
  bool deterministic() const;
  bool explained() const;
};

// Runs step.legacy `options.runs` times one after the other, each in its own scratch folder
// (<state>/scratch/<step>/calibration/<k>/legacy), never publishing and never recording
// executions (the result is recorded by the caller). A run that fails is kFailed naming the run
// and why.
Result<CalibrationResult> Calibrate(const RunContext& ctx, const Step& step, const Sample* sample,
                                    const CalibrationOptions& options);

// A `compare:` mapping as JSON: {"kind": kind, ...options}.
nlohmann::json CompareSpecJson(const std::string& kind, const nlohmann::json& options);

// The specs proposed for the outputs whose rules changed: {output: {"kind": ..., ...}}; {}
// when nothing needs changing.
nlohmann::json ProposedSpecs(const CalibrationResult& result);

// Records the calibration of `step` in the ledger: who and when (from ctx), the runs, whether
// legacy was deterministic, the proposal (ProposedSpecs) and, per output and pair of runs, the
// comparisons under the configured and the proposed specs. Returns its id.
Result<int64_t> RecordCalibration(const RunContext& ctx, const Step& step,
                                  const CalibrationResult& result);

// Writes `proposal` (ProposedSpecs) into step `step`'s outputs in the pipeline file, keeping
// its comments and layout. The edited text must load and its comparators and policies build,
// or nothing is written (kInvalidArgument when the file's shape cannot be edited
// automatically, kInternal when the edit would not load). The write is atomic.
Status ApplyCalibration(const Pipeline& pipeline, const std::string& step,
                        const nlohmann::json& proposal);

}  // namespace cutover
