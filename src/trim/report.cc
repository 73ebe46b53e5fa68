#include "trim/report.h"

#include "trim/aligner.h"

#include <cmath>
#include <cstdio>

#include <fmt/format.h>

namespace cutover::trim {

std::string WithThousands(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  int count = 0;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (count > 0 && count % 3 == 0) out += ',';
    out += *it;
    ++count;
  }
  if (n < 0) out += '-';
  return std::string(out.rbegin(), out.rend());
}

namespace {

// Python's "{:13,d}".
std::string Count13(int64_t n) { return fmt::format("{:>13}", WithThousands(n)); }
// Python's "{:.1%}".
std::string Percent(double fraction) { return fmt::format("{:.1f}%", fraction * 100); }
double SafeDivide(std::optional<int64_t> a, int64_t b) {
  if (!a || b == 0) return 0.0;
  return static_cast<double>(*a) / static_cast<double>(b);
}
std::optional<int64_t> AddIfNotNone(std::optional<int64_t> a, std::optional<int64_t> b) {
  if (!a) return b;
  if (!b) return a;
  return *a + *b;
}

// One end of an adapter with the adapter that defines it.
struct End {
  const SingleAdapter* adapter = nullptr;
  const EndStats* stats = nullptr;
  explicit operator bool() const { return adapter != nullptr; }
};

struct Ends {
  End front, back;
};

Ends EndsOf(const Adapter& a, const AdapterStats& s) {
  Ends e;
  if (a.linked()) {
    e.front = {&a.first(), &s.front};
    e.back = {&a.second(), &s.back};
  } else if (a.first().kind() == AdapterKind::kAnywhere) {
    e.front = {&a.first(), &s.front};
    e.back = {&a.first(), &s.back};
  } else if (RemovesPrefix(a.first().kind())) {
    e.front = {&a.first(), &s.front};
  } else {
    e.back = {&a.first(), &s.back};
  }
  return e;
}

// Lengths up to which 0, 1, 2, ... errors are allowed (cutadapt's ErrorRanges).
std::vector<int> ErrorLengths(int length, double rate) {
  std::vector<int> lengths;
  const int max_errors = ErrorsAllowed(rate, length);  // (a count is at most kMaxErrorCount)
  for (int errors = 1; errors <= max_errors; ++errors) {
    lengths.push_back(static_cast<int>(errors / rate) - 1);
  }
  if (lengths.empty() || lengths.back() < length) lengths.push_back(length);
  return lengths;
}

std::string ErrorRangesText(int length, double rate) {
  std::vector<int> lengths = ErrorLengths(length, rate);
  int prev = 1;
  std::string s;
  for (size_t errors = 0; errors + 1 < lengths.size(); ++errors) {
    s += fmt::format("{}-{} bp: {}; ", prev, lengths[errors], errors);
    prev = lengths[errors] + 1;
  }
  if (prev == lengths.back()) {
    s += fmt::format("{} bp: {}", prev, lengths.size() - 1);
  } else {
    s += fmt::format("{}-{} bp: {}", prev, lengths.back(), lengths.size() - 1);
  }
  return s;
}

std::string ErrorRangesLine(const End& e) {
  const SingleAdapter& a = *e.adapter;
  std::string s = "No. of allowed errors:";
  if (a.allows_partial_matches()) {
    s += "\n" + ErrorRangesText(a.effective_length(), a.max_error_rate());
  } else {
    s += fmt::format(" {}", static_cast<int>(a.max_error_rate() * a.effective_length()));
  }
  return s + "\n";
}

// P(the first i bases of the adapter end match a random sequence), i = 0..length.
std::vector<double> MatchProbabilities(const SingleAdapter& a, double gc) {
  std::string seq = a.sequence();
  if (RemovesPrefix(a.kind())) seq.assign(seq.rbegin(), seq.rend());
  const std::string_view allowed = a.adapter_wildcards() ? "CGRYSKMBDHVN" : "GC";
  double p = 1.0;
  std::vector<double> probabilities{p};
  for (char c : seq) {
    p *= allowed.find(c) != std::string_view::npos ? gc / 2.0 : (1.0 - gc) / 2.0;
    probabilities.push_back(p);
  }
  return probabilities;
}

struct HistogramRow {
  int length;
  int64_t count;
  double expect;
  int max_err;
  std::vector<int64_t> error_counts;
};

std::vector<HistogramRow> Histogram(const End& e, int64_t n, double gc) {
  std::vector<HistogramRow> rows;
  const SingleAdapter& a = *e.adapter;
  std::vector<double> p = MatchProbabilities(a, gc);
  const int seq_len = static_cast<int>(a.sequence().size());
  for (size_t length = 0; length < e.stats->errors.size(); ++length) {
    const std::vector<int64_t>& row = e.stats->errors[length];
    int64_t count = 0;
    int max_e = -1;
    for (size_t k = 0; k < row.size(); ++k) {
      count += row[k];
      if (row[k] > 0) max_e = static_cast<int>(k);
    }
    if (count == 0) continue;
    HistogramRow r;
    r.length = static_cast<int>(length);
    r.count = count;
    r.expect = static_cast<double>(n) * p[std::min(seq_len, r.length)];
    r.max_err = static_cast<int>(a.max_error_rate() *
                                 std::min(r.length, a.effective_length()));
    r.error_counts.assign(row.begin(), row.begin() + max_e + 1);
    rows.push_back(std::move(r));
  }
  return rows;
}

std::string HistogramText(const End& e, int64_t n, double gc) {
  std::string s = "length\tcount\texpect\tmax.err\terror counts\n";
  for (const HistogramRow& r : Histogram(e, n, gc)) {
    s += fmt::format("{}\t{}\t{:.1f}\t{}\t{}\n", r.length, r.count, r.expect, r.max_err,
                     fmt::join(r.error_counts, " "));
  }
  return s + "\n";
}

// cutadapt's AdjacentBaseStatistics.
struct AdjacentBases {
  const EndStats* stats;
  int64_t total() const {
    int64_t t = 0;
    for (int64_t c : stats->adjacent) t += c;
    return t;
  }
  std::optional<std::string> warnbase() const {
    const int64_t t = total();
    if (t == 0 || t < 20) return std::nullopt;
    std::optional<std::string> w;
    static const char* kNames[] = {"A", "C", "G", "T"};
    for (int i = 0; i < 4; ++i) {
      if (static_cast<double>(stats->adjacent[i]) / static_cast<double>(t) > 0.8) w = kNames[i];
    }
    return w;
  }
  std::string Text() const {
    const int64_t t = total();
    if (t == 0) return "";
    std::string s = "Bases preceding removed adapters:\n";
    static const char* kNames[] = {"A", "C", "G", "T", "none/other"};
    for (int i = 0; i < 5; ++i) {
      s += fmt::format("  {}: {}\n", kNames[i],
                       Percent(1.0 * static_cast<double>(stats->adjacent[i]) / static_cast<double>(t)));
    }
    if (auto w = warnbase()) {
      s += "WARNING:\n";
      s += fmt::format("    The adapter is preceded by '{}' extremely often.\n", *w);
      s += "    The provided adapter sequence could be incomplete at its 5' end.\n";
      s += "    Ignore this warning when trimming primers.\n";
    }
    return s;
  }
};

}  // namespace

std::string FullReport(const ReportInput& in) {
  const TrimStats& st = *in.stats;
  if (st.reads == 0) return "No reads processed!";
  double time = in.seconds == 0 ? 1e-6 : in.seconds;
  std::string out;
  auto print = [&](const std::string& s) { out += s + "\n"; };
  print(fmt::format("Finished in {:.3f} s ({:.3f} µs/read; {:.2f} M reads/minute).", time,
                    1e6 * time / static_cast<double>(st.reads),
                    static_cast<double>(st.reads) / time * 60 / 1e6));
  const int64_t total_bp = st.input_bp[0] + st.input_bp[1];
  std::string r = "\n=== Summary ===\n\n";
  if (st.paired) {
    r += "Total read pairs processed:      " + Count13(st.reads) + "\n";
    for (int i = 0; i < 2; ++i) {
      if (st.with_adapters[i]) {
        r += fmt::format("  Read {} with adapter:           {} ({})\n", i + 1,
                         Count13(*st.with_adapters[i]),
                         Percent(SafeDivide(st.with_adapters[i], st.reads)));
      }
    }
  } else {
    r += "Total reads processed:           " + Count13(st.reads) + "\n";
    if (st.with_adapters[0]) {
      r += fmt::format("Reads with adapters:             {} ({})\n", Count13(*st.with_adapters[0]),
                       Percent(SafeDivide(st.with_adapters[0], st.reads)));
    }
  }
  const std::string pairs_or_reads = st.paired ? "Pairs" : "Reads";
  std::string filters;
  for (int f = 0; f < kFilterCount; ++f) {
    if (!st.filtered[f]) continue;
    std::string description = std::string(FilterDescription(static_cast<Filter>(f))) + ":";
    filters += fmt::format("{} {:<27}{} ({})\n", pairs_or_reads, description,
                           Count13(*st.filtered[f]), Percent(SafeDivide(st.filtered[f], st.reads)));
  }
  if (!filters.empty()) r += "\n== Read fate breakdown ==\n" + filters;
  r += fmt::format("{} written (passing filters): {} ({})\n\n", pairs_or_reads, Count13(st.written),
                   Percent(SafeDivide(st.written, st.reads)));
  r += "Total basepairs processed: " + Count13(total_bp) + " bp\n";
  if (st.paired) {
    r += "  Read 1: " + Count13(st.input_bp[0]) + " bp\n";
    r += "  Read 2: " + Count13(st.input_bp[1]) + " bp\n";
  }
  std::optional<int64_t> qtrimmed = AddIfNotNone(st.quality_trimmed_bp[0], st.quality_trimmed_bp[1]);
  if (qtrimmed) {
    r += fmt::format("Quality-trimmed:           {} bp ({})\n", Count13(*qtrimmed),
                     Percent(SafeDivide(qtrimmed, total_bp)));
    if (st.paired) {
      for (int i = 0; i < 2; ++i) {
        if (st.quality_trimmed_bp[i]) {
          r += fmt::format("  Read {}: {} bp\n", i + 1, Count13(*st.quality_trimmed_bp[i]));
        }
      }
    }
  }
  const int64_t written_bp = st.written_bp[0] + st.written_bp[1];
  r += fmt::format("Total written (filtered):  {} bp ({})\n", Count13(written_bp),
                   Percent(SafeDivide(written_bp, total_bp)));
  if (st.paired) {
    r += "  Read 1: " + Count13(st.written_bp[0]) + " bp\n";
    r += "  Read 2: " + Count13(st.written_bp[1]) + " bp\n";
  }
  print(r);

  bool warning = false;
  for (int mate = 0; mate < 2; ++mate) {
    const std::vector<Adapter>& adapters = (*in.adapters)[mate];
    for (size_t i = 0; i < adapters.size() && i < st.adapters[mate].size(); ++i) {
      const Adapter& a = adapters[i];
      Ends ends = EndsOf(a, st.adapters[mate][i]);
      const int64_t total_front = ends.front ? ends.front.stats->total() : 0;
      const int64_t total_back = ends.back ? ends.back.stats->total() : 0;
      const int64_t total = total_front + total_back;
      std::string extra = st.paired ? (mate == 0 ? "First read: " : "Second read: ") : "";
      print(fmt::format("=== {}Adapter {} ===", extra, a.name()));
      print("");
      if (a.linked()) {
        out += fmt::format(
            "Sequence: {}...{}; Type: linked; Length: {}+{}; 5' trimmed: {} times; 3' trimmed: "
            "{} times",
            a.first().sequence(), a.second().sequence(), a.first().sequence().size(),
            a.second().sequence().size(), total_front, total_back);
      } else {
        out += fmt::format("Sequence: {}; Type: {}; Length: {}; Trimmed: {} times",
                           a.first().sequence(), Description(a.first().kind()),
                           a.first().sequence().size(), total);
      }
      print("");
      if (total == 0) {
        print("");
        continue;
      }
      const int64_t n = st.reads;
      if (!a.linked() && a.first().kind() == AdapterKind::kAnywhere) {
        print(fmt::format("{} times, it overlapped the 5' end of a read", total_front));
        print(fmt::format("{} times, it overlapped the 3' end or was within the read", total_back));
        print("");
        print(fmt::format("Minimum overlap: {}", a.first().min_overlap()));
        print(ErrorRangesLine(ends.front));
        print("Overview of removed sequences (5')");
        print(HistogramText(ends.front, n, in.gc_content));
        print("");
        print("Overview of removed sequences (3' or within)");
        print(HistogramText(ends.back, n, in.gc_content));
      } else if (a.linked()) {
        print("");
        print(fmt::format("Minimum overlap: {}+{}", a.first().min_overlap(),
                          a.second().min_overlap()));
        print(ErrorRangesLine(ends.front));
        print(ErrorRangesLine(ends.back));
        print("Overview of removed sequences at 5' end");
        print(HistogramText(ends.front, n, in.gc_content));
        print("");
        print("Overview of removed sequences at 3' end");
        print(HistogramText(ends.back, n, in.gc_content));
      } else if (ends.front) {
        print("");
        if (a.first().allows_partial_matches()) {
          print(fmt::format("Minimum overlap: {}", a.first().min_overlap()));
        }
        print(ErrorRangesLine(ends.front));
        print("Overview of removed sequences");
        print(HistogramText(ends.front, n, in.gc_content));
      } else {
        print("");
        if (a.first().allows_partial_matches()) {
          print(fmt::format("Minimum overlap: {}", a.first().min_overlap()));
        }
        print(ErrorRangesLine(ends.back));
        AdjacentBases bases{ends.back.stats};
        warning = warning || bases.warnbase().has_value();
        print(bases.Text());
        print("Overview of removed sequences");
        print(HistogramText(ends.back, n, in.gc_content));
      }
    }
  }
  if (warning) {
    print("WARNING:");
    print("    One or more of your adapter sequences may be incomplete.");
    print("    Please see the detailed output above.");
  }
  // Python's rstrip(): all trailing whitespace.
  while (!out.empty() && std::isspace(static_cast<unsigned char>(out.back()))) out.pop_back();
  return out;
}

std::string MinimalReport(const ReportInput& in) {
  const TrimStats& st = *in.stats;
  auto filtered = [&](Filter f) { return st.filtered[static_cast<int>(f)].value_or(0); };
  bool warning = false;
  for (int mate = 0; mate < 2; ++mate) {
    const std::vector<Adapter>& adapters = (*in.adapters)[mate];
    for (size_t i = 0; i < adapters.size() && i < st.adapters[mate].size(); ++i) {
      const Adapter& a = adapters[i];
      // Only plain 3' adapters (cutadapt's BackAdapterStatistics) are checked.
      if (a.linked() || a.first().kind() == AdapterKind::kAnywhere ||
          RemovesPrefix(a.first().kind())) {
        continue;
      }
      if (AdjacentBases{&st.adapters[mate][i].back}.warnbase()) warning = true;
    }
  }
  std::vector<std::string> header = {"status",     "in_reads", "in_bp",     "too_short",
                                     "too_long",   "too_many_n", "out_reads", "w/adapters",
                                     "qualtrim_bp", "out_bp"};
  std::vector<std::string> fields = {
      warning ? "WARN" : "OK",
      std::to_string(st.reads),
      std::to_string(st.input_bp[0] + st.input_bp[1]),
      std::to_string(filtered(Filter::kTooShort)),
      std::to_string(filtered(Filter::kTooLong)),
      std::to_string(filtered(Filter::kTooManyN)),
      std::to_string(st.written),
      std::to_string(st.with_adapters[0].value_or(0)),
      std::to_string(st.quality_trimmed_bp[0].value_or(0)),
      std::to_string(st.written_bp[0])};
  if (st.paired) {
    header.insert(header.end(), {"w/adapters2", "qualtrim2_bp", "out2_bp"});
    fields.push_back(std::to_string(st.with_adapters[1].value_or(0)));
    fields.push_back(std::to_string(st.quality_trimmed_bp[1].value_or(0)));
    fields.push_back(std::to_string(st.written_bp[1]));
  }
  return fmt::format("{}\n{}", fmt::join(header, "\t"), fmt::join(fields, "\t"));
}

namespace {

// JSON text as Python's json.dumps writes it: ASCII only, other characters as \uXXXX (UTF-16
// surrogate pairs above U+FFFF); bytes that are not UTF-8 as Python's surrogate escapes
// (\udcXX), which is how command-line arguments reach cutadapt.
std::string JsonString(std::string_view s) {
  std::string out = "\"";
  auto escape = [&](uint32_t cp) {
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out += fmt::format("\\u{:04x}\\u{:04x}", 0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
    } else {
      out += fmt::format("\\u{:04x}", cp);
    }
  };
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"': out += "\\\""; continue;
      case '\\': out += "\\\\"; continue;
      case '\n': out += "\\n"; continue;
      case '\r': out += "\\r"; continue;
      case '\t': out += "\\t"; continue;
      case '\b': out += "\\b"; continue;
      case '\f': out += "\\f"; continue;
      default: break;
    }
    if (c < 0x20 || c == 0x7f) {
      escape(c);
      continue;
    }
    if (c < 0x80) {
      out += static_cast<char>(c);
      continue;
    }
    // A UTF-8 sequence.
    const int len = c >= 0xf0 && c < 0xf8 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
    uint32_t cp = len == 4 ? c & 0x07 : len == 3 ? c & 0x0f : c & 0x1f;
    bool valid = len > 0 && i + len <= s.size();
    for (int k = 1; valid && k < len; ++k) {
      const unsigned char cc = static_cast<unsigned char>(s[i + k]);
      valid = (cc & 0xc0) == 0x80;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (valid && ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp < 0xe000))) ||
                  (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))) {
      valid = false;
    }
    if (!valid) {
      escape(0xdc00 + c);
      continue;
    }
    escape(cp);
    i += static_cast<size_t>(len - 1);
  }
  return out + "\"";
}

// Python's repr of a float: the shortest round-trip form, always with a '.' or an exponent.
std::string JsonFloat(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  std::string s = fmt::format("{}", d);
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  return s;
}

std::string OptionalInt(const std::optional<int64_t>& v) {
  return v ? std::to_string(*v) : "null";
}

// A tiny writer reproducing cutadapt's JSON layout: two-space indentation, with some lists
// and objects on one line (cutadapt's OneLine).
class JsonWriter {
 public:
  void Open(char bracket) {
    out_ += bracket;
    first_.push_back(true);
  }
  void Close(char bracket) {
    const bool empty = first_.back();
    first_.pop_back();
    if (!empty) NewLine(first_.size());
    out_ += bracket;
  }
  // Starts an element (with its key inside objects) on a new line.
  void Key(std::string_view key) {
    Element();
    out_ += JsonString(key) + ": ";
  }
  void Element() {
    if (!first_.back()) out_ += ",";
    first_.back() = false;
    NewLine(first_.size());
  }
  void Raw(std::string_view s) { out_ += s; }
  std::string Take() { return std::move(out_); }

 private:
  void NewLine(size_t level) {
    out_ += "\n";
    out_.append(2 * level, ' ');
  }
  std::string out_;
  std::vector<bool> first_;
};

void WriteEnd(JsonWriter& w, const End& e, int64_t n, double gc) {
  if (!e) {
    w.Raw("null");
    return;
  }
  const SingleAdapter& a = *e.adapter;
  w.Open('{');
  w.Key("type");
  w.Raw(JsonString(Identifier(a.kind())));
  w.Key("sequence");
  w.Raw(JsonString(a.sequence()));
  w.Key("error_rate");
  w.Raw(JsonFloat(a.max_error_rate()));
  w.Key("indels");
  w.Raw(a.indels() ? "true" : "false");
  w.Key("error_lengths");
  if (a.allows_partial_matches()) {
    w.Raw(fmt::format("[{}]", fmt::join(ErrorLengths(a.effective_length(), a.max_error_rate()), ", ")));
  } else {
    w.Raw("null");
  }
  w.Key("matches");
  w.Raw(std::to_string(e.stats->total()));
  AdjacentBases bases{e.stats};
  w.Key("adjacent_bases");
  if (bases.total() == 0) {
    w.Raw("null");
  } else {
    w.Open('{');
    static const char* kNames[] = {"A", "C", "G", "T", ""};
    for (int i = 0; i < 5; ++i) {
      w.Key(kNames[i]);
      w.Raw(std::to_string(e.stats->adjacent[i]));
    }
    w.Close('}');
  }
  w.Key("dominant_adjacent_base");
  auto warn = bases.warnbase();
  w.Raw(warn ? JsonString(*warn) : "null");
  w.Key("trimmed_lengths");
  w.Open('[');
  for (const HistogramRow& r : Histogram(e, n, gc)) {
    w.Element();
    w.Raw(fmt::format("{{\"len\": {}, \"expect\": {:.1f}, \"counts\": [{}]}}", r.length, r.expect,
                      fmt::join(r.error_counts, ", ")));
  }
  w.Close(']');
  w.Close('}');
}

}  // namespace

std::string JsonReport(const ReportInput& in, const JsonContext& ctx) {
  const TrimStats& st = *in.stats;
  JsonWriter w;
  w.Open('{');
  w.Key("tag");
  w.Raw("\"Cutadapt report\"");
  w.Key("schema_version");
  w.Raw("[0, 1]");
  w.Key("cutadapt_version");
  w.Raw("\"4.2\"");
  w.Key("python_version");
  w.Raw("\"none (cutover trim 0.1.0)\"");
  w.Key("command_line_arguments");
  w.Open('[');
  for (const std::string& arg : ctx.command_line) {
    w.Element();
    w.Raw(JsonString(arg));
  }
  w.Close(']');
  w.Key("cores");
  w.Raw(std::to_string(ctx.cores));
  w.Key("input");
  w.Open('{');
  w.Key("path1");
  w.Raw(JsonString(ctx.path1));
  w.Key("path2");
  w.Raw(ctx.path2 ? JsonString(*ctx.path2) : "null");
  w.Key("paired");
  w.Raw(st.paired ? "true" : "false");
  w.Close('}');

  w.Key("read_counts");
  w.Open('{');
  w.Key("input");
  w.Raw(std::to_string(st.reads));
  w.Key("filtered");
  w.Open('{');
  for (int f = 0; f < kFilterCount; ++f) {
    w.Key(FilterKey(static_cast<Filter>(f)));
    w.Raw(OptionalInt(st.filtered[f]));
  }
  w.Close('}');
  w.Key("output");
  w.Raw(std::to_string(st.written));
  w.Key("reverse_complemented");
  w.Raw("null");
  w.Key("read1_with_adapter");
  w.Raw(OptionalInt(st.with_adapters[0]));
  w.Key("read2_with_adapter");
  w.Raw(st.paired ? OptionalInt(st.with_adapters[1]) : "null");
  w.Close('}');

  w.Key("basepair_counts");
  w.Open('{');
  w.Key("input");
  w.Raw(std::to_string(st.input_bp[0] + st.input_bp[1]));
  w.Key("input_read1");
  w.Raw(std::to_string(st.input_bp[0]));
  w.Key("input_read2");
  w.Raw(st.paired ? std::to_string(st.input_bp[1]) : "null");
  w.Key("quality_trimmed");
  w.Raw(OptionalInt(AddIfNotNone(st.quality_trimmed_bp[0], st.quality_trimmed_bp[1])));
  w.Key("quality_trimmed_read1");
  w.Raw(OptionalInt(st.quality_trimmed_bp[0]));
  w.Key("quality_trimmed_read2");
  w.Raw(OptionalInt(st.quality_trimmed_bp[1]));
  w.Key("output");
  w.Raw(std::to_string(st.written_bp[0] + st.written_bp[1]));
  w.Key("output_read1");
  w.Raw(std::to_string(st.written_bp[0]));
  w.Key("output_read2");
  w.Raw(st.paired ? std::to_string(st.written_bp[1]) : "null");
  w.Close('}');

  for (int mate = 0; mate < 2; ++mate) {
    w.Key(mate == 0 ? "adapters_read1" : "adapters_read2");
    if (mate == 1 && !st.paired) {
      w.Raw("null");
      continue;
    }
    w.Open('[');
    const std::vector<Adapter>& adapters = (*in.adapters)[mate];
    for (size_t i = 0; i < adapters.size() && i < st.adapters[mate].size(); ++i) {
      const Adapter& a = adapters[i];
      Ends ends = EndsOf(a, st.adapters[mate][i]);
      int64_t total = (ends.front ? ends.front.stats->total() : 0) +
                      (ends.back ? ends.back.stats->total() : 0);
      w.Element();
      w.Open('{');
      w.Key("name");
      w.Raw(JsonString(a.name()));
      w.Key("total_matches");
      w.Raw(std::to_string(total));
      w.Key("on_reverse_complement");
      w.Raw("null");
      w.Key("linked");
      w.Raw(a.linked() ? "true" : "false");
      w.Key("five_prime_end");
      WriteEnd(w, ends.front, st.reads, in.gc_content);
      w.Key("three_prime_end");
      WriteEnd(w, ends.back, st.reads, in.gc_content);
      w.Close('}');
    }
    w.Close(']');
  }
  w.Close('}');
  return w.Take() + "\n";
}

}  // namespace cutover::trim
