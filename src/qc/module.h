// One of FastQC's analysis modules. Each sees every read in file order (Add), then computes its
// result once (Finish) and writes it the way FastQC 0.11.9 does: a verdict, the rows of its
// section in fastqc_data.txt, and its part of the HTML report.
//
// Not thread-safe: a module is fed by one thread; different modules may run on different
// threads (analysis.h).
#pragma once

#include <string>
#include <string_view>

namespace cutover {

// A read as FastQC's modules see it. Views into the analysis batch, valid during Add().
struct QcRead {
  std::string_view header;    // the first line without its '@' (FastQC's tile and CASAVA
                              // filter look at ':'-separated fields after the first)
  std::string_view sequence;  // upper case
  std::string_view quality;   // same length as sequence
  bool filtered = false;      // --casava: flagged by the sequencer (":Y:" in the header)
};

enum class Verdict { kPass, kWarn, kFail };
std::string_view VerdictWord(Verdict v);        // "pass" / "warn" / "fail" (fastqc_data.txt)
std::string_view VerdictSummaryWord(Verdict v);  // "PASS" / "WARN" / "FAIL" (summary.txt)

class HtmlReport;

class QcModule {
 public:
  virtual ~QcModule() = default;
  virtual std::string_view name() const = 0;
  // FastQC passes reads flagged as filtered only to modules that count them (Basic Statistics).
  virtual bool wants_filtered() const { return false; }
  virtual void Add(const QcRead& read) = 0;
  // Called once after the last read; before it, the accessors below are undefined.
  virtual void Finish() = 0;
  // Left out of the report altogether (limits.txt "ignore", or nothing to show).
  virtual bool ignored() const = 0;
  virtual Verdict verdict() const = 0;
  // Appends the module's rows to fastqc_data.txt, from its "#" header line on.
  virtual void WriteData(std::string* out) const = 0;
  // Appends the module's charts or tables to the HTML report.
  virtual void WriteHtml(HtmlReport* html) const = 0;
};

}  // namespace cutover
