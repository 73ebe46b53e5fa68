#include "trim/galore_args.h"

#include <algorithm>
#include <cctype>
#include <functional>

#include <fmt/format.h>

namespace cutover::trim {
namespace {

// Getopt::Long as Trim Galore configures it.
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
    auto flag = [&](std::vector<std::string> n, const std::function<void(O&)>& f) {
      t.push_back({std::move(n), 0, [f](O& o, const std::string&) {
                     f(o);
                     return Status::Ok();
                   }});
    };
    auto integer = [&](std::vector<std::string> n, const std::function<void(O&, int)>& f) {
      std::string first = n[0];
      t.push_back({std::move(n), 'i', [f, first](O& o, const std::string& v) -> Status {
                     CUTOVER_ASSIGN_OR_RETURN(int x, GaloreInt(first, v));
                     f(o, x);
                     return Status::Ok();
                   }});
    };
    auto string = [&](std::vector<std::string> n,
                      const std::function<void(O&, const std::string&)>& f) {
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
