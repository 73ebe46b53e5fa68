#include "trim/galore.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <regex>

#include <fmt/format.h>

#include "fastq/fastq_reader.h"
#include "trim/command_line.h"
#include "trim/read_trimmer.h"
#include "trim/record_writer.h"
#include "trim/report.h"
#include "util/file.h"
#include "util/strings.h"

namespace cutover::trim {
namespace {

constexpr const char* kGaloreVersion = "0.6.10";

// ---- Command line (Getopt::Long as Trim Galore configures it). ----

struct GaloreOption {
  std::vector<std::string> names;  // lower case
  char type;                       // 0: flag, 'i': integer, 's': string
  std::function<Status(GaloreOptions&, const std::string&)> set;  // null: not implemented
};

Result<int> GaloreInt(const std::string& name, const std::string& v) {
  char* end = nullptr;
  long x = std::strtol(v.c_str(), &end, 10);
  if (v.empty() || *end != '\0') {
    return Status::InvalidArgument(fmt::format("Value \"{}\" invalid for option {} (number expected)", v, name));
  }
  return static_cast<int>(x);
}

const std::vector<GaloreOption>& GaloreOptionTable() {
  using O = GaloreOptions;
  static const std::vector<GaloreOption> kTable = [] {
    std::vector<GaloreOption> t;
    auto flag = [&](std::vector<std::string> n, std::function<void(O&)> f) {
      t.push_back({std::move(n), 0, [f](O& o, const std::string&) {
                     f(o);
                     return Status::Ok();
                   }});
    };
    auto integer = [&](std::vector<std::string> n, std::function<void(O&, int)> f) {
      std::string first = n[0];
      t.push_back({std::move(n), 'i', [f, first](O& o, const std::string& v) -> Status {
                     CUTOVER_ASSIGN_OR_RETURN(int x, GaloreInt(first, v));
                     f(o, x);
                     return Status::Ok();
                   }});
    };
    auto string = [&](std::vector<std::string> n, std::function<void(O&, const std::string&)> f) {
      t.push_back({std::move(n), 's', [f](O& o, const std::string& v) {
                     f(o, v);
                     return Status::Ok();
                   }});
    };
    auto missing = [&](std::vector<std::string> n, char type) { t.push_back({std::move(n), type, nullptr}); };
    flag({"help", "man"}, [](O& o) { o.help = true; });
    flag({"version"}, [](O& o) { o.version = true; });
    integer({"q", "quality"}, [](O& o, int x) { o.quality = x; });
    string({"a", "adapter"}, [](O& o, const std::string& v) { o.adapter = v; });
    string({"a2", "adapter2"}, [](O& o, const std::string& v) { o.adapter2 = v; });
    missing({"report"}, 0);
    integer({"stringency"}, [](O& o, int x) { o.stringency = x; });
    missing({"fastqc"}, 0);
    missing({"rrbs"}, 0);
    missing({"keep"}, 0);
    integer({"length"}, [](O& o, int x) { o.length = x; });
    missing({"non_directional"}, 0);
    flag({"phred33"}, [](O&) {});
    flag({"phred64"}, [](O& o) { o.phred64 = true; });
    missing({"fastqc_args"}, 's');
    flag({"gzip"}, [](O& o) { o.gzip = true; });
    flag({"paired_end"}, [](O& o) { o.paired = true; });
    flag({"retain_unpaired"}, [](O& o) { o.retain_unpaired = true; });
    integer({"length_1", "r1"}, [](O& o, int x) { o.length_r1 = x; });
    integer({"length_2", "r2"}, [](O& o, int x) { o.length_r2 = x; });
    string({"e", "error_rate"}, [](O& o, const std::string& v) { o.error_rate = v; });
    string({"o", "output_dir"}, [](O& o, const std::string& v) { o.output_dir = v; });
    flag({"no_report_file"}, [](O& o) { o.no_report_file = true; });
    flag({"suppress_warn"}, [](O&) {});
    flag({"dont_gzip"}, [](O& o) { o.dont_gzip = true; });
    integer({"clip_r1"}, [](O& o, int x) { o.clip_r1 = x; });
    integer({"clip_r2"}, [](O& o, int x) { o.clip_r2 = x; });
    integer({"three_prime_clip_r1"}, [](O& o, int x) { o.three_prime_clip_r1 = x; });
    integer({"three_prime_clip_r2"}, [](O& o, int x) { o.three_prime_clip_r2 = x; });
    flag({"illumina"}, [](O& o) { o.preset = O::Preset::kIllumina; });
    flag({"nextera"}, [](O& o) { o.preset = O::Preset::kNextera; });
    flag({"stranded_illumina"}, [](O& o) { o.preset = O::Preset::kStrandedIllumina; });
    flag({"small_rna"}, [](O& o) { o.preset = O::Preset::kSmallRna; });
    missing({"path_to_cutadapt"}, 's');
    integer({"max_length"}, [](O& o, int x) { o.max_length = x; });
    string({"max_n"}, [](O& o, const std::string& v) { o.max_n = v; });
    flag({"trim-n"}, [](O& o) { o.trim_n = true; });
    missing({"hardtrim5"}, 'i');
    missing({"hardtrim3"}, 'i');
    missing({"clock", "casio", "breitling"}, 0);
    missing({"polya"}, 0);
    integer({"2colour", "nextseq"}, [](O& o, int x) { o.nextseq = x; });
    string({"basename"}, [](O& o, const std::string& v) { o.basename = v; });
    integer({"j", "cores"}, [](O& o, int x) { o.cores = x; });
    integer({"consider_already_trimmed"}, [](O& o, int x) { o.consider_already_trimmed = x; });
    missing({"implicon"}, 0);
    return t;
  }();
  return kTable;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

Result<const GaloreOption*> FindGaloreOption(const std::string& given) {
  const std::string name = Lower(given);
  std::vector<const GaloreOption*> prefixed;
  for (const GaloreOption& o : GaloreOptionTable()) {
    for (const std::string& n : o.names) {
      if (n == name) return &o;
      if (n.starts_with(name) &&
          std::find(prefixed.begin(), prefixed.end(), &o) == prefixed.end()) {
        prefixed.push_back(&o);
      }
    }
  }
  if (prefixed.size() == 1) return prefixed[0];
  if (prefixed.empty()) return Status::InvalidArgument(fmt::format("Unknown option: {}", given));
  return Status::InvalidArgument(fmt::format("Option {} is ambiguous", given));
}

bool IsNumber(const std::string& s) {
  char* end = nullptr;
  std::strtod(s.c_str(), &end);
  return !s.empty() && *end == '\0';
}

// Trim Galore's check and expansion of -a/-a2 ("A{20}" -> 20 As, upper case).
Result<std::string> NormaliseAdapter(const std::string& a, bool second) {
  static const std::regex kRepeat("^([ACTGN])\\{(\\d+)\\}$");
  std::smatch m;
  if (std::regex_match(a, m, kRepeat)) return std::string(std::stoi(m[2]), m[1].str()[0]);
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

// ---- Settings derived as Trim Galore derives them. ----

struct Settings {
  std::optional<int> cutoff;  // passed to cutadapt (+31 for Phred+64); none with --nextseq
  std::optional<int> phred_score_cutoff;  // for the report
  int phred = 33;
  std::string adapter, adapter_name, report_message, a2;
  int length_cutoff = 20;
  int stringency = 1;
  double error_rate = 0.1;
  std::optional<double> maxn;           // the count (or the fraction itself, see below)
  std::optional<double> maxn_fraction;  // when --max_n is between 0 and 1
  std::string maxn_text;                // as the report prints it
  int length_r1 = 35, length_r2 = 35;
};

// Adapter auto-detection: exact occurrences in the first 999,999 reads of the first file.
Status AutoDetect(const GaloreOptions& o, Settings* s, std::FILE* log) {
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
  CUTOVER_ASSIGN_OR_RETURN(auto stream, InputStream::Open(o.inputs[0]));
  FastqReader reader(std::move(stream));
  FastqRecord r;
  int64_t count = 0;
  while (true) {
    CUTOVER_ASSIGN_OR_RETURN(bool more, reader.Next(&r));
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

Result<Settings> Resolve(const GaloreOptions& o, std::FILE* log) {
  Settings s;
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

// ---- Names. ----

std::string BaseName(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string TrimmedName(const std::string& input) {
  std::string name = BaseName(input);
  for (const char* ext : {".fastq", ".fastq.gz", ".fq", ".fq.gz"}) {
    if (name.ends_with(ext)) return name.substr(0, name.size() - std::strlen(ext)) + "_trimmed.fq";
  }
  return name + "_trimmed.fq";
}

// s/trimmed\.fq(\.gz)?$/<what>.fq/
std::string Retag(const std::string& name, const std::string& what) {
  for (const char* tail : {"trimmed.fq.gz", "trimmed.fq"}) {
    if (name.ends_with(tail)) return name.substr(0, name.size() - std::strlen(tail)) + what + ".fq";
  }
  return name;
}

std::string Percent1(int64_t part, int64_t total) {
  return total ? fmt::format("{:.1f}", 100.0 * static_cast<double>(part) / static_cast<double>(total)) : "N/A";
}
std::string Percent2(int64_t part, int64_t total) {
  return total ? fmt::format("{:.2f}", 100.0 * static_cast<double>(part) / static_cast<double>(total)) : "N/A";
}

// ---- One input file's trimming, as Trim Galore's cutadapt call does it. ----

struct FileRun {
  std::string input;
  std::vector<std::string> cutadapt_args;
  ReadTrimmer trimmer;
  TrimStats stats;
  std::unique_ptr<FastqReader> reader;
  std::chrono::steady_clock::time_point start;
  int64_t count = 0;
};

Result<std::unique_ptr<FileRun>> StartFile(const GaloreOptions& o, const Settings& s,
                                           const std::string& input, const std::string& adapter) {
  std::vector<std::string> args = {"-j", std::to_string(o.cores), "-e", o.error_rate};
  if (o.nextseq) {
    args.push_back(fmt::format("--nextseq-trim={}", *o.nextseq));
  } else {
    args.push_back("-q");
    args.push_back(std::to_string(*s.cutoff));
  }
  args.push_back("-O");
  args.push_back(std::to_string(s.stringency));
  if (o.trim_n) args.push_back("--trim-n");
  args.push_back("-a");
  // The adapter is pasted into a shell command: "A -a B" becomes two adapters.
  CUTOVER_ASSIGN_OR_RETURN(std::vector<std::string> words, SplitWords(adapter));
  args.insert(args.end(), words.begin(), words.end());
  args.push_back(input);
  CUTOVER_ASSIGN_OR_RETURN(CommandLine cl, ParseCommandLine(args));
  CUTOVER_ASSIGN_OR_RETURN(ReadTrimmer trimmer, ReadTrimmer::Create(cl.options));
  auto run = std::unique_ptr<FileRun>(new FileRun{input, args, std::move(trimmer), {}, nullptr, {}, 0});
  run->stats = run->trimmer.NewStats();
  CUTOVER_ASSIGN_OR_RETURN(auto stream, InputStream::Open(input));
  run->reader = std::make_unique<FastqReader>(std::move(stream));
  run->start = std::chrono::steady_clock::now();
  return run;
}

// The next record of a file, trimmed by the cutadapt step; false at the end.
Result<bool> NextTrimmed(FileRun* run, FastqRecord* rec, ReadView* v) {
  CUTOVER_ASSIGN_OR_RETURN(bool more, run->reader->Next(rec));
  if (!more) return false;
  if (!rec->plus.empty() && rec->plus != rec->name) {
    return Status::Corruption(fmt::format("{}: record {} (line {}): the '+' line must be empty or repeat the header",
                                          run->input, rec->number, rec->line + 2));
  }
  *v = ReadView{rec->name, rec->sequence, rec->quality};
  run->trimmer.Process(v, &run->stats);
  ++run->count;
  return true;
}

// cutadapt's log as Trim Galore captures it in the report.
std::string CutadaptLog(const FileRun& run, int cores) {
  std::array<std::vector<Adapter>, 2> adapters = {run.trimmer.adapters(0), run.trimmer.adapters(1)};
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - run.start).count();
  std::string log = "This is cutadapt 4.2 compatible cutover trim 0.1.0 (same reads, same report)\n";
  log += "Command line parameters: " + Join(run.cutadapt_args, " ") + "\n";
  log += fmt::format("Processing single-end reads on {} core{} ...\n", cores, cores > 1 ? "s" : "");
  log += FullReport(ReportInput{&run.stats, &adapters, seconds, 0.5}) + "\n";
  return log;
}

void Clip5(ReadView* v, int n) {
  if (n > 0 && static_cast<int>(v->sequence.size()) > n) {
    v->sequence.remove_prefix(n);
    v->quality.remove_prefix(n);
  }
}
void Clip3(ReadView* v, int n) {
  if (n > 0 && static_cast<int>(v->sequence.size()) > n) {
    v->sequence.remove_suffix(n);
    v->quality.remove_suffix(n);
  }
}
int64_t CountN(std::string_view s) { return std::count(s.begin(), s.end(), 'N'); }

class Galore {
 public:
  Galore(const GaloreOptions& o, const Settings& s, std::FILE* log) : o_(o), s_(s), log_(log) {}

  Status Run() {
    if (!o_.output_dir.empty()) CUTOVER_RETURN_IF_ERROR(MakeDirectories(o_.output_dir));
    if (o_.paired) {
      for (size_t i = 0; i < o_.inputs.size(); i += 2) {
        CUTOVER_RETURN_IF_ERROR(Paired(o_.inputs[i], o_.inputs[i + 1]));
      }
    } else {
      for (const std::string& f : o_.inputs) CUTOVER_RETURN_IF_ERROR(Single(f));
    }
    return Status::Ok();
  }

 private:
  std::string Dir() const {
    if (o_.output_dir.empty()) return "";
    return o_.output_dir.back() == '/' ? o_.output_dir : o_.output_dir + "/";
  }
  bool GzipOut() const { return gzip_ && !o_.dont_gzip; }

  // The report's parameter summary (Trim Galore sets its gzip flag for good on a .gz input).
  std::string Header(const std::string& input) {
    std::string h = "\nSUMMARISING RUN PARAMETERS\n==========================\nInput filename: " + input + "\n";
    h += o_.paired ? "Trimming mode: paired-end\n" : "Trimming mode: single-end\n";
    h += fmt::format("Trim Galore version: {}\n", kGaloreVersion);
    h += "Cutadapt version: 4.2 (cutover trim 0.1.0)\n";
    if (o_.cores > 1) h += "Python version: none (cutover trim 0.1.0)\n";
    h += fmt::format("Number of cores used for trimming: {}\n", o_.cores);
    if (s_.phred_score_cutoff) h += fmt::format("Quality Phred score cutoff: {}\n", *s_.phred_score_cutoff);
    h += fmt::format("Quality encoding type selected: ASCII+{}\n", s_.phred);
    h += s_.report_message;
    h += fmt::format("Adapter sequence: '{}' ({})\n", s_.adapter, s_.adapter_name);
    if (o_.nextseq) h += fmt::format("2-colour high quality G-trimming enabled, with quality cutoff: --nextseq-trim={}\n", *o_.nextseq);
    h += "Maximum trimming error rate: " + o_.error_rate + (s_.error_rate == 0.1 ? " (default)\n" : "\n");
    if (!s_.a2.empty()) h += fmt::format("Optional adapter 2 sequence (only used for read 2 of paired-end files): '{}'\n", s_.a2);
    h += fmt::format("Minimum required adapter overlap (stringency): {} bp\n", s_.stringency);
    if (o_.consider_already_trimmed) {
      h += fmt::format("During adapter auto-detection, files are considered already adapter-trimmed if the highest found adapter was found equal to or lower than: {}\n", *o_.consider_already_trimmed);
    }
    if (o_.paired) {
      h += fmt::format("Minimum required sequence length for both reads before a sequence pair gets removed: {} bp\n", s_.length_cutoff);
    } else {
      h += fmt::format("Minimum required sequence length before a sequence gets removed: {} bp\n", s_.length_cutoff);
    }
    if (o_.max_length) h += fmt::format("Maxiumum tolerated read length after trimming (for smallRNA trimming): {} bp\n", o_.max_length);
    if (o_.trim_n) h += "Removing Ns from the start and end of reads\n";
    if (o_.paired && o_.retain_unpaired) {
      h += fmt::format("Length cut-off for read 1: {} bp{}\n", s_.length_r1, s_.length_r1 == 35 ? " (default)" : "");
      h += fmt::format("Length cut-off for read 2: {} bp{}\n", s_.length_r2, s_.length_r2 == 35 ? " (default)" : "");
    }
    if (o_.clip_r1) h += fmt::format("All Read 1 sequences will be trimmed by {} bp from their 5' end to avoid poor qualities or biases\n", o_.clip_r1);
    if (o_.clip_r2) h += fmt::format("All Read 2 sequences will be trimmed by {} bp from their 5' end to avoid poor qualities or biases (e.g. M-bias for BS-Seq applications)\n", o_.clip_r2);
    if (o_.three_prime_clip_r1) h += fmt::format("All Read 1 sequences will be trimmed by {} bp from their 3' end to avoid poor qualities or biases\n", o_.three_prime_clip_r1);
    if (o_.three_prime_clip_r2) h += fmt::format("All Read 2 sequences will be trimmed by {} bp from their 3' end to avoid poor qualities or biases\n", o_.three_prime_clip_r2);
    if (o_.gzip || input.ends_with(".gz")) {
      gzip_ = true;
      if (!o_.dont_gzip) h += "Output file will be GZIP compressed\n";
    }
    return h + "\n";
  }

  std::string RunStatistics(const FileRun& run) {
    std::string r = "\nRUN STATISTICS FOR INPUT FILE: " + run.input + "\n" + std::string(45, '=') + "\n";
    r += fmt::format("{} sequences processed in total\n", run.count);
    return r;
  }

  Status WriteReport(const std::string& input, const std::string& text) {
    if (o_.no_report_file) return Status::Ok();
    reports_.emplace_back(Dir() + BaseName(input) + "_trimming_report.txt", text);
    return Status::Ok();
  }
  Status CommitReports() {
    for (const auto& [path, text] : reports_) CUTOVER_RETURN_IF_ERROR(WriteFileAtomic(path, text));
    reports_.clear();
    return Status::Ok();
  }

  Status Single(const std::string& input) {
    std::string report = Header(input);
    std::string out = TrimmedName(input) + (GzipOut() ? ".gz" : "");
    if (o_.basename) {
      size_t at = out.find("_trimmed");
      out = *o_.basename + out.substr(at);
    }
    std::fprintf(log_, "Trimming %s -> %s%s\n", input.c_str(), Dir().c_str(), out.c_str());
    CUTOVER_ASSIGN_OR_RETURN(auto run, StartFile(o_, s_, input, s_.adapter));
    CUTOVER_ASSIGN_OR_RETURN(auto writer, RecordWriter::Open(Dir() + out, GzipOut()));
    int64_t too_short = 0, too_long = 0, too_many_n = 0;
    FastqRecord rec;
    ReadView v;
    while (true) {
      CUTOVER_ASSIGN_OR_RETURN(bool more, NextTrimmed(run.get(), &rec, &v));
      if (!more) break;
      Clip5(&v, o_.clip_r1);
      Clip3(&v, o_.three_prime_clip_r1);
      const int64_t len = static_cast<int64_t>(v.sequence.size());
      if (s_.maxn) {
        const int64_t n = CountN(v.sequence);
        if (s_.maxn_fraction) {
          if (len == 0) continue;  // dropped without being counted, as Trim Galore does
          if (static_cast<double>(n) / static_cast<double>(len) > *s_.maxn_fraction) {
            ++too_many_n;
            continue;
          }
        }
        // Trim Galore's single-end path also applies the value as a count (for a fraction
        // too: any N then removes the read).
        if (static_cast<double>(n) > *s_.maxn) {
          ++too_many_n;
          continue;
        }
      }
      if (len < s_.length_cutoff) {
        ++too_short;
      } else if (o_.max_length && len > o_.max_length) {
        ++too_long;
      } else {
        CUTOVER_RETURN_IF_ERROR(writer->Append(v));
      }
    }
    report += "\n" + CutadaptLog(*run, o_.cores) + RunStatistics(*run);
    report += fmt::format("Sequences removed because they became shorter than the length cutoff of {} bp:\t{} ({}%)\n",
                          s_.length_cutoff, too_short, Percent1(too_short, run->count));
    if (s_.maxn) {
      report += fmt::format("Sequences removed because they contained more Ns than the cutoff of {}:\t{} ({}%)\n",
                            s_.maxn_text, too_many_n, Percent1(too_many_n, run->count));
    }
    if (o_.max_length) {
      report += fmt::format("Sequences removed because after trimming they were longer than the maximum length cutoff of {} bp:\t{} ({}%)\n",
                            o_.max_length, too_long, Percent1(too_long, run->count));
    }
    report += "\n";
    CUTOVER_RETURN_IF_ERROR(writer->Commit());
    CUTOVER_RETURN_IF_ERROR(WriteReport(input, report));
    return CommitReports();
  }

  // Both mates are trimmed as two single-end cutadapt runs, then validated as pairs (Trim
  // Galore writes the two trimmed files, validates them into _val_ files and deletes them;
  // here the reads go straight to the validated files).
  Status Paired(const std::string& in1, const std::string& in2) {
    std::string report1 = Header(in1);
    std::string file1 = TrimmedName(in1) + (GzipOut() ? ".gz" : "");
    std::string report2 = Header(in2);
    std::string file2 = TrimmedName(in2) + (GzipOut() ? ".gz" : "");
    if (o_.basename) {
      file1 = *o_.basename + "_R1" + file1.substr(file1.find("_trimmed"));
      file2 = *o_.basename + "_R2" + file2.substr(file2.find("_trimmed"));
    }
    std::string val1 = Retag(file1, "val_1"), val2 = Retag(file2, "val_2");
    if (o_.basename) {
      if (val1.ends_with("_R1_val_1.fq")) val1 = val1.substr(0, val1.size() - 12) + "_val_1.fq";
      if (val2.ends_with("_R2_val_2.fq")) val2 = val2.substr(0, val2.size() - 12) + "_val_2.fq";
    }
    const bool gz = GzipOut();
    if (gz) {
      val1 += ".gz";
      val2 += ".gz";
    }
    std::fprintf(log_, "Trimming %s and %s -> %s%s, %s%s\n", in1.c_str(), in2.c_str(), Dir().c_str(),
                 val1.c_str(), Dir().c_str(), val2.c_str());
    CUTOVER_ASSIGN_OR_RETURN(auto run1, StartFile(o_, s_, in1, s_.adapter));
    CUTOVER_ASSIGN_OR_RETURN(auto run2, StartFile(o_, s_, in2, s_.a2.empty() ? s_.adapter : s_.a2));
    CUTOVER_ASSIGN_OR_RETURN(auto w1, RecordWriter::Open(Dir() + val1, gz));
    CUTOVER_ASSIGN_OR_RETURN(auto w2, RecordWriter::Open(Dir() + val2, gz));
    std::unique_ptr<RecordWriter> u1, u2;
    if (o_.retain_unpaired) {
      std::string un1 = Retag(file1, "unpaired_1") + (gz ? ".gz" : "");
      std::string un2 = Retag(file2, "unpaired_2") + (gz ? ".gz" : "");
      CUTOVER_ASSIGN_OR_RETURN(u1, RecordWriter::Open(Dir() + un1, gz));
      CUTOVER_ASSIGN_OR_RETURN(u2, RecordWriter::Open(Dir() + un2, gz));
    }
    int64_t count = 0, removed = 0, too_many_n = 0, too_long = 0;
    FastqRecord a, b;
    ReadView v1, v2;
    while (true) {
      CUTOVER_ASSIGN_OR_RETURN(bool more1, NextTrimmed(run1.get(), &a, &v1));
      CUTOVER_ASSIGN_OR_RETURN(bool more2, NextTrimmed(run2.get(), &b, &v2));
      if (more1 != more2) {
        return Status::Corruption(fmt::format("Read {} output is truncated at sequence count: {} ({} has more reads than {})",
                                              more1 ? 2 : 1, count, more1 ? in1 : in2, more1 ? in2 : in1));
      }
      if (!more1) break;
      ++count;
      Clip5(&v1, o_.clip_r1);
      Clip5(&v2, o_.clip_r2);
      Clip3(&v1, o_.three_prime_clip_r1);
      Clip3(&v2, o_.three_prime_clip_r2);
      if (s_.maxn) {
        bool drop = false, silent = false;
        for (const ReadView* v : {&v1, &v2}) {
          const int64_t n = CountN(v->sequence), len = static_cast<int64_t>(v->sequence.size());
          if (s_.maxn_fraction) {
            if (len == 0) {
              silent = true;  // dropped without being counted, as Trim Galore does
              break;
            }
            drop = static_cast<double>(n) / static_cast<double>(len) > *s_.maxn_fraction;
          } else {
            drop = static_cast<double>(n) > *s_.maxn;
          }
          if (drop) break;
        }
        if (silent) continue;
        if (drop) {
          ++too_many_n;
          ++removed;
          continue;
        }
      }
      const int64_t len1 = static_cast<int64_t>(v1.sequence.size()), len2 = static_cast<int64_t>(v2.sequence.size());
      if (len1 < s_.length_cutoff || len2 < s_.length_cutoff) {
        ++removed;
        if (o_.retain_unpaired) {
          if (len1 >= s_.length_r1) CUTOVER_RETURN_IF_ERROR(u1->Append(v1));
          if (len2 >= s_.length_r2) CUTOVER_RETURN_IF_ERROR(u2->Append(v2));
        }
      } else if (o_.max_length && (len1 > o_.max_length || len2 > o_.max_length)) {
        ++too_long;
      } else {
        CUTOVER_RETURN_IF_ERROR(w1->Append(v1));
        CUTOVER_RETURN_IF_ERROR(w2->Append(v2));
      }
    }
    report1 += "\n" + CutadaptLog(*run1, o_.cores) + RunStatistics(*run1) + "\n";
    report2 += "\n" + CutadaptLog(*run2, o_.cores) + RunStatistics(*run2) + "\n";
    if (s_.maxn) {
      report2 += fmt::format("Number of sequence pairs removed because at least one read contained more N(s) than the specified limit of {}: {} ({}%)\n",
                             s_.maxn_text, too_many_n, Percent2(too_many_n, count));
    }
    if (o_.max_length) {
      report2 += fmt::format("Sequence pairs removed as after trimming at least one read was longer than the maximum length cutoff of {} bp:\t{} ({}%)\n",
                             o_.max_length, too_long, Percent2(too_long, count));
    }
    report2 += fmt::format("Total number of sequences analysed for the sequence pair length validation: {}\n\n", count);
    report2 += fmt::format("Number of sequence pairs removed because at least one read was shorter than the length cutoff ({} bp): {} ({}%)\n",
                           s_.length_cutoff, removed, Percent2(removed, count));
    for (RecordWriter* w : {w1.get(), w2.get(), u1.get(), u2.get()}) {
      if (w != nullptr) CUTOVER_RETURN_IF_ERROR(w->Commit());
    }
    CUTOVER_RETURN_IF_ERROR(WriteReport(in1, report1));
    CUTOVER_RETURN_IF_ERROR(WriteReport(in2, report2));
    return CommitReports();
  }

  const GaloreOptions& o_;
  const Settings& s_;
  std::FILE* log_;
  bool gzip_ = false;
  std::vector<std::pair<std::string, std::string>> reports_;
};

}  // namespace

Result<GaloreOptions> ParseGaloreCommandLine(const std::vector<std::string>& args) {
  GaloreOptions o;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") {
      o.inputs.insert(o.inputs.end(), args.begin() + static_cast<long>(i) + 1, args.end());
      break;
    }
    if (arg.size() < 2 || arg[0] != '-') {
      o.inputs.push_back(arg);
      continue;
    }
    std::string body = arg.substr(arg[1] == '-' ? 2 : 1);
    std::optional<std::string> value;
    if (size_t eq = body.find('='); eq != std::string::npos) {
      value = body.substr(eq + 1);
      body = body.substr(0, eq);
    }
    CUTOVER_ASSIGN_OR_RETURN(const GaloreOption* option, FindGaloreOption(body));
    if (!option->set) {
      return Status::InvalidArgument(fmt::format("option --{}: not implemented by cutover trim galore", option->names[0]));
    }
    if (option->type != 0 && !value) {
      if (i + 1 >= args.size()) return Status::InvalidArgument(fmt::format("Option {} requires an argument", body));
      value = args[++i];
    }
    CUTOVER_RETURN_IF_ERROR(option->set(o, value.value_or("")));
  }
  return o;
}

Status RunGalore(const GaloreOptions& o, std::FILE* log) {
  CUTOVER_ASSIGN_OR_RETURN(Settings s, Resolve(o, log));
  Galore g(o, s, log);
  return g.Run();
}

std::string GaloreUsage() {
  return R"(Usage: cutover trim galore [options] <filename(s)>    (Trim Galore 0.6.10's command line)

Trim Galore's work with cutover's cutadapt inside: adapter auto-detection (Illumina, Nextera,
small RNA), cutadapt with -e, -q, -O (stringency), --trim-n and the adapter, then Trim
Galore's filters, paired-end validation, output names (_trimmed.fq[.gz], _val_1/_val_2,
_unpaired_1/_unpaired_2) and trimming reports (<input>_trimming_report.txt).

Options: --paired, -a/--adapter, -a2/--adapter2, --illumina, --nextera, --small_rna,
  --stranded_illumina, -q/--quality, --length, --stringency, -e, --nextseq/--2colour,
  --phred33, --phred64, --max_length, --max_n, --trim-n, --clip_R1/--clip_R2,
  --three_prime_clip_R1/--three_prime_clip_R2, --retain_unpaired, -r1, -r2, -o/--output_dir,
  --gzip, --dont_gzip, --no_report_file, --suppress_warn, --basename, -j/--cores,
  --consider_already_trimmed.
Not implemented (an error): --rrbs, --non_directional, --keep, --fastqc, --fastqc_args,
  --polyA, --hardtrim5, --hardtrim3, --clock, --implicon, --path_to_cutadapt, --report.
See docs/trim.md.
)";
}

}  // namespace cutover::trim
