#include "qc/fastqc_args.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>

namespace cutover {
namespace {

enum class Kind { kFlag, kNegatable, kString, kInt };
struct Spec {
  const char* name;
  Kind kind;
};
// FastQC 0.12.1's options (its wrapper's GetOptions table; 0.11.9's lacks svg, delete, memory
// and dup_length), and cutover's fastqc-version.
constexpr Spec kSpecs[] = {
    {"svg", Kind::kFlag},          {"delete", Kind::kFlag},      {"memory", Kind::kInt},
    {"dup_length", Kind::kInt},    {"fastqc-version", Kind::kString},
    {"version", Kind::kFlag},      {"help", Kind::kFlag},        {"quiet", Kind::kFlag},
    {"nogroup", Kind::kFlag},      {"expgroup", Kind::kFlag},    {"outdir", Kind::kString},
    {"extract", Kind::kNegatable}, {"format", Kind::kString},    {"threads", Kind::kInt},
    {"kmers", Kind::kInt},         {"casava", Kind::kFlag},      {"nano", Kind::kFlag},
    {"nofilter", Kind::kFlag},     {"contaminants", Kind::kString}, {"adapters", Kind::kString},
    {"limits", Kind::kString},     {"dir", Kind::kString},       {"java", Kind::kString},
    {"min_length", Kind::kInt},
};

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// The option a (lower-cased) name means, or an error. `negated` is set for --noextract.
Result<const Spec*> Resolve(const std::string& name, bool* negated) {
  // FastQC documents these single letters; Getopt would find some of them ambiguous.
  static const std::pair<const char*, const char*> kShort[] = {
      {"o", "outdir"}, {"c", "contaminants"}, {"a", "adapters"}, {"l", "limits"},
      {"t", "threads"}, {"f", "format"}, {"k", "kmers"}, {"q", "quiet"},
      {"d", "dir"}, {"j", "java"}, {"h", "help"}, {"v", "version"}};
  std::string full = name;
  for (const auto& [s, l] : kShort) {
    if (name == s) full = l;
  }
  std::vector<std::pair<const Spec*, bool>> matches;
  for (const Spec& spec : kSpecs) {
    const std::string n = spec.name;
    if (n == full) return &spec;
    if (spec.kind == Kind::kNegatable && ("no" + n == full || "no-" + n == full)) {
      *negated = true;
      return &spec;
    }
  }
  for (const Spec& spec : kSpecs) {
    const std::string n = spec.name;
    if (n.compare(0, full.size(), full) == 0) matches.push_back({&spec, false});
    if (spec.kind == Kind::kNegatable && ("no" + n).compare(0, full.size(), full) == 0) {
      matches.push_back({&spec, true});
    }
  }
  if (matches.size() == 1) {
    *negated = matches[0].second;
    return matches[0].first;
  }
  if (matches.empty()) {
    return Status::InvalidArgument(fmt::format(
        "Unknown option: {} (cutover qc takes FastQC's options; see cutover qc --help)", name));
  }
  std::string names;
  for (const auto& [spec, neg] : matches) {
    if (!names.empty()) names += ", ";
    names += neg ? std::string("no") + spec->name : spec->name;
  }
  return Status::InvalidArgument(fmt::format("Option {} is ambiguous ({})", name, names));
}

}  // namespace

Result<FastqcArgs> ParseFastqcArgs(const std::vector<std::string>& args,
                                   const char* version_default) {
  FastqcArgs parsed;
  QcOptions& o = parsed.options;
  bool nogroup = false, expgroup = false;
  std::string version_text;  // --fastqc-version

  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") {
      for (++i; i < args.size(); ++i) o.inputs.push_back(args[i]);
      break;
    }
    if (arg.size() < 2 || arg[0] != '-') {
      o.inputs.push_back(arg);
      continue;
    }
    std::string body = arg.substr(arg[1] == '-' ? 2 : 1);
    std::string value;
    bool has_value = false;
    if (size_t eq = body.find('='); eq != std::string::npos) {
      value = body.substr(eq + 1);
      body = body.substr(0, eq);
      has_value = true;
    }
    bool negated = false;
    CUTOVER_ASSIGN_OR_RETURN(const Spec* spec, Resolve(Lower(body), &negated));
    const std::string name = spec->name;
    if (spec->kind == Kind::kString || spec->kind == Kind::kInt) {
      if (!has_value) {
        if (i + 1 >= args.size()) {
          return Status::InvalidArgument(fmt::format("Option {} requires an argument", body));
        }
        value = args[++i];
      }
    } else if (has_value) {
      return Status::InvalidArgument(fmt::format("Option {} does not take an argument", body));
    }
    int number = 0;
    if (spec->kind == Kind::kInt) {
      auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
      if (ec != std::errc() || end != value.data() + value.size()) {
        return Status::InvalidArgument(
            fmt::format("Value \"{}\" invalid for option {} (number expected)", value, body));
      }
    }
    if (name == "version") parsed.version = true;
    else if (name == "help") parsed.help = true;
    else if (name == "quiet") o.quiet = true;
    else if (name == "nogroup") nogroup = true;
    else if (name == "expgroup") expgroup = true;
    else if (name == "outdir") o.output_dir = value;
    else if (name == "extract") o.extract = !negated;
    else if (name == "format") o.format = value;
    else if (name == "threads") o.threads = number;
    else if (name == "kmers") o.kmer_size = number;
    else if (name == "casava") o.casava = true;
    else if (name == "nano") {
      return Status::InvalidArgument(
          "--nano (Oxford Nanopore fast5 input) is not supported by cutover qc: run FastQC");
    } else if (name == "nofilter") o.nofilter = true;
    else if (name == "contaminants") o.contaminants_file = value;
    else if (name == "adapters") o.adapters_file = value;
    else if (name == "limits") o.limits_file = value;
    else if (name == "min_length") o.grouping.min_length = number;
    else if (name == "dup_length") o.dup_length = number;
    else if (name == "memory") o.memory_mb = number;
    else if (name == "svg") o.svg = true;
    else if (name == "delete") o.delete_zip = true;
    else if (name == "fastqc-version") version_text = value;
    // --dir (a temporary folder for Java) and --java are accepted and have no effect.
  }
  if (!version_text.empty()) {
    CUTOVER_ASSIGN_OR_RETURN(o.fastqc_version, ParseFastqcVersion(version_text));
  } else if (version_default != nullptr && *version_default != '\0') {
    Result<FastqcVersion> v = ParseFastqcVersion(version_default);
    if (!v.ok()) {
      return Status::InvalidArgument("CUTOVER_FASTQC_VERSION: " + v.status().message());
    }
    o.fastqc_version = *v;
  }
  if (parsed.help || parsed.version) return parsed;
  if (nogroup && expgroup) {
    return Status::InvalidArgument("You can't specify both --expgroup and --nogroup in the same run");
  }
  o.grouping.grouping = nogroup ? Grouping::kNone : expgroup ? Grouping::kExponential : Grouping::kLinear;
  if (!o.output_dir.empty() && !std::filesystem::is_directory(o.output_dir)) {
    return Status::InvalidArgument(
        fmt::format("Specified output directory '{}' does not exist", o.output_dir));
  }
  if (o.threads < 1) return Status::InvalidArgument("Number of threads must be a positive integer");
  // (FastQC takes 0 as "not given" for both.)
  if (o.memory_mb != 0 && (o.memory_mb < 100 || o.memory_mb > 10000)) {
    return Status::InvalidArgument(fmt::format(
        "Memory value {} MB was outside the allowed range (100 - 10000)", o.memory_mb));
  }
  if (o.dup_length < 0) {
    return Status::InvalidArgument(
        fmt::format("--dup_length {}: the length must be positive", o.dup_length));
  }
  if (o.dup_length != 0 && !DuplicationOnTotalOnly(o.fastqc_version)) {
    return Status::InvalidArgument(fmt::format(
        "--dup_length is a FastQC 0.12.1 option; FastQC {} has none (drop it, or use "
        "--fastqc-version 0.12.1)",
        ToString(o.fastqc_version)));
  }
  if (o.kmer_size < 2 || o.kmer_size > 10) {
    return Status::InvalidArgument("Kmer size must be in the range 2-10");
  }
  if (!o.format.empty() && o.format != "fastq" && o.format != "bam" && o.format != "sam" &&
      o.format != "bam_mapped" && o.format != "sam_mapped") {
    return Status::InvalidArgument(fmt::format(
        "Unrecognised sequence format '{}', acceptable formats are bam,sam,bam_mapped,sam_mapped "
        "and fastq",
        o.format));
  }
  if (o.inputs.empty()) {
    return Status::InvalidArgument("no input files: cutover qc [options] seqfile1 .. seqfileN");
  }
  return parsed;
}

std::string FastqcUsage() {
  return R"(cutover qc: FastQC-compatible quality control (FastQC 0.12.1's or 0.11.9's reports, faster)

    cutover qc [-o output dir] [--(no)extract] [-f fastq] [-c contaminant file] seqfile1 .. seqfileN

Writes, for each input, <name>_fastqc.html and <name>_fastqc.zip (with --extract also the
<name>_fastqc folder) beside the input or in -o. fastqc_data.txt and summary.txt are the
chosen FastQC version's, byte for byte apart from the version line.

    --fastqc-version V   0.12.1 (default) or 0.11.9: the FastQC whose reports to write (the
                         ##FastQC line of a legacy report names it); also $CUTOVER_FASTQC_VERSION

Options (FastQC's; long names may be abbreviated):
    -o --outdir DIR      write reports into DIR (must exist)
    --extract            also unpack the zip; --noextract (default) does not
    --delete             with --extract, remove the zip once unpacked
    -t --threads N       threads per file (1: one thread; 2+: reading overlaps analysis)
    --casava             CASAVA file sets: *_001.fastq.gz parts analysed as one; reads
                         flagged by the sequencer (":Y:" in the name) excluded
    --nofilter           with --casava, keep the flagged reads
    --nogroup            one row per base instead of FastQC's grouping of long reads
    --expgroup           exponential grouping
    --min_length N       position rows cover at least N bases
    --dup_length N       (0.12.1) duplication and overrepresented sequences look at the first
                         N bases of each read (default 50)
    -f --format FMT      fastq, bam, sam (every record), bam_mapped or sam_mapped (mapped
                         records, soft clips cut); default: by the name (.bam, .sam, .ubam:
                         SAM/BAM; else FASTQ, plain or gzip)
    -c --contaminants F  contaminant list (name<TAB>sequence), default FastQC's (built in)
    -a --adapters F      adapter list, default FastQC's (built in)
    -l --limits F        pass/warn/fail thresholds, default FastQC's (built in)
    -k --kmers N         Kmer size (the Kmer module is off by default and not implemented)
    -q --quiet           no progress lines
    --svg                accepted: the report's charts are always SVG
    --memory MB          checked (100-10000) and ignored: Java's heap for FastQC
    -d --dir, -j --java  accepted and ignored
    -h --help, -v --version
)";
}

}  // namespace cutover
