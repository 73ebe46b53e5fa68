#include "compare/table_comparator.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

#include "compare/comparator_options.h"
#include "compare/difference_list.h"
#include "compare/excerpt.h"
#include "compare/partitioned_matcher.h"
#include "util/digest.h"
#include "util/strings.h"

namespace cutover {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kKind = TableComparator::kKind;

// Streams the records of one table file.
class TableReader {
 public:
  static Result<std::unique_ptr<TableReader>> Open(const fs::path& path,
                                                   const TableOptions& options) {
    CUTOVER_ASSIGN_OR_RETURN(std::unique_ptr<LineReader> lines,
                             LineReader::Open(path, options.reader));
    std::unique_ptr<TableReader> r(new TableReader(path, std::move(lines), options.comment));
    TextLine first;
    // The lines before the header that `skip_lines` names are not read as anything.
    for (int64_t i = 0; i < options.skip_lines; ++i) {
      CUTOVER_ASSIGN_OR_RETURN(bool got, r->lines_->Next(&first));
      if (!got) {
        return Status::Corruption(fmt::format("{}: {} lines, fewer than skip_lines ({}): no header",
                                              path.string(), i, options.skip_lines));
      }
    }
    CUTOVER_ASSIGN_OR_RETURN(bool got, r->NextLine(&first));
    if (!got) {
      return Status::Corruption(
          options.skip_lines > 0
              ? fmt::format("{}: no header line after the {} lines of skip_lines", path.string(),
                            options.skip_lines)
              : fmt::format("{}: empty file: no header line", path.string()));
    }
    std::string header(first.text);
    if (!header.empty() && header.back() == '\r') header.pop_back();
    r->delimiter_ = ChooseDelimiter(path, header, options.delimiter);
    int64_t line = first.number;
    CUTOVER_RETURN_IF_ERROR(r->Complete(&header, line));
    if (r->fields_.empty() || (r->fields_.size() == 1 && r->fields_[0].empty())) {
      return Status::Corruption(fmt::format("{}: line {}: empty header", path.string(), line));
    }
    r->header_ = r->fields_;
    std::set<std::string> seen;
    for (const std::string& name : r->header_) {
      if (!seen.insert(name).second) {
        return Status::Corruption(fmt::format("{}: line {}: column '{}' appears twice in the header",
                                              path.string(), line, name));
      }
    }
    return r;
  }

  const std::vector<std::string>& header() const { return header_; }
  const fs::path& path() const { return path_; }
  char delimiter() const { return delimiter_; }

  // The next data record; false at the end. fields() and line() describe it.
  Result<bool> Next() {
    while (true) {
      TextLine tl;
      CUTOVER_ASSIGN_OR_RETURN(bool got, NextLine(&tl));
      if (!got) return false;
      std::string text(tl.text);
      if (!text.empty() && text.back() == '\r') text.pop_back();
      if (text.empty()) continue;  // blank lines are not records
      line_ = tl.number;
      CUTOVER_RETURN_IF_ERROR(Complete(&text, line_));
      if (fields_.size() != header_.size()) {
        return Status::Corruption(fmt::format("{}: line {}: {} fields, the header has {}",
                                              path_.string(), line_, fields_.size(),
                                              header_.size()));
      }
      raw_ = std::move(text);
      ++rows_;
      return true;
    }
  }
  const std::vector<std::string>& fields() const { return fields_; }
  int64_t line() const { return line_; }
  const std::string& raw() const { return raw_; }
  int64_t rows() const { return rows_; }

 private:
  TableReader(fs::path path, std::unique_ptr<LineReader> lines, std::string comment)
      : path_(std::move(path)), lines_(std::move(lines)), comment_(std::move(comment)) {}

  // The next line that is not a comment (one that starts with `comment`, when set).
  Result<bool> NextLine(TextLine* tl) {
    while (true) {
      CUTOVER_ASSIGN_OR_RETURN(bool got, lines_->Next(tl));
      if (!got) return false;
      if (comment_.empty() || !tl->text.starts_with(comment_)) return true;
    }
  }

  static char ChooseDelimiter(const fs::path& path, const std::string& header, Delimiter d) {
    if (d == Delimiter::kTab) return '\t';
    if (d == Delimiter::kComma) return ',';
    std::string name = path.filename().string();
    if (name.size() > 3 && name.ends_with(".gz")) name.resize(name.size() - 3);
    if (name.ends_with(".csv")) return ',';
    if (name.ends_with(".tsv") || name.ends_with(".tab")) return '\t';
    return header.find('\t') != std::string::npos ? '\t' : ',';
  }

  // Splits *text into fields_, appending following lines while a quoted field is open.
  Status Complete(std::string* text, int64_t start_line) {
    while (!SplitRecord(*text, delimiter_, &fields_)) {
      TextLine more;
      CUTOVER_ASSIGN_OR_RETURN(bool got, lines_->Next(&more));
      if (!got) {
        return Status::Corruption(fmt::format("{}: line {}: unterminated quoted field",
                                              path_.string(), start_line));
      }
      *text += '\n';
      text->append(more.text);
      if (!text->empty() && text->back() == '\r') text->pop_back();
    }
    return Status::Ok();
  }

  const fs::path path_;
  std::unique_ptr<LineReader> lines_;
  const std::string comment_;
  char delimiter_ = '\t';
  std::vector<std::string> header_;
  std::vector<std::string> fields_;
  std::string raw_;
  int64_t line_ = 0;
  int64_t rows_ = 0;
};

bool ParseNumber(const std::string& s, double* out) {
  if (s.empty()) return false;
  const char* b = s.data();
  const char* e = b + s.size();
  if (*b == '+') ++b;
  auto [end, ec] = std::from_chars(b, e, *out);
  return ec == std::errc() && end == e && std::isfinite(*out);
}

Status ReadTolerance(const nlohmann::json& v, const std::string& where, Tolerance* out) {
  auto bad = [&] {
    return Status::InvalidArgument(fmt::format(
        "comparator 'table': option 'tolerance'{}: expected {{absolute: X, relative: Y}} with "
        "X, Y >= 0, got {}",
        where, v.dump()));
  };
  if (v.is_number()) {
    if (v.get<double>() < 0) return bad();
    out->absolute = v.get<double>();
    return Status::Ok();
  }
  if (!v.is_object()) return bad();
  for (const auto& [k, x] : v.items()) {
    if ((k != "absolute" && k != "relative") || !x.is_number() || x.get<double>() < 0) return bad();
    (k == "absolute" ? out->absolute : out->relative) = x.get<double>();
  }
  return Status::Ok();
}

// A legacy data row held by key in a pass of the keyed comparison.
struct HeldRow {
  std::string key;
  int64_t line = 0;
  std::string raw;
  bool matched = false;
  int64_t new_line = 0;
};

using ReaderPair = std::pair<std::unique_ptr<TableReader>, std::unique_ptr<TableReader>>;

// Opens both files; kCorruption naming every side that cannot be opened.
Result<ReaderPair> OpenBoth(const fs::path& legacy_path, const fs::path& new_path,
                            const TableOptions& options) {
  auto a = TableReader::Open(legacy_path, options);
  auto b = TableReader::Open(new_path, options);
  if (!a.ok() || !b.ok()) {
    std::vector<std::string> errors;
    if (!a.ok()) errors.push_back("legacy: " + a.status().message());
    if (!b.ok()) errors.push_back("new: " + b.status().message());
    return Status::Corruption(Join(errors, "; "));
  }
  return std::make_pair(std::move(a).value(), std::move(b).value());
}

// One column present in both headers, compared.
struct Column {
  std::string name;
  size_t a = 0, b = 0;  // its index in the legacy and the new header
  bool ignored = false;
  Tolerance tolerance;
};

// How the two headers line up.
struct ColumnPlan {
  std::vector<std::string> header_a, header_b;
  std::map<std::string, size_t> index_a, index_b;  // column -> index
  std::vector<std::string> only_a, only_b;         // columns on one side only
  std::vector<Column> columns;                     // in legacy order
};

// Lines the headers up. kInvalidArgument when a key column is missing on either side, or an
// ignored or tolerance column is in neither header.
Result<ColumnPlan> PlanColumns(const TableOptions& options, std::vector<std::string> header_a,
                               std::vector<std::string> header_b, const fs::path& legacy_path,
                               const fs::path& new_path) {
  ColumnPlan plan;
  plan.header_a = std::move(header_a);
  plan.header_b = std::move(header_b);
  for (size_t i = 0; i < plan.header_b.size(); ++i) plan.index_b[plan.header_b[i]] = i;
  for (size_t i = 0; i < plan.header_a.size(); ++i) plan.index_a[plan.header_a[i]] = i;
  for (const std::string& c : plan.header_a) {
    if (!plan.index_b.count(c)) plan.only_a.push_back(c);
  }
  for (const std::string& c : plan.header_b) {
    if (!plan.index_a.count(c)) plan.only_b.push_back(c);
  }
  for (const std::string& k : options.key) {
    if (!plan.index_a.count(k) || !plan.index_b.count(k)) {
      return Status::InvalidArgument(fmt::format(
          "key column '{}' is not in the header of {}", k,
          !plan.index_a.count(k) ? "legacy (" + legacy_path.string() + ")"
                                 : "new (" + new_path.string() + ")"));
    }
  }
  for (const std::string& c : options.ignore_columns) {
    if (!plan.index_a.count(c) && !plan.index_b.count(c)) {
      return Status::InvalidArgument(fmt::format("ignored column '{}' is in neither header", c));
    }
  }
  for (const auto& [c, t] : options.tolerances) {
    if (!plan.index_a.count(c) && !plan.index_b.count(c)) {
      return Status::InvalidArgument(fmt::format("tolerance column '{}' is in neither header", c));
    }
  }
  for (size_t i = 0; i < plan.header_a.size(); ++i) {
    auto it = plan.index_b.find(plan.header_a[i]);
    if (it == plan.index_b.end()) continue;
    Column col{plan.header_a[i], i, it->second, false, options.default_tolerance};
    col.ignored = std::find(options.ignore_columns.begin(), options.ignore_columns.end(),
                            col.name) != options.ignore_columns.end();
    if (auto t = options.tolerances.find(col.name); t != options.tolerances.end()) {
      col.tolerance = t->second;
    }
    plan.columns.push_back(col);
  }
  return plan;
}

// What comparing the data rows found (all of it void when the keyed partitions grow).
struct TableTally {
  explicit TableTally(size_t max_list) : listed(max_list) {}
  int64_t rows_a = 0, rows_b = 0;
  int64_t only_legacy = 0, only_new = 0, changed_rows = 0, within_tolerance = 0,
          ignored_cells = 0;
  std::map<std::string, int64_t> per_column;  // differing values per column
  // By legacy line (the new line for rows only in new), the legacy side first.
  DifferenceList<Difference> listed;
  // The data rows as read, in order: equal digests mean identical rows in the same order.
  Xxh3Stream digest_a, digest_b;
  int64_t passes = 1;

  static DifferenceRank Rank(int64_t line, bool legacy) { return {line, legacy ? 0 : 1}; }
};

void DigestRow(const TableReader& r, Xxh3Stream* digest) {
  digest->Update(r.raw());
  digest->Update("\n", 1);
}

// Compares one row pair cell by cell into *t; lists the pair when a compared cell differs.
// `line` ranks it (the legacy line).
void CompareRows(const ColumnPlan& plan, const TableOptions& options,
                 const std::vector<std::string>& a, const std::vector<std::string>& b,
                 std::string location, int64_t line, TableTally* t) {
  std::vector<std::string> shown_a, shown_b;
  for (const Column& col : plan.columns) {
    const std::string& x = a[col.a];
    const std::string& y = b[col.b];
    if (x == y) continue;
    if (col.ignored) {
      ++t->ignored_cells;
      continue;
    }
    double dx = 0, dy = 0;
    if (ParseNumber(x, &dx) && ParseNumber(y, &dy)) {
      double diff = std::fabs(dx - dy);
      if (diff <= col.tolerance.absolute ||
          diff <= col.tolerance.relative * std::max(std::fabs(dx), std::fabs(dy))) {
        ++t->within_tolerance;
        continue;
      }
    }
    ++t->per_column[col.name];
    shown_a.push_back(col.name + "=" + x);
    shown_b.push_back(col.name + "=" + y);
  }
  if (shown_a.empty()) return;
  ++t->changed_rows;
  const DifferenceRank rank = TableTally::Rank(line, true);
  if (!t->listed.WouldKeep(rank)) return;
  Difference d;
  d.location = std::move(location);
  d.legacy = Excerpt(Join(shown_a, "  "), 0, options.excerpt_bytes);
  d.new_side = Excerpt(Join(shown_b, "  "), 0, options.excerpt_bytes);
  t->listed.Offer(rank, std::move(d));
}

// Lists a row found on one side only.
void ListOneSided(const TableOptions& options, std::string location, int64_t line, bool legacy,
                  const std::string& raw, TableTally* t) {
  const DifferenceRank rank = TableTally::Rank(line, legacy);
  if (!t->listed.WouldKeep(rank)) return;
  Difference d;
  d.location = std::move(location);
  (legacy ? d.legacy : d.new_side) = Excerpt(raw, 0, options.excerpt_bytes);
  (legacy ? d.in_new : d.in_legacy) = false;
  t->listed.Offer(rank, std::move(d));
}

// Without key: row N against row N, streaming both files once.
Result<TableTally> CompareInOrder(const TableOptions& options, const ColumnPlan& plan,
                                  TableReader& a, TableReader& b) {
  TableTally t(static_cast<size_t>(options.max_differences));
  while (true) {
    auto ga = a.Next();
    if (!ga.ok()) return ga.status().WithContext("legacy");
    auto gb = b.Next();
    if (!gb.ok()) return gb.status().WithContext("new");
    if (!*ga && !*gb) break;
    if (*ga) DigestRow(a, &t.digest_a);
    if (*gb) DigestRow(b, &t.digest_b);
    if (*ga && *gb) {
      CompareRows(plan, options, a.fields(), b.fields(),
                  a.line() == b.line() ? fmt::format("line {}", a.line())
                                       : fmt::format("line {} (new line {})", a.line(), b.line()),
                  a.line(), &t);
    } else if (*ga) {
      ++t.only_legacy;
      ListOneSided(options, fmt::format("line {}", a.line()), a.line(), true, a.raw(), &t);
    } else {
      ++t.only_new;
      ListOneSided(options, fmt::format("new line {}", b.line()), b.line(), false, b.raw(), &t);
    }
  }
  t.rows_a = a.rows();
  t.rows_b = b.rows();
  return t;
}

// The key columns' values of a row, joined by \x1f.
std::string KeyOf(const TableOptions& options, const std::vector<std::string>& fields,
                  const std::map<std::string, size_t>& index) {
  std::string k;
  for (size_t i = 0; i < options.key.size(); ++i) {
    if (i) k += '\x1f';
    k += fields[index.at(options.key[i])];
  }
  return k;
}

std::string ShowKey(std::string k) {
  std::replace(k.begin(), k.end(), '\x1f', '|');
  return "key " + k;
}

// One pass of the keyed comparison: holds the legacy rows of the pass's partition by key, then
// pairs the new rows of the partition with them. The first pass also digests every row.
// A duplicate key on either side is kCorruption naming the file and both lines.
Status MatchRowsOnePass(const TableOptions& options, const ColumnPlan& plan,
                        const fs::path& legacy_path, const fs::path& new_path, TableReader& a,
                        TableReader& b, MatchPass<HeldRow>& pass, TableTally* t) {
  const bool first_pass = pass.partition() == 0;
  while (true) {
    auto got = a.Next();
    if (!got.ok()) return got.status().WithContext("legacy");
    if (!*got) break;
    if (first_pass) DigestRow(a, &t->digest_a);
    std::string k = KeyOf(options, a.fields(), plan.index_a);
    const KeyHash h = KeyHash::From64(StableHash64(k));
    if (!pass.Owns(h)) continue;
    auto [row, inserted] = pass.Hold(h, [&](const HeldRow& r) { return r.key == k; });
    if (!inserted) {
      return Status::Corruption(fmt::format(
          "legacy: {}: {} on lines {} and {}: key columns must identify one row",
          legacy_path.string(), ShowKey(k), row->line, a.line()));
    }
    row->key = std::move(k);
    row->line = a.line();
    row->raw = a.raw();
    if (pass.overflowed()) return Status::Ok();
  }
  t->rows_a = a.rows();
  std::vector<std::string> fields_a;
  while (true) {
    auto got = b.Next();
    if (!got.ok()) return got.status().WithContext("new");
    if (!*got) break;
    if (first_pass) DigestRow(b, &t->digest_b);
    std::string k = KeyOf(options, b.fields(), plan.index_b);
    const KeyHash h = KeyHash::From64(StableHash64(k));
    if (!pass.Owns(h)) continue;
    HeldRow* row = pass.Find(h, [&](const HeldRow& r) { return r.key == k; });
    if (row == nullptr) {
      ++t->only_new;
      ListOneSided(options, ShowKey(k), b.line(), false, b.raw(), t);
      continue;
    }
    if (row->matched) {
      return Status::Corruption(fmt::format(
          "new: {}: {} on lines {} and {}: key columns must identify one row", new_path.string(),
          ShowKey(k), row->new_line, b.line()));
    }
    row->matched = true;
    row->new_line = b.line();
    // The held raw record splits back into the same fields (a complete record).
    SplitRecord(row->raw, a.delimiter(), &fields_a);
    CompareRows(plan, options, fields_a, b.fields(), ShowKey(k), row->line, t);
  }
  t->rows_b = b.rows();
  for (const HeldRow& row : pass.held()) {
    if (row.matched) continue;
    ++t->only_legacy;
    ListOneSided(options, ShowKey(row.key), row.line, true, row.raw, t);
  }
  return Status::Ok();
}

// With key: rows paired by their key columns in passes over partitions of the key hashes, at
// most rows_per_pass legacy rows held per pass. `opened` serves the first pass; later passes
// open the files again.
Result<TableTally> CompareByKey(const TableOptions& options, const ColumnPlan& plan,
                                const fs::path& legacy_path, const fs::path& new_path,
                                ReaderPair opened) {
  const size_t max_list = static_cast<size_t>(options.max_differences);
  TableTally t(max_list);
  PartitionOptions partitioning;
  partitioning.max_held = options.rows_per_pass;
  // Sized from the file (about 40 bytes a row is a low estimate for tables).
  std::error_code size_ec;
  const auto bytes = fs::file_size(legacy_path, size_ec);
  partitioning.expected_entries = size_ec ? 1024 : static_cast<int64_t>(bytes / 40);
  PartitionedMatcher<HeldRow> matcher(partitioning);
  CUTOVER_RETURN_IF_ERROR(matcher.Run(
      [&](int64_t) { t = TableTally(max_list); },
      [&](MatchPass<HeldRow>& pass) -> Status {
        ReaderPair readers;
        if (pass.partition() == 0 && pass.partitions() == 1 && opened.first) {
          readers = std::move(opened);
        } else {
          CUTOVER_ASSIGN_OR_RETURN(readers, OpenBoth(legacy_path, new_path, options));
        }
        return MatchRowsOnePass(options, plan, legacy_path, new_path, *readers.first,
                                *readers.second, pass, &t);
      }));
  t.passes = matcher.passes();
  return t;
}

// The comparison's outcome, message, counts and differences from what the rows gave.
Comparison Summarize(const TableOptions& options, const ColumnPlan& plan, TableTally& t) {
  const std::vector<std::string>& header_a = plan.header_a;
  const std::vector<std::string>& header_b = plan.header_b;
  Comparison c;
  nlohmann::json per = nlohmann::json::object();
  for (const auto& [col, n] : t.per_column) per[col] = n;
  c.counts = {{"rows_legacy", t.rows_a},
              {"rows_new", t.rows_b},
              {"only_legacy", t.only_legacy},
              {"only_new", t.only_new},
              {"changed_rows", t.changed_rows},
              {"columns_only_legacy", plan.only_a},
              {"columns_only_new", plan.only_b},
              {"within_tolerance", t.within_tolerance},
              {"ignored_cells", t.ignored_cells},
              {"per_column", per},
              {"passes", t.passes}};
  c.differences = t.listed.Take();
  if (!plan.only_a.empty() || !plan.only_b.empty()) {
    Difference d;
    d.location = "header";
    d.legacy = Excerpt(Join(header_a, "  "), 0, options.excerpt_bytes);
    d.new_side = Excerpt(Join(header_b, "  "), 0, options.excerpt_bytes);
    c.differences.insert(c.differences.begin(), std::move(d));
  }
  std::vector<std::string> parts;
  if (!plan.only_a.empty()) parts.push_back("columns only in legacy: " + Join(plan.only_a, ", "));
  if (!plan.only_b.empty()) parts.push_back("columns only in new: " + Join(plan.only_b, ", "));
  if (t.changed_rows > 0) {
    std::vector<std::string> cols;
    for (const auto& [col, n] : t.per_column) cols.push_back(fmt::format("{} {}", col, n));
    parts.push_back(fmt::format("{} changed row{} ({})", t.changed_rows,
                                t.changed_rows == 1 ? "" : "s", Join(cols, ", ")));
  }
  if (t.only_legacy > 0) parts.push_back(fmt::format("{} only in legacy", t.only_legacy));
  if (t.only_new > 0) parts.push_back(fmt::format("{} only in new", t.only_new));
  if (!parts.empty()) {
    c.outcome = Outcome::kMismatch;
    c.message = Join(parts, "; ");
    if (!c.differences.empty()) c.message += ", first at " + c.differences.front().location;
    return c;
  }
  if (t.digest_a.Digest() == t.digest_b.Digest() && header_a == header_b) {
    c.outcome = Outcome::kMatch;
    c.message = "identical";
    return c;
  }
  c.outcome = Outcome::kNoise;
  std::vector<std::string> why;
  if (t.within_tolerance > 0) {
    why.push_back(fmt::format("values within tolerance ({})", t.within_tolerance));
  }
  if (t.ignored_cells > 0) why.push_back(fmt::format("ignored columns ({} cells)", t.ignored_cells));
  if (header_a != header_b) why.push_back("column order");
  if (why.empty()) why.push_back(options.key.empty() ? "formatting" : "row order or formatting");
  c.message = "differ only in " + Join(why, " and ");
  return c;
}

Comparison ErrorComparison(std::string message) {
  Comparison c;
  c.outcome = Outcome::kError;
  c.message = std::move(message);
  return c;
}

}  // namespace

bool SplitRecord(std::string_view line, char delimiter, std::vector<std::string>* fields) {
  fields->clear();
  if (delimiter == '\t') {
    size_t start = 0;
    while (true) {
      size_t tab = line.find('\t', start);
      fields->emplace_back(line.substr(start, tab == std::string_view::npos ? tab : tab - start));
      if (tab == std::string_view::npos) return true;
      start = tab + 1;
    }
  }
  std::string field;
  size_t i = 0;
  while (true) {
    field.clear();
    if (i < line.size() && line[i] == '"') {
      ++i;
      bool closed = false;
      while (i < line.size()) {
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          closed = true;
          break;
        }
        field += line[i++];
      }
      if (!closed) return false;
      // Text between the closing quote and the delimiter is kept (lenient, like most readers).
      while (i < line.size() && line[i] != delimiter) field += line[i++];
    } else {
      while (i < line.size() && line[i] != delimiter) field += line[i++];
    }
    fields->push_back(field);
    if (i >= line.size()) return true;
    ++i;  // the delimiter
  }
}

Result<TableOptions> ParseTableOptions(const nlohmann::json& options) {
  CUTOVER_RETURN_IF_ERROR(CheckOptionNames(kKind, options,
                                           {"delimiter", "key", "ignore_columns", "tolerance",
                                            "max_differences", "comment", "skip_lines"}));
  TableOptions out;
  std::string delimiter = "auto";
  CUTOVER_RETURN_IF_ERROR(
      ReadChoiceOption(kKind, options, "delimiter", {"auto", "tab", "comma"}, &delimiter));
  out.delimiter = delimiter == "tab"     ? Delimiter::kTab
                  : delimiter == "comma" ? Delimiter::kComma
                                         : Delimiter::kAuto;
  CUTOVER_RETURN_IF_ERROR(ReadStringListOption(kKind, options, "key", &out.key));
  CUTOVER_RETURN_IF_ERROR(ReadStringListOption(kKind, options, "ignore_columns", &out.ignore_columns));
  for (const std::string& k : out.key) {
    if (std::find(out.ignore_columns.begin(), out.ignore_columns.end(), k) !=
        out.ignore_columns.end()) {
      return Status::InvalidArgument(fmt::format(
          "comparator 'table': column '{}' cannot be both a key and ignored", k));
    }
  }
  if (options.is_object() && options.contains("tolerance") && !options["tolerance"].is_null()) {
    const nlohmann::json& t = options["tolerance"];
    // {absolute: X, relative: Y} (either or both) is the default of every numeric column, as
    // for `json`; any other mapping names columns (each a number or such a mapping).
    bool is_default = t.is_object() && !t.empty();
    if (t.is_object()) {
      for (const auto& [k, v] : t.items()) {
        if ((k != "absolute" && k != "relative") || v.is_object()) is_default = false;
      }
    }
    if (t.is_number() || is_default) {
      CUTOVER_RETURN_IF_ERROR(ReadTolerance(t, "", &out.default_tolerance));
    } else if (t.is_object()) {
      for (const auto& [col, v] : t.items()) {
        if (col == "default") {
          CUTOVER_RETURN_IF_ERROR(ReadTolerance(v, " default", &out.default_tolerance));
        } else {
          Tolerance tol;
          CUTOVER_RETURN_IF_ERROR(ReadTolerance(v, " for column '" + col + "'", &tol));
          out.tolerances[col] = tol;
        }
      }
    } else {
      return Status::InvalidArgument(fmt::format(
          "comparator 'table': option 'tolerance' must be a number or a mapping of column to "
          "{{absolute, relative}}, got {}",
          t.dump()));
    }
  }
  CUTOVER_RETURN_IF_ERROR(
      ReadIntOption(kKind, options, "max_differences", 0, 1000000, &out.max_differences));
  CUTOVER_RETURN_IF_ERROR(ReadIntOption(kKind, options, "skip_lines", 0, 1000000, &out.skip_lines));
  if (options.is_object() && options.contains("comment") && !options["comment"].is_null()) {
    const nlohmann::json& c = options["comment"];
    if (!c.is_string() || c.get<std::string>().empty()) {
      return Status::InvalidArgument(fmt::format(
          "comparator 'table': option 'comment' must be a non-empty string (the prefix of a "
          "comment line, e.g. \"#\"), got {}",
          c.dump()));
    }
    out.comment = c.get<std::string>();
  }
  return out;
}

Result<std::unique_ptr<Comparator>> TableComparator::FromOptions(const nlohmann::json& options) {
  CUTOVER_ASSIGN_OR_RETURN(TableOptions parsed, ParseTableOptions(options));
  return std::unique_ptr<Comparator>(new TableComparator(std::move(parsed)));
}

Comparison TableComparator::Compare(const fs::path& legacy_path, const fs::path& new_path) const {
  auto opened = OpenBoth(legacy_path, new_path, options_);
  if (!opened.ok()) return ErrorComparison(opened.status().message());
  auto plan = PlanColumns(options_, opened->first->header(), opened->second->header(),
                          legacy_path, new_path);
  if (!plan.ok()) return ErrorComparison(plan.status().message());
  Result<TableTally> tally =
      options_.key.empty()
          ? CompareInOrder(options_, *plan, *opened->first, *opened->second)
          : CompareByKey(options_, *plan, legacy_path, new_path, std::move(opened).value());
  if (!tally.ok()) return ErrorComparison(tally.status().message());
  return Summarize(options_, *plan, *tally);
}

}  // namespace cutover
