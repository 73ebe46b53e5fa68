#include "trim/galore_settings.h"

#include <algorithm>
#include <cstdlib>
#include <regex>

#include <fmt/format.h>

#include "fastq/fastq_reader.h"
#include "trim/trim_input.h"
#include "util/file.h"
#include "util/strings.h"

namespace cutover::trim {
namespace {

bool IsNumber(const std::string& s) {
  char* end = nullptr;
  std::strtod(s.c_str(), &end);
  return !s.empty() && *end == '\0';
}

// Trim Galore's check and expansion of -a/-a2 ("A{20}" -> 20 As, upper case).
Result<std::string> NormaliseAdapter(const std::string& a, bool second) {
  static const std::regex kRepeat("^([ACTGN])\\{(\\d+)\\}$");
  std::smatch m;
  if (std::regex_match(a, m, kRepeat)) {
    // Trim Galore repeats the base as asked; a count beyond any read's length is a typo (and
    // 'A{99999999999}' would exhaust memory), so it is refused.
    constexpr int64_t kLongest = 10000;
    const std::optional<int64_t> count = ParseInt64(m[2].str());
    if (!count || *count > kLongest) {
      return Status::InvalidArgument(fmt::format(
          "adapter '{}' repeats its base more than {} times: give a shorter adapter", a, kLongest));
    }
    return std::string(static_cast<size_t>(*count), m[1].str()[0]);
  }
  if (a.find("file:") != std::string::npos || std::regex_search(a, std::regex("\\s+-a\\s+"))) {
    return a;
  }
  const std::string allowed = second ? "ACTGNactgn" : "ACTGNXactgnx";
  if (a.empty() || a.find_first_not_of(allowed) != std::string::npos) {
    return Status::InvalidArgument(
        second ? "Optional adapter 2 sequence must contain DNA characters only (A,C,T,G or N)!"
               : "Adapter sequence must contain DNA characters only (A,C,T,G or N)!");
  }
  std::string up = a;
  for (char& c : up) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return up;
}

// Adapter auto-detection: exact occurrences in the first 999,999 reads of the first file.
Status AutoDetect(const GaloreOptions& o, GaloreSettings* s, std::FILE* log) {
  struct Candidate {
    const char* key;
    const char* seq;
    const char* name;
    int64_t count = 0;
  };
  // Ties are ordered as listed (Trim Galore's order is Perl's hash order, which varies).
  std::vector<Candidate> c = {
      {"Illumina", "AGATCGGAAGAGC", "Illumina TruSeq, Sanger iPCR; auto-detected"},
      {"Nextera", "CTGTCTCTTATA", "Nextera Transposase sequence; auto-detected"},
      {"smallRNA", "TGGAATTCTCGG", "Illumina small RNA adapter; auto-detected"}};
  CUTOVER_ASSIGN_OR_RETURN(std::unique_ptr<FastqReader> reader, OpenTrimReader(o.inputs[0], false));
  FastqRecord r;
  int64_t count = 0;
  while (true) {
    CUTOVER_ASSIGN_OR_RETURN(bool more, reader->Next(&r));
    if (!more) break;
    if (++count == 1000000) break;  // Trim Galore stops before counting this one
    for (Candidate& k : c) {
      if (r.sequence.find(k.seq) != std::string_view::npos) ++k.count;
    }
  }
  std::stable_sort(c.begin(), c.end(), [](const Candidate& a, const Candidate& b) { return a.count > b.count; });
  std::fprintf(log, "Adapter auto-detection over %lld sequences: %s %lld, %s %lld, %s %lld\n",
               static_cast<long long>(count), c[0].key, static_cast<long long>(c[0].count),
               c[1].key, static_cast<long long>(c[1].count), c[2].key,
               static_cast<long long>(c[2].count));
  s->adapter = c[0].seq;
  s->adapter_name = c[0].name;
  const std::string counts = fmt::format("(count {}: {}, count {}: {}, count {}: {})", c[0].key,
                                         c[0].count, c[1].key, c[1].count, c[2].key, c[2].count);
  const bool already = o.consider_already_trimmed && c[0].count <= *o.consider_already_trimmed;
  auto suppress = [&](const char* why) {
    s->report_message += why;
    s->adapter_name = "No adapter trimming [suppressed by user]";
    s->adapter = "X";
  };
  if (c[0].count == c[1].count && c[0].count == c[2].count) {
    s->report_message += "Unable to auto-detect most prominent adapter from the first specified file " + counts + "\n";
    if (already) {
      suppress(fmt::format("No auto-detected adapter sequence exceeded the user-specified 'already adapter-trimmed' limit ({}). Setting adapter sequence to -a X\n", *o.consider_already_trimmed).c_str());
    } else {
      s->report_message += "Defaulting to Illumina universal adapter ( AGATCGGAAGAGC ). Specify -a SEQUENCE to avoid this behavior).\n";
      s->adapter_name = "Illumina TruSeq, Sanger iPCR; default (inconclusive auto-detection)";
      s->adapter = "AGATCGGAAGAGC";
    }
  } else if (c[0].count == c[1].count) {
    s->report_message += "Unable to auto-detect most prominent adapter from the first specified file " + counts + "\n";
    if (already) {
      suppress(fmt::format("The highest auto-detected adapter sequence did not exceed the user-specified 'already adapter-trimmed' limit ({}). Setting adapter sequence to -a X\n", *o.consider_already_trimmed).c_str());
    } else if (std::string(c[0].key) == "Illumina" || std::string(c[1].key) == "Illumina") {
      s->report_message += "Defaulting to Illumina universal adapter ( AGATCGGAAGAGC ). Specify -a SEQUENCE to avoid this behavior.\n";
      s->adapter_name = "Illumina TruSeq, Sanger iPCR; default (inconclusive auto-detection)";
      s->adapter = "AGATCGGAAGAGC";
    } else {
      s->report_message += "Defaulting to Nextera adapter as next best option ( CTGTCTCTTATA ). Specify -a SEQUENCE to avoid this behavior.\n";
      s->adapter_name = "Nextera; (assigned because of inconclusive auto-detection)";
      s->adapter = "CTGTCTCTTATA";
    }
  } else if (already) {
    suppress(fmt::format("The highest auto-detected adapter sequence did not exceed the user-specified 'already adapter-trimmed' limit ({}). Setting adapter sequence to -a X\n", *o.consider_already_trimmed).c_str());
  } else {
    s->report_message += fmt::format("Using {} adapter for trimming (count: {}). Second best hit was {} (count: {})\n",
                                     c[0].key, c[0].count, c[1].key, c[1].count);
  }
  return Status::Ok();
}

}  // namespace

Result<GaloreSettings> ResolveGaloreSettings(const GaloreOptions& o, std::FILE* log) {
  GaloreSettings s;
  if (o.inputs.empty()) return Status::InvalidArgument("Please provide the filename(s) of one or more FastQ file(s) to launch Trim Galore!");
  for (const std::string& f : o.inputs) {
    if (f.find_first_of(" \t") != std::string::npos) {
      return Status::InvalidArgument(fmt::format("Input file names ('{}') supplied with whitespace(s)", f));
    }
  }
  if (o.cores < 1) return Status::InvalidArgument("Please a use a positive integer for the number of cores to be used, and re-specify!");
  if (o.nextseq) {
    if (o.quality) return Status::InvalidArgument("The options '-quality INT' and '--nextseq INT' are mutually exclusive.");
    if (*o.nextseq <= 0 || *o.nextseq >= 200) return Status::InvalidArgument("Please select a sensible value for 2-colour specific trimming (currently allowed range is between 1 and 200 Gs).");
  }
  if (!IsNumber(o.error_rate)) return Status::InvalidArgument(fmt::format("Invalid error rate '{}'", o.error_rate));
  s.error_rate = std::strtod(o.error_rate.c_str(), nullptr);
  if (!(s.error_rate >= 0 && s.error_rate <= 1)) return Status::InvalidArgument("Please specify an error rate between 0 and 1 (the default is 0.1)");
  if (o.adapter && o.preset != GaloreOptions::Preset::kAuto) {
    return Status::InvalidArgument("You can't supply an adapter sequence AND use a preset adapter (--illumina, --nextera, --small_rna, --stranded_illumina). Make your choice.");
  }
  if (o.adapter2 && !o.paired) return Status::InvalidArgument("An optional adapter for read 2 of paired-end files requires '--paired' to be specified as well! Please re-specify");
  if (o.paired) {
    if (o.inputs.size() % 2 != 0) return Status::InvalidArgument("Please provide an even number of input files for paired-end FastQ trimming! Aborting ...");
    for (size_t i = 0; i + 1 < o.inputs.size(); i += 2) {
      if (o.inputs[i] == o.inputs[i + 1]) return Status::InvalidArgument(fmt::format("Read 1 ({}) and Read 2 ({}) files appear to be the very same file.", o.inputs[i], o.inputs[i + 1]));
    }
  }
  if (o.clip_r2 && !o.paired) return Status::InvalidArgument("Clipping the 5' end of read 2 is only allowed for paired-end files (--paired)");
  for (int clip : {o.clip_r1, o.clip_r2, o.three_prime_clip_r1, o.three_prime_clip_r2}) {
    if (clip != 0 && !(clip > 0 && clip < 100)) return Status::InvalidArgument("The clipping value should have a sensible value (> 0 and < read length)");
  }
  if (o.consider_already_trimmed) {
    if (*o.consider_already_trimmed < 0 || *o.consider_already_trimmed > 10000) return Status::InvalidArgument("Please select a threshold for --consider_already_trimmed in the range of [0-1000] (inclusive)");
    if (o.preset != GaloreOptions::Preset::kAuto && o.preset != GaloreOptions::Preset::kStrandedIllumina) {
      return Status::InvalidArgument("The threshold for --consider_already_trimmed [INT] only works in conjunction with adapter auto-detection.");
    }
  }
  if (o.max_n) {
    if (!IsNumber(*o.max_n)) return Status::InvalidArgument(fmt::format("--max_n: '{}' is not a number", *o.max_n));
    double v = std::strtod(o.max_n->c_str(), nullptr);
    if (v > 0 && v < 1) {
      s.maxn_fraction = v;
      s.maxn = v;  // Trim Galore keeps the fraction in $maxn too (see the single-end filter)
      s.maxn_text = *o.max_n;
    } else {
      v = std::trunc(v);
      if (!(v >= 0 && v <= 100)) return Status::InvalidArgument("--max_n needs to be an integer between 0 and 100.");
      s.maxn = v;
      s.maxn_text = std::to_string(static_cast<int>(v));
    }
  }
  if (o.length_r1 || o.length_r2) {
    if (!o.retain_unpaired) return Status::InvalidArgument("Please specify --keep_unpaired to alter the unpaired single-end read length cut off(s)");
  }
  if (!o.nextseq) s.cutoff = o.quality.value_or(20);
  s.phred_score_cutoff = s.cutoff;
  s.phred = o.phred64 ? 64 : 33;
  using P = GaloreOptions::Preset;
  if (o.adapter) {
    CUTOVER_ASSIGN_OR_RETURN(s.adapter, NormaliseAdapter(*o.adapter, false));
    s.adapter_name = "user defined";
  } else if (o.preset == P::kNextera) {
    s.adapter = "CTGTCTCTTATA";
    s.adapter_name = "Nextera Transposase sequence; user defined";
  } else if (o.preset == P::kSmallRna) {
    s.adapter = "TGGAATTCTCGG";
    s.adapter_name = "Illumina small RNA adapter; user defined";
  } else if (o.preset == P::kIllumina) {
    s.adapter = "AGATCGGAAGAGC";
    s.adapter_name = "Illumina TruSeq, Sanger iPCR; user defined";
  } else if (o.preset == P::kStrandedIllumina) {
    s.adapter = "ACTGTCTCTTATA";
    s.adapter_name = "Illumina stranded mRNA and Total RNA; user defined (added for v0.6.8)";
  } else {
    CUTOVER_RETURN_IF_ERROR(AutoDetect(o, &s, log));
  }
  if (o.adapter2) {
    CUTOVER_ASSIGN_OR_RETURN(s.a2, NormaliseAdapter(*o.adapter2, true));
  }
  std::optional<int> length = o.length;
  if (s.adapter == "TGGAATTCTCGG") {
    if (!length) length = 18;
    if (o.paired && !o.adapter2) s.a2 = "GATCGTCGGACT";
  }
  s.length_cutoff = length.value_or(20);
  if (o.length_r1 && !(*o.length_r1 >= 15 && *o.length_r1 <= 100 && *o.length_r1 > s.length_cutoff)) {
    return Status::InvalidArgument("Please select a sensible cutoff for -r1 (15-100 bp, longer than --length)");
  }
  if (o.length_r2 && !(*o.length_r2 >= 15 && *o.length_r2 <= 100 && *o.length_r2 > s.length_cutoff)) {
    return Status::InvalidArgument("Please select a sensible cutoff for -r2 (15-100 bp, longer than --length)");
  }
  s.length_r1 = o.length_r1.value_or(35);
  s.length_r2 = o.length_r2.value_or(35);
  s.stringency = o.stringency.value_or(1);
  if (s.phred == 64 && s.cutoff) *s.cutoff += 31;
  return s;
}

}  // namespace cutover::trim
