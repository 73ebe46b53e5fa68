#include "compare/fastqc_comparator.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <fstream>
#include <optional>

#include "compare/comparator_options.h"
#include "compare/excerpt.h"
#include "compare/zip_reader.h"
#include "util/strings.h"

namespace cutover {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kKindName = FastqcComparator::kKind;
constexpr std::string_view kDataFile = "fastqc_data.txt";
constexpr size_t kLabelBytes = 60;  // of a row's first cell in a location
constexpr std::string_view kBasicStatistics = "Basic Statistics";
constexpr std::string_view kFilename = "Filename";  // its row there is always ignored

// ---- options ----

Status InvalidOption(std::string_view name, std::string_view what, const nlohmann::json& value) {
  return Status::InvalidArgument(
      fmt::format("comparator '{}': option '{}' must be {}, got {}", kKindName, name, what,
                  value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)));
}

// A finite number >= 0, given as a number or a string spelled as one ("0.01" from YAML).
Status ReadNonNegative(std::string_view name, const nlohmann::json& v, double* out) {
  std::optional<double> d;
  if (v.is_number()) {
    d = v.get<double>();
  } else if (v.is_string()) {
    const std::string& s = v.get_ref<const std::string&>();
    double parsed = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), parsed);
    if (!s.empty() && ec == std::errc() && end == s.data() + s.size()) d = parsed;
  }
  if (!d || !std::isfinite(*d) || *d < 0) return InvalidOption(name, "a number >= 0", v);
  *out = *d;
  return Status::Ok();
}

// {absolute, relative}; fields not given keep their value in *out.
Status ReadTolerance(std::string_view name, const nlohmann::json& v, FastqcTolerance* out) {
  if (!v.is_object()) return InvalidOption(name, "a mapping {absolute, relative}", v);
  for (const auto& [key, value] : v.items()) {
    std::string field = fmt::format("{}.{}", name, key);
    if (key == "absolute") {
      CUTOVER_RETURN_IF_ERROR(ReadNonNegative(field, value, &out->absolute));
    } else if (key == "relative") {
      CUTOVER_RETURN_IF_ERROR(ReadNonNegative(field, value, &out->relative));
    } else {
      return Status::InvalidArgument(fmt::format(
          "comparator '{}': unknown option '{}' (known: absolute, relative)", kKindName, field));
    }
  }
  return Status::Ok();
}

// ---- reading a report ----

Result<FastqcData> ReadPlainReport(const fs::path& path, size_t max_bytes) {
  std::error_code ec;
  uintmax_t size = fs::file_size(path, ec);
  if (ec) return Status::IoError(fmt::format("{}: {}", path.string(), ec.message()));
  if (size > max_bytes) {
    return Status::Corruption(fmt::format("{}: {} bytes, more than the {} allowed for a {}",
                                          path.string(), size, max_bytes, kDataFile));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::FromErrno("open " + path.string(), errno);
  std::string text(size, '\0');
  in.read(text.data(), static_cast<std::streamsize>(size));
  if (static_cast<uintmax_t>(in.gcount()) != size) {
    return Status::IoError(fmt::format("{}: short read", path.string()));
  }
  return ParseFastqcData(text, path.string());
}

bool LooksLikeZip(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  char magic[4] = {};
  in.read(magic, sizeof magic);
  if (in.gcount() != sizeof magic) return false;
  std::string_view m(magic, sizeof magic);
  return m == std::string_view("PK\x03\x04", 4) || m == std::string_view("PK\x05\x06", 4);
}

Result<FastqcData> ReadZipReport(const fs::path& path, size_t max_bytes) {
  CUTOVER_ASSIGN_OR_RETURN(std::unique_ptr<ZipReader> zip, ZipReader::Open(path));
  const std::string expected = path.stem().string() + "/" + std::string(kDataFile);
  std::string member;
  if (std::find(zip->names().begin(), zip->names().end(), expected) != zip->names().end()) {
    member = expected;
  } else {
    std::vector<std::string> candidates;
    for (const std::string& name : zip->names()) {
      size_t slash = name.find('/');
      std::string_view base = slash == std::string::npos ? std::string_view(name)
                                                         : std::string_view(name).substr(slash + 1);
      if (base == kDataFile) candidates.push_back(name);
    }
    if (candidates.empty()) {
      return Status::NotFound(
          fmt::format("{}: no {} in this zip (expected {})", path.string(), kDataFile, expected));
    }
    if (candidates.size() > 1) {
      return Status::Corruption(fmt::format("{}: several {} members ({}), none of them {}",
                                            path.string(), kDataFile, Join(candidates, ", "),
                                            expected));
    }
    member = candidates[0];
  }
  CUTOVER_ASSIGN_OR_RETURN(std::string text, zip->Read(member, max_bytes));
  return ParseFastqcData(text, fmt::format("{}:{}", path.string(), member));
}

// ---- comparing ----

std::optional<double> ParseNumber(std::string_view s) {
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

enum class Equality {
  kSame,        // the same text
  kEquivalent,  // equal as numbers, or within tolerance
  kDifferent,
};

Equality CompareCells(std::string_view a, std::string_view b, const FastqcTolerance& tolerance) {
  if (a == b) return Equality::kSame;
  std::optional<double> x = ParseNumber(a);
  std::optional<double> y = ParseNumber(b);
  if (!x || !y) return Equality::kDifferent;
  if (std::isnan(*x) || std::isnan(*y)) {
    return std::isnan(*x) && std::isnan(*y) ? Equality::kEquivalent : Equality::kDifferent;
  }
  if (*x == *y) return Equality::kEquivalent;
  if (std::isinf(*x) || std::isinf(*y)) return Equality::kDifferent;
  const double diff = std::fabs(*x - *y);
  if (diff <= tolerance.absolute ||
      diff <= tolerance.relative * std::max(std::fabs(*x), std::fabs(*y))) {
    return Equality::kEquivalent;
  }
  return Equality::kDifferent;
}

Equality CompareLines(const FastqcLine& a, const FastqcLine& b, const FastqcTolerance& tolerance) {
  if (a.cells.size() != b.cells.size()) return Equality::kDifferent;
  Equality result = Equality::kSame;
  for (size_t i = 0; i < a.cells.size(); ++i) {
    Equality e = CompareCells(a.cells[i], b.cells[i], tolerance);
    if (e == Equality::kDifferent) return e;
    if (e == Equality::kEquivalent) result = e;
  }
  return result;
}

std::string JoinCells(const FastqcLine& line) { return Join(line.cells, "\t"); }

// How a line is named in ignore_rows: its first cell, with a '#' for a '#' line.
std::string LineKey(const FastqcLine& line, bool comment) {
  return (comment ? "#" : "") + line.cells.front();
}

// "base 12-13" for a first cell that starts like a number ("12-13", ">10k+") under the column
// "Base"; the cell alone otherwise ("Total Sequences", "%GC", a k-mer).
std::string RowLabel(const std::vector<std::string>& columns, const FastqcLine& row) {
  const std::string& cell = row.cells.front();
  std::string shown = Excerpt(cell, 0, kLabelBytes);
  auto digit = [&](size_t i) {
    return i < cell.size() && std::isdigit(static_cast<unsigned char>(cell[i]));
  };
  const bool numeric = digit(0) || ((cell.starts_with('>') || cell.starts_with('<')) && digit(1));
  if (!numeric || columns.empty() || columns.front().empty()) return shown;
  std::string column = columns.front();
  for (char& c : column) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return column + " " + shown;
}

std::string ModuleSummary(const FastqcModule& m) {
  return fmt::format(">>{}\t{} ({} rows)", m.name, m.verdict, m.rows.size());
}

std::string Plural(int64_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

const FastqcTolerance& ToleranceFor(const FastqcOptions& options, std::string_view module) {
  auto it = options.module_tolerance.find(module);
  return it == options.module_tolerance.end() ? options.tolerance : it->second;
}

bool IgnoredModule(const FastqcOptions& options, std::string_view name) {
  return std::find(options.ignore_modules.begin(), options.ignore_modules.end(), name) !=
         options.ignore_modules.end();
}

bool IgnoredRow(const FastqcOptions& options, std::string_view module, std::string_view key) {
  for (const auto& [m, k] : options.ignore_rows) {
    if (m == module && k == key) return true;
  }
  return false;
}

// Same verdict and the same lines as text.
bool IdenticalModules(const FastqcModule& a, const FastqcModule& b) {
  auto same = [](const std::vector<FastqcLine>& x, const std::vector<FastqcLine>& y) {
    return std::equal(x.begin(), x.end(), y.begin(), y.end(),
                      [](const FastqcLine& l, const FastqcLine& r) { return l.cells == r.cells; });
  };
  return a.verdict == b.verdict && same(a.comments, b.comments) && same(a.rows, b.rows);
}

// Lines that differ as text, paired in order; unpaired lines count too.
int64_t CountDiffering(const std::vector<const FastqcLine*>& a,
                       const std::vector<const FastqcLine*>& b) {
  const size_t common = std::min(a.size(), b.size());
  int64_t n = static_cast<int64_t>(std::max(a.size(), b.size()) - common);
  for (size_t i = 0; i < common; ++i) n += a[i]->cells != b[i]->cells ? 1 : 0;
  return n;
}

// One comparison in progress: what was found so far and the differences listed.
struct Tally {
  explicit Tally(const FastqcOptions& o) : options(o) {}

  void Record(Difference d) {
    if (first_location.empty()) first_location = d.location;
    if (differences.size() < static_cast<size_t>(options.max_differences)) {
      differences.push_back(std::move(d));
    }
  }

  // Compares one kind of line (the '#' lines, or the rows) of two modules with the same name,
  // recording the differences. Returns how many lines differ.
  int64_t CompareModuleLines(const FastqcModule& a, const FastqcModule& b, bool comments);

  const FastqcOptions& options;
  std::vector<Difference> differences;
  std::string first_location;
  bool filename_differs = false;  // the always-ignored Basic Statistics/Filename row
  int64_t ignored_differing = 0;  // lines and modules ignored by option that differ
  int64_t rows_within_tolerance = 0;
};

int64_t Tally::CompareModuleLines(const FastqcModule& a, const FastqcModule& b, bool comments) {
  // Kept lines with their 1-based index among the module's lines of that kind; ignored lines.
  struct Split {
    std::vector<std::pair<int64_t, const FastqcLine*>> kept;
    std::vector<const FastqcLine*> filename, ignored;
  };
  auto split = [&](const std::vector<FastqcLine>& lines) {
    Split s;
    for (size_t i = 0; i < lines.size(); ++i) {
      std::string key = LineKey(lines[i], comments);
      if (a.name == kBasicStatistics && key == kFilename) {
        s.filename.push_back(&lines[i]);
      } else if (IgnoredRow(options, a.name, key)) {
        s.ignored.push_back(&lines[i]);
      } else {
        s.kept.emplace_back(static_cast<int64_t>(i + 1), &lines[i]);
      }
    }
    return s;
  };
  const Split sa = split(comments ? a.comments : a.rows);
  const Split sb = split(comments ? b.comments : b.rows);
  filename_differs = filename_differs || CountDiffering(sa.filename, sb.filename) > 0;
  ignored_differing += CountDiffering(sa.ignored, sb.ignored);

  // "Module / row 12 (base 12-13)", "Module / new row 40 (...)", "Module / #Total ...".
  auto location = [&](const FastqcLine& line, int64_t index, bool new_only) {
    if (comments) {
      return fmt::format("{} / {}", a.name, Excerpt(LineKey(line, true), 0, kLabelBytes));
    }
    return fmt::format("{} / {}row {} ({})", a.name, new_only ? "new " : "", index,
                       RowLabel((new_only ? b : a).columns(), line));
  };
  const FastqcTolerance& tolerance = ToleranceFor(options, a.name);
  int64_t differing = 0;
  const size_t common = std::min(sa.kept.size(), sb.kept.size());
  for (size_t i = 0; i < common; ++i) {
    const auto& [ia, ra] = sa.kept[i];
    const auto& [ib, rb] = sb.kept[i];
    Equality e = CompareLines(*ra, *rb, tolerance);
    if (e == Equality::kEquivalent) ++rows_within_tolerance;
    if (e != Equality::kDifferent) continue;
    ++differing;
    Difference d;
    if (comments) {
      d.location = location(*ra, ia, false);
    } else {
      std::string label = RowLabel(a.columns(), *ra);
      std::string label_b = RowLabel(b.columns(), *rb);
      if (label_b != label) label += "; new " + label_b;
      d.location = ia == ib ? fmt::format("{} / row {} ({})", a.name, ia, label)
                            : fmt::format("{} / row {}, new row {} ({})", a.name, ia, ib, label);
    }
    const std::string ta = JoinCells(*ra), tb = JoinCells(*rb);
    const size_t focus = FirstDifference(ta, tb);
    d.legacy = Excerpt(ta, focus, options.excerpt_bytes);
    d.new_side = Excerpt(tb, focus, options.excerpt_bytes);
    Record(std::move(d));
  }
  for (size_t i = common; i < sa.kept.size(); ++i) {
    ++differing;
    Difference d;
    d.location = location(*sa.kept[i].second, sa.kept[i].first, false);
    d.legacy = Excerpt(JoinCells(*sa.kept[i].second), 0, options.excerpt_bytes);
    d.in_new = false;
    Record(std::move(d));
  }
  for (size_t i = common; i < sb.kept.size(); ++i) {
    ++differing;
    Difference d;
    d.location = location(*sb.kept[i].second, sb.kept[i].first, true);
    d.new_side = Excerpt(JoinCells(*sb.kept[i].second), 0, options.excerpt_bytes);
    d.in_legacy = false;
    Record(std::move(d));
  }
  return differing;
}

Comparison ErrorComparison(std::string message) {
  Comparison c;
  c.outcome = Outcome::kError;
  c.message = std::move(message);
  return c;
}

}  // namespace

Result<FastqcOptions> ParseFastqcOptions(const nlohmann::json& options) {
  CUTOVER_RETURN_IF_ERROR(CheckOptionNames(
      kKindName, options,
      {"tolerance", "modules", "ignore_modules", "ignore_rows", "max_differences"}));
  FastqcOptions out;
  if (options.is_null()) return out;
  if (auto it = options.find("tolerance"); it != options.end() && !it->is_null()) {
    CUTOVER_RETURN_IF_ERROR(ReadTolerance("tolerance", *it, &out.tolerance));
  }
  if (auto it = options.find("modules"); it != options.end() && !it->is_null()) {
    if (!it->is_object()) {
      return InvalidOption("modules", "a mapping of module name to {absolute, relative}", *it);
    }
    for (const auto& [name, value] : it->items()) {
      FastqcTolerance t = out.tolerance;
      CUTOVER_RETURN_IF_ERROR(ReadTolerance(fmt::format("modules.{}", name), value, &t));
      out.module_tolerance.emplace(name, t);
    }
  }
  CUTOVER_RETURN_IF_ERROR(
      ReadStringListOption(kKindName, options, "ignore_modules", &out.ignore_modules));
  std::vector<std::string> rows;
  CUTOVER_RETURN_IF_ERROR(ReadStringListOption(kKindName, options, "ignore_rows", &rows));
  for (const std::string& row : rows) {
    size_t slash = row.find('/');
    if (slash == std::string::npos || slash == 0 || slash + 1 == row.size()) {
      return InvalidOption("ignore_rows", "a list of \"Module name/first cell\"", row);
    }
    out.ignore_rows.emplace_back(row.substr(0, slash), row.substr(slash + 1));
  }
  CUTOVER_RETURN_IF_ERROR(
      ReadIntOption(kKindName, options, "max_differences", 0, 1000000, &out.max_differences));
  return out;
}

Result<FastqcData> ReadFastqcReport(const fs::path& path, size_t max_bytes) {
  std::error_code ec;
  fs::file_status st = fs::status(path, ec);
  if (st.type() == fs::file_type::not_found) {
    return Status::NotFound(fmt::format("{}: no such file or folder", path.string()));
  }
  if (ec) return Status::IoError(fmt::format("{}: {}", path.string(), ec.message()));
  if (fs::is_directory(st)) {
    fs::path data = path / kDataFile;
    if (!fs::exists(data, ec)) {
      return Status::NotFound(fmt::format("{}: folder without {}", path.string(), kDataFile));
    }
    return ReadPlainReport(data, max_bytes);
  }
  if (LooksLikeZip(path)) return ReadZipReport(path, max_bytes);
  return ReadPlainReport(path, max_bytes);
}

Result<std::unique_ptr<Comparator>> FastqcComparator::FromOptions(const nlohmann::json& options) {
  CUTOVER_ASSIGN_OR_RETURN(FastqcOptions parsed, ParseFastqcOptions(options));
  return std::unique_ptr<Comparator>(new FastqcComparator(std::move(parsed)));
}

Comparison FastqcComparator::Compare(const fs::path& legacy_path, const fs::path& new_path) const {
  auto a = ReadFastqcReport(legacy_path, options_.max_report_bytes);
  auto b = ReadFastqcReport(new_path, options_.max_report_bytes);
  if (!a.ok() || !b.ok()) {
    std::vector<std::string> errors;
    if (!a.ok()) errors.push_back("legacy: " + a.status().message());
    if (!b.ok()) errors.push_back("new: " + b.status().message());
    return ErrorComparison("cannot compare: " + Join(errors, "; "));
  }
  return CompareReports(*a, *b);
}

Comparison FastqcComparator::CompareReports(const FastqcData& legacy,
                                            const FastqcData& fresh) const {
  Tally tally(options_);
  int64_t modules_differing = 0, only_legacy = 0, only_new = 0, verdicts = 0, rows = 0;
  nlohmann::json per_module = nlohmann::json::object();
  std::vector<std::string> order_legacy;  // compared modules present on both sides

  for (const FastqcModule& a : legacy.modules) {
    const FastqcModule* b = fresh.Find(a.name);
    if (IgnoredModule(options_, a.name)) {
      if (b == nullptr || !IdenticalModules(a, *b)) ++tally.ignored_differing;
      continue;
    }
    if (b == nullptr) {
      ++modules_differing;
      ++only_legacy;
      Difference d;
      d.location = a.name;
      d.legacy = ModuleSummary(a);
      d.in_new = false;
      tally.Record(std::move(d));
      continue;
    }
    order_legacy.push_back(a.name);
    bool differs = false;
    if (a.verdict != b->verdict) {
      ++verdicts;
      differs = true;
      tally.Record({fmt::format("{}: verdict", a.name), a.verdict, b->verdict});
    }
    int64_t n = tally.CompareModuleLines(a, *b, /*comments=*/true) +
                tally.CompareModuleLines(a, *b, /*comments=*/false);
    if (n > 0) {
      rows += n;
      per_module[a.name] = n;
      differs = true;
    }
    if (differs) ++modules_differing;
  }
  std::vector<std::string> order_new;
  for (const FastqcModule& b : fresh.modules) {
    if (legacy.Find(b.name) != nullptr) {
      if (!IgnoredModule(options_, b.name)) order_new.push_back(b.name);
      continue;
    }
    if (IgnoredModule(options_, b.name)) {
      ++tally.ignored_differing;
      continue;
    }
    ++modules_differing;
    ++only_new;
    Difference d;
    d.location = b.name;
    d.new_side = ModuleSummary(b);
    d.in_legacy = false;
    tally.Record(std::move(d));
  }
  const bool order_differs = order_legacy != order_new;
  if (order_differs) {
    tally.Record({"module order", Join(order_legacy, ", "), Join(order_new, ", ")});
  }

  Comparison c;
  c.counts = {{"modules_legacy", legacy.modules.size()},
              {"modules_new", fresh.modules.size()},
              {"modules_differing", modules_differing},
              {"verdicts_differing", verdicts},
              {"rows_differing", rows},
              {"rows_within_tolerance", tally.rows_within_tolerance},
              {"ignored_differing", tally.ignored_differing},
              {"per_module", per_module}};
  c.differences = std::move(tally.differences);

  if (modules_differing > 0 || order_differs) {
    c.outcome = Outcome::kMismatch;
    std::vector<std::string> parts;
    if (only_legacy > 0) parts.push_back(fmt::format("{} only in legacy", only_legacy));
    if (only_new > 0) parts.push_back(fmt::format("{} only in new", only_new));
    if (verdicts > 0) parts.push_back(Plural(verdicts, "verdict", "verdicts"));
    if (rows > 0) parts.push_back(Plural(rows, "row", "rows"));
    if (modules_differing == 0) {
      c.message = "module order differs";
    } else {
      if (order_differs) parts.push_back("module order");
      c.message = fmt::format(
          "{} {} ({}), first at {}", Plural(modules_differing, "module", "modules"),
          modules_differing == 1 ? "differs" : "differ", Join(parts, ", "), tally.first_location);
    }
    return c;
  }
  if (tally.rows_within_tolerance > 0 || tally.ignored_differing > 0) {
    c.outcome = Outcome::kNoise;
    std::vector<std::string> parts;
    if (tally.rows_within_tolerance > 0) {
      parts.push_back(
          fmt::format("within tolerance ({})", Plural(tally.rows_within_tolerance, "row", "rows")));
    }
    if (tally.ignored_differing > 0) {
      parts.push_back(fmt::format("in ignored modules or rows ({})", tally.ignored_differing));
    }
    c.message = "differ only " + Join(parts, " and ");
    return c;
  }
  c.outcome = Outcome::kMatch;
  std::vector<std::string> apart;
  if (legacy.version != fresh.version) {
    apart.push_back(fmt::format("the FastQC version ({} / {})", legacy.version, fresh.version));
  }
  if (tally.filename_differs) apart.push_back("the Filename");
  c.message = apart.empty() ? "identical" : "identical apart from " + Join(apart, " and ");
  return c;
}

}  // namespace cutover
