#include "trim/command_line.h"

#include <array>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <set>
#include <thread>
#include <tuple>

#include <fmt/format.h>

#include "trim/read_names.h"
#include "util/strings.h"

namespace cutover::trim {
namespace {

// Options as parsed, before cutadapt's checks turn them into TrimOptions.
struct Raw {
  std::vector<std::string> inputs;
  std::vector<AdapterSpecText> adapters1, adapters2;
  double error_rate = 0.1;
  bool indels = true;
  int times = 1;
  int overlap = 3;
  bool match_read_wildcards = false;
  bool match_adapter_wildcards = true;
  std::string action = "trim";
  std::vector<int> cut1, cut2;
  std::optional<int> nextseq;
  std::optional<std::string> quality1, quality2;
  int quality_base = 33;
  std::optional<int> length;
  bool trim_n = false;
  std::optional<std::string> length_tag, rename;
  std::vector<std::string> strip_suffixes;
  std::string prefix, suffix;
  bool zero_cap = false;
  std::optional<std::string> minimum_length, maximum_length;
  std::optional<double> max_n, max_ee;
  bool discard_trimmed = false, discard_untrimmed = false, discard_casava = false;
  std::optional<std::string> output, paired_output;
  // --too-short-output, --too-long-output, --untrimmed-output; [1]: their -paired- forms.
  std::array<std::optional<std::string>, 2> too_short_output, too_long_output, untrimmed_output;
  std::optional<std::string> pair_filter;
  int compression_level = 5;
  bool index = true;
  int buffer_size = 4000000;
};

// --action's value, one of the choices the option accepts.
AdapterAction ParseAction(std::string_view action) {
  if (action == "retain") return AdapterAction::kRetain;
  if (action == "mask") return AdapterAction::kMask;
  if (action == "lowercase") return AdapterAction::kLowercase;
  if (action == "none") return AdapterAction::kNone;
  return AdapterAction::kTrim;
}

using Setter = std::function<Status(CommandLine&, Raw&, const std::string&)>;

struct Option {
  std::vector<std::string> names;  // "-a", "--adapter"
  bool takes_value = false;
  Setter set;                      // null: not supported
  std::string unsupported;         // why, when not supported
};

std::string Names(const Option& o) { return Join(o.names, "/"); }

Result<int> ToInt(const Option& o, const std::string& v) {
  std::string t(Trim(v));
  char* end = nullptr;
  errno = 0;
  long long x = std::strtoll(t.c_str(), &end, 10);
  if (t.empty() || *end != '\0' || errno != 0 || x < INT32_MIN || x > INT32_MAX) {
    return Status::InvalidArgument(
        fmt::format("argument {}: invalid int value: '{}'", Names(o), v));
  }
  return static_cast<int>(x);
}

Result<double> ToFloat(const Option& o, const std::string& v) {
  std::string t(Trim(v));
  char* end = nullptr;
  errno = 0;
  double x = std::strtod(t.c_str(), &end);
  if (t.empty() || *end != '\0') {
    return Status::InvalidArgument(
        fmt::format("argument {}: invalid float value: '{}'", Names(o), v));
  }
  return x;
}

Status Choice(const Option& o, const std::string& v, std::initializer_list<const char*> choices) {
  for (const char* c : choices) {
    if (v == c) return Status::Ok();
  }
  std::vector<std::string> quoted;
  for (const char* c : choices) quoted.push_back(fmt::format("'{}'", c));
  return Status::InvalidArgument(fmt::format("argument {}: invalid choice: '{}' (choose from {})",
                                             Names(o), v, Join(quoted, ", ")));
}

const std::vector<Option>& Options() {
  using CL = CommandLine;
  static const std::vector<Option> kOptions = [] {
    std::vector<Option> v;
    auto flag = [&](std::vector<std::string> names, const std::function<void(CL&, Raw&)>& f) {
      v.push_back(Option{std::move(names), false,
                         [f](CL& c, Raw& r, const std::string&) {
                           f(c, r);
                           return Status::Ok();
                         },
                         ""});
    };
    auto value = [&](std::vector<std::string> names, Setter s) {
      v.push_back(Option{std::move(names), true, std::move(s), ""});
    };
    auto unsupported = [&](std::vector<std::string> names, bool takes_value, std::string why) {
      v.push_back(Option{std::move(names), takes_value, nullptr, std::move(why)});
    };
    // The option whose names are being defined, for messages (set right after push_back).
    auto int_value = [&](std::vector<std::string> names,
                         const std::function<void(CL&, Raw&, int)>& f) {
      Option o{std::move(names), true, nullptr, ""};
      o.set = [f, o](CL& c, Raw& r, const std::string& s) -> Status {
        CUTOVER_ASSIGN_OR_RETURN(int x, ToInt(o, s));
        f(c, r, x);
        return Status::Ok();
      };
      v.push_back(o);
    };
    auto float_value = [&](std::vector<std::string> names,
                           const std::function<void(CL&, Raw&, double)>& f) {
      Option o{std::move(names), true, nullptr, ""};
      o.set = [f, o](CL& c, Raw& r, const std::string& s) -> Status {
        CUTOVER_ASSIGN_OR_RETURN(double x, ToFloat(o, s));
        f(c, r, x);
        return Status::Ok();
      };
      v.push_back(o);
    };
    auto adapter = [&](std::vector<std::string> names, int mate, AdapterOption kind) {
      value(std::move(names), [mate, kind](CL&, Raw& r, const std::string& s) {
        (mate == 0 ? r.adapters1 : r.adapters2).push_back(AdapterSpecText{kind, s});
        return Status::Ok();
      });
    };
    // An option whose value is kept as it is, in a text field of Raw.
    auto text = [&](const std::vector<std::string>& names, auto field) {
      value(names, [field](CL&, Raw& r, const std::string& s) {
        r.*field = s;
        return Status::Ok();
      });
    };
    const std::string kNotYet = "not implemented by cutover trim";

    flag({"-h", "--help"}, [](CL& c, Raw&) { c.help = true; });
    flag({"--version"}, [](CL& c, Raw&) { c.version = true; });
    unsupported({"--debug"}, false, "debug output is not implemented by cutover trim");
    unsupported({"--profile"}, false, kNotYet);
    int_value({"-j", "--cores"}, [](CL& c, Raw&, int x) { c.cores = x; });
    float_value({"--gc-content"}, [](CL& c, Raw&, double x) { c.gc_content = x; });
    int_value({"--buffer-size"}, [](CL&, Raw& r, int x) { r.buffer_size = x; });
    int_value({"--compression-level"}, [](CL&, Raw& r, int x) { r.compression_level = x; });
    flag({"--no-index"}, [](CL&, Raw& r) { r.index = false; });

    adapter({"-a", "--adapter"}, 0, AdapterOption::kBack);
    adapter({"-g", "--front"}, 0, AdapterOption::kFront);
    adapter({"-b", "--anywhere"}, 0, AdapterOption::kAnywhere);
    float_value({"-e", "--error-rate", "--errors"}, [](CL&, Raw& r, double x) { r.error_rate = x; });
    flag({"--no-indels"}, [](CL&, Raw& r) { r.indels = false; });
    int_value({"-n", "--times"}, [](CL&, Raw& r, int x) { r.times = x; });
    int_value({"-O", "--overlap"}, [](CL&, Raw& r, int x) { r.overlap = x; });
    flag({"--match-read-wildcards"}, [](CL&, Raw& r) { r.match_read_wildcards = true; });
    flag({"-N", "--no-match-adapter-wildcards"},
         [](CL&, Raw& r) { r.match_adapter_wildcards = false; });
    {
      Option o{{"--action"}, true, nullptr, ""};
      o.set = [o](CL&, Raw& r, const std::string& s) -> Status {
        CUTOVER_RETURN_IF_ERROR(Choice(o, s, {"trim", "retain", "mask", "lowercase", "none"}));
        r.action = s;
        return Status::Ok();
      };
      v.push_back(o);
    }
    unsupported({"--rc", "--revcomp"}, false, "reverse-complement matching is " + kNotYet);
    flag({"--no-trim"}, [](CL&, Raw& r) { r.action = "none"; });
    flag({"--mask-adapter"}, [](CL&, Raw& r) { r.action = "mask"; });

    int_value({"-u", "--cut"}, [](CL&, Raw& r, int x) { r.cut1.push_back(x); });
    int_value({"--nextseq-trim"}, [](CL&, Raw& r, int x) { r.nextseq = x; });
    text({"-q", "--quality-cutoff"}, &Raw::quality1);
    int_value({"--quality-base"}, [](CL&, Raw& r, int x) { r.quality_base = x; });
    int_value({"--length", "-l"}, [](CL&, Raw& r, int x) { r.length = x; });
    flag({"--trim-n"}, [](CL&, Raw& r) { r.trim_n = true; });
    text({"--length-tag"}, &Raw::length_tag);
    value({"--strip-suffix"}, [](CL&, Raw& r, const std::string& s) {
      r.strip_suffixes.push_back(s);
      return Status::Ok();
    });
    text({"-x", "--prefix"}, &Raw::prefix);
    text({"-y", "--suffix"}, &Raw::suffix);
    text({"--rename"}, &Raw::rename);
    flag({"--zero-cap", "-z"}, [](CL&, Raw& r) { r.zero_cap = true; });

    text({"-m", "--minimum-length"}, &Raw::minimum_length);
    text({"-M", "--maximum-length"}, &Raw::maximum_length);
    float_value({"--max-n"}, [](CL&, Raw& r, double x) { r.max_n = x; });
    float_value({"--max-expected-errors", "--max-ee"}, [](CL&, Raw& r, double x) { r.max_ee = x; });
    flag({"--discard-trimmed", "--discard"}, [](CL&, Raw& r) { r.discard_trimmed = true; });
    flag({"--discard-untrimmed", "--trimmed-only"}, [](CL&, Raw& r) { r.discard_untrimmed = true; });
    flag({"--discard-casava"}, [](CL&, Raw& r) { r.discard_casava = true; });

    flag({"--quiet"}, [](CL& c, Raw&) { c.quiet = true; });
    {
      Option o{{"--report"}, true, nullptr, ""};
      o.set = [o](CL& c, Raw&, const std::string& s) -> Status {
        CUTOVER_RETURN_IF_ERROR(Choice(o, s, {"full", "minimal"}));
        c.report = s == "full" ? ReportKind::kFull : ReportKind::kMinimal;
        return Status::Ok();
      };
      v.push_back(o);
    }
    value({"--json"}, [](CL& c, Raw&, const std::string& s) {
      c.json_path = s;
      return Status::Ok();
    });
    text({"-o", "--output"}, &Raw::output);
    flag({"--fasta"}, [](CL& c, Raw&) { c.io.force_fasta = true; });
    flag({"-Z"}, [](CL&, Raw& r) { r.compression_level = 1; });
    unsupported({"--info-file"}, true, kNotYet);
    unsupported({"-r", "--rest-file"}, true, kNotYet);
    unsupported({"--wildcard-file"}, true, kNotYet);
    auto extra_output = [&](std::vector<std::string> names,
                            std::array<std::optional<std::string>, 2> Raw::*field, size_t mate) {
      value(std::move(names), [field, mate](CL&, Raw& r, const std::string& s) {
        (r.*field)[mate] = s;
        return Status::Ok();
      });
    };
    extra_output({"--too-short-output"}, &Raw::too_short_output, 0);
    extra_output({"--too-long-output"}, &Raw::too_long_output, 0);
    extra_output({"--untrimmed-output"}, &Raw::untrimmed_output, 0);

    adapter({"-A"}, 1, AdapterOption::kBack);
    adapter({"-G"}, 1, AdapterOption::kFront);
    adapter({"-B"}, 1, AdapterOption::kAnywhere);
    int_value({"-U"}, [](CL&, Raw& r, int x) { r.cut2.push_back(x); });
    text({"-Q"}, &Raw::quality2);
    text({"-p", "--paired-output"}, &Raw::paired_output);
    unsupported({"--pair-adapters"}, false, kNotYet);
    {
      Option o{{"--pair-filter"}, true, nullptr, ""};
      o.set = [o](CL&, Raw& r, const std::string& s) -> Status {
        CUTOVER_RETURN_IF_ERROR(Choice(o, s, {"any", "both", "first"}));
        r.pair_filter = s;
        return Status::Ok();
      };
      v.push_back(o);
    }
    unsupported({"--interleaved"}, false, "interleaved input and output are " + kNotYet);
    extra_output({"--untrimmed-paired-output"}, &Raw::untrimmed_output, 1);
    extra_output({"--too-short-paired-output"}, &Raw::too_short_output, 1);
    extra_output({"--too-long-paired-output"}, &Raw::too_long_output, 1);
    return v;
  }();
  return kOptions;
}

bool LooksLikeNegativeNumber(const std::string& s) {
  if (s.size() < 2 || s[0] != '-') return false;
  char* end = nullptr;
  std::strtod(s.c_str(), &end);
  return *end == '\0';
}

bool LooksLikeOption(const std::string& s) {
  return s.size() >= 2 && s[0] == '-' && !LooksLikeNegativeNumber(s);
}

const Option* FindExact(const std::string& name) {
  for (const Option& o : Options()) {
    for (const std::string& n : o.names) {
      if (n == name) return &o;
    }
  }
  return nullptr;
}

// argparse accepts a unique prefix of a long option.
Result<const Option*> FindLong(const std::string& name) {
  if (const Option* o = FindExact(name)) return o;
  std::vector<std::pair<const Option*, std::string>> candidates;
  for (const Option& o : Options()) {
    for (const std::string& n : o.names) {
      if (n.starts_with("--") && n.starts_with(name)) candidates.emplace_back(&o, n);
    }
  }
  if (candidates.size() == 1) return candidates[0].first;
  if (candidates.empty()) return nullptr;
  std::vector<std::string> names;
  for (const auto& c : candidates) names.push_back(c.second);
  return Status::InvalidArgument(
      fmt::format("ambiguous option: {} could match {}", name, Join(names, ", ")));
}

Result<std::pair<int, int>> ParseCutoffs(const std::string& s) {
  std::vector<int> values;
  size_t start = 0;
  while (true) {
    size_t comma = s.find(',', start);
    std::string part(Trim(std::string_view(s).substr(start, comma == std::string::npos ? comma : comma - start)));
    char* end = nullptr;
    long x = std::strtol(part.c_str(), &end, 10);
    if (part.empty() || *end != '\0') {
      return Status::InvalidArgument(fmt::format(
          "Quality cutoff value not recognized: invalid literal for int() with base 10: '{}'", part));
    }
    values.push_back(static_cast<int>(x));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (values.size() == 1) return std::pair{0, values[0]};
  if (values.size() != 2) {
    return Status::InvalidArgument(
        "Expected one value or two values separated by comma for the quality cutoff");
  }
  return std::pair{values[0], values[1]};
}

// "LEN", "LEN:LEN2", "LEN:", ":LEN2".
Result<std::vector<std::optional<int>>> ParseLengths(const std::string& s) {
  std::vector<std::string> fields;
  size_t colon = s.find(':');
  if (colon == std::string::npos) {
    fields = {s};
  } else {
    fields = {s.substr(0, colon), s.substr(colon + 1)};
    if (fields[1].find(':') != std::string::npos) {
      return Status::InvalidArgument("Only at most one colon is allowed");
    }
  }
  std::vector<std::optional<int>> values;
  for (const std::string& f : fields) {
    if (f.empty()) {
      values.push_back(std::nullopt);
      continue;
    }
    std::string t(Trim(f));
    char* end = nullptr;
    long x = std::strtol(t.c_str(), &end, 10);
    if (t.empty() || *end != '\0') {
      return Status::InvalidArgument(fmt::format(
          "Value not recognized: invalid literal for int() with base 10: '{}'", f));
    }
    values.push_back(static_cast<int>(x));
  }
  if (values.size() == 2 && !values[0] && !values[1]) {
    return Status::InvalidArgument(
        fmt::format("Cannot parse '{}': At least one length needs to be given", s));
  }
  if (values.size() == 1 && !values[0]) {
    return Status::InvalidArgument(fmt::format("Cannot parse '{}': no length given", s));
  }
  return values;
}

Status CheckCuts(const std::vector<int>& cuts) {
  if (cuts.size() > 2) return Status::InvalidArgument("You cannot remove bases from more than two ends.");
  if (cuts.size() == 2 && static_cast<int64_t>(cuts[0]) * cuts[1] > 0) {
    return Status::InvalidArgument("You cannot remove bases from the same end twice.");
  }
  return Status::Ok();
}

// cutadapt's checks and defaults, turning the raw options into TrimOptions and TrimIo.
Status Finish(Raw& r, CommandLine* c) {
  TrimOptions& o = c->options;
  if (c->quiet && c->report == ReportKind::kMinimal) {
    return Status::InvalidArgument("Options --quiet and --report cannot be used at the same time");
  }
  if (c->cores < 0) return Status::InvalidArgument("Value for --cores cannot be negative");
  o.paired = r.paired_output || !r.adapters2.empty() || !r.cut2.empty() || r.pair_filter ||
             r.untrimmed_output[1] || r.too_short_output[1] || r.too_long_output[1] ||
             r.quality2;
  if (r.inputs.empty()) {
    return Status::InvalidArgument(
        "You did not provide any input file names. Please give me something to do!");
  }
  if (r.inputs.size() > 2) {
    return Status::InvalidArgument(fmt::format(
        "You provided {} input file names, but either one or two are expected.", r.inputs.size()));
  }
  if (o.paired && r.inputs.size() == 1) {
    return Status::InvalidArgument(
        "You used an option that enabled paired-end mode (such as -p, -A, -G, -B, -U), but then "
        "you also need to provide two input files (you provided one) or use --interleaved.");
  }
  if (!o.paired && r.inputs.size() == 2) {
    return Status::InvalidArgument(
        "It appears you want to trim paired-end data because you provided two input files, but "
        "then you also need to provide two output files (with -o and -p) or use the "
        "--interleaved option.");
  }
  if (o.paired) {
    if (!r.paired_output) {
      return Status::InvalidArgument(
          "When a paired-end trimming option such as -A/-G/-B/-U, is used, a second output file "
          "needs to be specified via -p (--paired-output).");
    }
    if (!r.output) {
      return Status::InvalidArgument(
          "When you use -p or --paired-output, you must also use the -o option.");
    }
    for (const auto& [outputs, name] : {std::pair{&r.untrimmed_output, "untrimmed"},
                                        std::pair{&r.too_short_output, "too-short"},
                                        std::pair{&r.too_long_output, "too-long"}}) {
      if ((*outputs)[0].has_value() != (*outputs)[1].has_value()) {
        return Status::InvalidArgument(fmt::format(
            "When trimming paired-end data, you must use either none or both of the "
            "--{0}-output/--{0}-paired-output options.",
            name));
      }
    }
  }
  if (r.overlap < 1) return Status::InvalidArgument("The overlap must be at least 1.");
  if (!(c->gc_content >= 0 && c->gc_content <= 100)) {
    return Status::InvalidArgument("GC content must be given as percentage between 0 and 100");
  }
  o.adapters1 = r.adapters1;
  o.adapters2 = r.adapters2;
  o.search.max_errors = r.error_rate;
  o.search.min_overlap = r.overlap;
  o.search.read_wildcards = r.match_read_wildcards;
  o.search.adapter_wildcards = r.match_adapter_wildcards;
  o.search.indels = r.indels;
  o.times = r.times;
  o.action = ParseAction(r.action);
  o.index = r.index;
  CUTOVER_RETURN_IF_ERROR(CheckCuts(r.cut1));
  CUTOVER_RETURN_IF_ERROR(CheckCuts(r.cut2));
  for (int x : r.cut1) {
    if (x != 0) o.cut1.push_back(x);
  }
  for (int x : r.cut2) {
    if (x != 0) o.cut2.push_back(x);
  }
  o.nextseq_cutoff = r.nextseq;
  // A cutoff given as exactly "0" means no quality trimming.
  auto cutoffs = [](const std::optional<std::string>& s) -> Result<std::optional<QualityCutoffs>> {
    if (!s || *s == "0") return std::optional<QualityCutoffs>();
    CUTOVER_ASSIGN_OR_RETURN(auto p, ParseCutoffs(*s));
    return std::optional<QualityCutoffs>(QualityCutoffs{p.first, p.second});
  };
  CUTOVER_ASSIGN_OR_RETURN(o.quality1, cutoffs(r.quality1));
  CUTOVER_ASSIGN_OR_RETURN(o.quality2, cutoffs(r.quality2));
  if (o.paired && r.quality1 && !r.quality2) o.quality2 = o.quality1;
  o.quality_base = r.quality_base;
  o.shorten = r.length;
  o.trim_n = r.trim_n;
  // cutadapt puts the tag into a regular expression as it is; cutover takes plain tags only.
  if (r.length_tag && !r.length_tag->empty()) {
    CUTOVER_RETURN_IF_ERROR(CheckLengthTag(*r.length_tag));
    o.length_tag = r.length_tag;
  }
  o.strip_suffixes = r.strip_suffixes;
  o.prefix = r.prefix;
  o.suffix = r.suffix;
  o.zero_cap = r.zero_cap;
  o.rename = r.rename;
  for (auto [text, target] : {std::pair{&r.minimum_length, &o.minimum_length},
                              std::pair{&r.maximum_length, &o.maximum_length}}) {
    if (!*text) continue;
    CUTOVER_ASSIGN_OR_RETURN(auto lengths, ParseLengths(**text));
    if (!o.paired && lengths.size() == 2) {
      return Status::InvalidArgument("Two minimum or maximum lengths given for single-end data");
    }
    LengthLimit limit;
    limit.read1 = lengths[0];
    limit.read2 = lengths.size() == 2 ? lengths[1] : lengths[0];
    if (!o.paired) limit.read2.reset();
    *target = limit;
  }
  if (r.max_n && *r.max_n < 0) return Status::InvalidArgument("--max-n must not be negative");
  o.max_n = r.max_n;
  o.max_expected_errors = r.max_ee;
  o.discard_casava = r.discard_casava;
  if (static_cast<int>(r.discard_trimmed) + static_cast<int>(r.discard_untrimmed) +
          static_cast<int>(r.untrimmed_output[0].has_value()) >
      1) {
    return Status::InvalidArgument(
        "Only one of the --discard-trimmed, --discard-untrimmed and --untrimmed-output options "
        "can be used at the same time.");
  }
  o.discard_trimmed = r.discard_trimmed;
  o.discard_untrimmed = r.discard_untrimmed;
  // As cutadapt: the too-short (too-long) output exists only with -m (-M); else it is ignored.
  o.too_short_output = r.too_short_output[0] && o.minimum_length;
  o.too_long_output = r.too_long_output[0] && o.maximum_length;
  o.untrimmed_output = r.untrimmed_output[0].has_value();
  if (r.pair_filter) {
    o.pair_filter = *r.pair_filter == "any"    ? PairFilter::kAny
                    : *r.pair_filter == "both" ? PairFilter::kBoth
                                               : PairFilter::kFirst;
  }
  for (const std::optional<std::string>* out : {&r.output, &r.paired_output}) {
    if (*out && (out->value().find("{name") != std::string::npos)) {
      return Status::InvalidArgument("demultiplexing ({name} in output names) is not implemented "
                                     "by cutover trim");
    }
  }
  // Every output, in cutadapt's order (for which duplicate it names).
  const std::vector<const std::optional<std::string>*> outputs = {
      &r.too_short_output[0], &r.too_short_output[1], &r.too_long_output[0],
      &r.too_long_output[1],  &r.untrimmed_output[0], &r.untrimmed_output[1],
      &r.output,              &r.paired_output};
  for (const std::optional<std::string>* out : outputs) {
    if (!*out) continue;
    const std::string& name = **out;
    for (const char* ext : {".bz2", ".xz", ".zst"}) {
      if (name.ends_with(ext)) {
        return Status::InvalidArgument(fmt::format(
            "{}: only plain and gzip (.gz) output are implemented by cutover trim", name));
      }
    }
  }
  // As cutadapt: a path given twice is an error, but for an existing special file (/dev/null,
  // a FIFO).
  std::set<std::string> seen;
  for (const std::optional<std::string>* out : outputs) {
    if (!*out) continue;
    std::error_code ec;
    const auto status = std::filesystem::status(**out, ec);
    if (!ec && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) {
      continue;
    }
    if (!seen.insert(**out).second) {
      return Status::InvalidArgument(
          fmt::format("Path {} specified more than once as an output file. This is not "
                      "supported at the moment.",
                      **out));
    }
  }
  c->io.input1 = r.inputs[0];
  if (o.paired) c->io.input2 = r.inputs[1];
  c->io.output1 = r.output.value_or("-");
  if (o.paired) c->io.output2 = *r.paired_output;
  for (const auto& [wanted, from, to] :
       {std::tuple{o.too_short_output, &r.too_short_output, &c->io.too_short_output},
        std::tuple{o.too_long_output, &r.too_long_output, &c->io.too_long_output},
        std::tuple{o.untrimmed_output, &r.untrimmed_output, &c->io.untrimmed_output}}) {
    if (!wanted) continue;
    (*to)[0] = *(*from)[0];
    if (o.paired) (*to)[1] = *(*from)[1];
  }
  int threads = c->cores == 0 ? static_cast<int>(std::thread::hardware_concurrency()) : c->cores;
  c->io.threads = std::max(1, threads);
  // cutadapt's levels 1-9 (default 5) onto ISA-L's 0-3: 1 -> 1, 2-6 -> 2, 7-9 -> 3.
  c->io.gzip_level = r.compression_level <= 1 ? 1 : r.compression_level <= 6 ? 2 : 3;
  return Status::Ok();
}

}  // namespace

Result<CommandLine> ParseCommandLine(const std::vector<std::string>& args) {
  CommandLine c;
  c.args = args;
  Raw r;
  bool only_positional = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (only_positional || !LooksLikeOption(arg)) {
      r.inputs.push_back(arg);
      continue;
    }
    if (arg == "--") {
      only_positional = true;
      continue;
    }
    // Which option, and a value attached to it ("--x=v", "-qV"), if any.
    const Option* option = nullptr;
    std::optional<std::string> attached;
    if (arg.starts_with("--")) {
      size_t eq = arg.find('=');
      CUTOVER_ASSIGN_OR_RETURN(option, FindLong(arg.substr(0, eq)));
      if (eq != std::string::npos) attached = arg.substr(eq + 1);
    } else {
      option = FindExact(arg.substr(0, 2));
      if (option != nullptr && arg.size() > 2) {
        if (option->takes_value) {
          attached = arg.substr(2);
        } else {
          // A cluster of short flags ("-NZ"): all but the last here; a value-taking option
          // inside the cluster takes the rest of the argument as its value.
          size_t k = 1;
          while (k < arg.size()) {
            const Option* o = FindExact(std::string("-") + arg[k]);
            if (o == nullptr) {
              return Status::InvalidArgument(fmt::format("unrecognized arguments: {}", arg));
            }
            if (!o->set) {
              return Status::InvalidArgument(fmt::format("option {}: {}", Names(*o), o->unsupported));
            }
            if (o->takes_value) {
              option = o;
              if (k + 1 < arg.size()) attached = arg.substr(k + 1);
              break;
            }
            if (k + 1 == arg.size()) {
              option = o;
              break;
            }
            CUTOVER_RETURN_IF_ERROR(o->set(c, r, ""));
            ++k;
          }
        }
      }
    }
    if (option == nullptr) {
      return Status::InvalidArgument(fmt::format("unrecognized arguments: {}", arg));
    }
    if (!option->set) {
      return Status::InvalidArgument(
          fmt::format("option {}: {}", Names(*option), option->unsupported));
    }
    std::string value;
    if (option->takes_value) {
      if (attached) {
        value = *attached;
      } else if (i + 1 < args.size() && !LooksLikeOption(args[i + 1])) {
        value = args[++i];
      } else {
        return Status::InvalidArgument(
            fmt::format("argument {}: expected one argument", Names(*option)));
      }
    } else if (attached) {
      return Status::InvalidArgument(
          fmt::format("argument {}: ignored explicit argument '{}'", Names(*option), *attached));
    }
    CUTOVER_RETURN_IF_ERROR(option->set(c, r, value));
  }
  if (c.help || c.version) return c;
  CUTOVER_RETURN_IF_ERROR(Finish(r, &c));
  return c;
}

std::string Usage() {
  return R"(Usage:
    cutover trim -a ADAPTER [options] [-o output.fastq] input.fastq
    cutover trim -a ADAPT1 -A ADAPT2 [options] -o out1.fastq -p out2.fastq in1.fastq in2.fastq

cutadapt 4.2's command line: the same options, defaults and output (reads byte for byte, the
text report, --json). Input and output are plain or gzip ('-' is standard input/output); a
".gz" output name means gzip output. Outputs appear under their final names only when the run
succeeded.

Finding adapters:
  -a/-g/-b ADAPTER     3' / 5' / either-end adapter (R1); ^ADAPTER, ADAPTER$, XADAPTER,
                       ADAPTERX, FRONT...BACK (linked), name=ADAPTER, ADAPTER;e=0.2;o=5,
                       file:adapters.fa
  -e E                 maximum error rate (E < 1) or number of errors (E >= 1); default 0.1
  --no-indels          mismatches only
  -n COUNT             remove up to COUNT adapters from each read; default 1
  -O MINLENGTH         minimum overlap between read and adapter; default 3
  --match-read-wildcards, -N (--no-match-adapter-wildcards)
  --action ACTION      what a found adapter does: trim (default; remove it and what is before
                       (5') or after (3') it), retain (the same, keeping the adapter), mask
                       (replace what trim removes by N), lowercase (write it in lower case,
                       the rest in upper case), none (leave the read as it is)
Modifications (in this order):
  -u/-U LEN            remove LEN bases from the start (LEN > 0) or end (LEN < 0) of R1/R2
  --nextseq-trim 3'CUTOFF
  -q [5'CUTOFF,]3'CUTOFF, -Q (R2)   quality trimming (BWA); --quality-base N (default 33)
  -l/--length LEN      shorten reads to LEN; --trim-n  trim Ns at both ends
  --length-tag TAG     "TAGnumber" in read names becomes TAG and the trimmed length
  --strip-suffix S     remove S from the end of read names (repeatable)
  -x/-y TEXT           add TEXT before/after read names ("{name}": the last adapter found)
  -z/--zero-cap        qualities below the quality base become the base (score 0)
  --rename TEMPLATE    new read names: {id} {comment} {header} {adapter_name}
                       {match_sequence} {cut_prefix} {cut_suffix} {rc}; paired: also {rn},
                       {r1.X} and {r2.X} (the mates' IDs must stay equal)
Filters:
  -m/-M LEN[:LEN2]     minimum/maximum length; --max-n COUNT; --max-ee ERRORS;
  --discard-trimmed, --discard-untrimmed, --discard-casava, --pair-filter any|both|first
  --too-short-output FILE, --too-long-output FILE, --untrimmed-output FILE (and
  --too-short-paired-output etc. for R2): write the reads that -m, -M or an adapter-less read
  rejects there instead of discarding them (counted as filtered all the same)
Output:
  -o FILE, -p FILE     trimmed reads (R1, R2); -j CORES (0: all); -Z; --fasta (FASTA output;
                       also a plain output named .fa/.fasta/.fna)
  --report full|minimal, --quiet, --json FILE

Not implemented (an error): --rc, --interleaved, --info-file, --rest-file,
--wildcard-file, --pair-adapters, demultiplexing, FASTA input, .bz2/.xz/.zst output, a
--length-tag with regular-expression characters. See docs/trim.md.

Trim Galore mode: cutover trim galore --help
)";
}

}  // namespace cutover::trim
