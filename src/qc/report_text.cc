#include "qc/report_text.h"

namespace cutover {

std::string_view VerdictWord(Verdict v) {
  switch (v) {
    case Verdict::kPass: return "pass";
    case Verdict::kWarn: return "warn";
    case Verdict::kFail: return "fail";
  }
  return "pass";
}

std::string_view VerdictSummaryWord(Verdict v) {
  switch (v) {
    case Verdict::kPass: return "PASS";
    case Verdict::kWarn: return "WARN";
    case Verdict::kFail: return "FAIL";
  }
  return "PASS";
}

std::string FastqcVersionText(FastqcVersion version) {
  return std::string(ToString(version)) + "+cutover.0.1.0";
}

std::string FastqcDataText(const QcResult& result) {
  std::string out;
  out.append("##FastQC\t").append(FastqcVersionText(result.fastqc_version)).append("\n");
  for (const auto& m : result.modules) {
    if (m->ignored()) continue;
    out.append(">>").append(m->name()).append("\t").append(VerdictWord(m->verdict()));
    out.push_back('\n');
    m->WriteData(&out);
    out.append(">>END_MODULE\n");
  }
  return out;
}

std::string SummaryText(const QcResult& result) {
  std::string out;
  for (const auto& m : result.modules) {
    if (m->ignored()) continue;
    out.append(VerdictSummaryWord(m->verdict())).append("\t").append(m->name());
    out.append("\t").append(result.display_name).append("\n");
  }
  return out;
}

}  // namespace cutover
