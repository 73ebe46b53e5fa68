#include "compare/table_comparator.h"

#include <fmt/format.h>
#include <xxhash.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

#include "compare/comparator_options.h"
#include "compare/excerpt.h"
#include "util/digest.h"
#include "util/strings.h"

namespace cutover {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kKind = TableComparator::kKind;

// Streams the records of one table file.
class TableReader {
 public:
  static Result<std::unique_ptr<TableReader>> Open(const fs::path& path, Delimiter delimiter,
                                                   const LineReaderOptions& options) {
    CUTOVER_ASSIGN_OR_RETURN(std::unique_ptr<LineReader> lines, LineReader::Open(path, options));
    std::unique_ptr<TableReader> r(new TableReader(path, std::move(lines)));
    TextLine first;
    CUTOVER_ASSIGN_OR_RETURN(bool got, r->lines_->Next(&first));
    if (!got) return Status::Corruption(fmt::format("{}: empty file: no header line", path.string()));
    std::string header(first.text);
    if (!header.empty() && header.back() == '\r') header.pop_back();
    r->delimiter_ = ChooseDelimiter(path, header, delimiter);
    int64_t line = first.number;
    CUTOVER_RETURN_IF_ERROR(r->Complete(&header, line));
    if (r->fields_.empty() || (r->fields_.size() == 1 && r->fields_[0].empty())) {
      return Status::Corruption(fmt::format("{}: line 1: empty header", path.string()));
    }
    r->header_ = r->fields_;
    std::set<std::string> seen;
    for (const std::string& name : r->header_) {
      if (!seen.insert(name).second) {
        return Status::Corruption(
            fmt::format("{}: line 1: column '{}' appears twice in the header", path.string(), name));
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
      CUTOVER_ASSIGN_OR_RETURN(bool got, lines_->Next(&tl));
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
  TableReader(fs::path path, std::unique_ptr<LineReader> lines)
      : path_(std::move(path)), lines_(std::move(lines)) {}

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

// What one data row looks like on the legacy side, held for keyed matching.
struct HeldRow {
  std::string key;
  int64_t line = 0;
  std::string raw;
  bool matched = false;
  int64_t new_line = 0;
};

// The held rows of one partition, found by key through an open-addressing table of 64-bit key
// hashes (a node-based map of a million strings spends most of its time in cache misses).
class HeldRows {
 public:
  explicit HeldRows(size_t expected) {
    size_t cap = 16;
    while (cap < expected * 2) cap <<= 1;
    slots_.assign(cap, Slot{});
    rows_.reserve(expected);
  }
  size_t size() const { return rows_.size(); }
  std::vector<HeldRow>& rows() { return rows_; }

  // The row with this key, or null.
  HeldRow* Find(std::string_view key, uint64_t hash) {
    for (size_t i = hash & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
      const Slot& s = slots_[i];
      if (s.index == 0) return nullptr;
      if (s.hash == hash && rows_[s.index - 1].key == key) return &rows_[s.index - 1];
    }
  }
  // Inserts a new row; returns the existing one instead when the key is taken.
  std::pair<HeldRow*, bool> Insert(std::string key, uint64_t hash) {
    if ((rows_.size() + 1) * 2 > slots_.size()) Grow();
    for (size_t i = hash & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
      Slot& s = slots_[i];
      if (s.index == 0) {
        rows_.push_back(HeldRow{std::move(key)});
        s.hash = hash;
        s.index = rows_.size();
        return {&rows_.back(), true};
      }
      if (s.hash == hash && rows_[s.index - 1].key == key) return {&rows_[s.index - 1], false};
    }
  }

 private:
  struct Slot {
    uint64_t hash = 0;
    size_t index = 0;  // 1-based into rows_; 0 = empty
  };
  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.size() * 2, Slot{});
    for (const Slot& s : old) {
      if (s.index == 0) continue;
      size_t i = s.hash & (slots_.size() - 1);
      while (slots_[i].index != 0) i = (i + 1) & (slots_.size() - 1);
      slots_[i] = s;
    }
  }
  std::vector<Slot> slots_;
  std::vector<HeldRow> rows_;
};

struct Listed {
  int64_t line = 0;  // legacy line, or new line for rows only in new
  bool legacy = true;
  Difference difference;
};

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
  CUTOVER_RETURN_IF_ERROR(CheckOptionNames(
      kKind, options, {"delimiter", "key", "ignore_columns", "tolerance", "max_differences"}));
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
    if (t.is_number()) {
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
  return out;
}

Result<std::unique_ptr<Comparator>> TableComparator::FromOptions(const nlohmann::json& options) {
  CUTOVER_ASSIGN_OR_RETURN(TableOptions parsed, ParseTableOptions(options));
  return std::unique_ptr<Comparator>(new TableComparator(std::move(parsed)));
}

Comparison TableComparator::Compare(const fs::path& legacy_path, const fs::path& new_path) const {
  auto open_both = [&]() -> Result<std::pair<std::unique_ptr<TableReader>, std::unique_ptr<TableReader>>> {
    auto a = TableReader::Open(legacy_path, options_.delimiter, options_.reader);
    auto b = TableReader::Open(new_path, options_.delimiter, options_.reader);
    if (!a.ok() || !b.ok()) {
      std::vector<std::string> errors;
      if (!a.ok()) errors.push_back("legacy: " + a.status().message());
      if (!b.ok()) errors.push_back("new: " + b.status().message());
      return Status::Corruption(Join(errors, "; "));
    }
    return std::make_pair(std::move(a).value(), std::move(b).value());
  };
  auto opened = open_both();
  if (!opened.ok()) return ErrorComparison(opened.status().message());
  const std::vector<std::string> header_a = opened->first->header();
  const std::vector<std::string> header_b = opened->second->header();

  // Columns: by name.
  std::map<std::string, size_t> index_b;
  for (size_t i = 0; i < header_b.size(); ++i) index_b[header_b[i]] = i;
  std::map<std::string, size_t> index_a;
  for (size_t i = 0; i < header_a.size(); ++i) index_a[header_a[i]] = i;
  std::vector<std::string> only_a_cols, only_b_cols;
  for (const std::string& c : header_a) {
    if (!index_b.count(c)) only_a_cols.push_back(c);
  }
  for (const std::string& c : header_b) {
    if (!index_a.count(c)) only_b_cols.push_back(c);
  }
  for (const std::string& k : options_.key) {
    if (!index_a.count(k) || !index_b.count(k)) {
      return ErrorComparison(fmt::format(
          "key column '{}' is not in the header of {}", k,
          !index_a.count(k) ? "legacy (" + legacy_path.string() + ")"
                            : "new (" + new_path.string() + ")"));
    }
  }
  for (const auto* list : {&options_.ignore_columns}) {
    for (const std::string& c : *list) {
      if (!index_a.count(c) && !index_b.count(c)) {
        return ErrorComparison(fmt::format("ignored column '{}' is in neither header", c));
      }
    }
  }
  for (const auto& [c, t] : options_.tolerances) {
    if (!index_a.count(c) && !index_b.count(c)) {
      return ErrorComparison(fmt::format("tolerance column '{}' is in neither header", c));
    }
  }
  struct Column {
    std::string name;
    size_t a, b;
    bool ignored;
    Tolerance tolerance;
  };
  std::vector<Column> columns;
  for (size_t i = 0; i < header_a.size(); ++i) {
    auto it = index_b.find(header_a[i]);
    if (it == index_b.end()) continue;
    Column col{header_a[i], i, it->second, false, options_.default_tolerance};
    col.ignored = std::find(options_.ignore_columns.begin(), options_.ignore_columns.end(),
                            col.name) != options_.ignore_columns.end();
    if (auto t = options_.tolerances.find(col.name); t != options_.tolerances.end()) {
      col.tolerance = t->second;
    }
    columns.push_back(col);
  }

  // Counters.
  int64_t only_legacy = 0, only_new = 0, changed_rows = 0, within_tolerance = 0,
          ignored_cells = 0;
  std::map<std::string, int64_t> per_column;
  std::vector<Listed> listed;
  const size_t max_list = static_cast<size_t>(options_.max_differences);
  auto keep = [&](Listed l) {
    listed.push_back(std::move(l));
    if (listed.size() > 2 * max_list + 16) {
      std::sort(listed.begin(), listed.end(), [](const Listed& x, const Listed& y) {
        return x.line != y.line ? x.line < y.line : x.legacy > y.legacy;
      });
      listed.resize(max_list);
    }
  };
  std::vector<std::string> fields_a;
  // Compares one row pair; returns whether any compared cell differs.
  auto compare_rows = [&](const std::vector<std::string>& a, const std::vector<std::string>& b,
                          std::string location, int64_t line) {
    std::vector<std::string> differing, shown_a, shown_b;
    for (const Column& col : columns) {
      const std::string& x = a[col.a];
      const std::string& y = b[col.b];
      if (x == y) continue;
      if (col.ignored) {
        ++ignored_cells;
        continue;
      }
      double dx = 0, dy = 0;
      if (ParseNumber(x, &dx) && ParseNumber(y, &dy)) {
        double diff = std::fabs(dx - dy);
        if (diff <= col.tolerance.absolute ||
            diff <= col.tolerance.relative * std::max(std::fabs(dx), std::fabs(dy))) {
          ++within_tolerance;
          continue;
        }
      }
      ++per_column[col.name];
      differing.push_back(col.name);
      shown_a.push_back(col.name + "=" + x);
      shown_b.push_back(col.name + "=" + y);
    }
    if (differing.empty()) return;
    ++changed_rows;
    Listed l;
    l.line = line;
    l.difference.location = std::move(location);
    l.difference.legacy = Excerpt(Join(shown_a, "  "), 0, options_.excerpt_bytes);
    l.difference.new_side = Excerpt(Join(shown_b, "  "), 0, options_.excerpt_bytes);
    keep(std::move(l));
  };
  auto key_of = [&](const std::vector<std::string>& f, const std::map<std::string, size_t>& idx) {
    std::string k;
    for (size_t i = 0; i < options_.key.size(); ++i) {
      if (i) k += '\x1f';
      k += f[idx.at(options_.key[i])];
    }
    return k;
  };
  auto show_key = [](std::string k) {
    std::replace(k.begin(), k.end(), '\x1f', '|');
    return "key " + k;
  };

  int64_t rows_a = 0, rows_b = 0;
  int64_t passes = 1;
  // Whole-content digests of the data rows (in order): equal digests mean the rows are
  // identical in the same order.
  Digest128 digest_a, digest_b;
  auto digest_of = [](TableReader& r, Xxh3Stream* st) {
    st->Update(r.raw());
    st->Update("\n", 1);
  };

  if (options_.key.empty()) {
    // In order, streaming.
    TableReader& a = *opened->first;
    TableReader& b = *opened->second;
    Xxh3Stream sa, sb;
    Status failed;
    while (true) {
      auto ga = a.Next();
      if (!ga.ok()) { failed = ga.status().WithContext("legacy"); break; }
      auto gb = b.Next();
      if (!gb.ok()) { failed = gb.status().WithContext("new"); break; }
      if (!*ga && !*gb) break;
      if (*ga) digest_of(a, &sa);
      if (*gb) digest_of(b, &sb);
      if (*ga && *gb) {
        compare_rows(a.fields(), b.fields(),
                     a.line() == b.line() ? fmt::format("line {}", a.line())
                                          : fmt::format("line {} (new line {})", a.line(), b.line()),
                     a.line());
      } else if (*ga) {
        ++only_legacy;
        keep({a.line(), true, {fmt::format("line {}", a.line()), Excerpt(a.raw(), 0, options_.excerpt_bytes), "", true, false}});
      } else {
        ++only_new;
        keep({b.line(), false, {fmt::format("new line {}", b.line()), "", Excerpt(b.raw(), 0, options_.excerpt_bytes), false, true}});
      }
    }
    digest_a = sa.Digest();
    digest_b = sb.Digest();
    if (!failed.ok()) return ErrorComparison(failed.message());
    rows_a = a.rows();
    rows_b = b.rows();
  } else {
    // Keyed: one pass over both files per partition of the key hashes.
    int64_t partitions = 1;
    while (true) {
      bool overflow = false;
      only_legacy = only_new = changed_rows = within_tolerance = ignored_cells = 0;
      per_column.clear();
      listed.clear();
      Xxh3Stream sa, sb;
      Status failed;
      for (int64_t p = 0; p < partitions && failed.ok() && !overflow; ++p) {
        auto reopened = p == 0 && partitions == 1 && opened->first
                            ? Result<std::pair<std::unique_ptr<TableReader>, std::unique_ptr<TableReader>>>(
                                  std::move(*opened))
                            : open_both();
        if (!reopened.ok()) { failed = reopened.status(); break; }
        TableReader& a = *reopened->first;
        TableReader& b = *reopened->second;
        // Sized from the file (about 40 bytes a row is a low estimate for tables).
        std::error_code size_ec;
        const auto bytes = fs::file_size(legacy_path, size_ec);
        const int64_t estimate = size_ec ? 1024 : static_cast<int64_t>(bytes / 40) / partitions;
        HeldRows held(static_cast<size_t>(std::min(estimate, options_.rows_per_pass)));
        while (true) {
          auto got = a.Next();
          if (!got.ok()) { failed = got.status().WithContext("legacy"); break; }
          if (!*got) break;
          if (p == 0) digest_of(a, &sa);
          std::string k = key_of(a.fields(), index_a);
          const uint64_t h = XXH3_64bits(k.data(), k.size());
          if (static_cast<int64_t>((h >> 32) % static_cast<uint64_t>(partitions)) != p) continue;
          auto [row, inserted] = held.Insert(k, h);
          if (!inserted) {
            failed = Status::Corruption(fmt::format(
                "legacy: {}: {} on lines {} and {}: key columns must identify one row",
                legacy_path.string(), show_key(k), row->line, a.line()));
            break;
          }
          row->line = a.line();
          row->raw = a.raw();
          if (static_cast<int64_t>(held.size()) > options_.rows_per_pass) {
            overflow = true;
            break;
          }
        }
        if (!failed.ok() || overflow) break;
        rows_a = a.rows();
        while (true) {
          auto got = b.Next();
          if (!got.ok()) { failed = got.status().WithContext("new"); break; }
          if (!*got) break;
          if (p == 0) digest_of(b, &sb);
          std::string k = key_of(b.fields(), index_b);
          const uint64_t h = XXH3_64bits(k.data(), k.size());
          if (static_cast<int64_t>((h >> 32) % static_cast<uint64_t>(partitions)) != p) continue;
          HeldRow* row = held.Find(k, h);
          if (row == nullptr) {
            ++only_new;
            keep({b.line(), false, {show_key(k), "", Excerpt(b.raw(), 0, options_.excerpt_bytes), false, true}});
            continue;
          }
          if (row->matched) {
            failed = Status::Corruption(fmt::format(
                "new: {}: {} on lines {} and {}: key columns must identify one row",
                new_path.string(), show_key(k), row->new_line, b.line()));
            break;
          }
          row->matched = true;
          row->new_line = b.line();
          // The held raw record splits back into the same fields (a complete record).
          SplitRecord(row->raw, a.delimiter(), &fields_a);
          compare_rows(fields_a, b.fields(), show_key(k), row->line);
        }
        rows_b = b.rows();
        if (!failed.ok()) break;
        for (const HeldRow& row : held.rows()) {
          if (row.matched) continue;
          ++only_legacy;
          keep({row.line, true, {show_key(row.key), Excerpt(row.raw, 0, options_.excerpt_bytes), "", true, false}});
        }
      }
      digest_a = sa.Digest();
      digest_b = sb.Digest();
      if (!failed.ok()) return ErrorComparison(failed.message());
      if (!overflow) break;
      partitions *= 4;
    }
    passes = partitions;
  }

  std::sort(listed.begin(), listed.end(), [](const Listed& x, const Listed& y) {
    return x.line != y.line ? x.line < y.line : x.legacy > y.legacy;
  });
  if (listed.size() > max_list) listed.resize(max_list);

  Comparison c;
  nlohmann::json per = nlohmann::json::object();
  for (const auto& [col, n] : per_column) per[col] = n;
  c.counts = {{"rows_legacy", rows_a},
              {"rows_new", rows_b},
              {"only_legacy", only_legacy},
              {"only_new", only_new},
              {"changed_rows", changed_rows},
              {"columns_only_legacy", only_a_cols},
              {"columns_only_new", only_b_cols},
              {"within_tolerance", within_tolerance},
              {"ignored_cells", ignored_cells},
              {"per_column", per},
              {"passes", passes}};
  for (Listed& l : listed) c.differences.push_back(std::move(l.difference));
  if (!only_a_cols.empty() || !only_b_cols.empty()) {
    Difference d;
    d.location = "header";
    d.legacy = Excerpt(Join(header_a, "  "), 0, options_.excerpt_bytes);
    d.new_side = Excerpt(Join(header_b, "  "), 0, options_.excerpt_bytes);
    c.differences.insert(c.differences.begin(), std::move(d));
  }
  std::vector<std::string> parts;
  if (!only_a_cols.empty()) parts.push_back("columns only in legacy: " + Join(only_a_cols, ", "));
  if (!only_b_cols.empty()) parts.push_back("columns only in new: " + Join(only_b_cols, ", "));
  if (changed_rows > 0) {
    std::vector<std::string> cols;
    for (const auto& [col, n] : per_column) cols.push_back(fmt::format("{} {}", col, n));
    parts.push_back(fmt::format("{} changed row{} ({})", changed_rows, changed_rows == 1 ? "" : "s",
                                Join(cols, ", ")));
  }
  if (only_legacy > 0) parts.push_back(fmt::format("{} only in legacy", only_legacy));
  if (only_new > 0) parts.push_back(fmt::format("{} only in new", only_new));
  if (!parts.empty()) {
    c.outcome = Outcome::kMismatch;
    c.message = Join(parts, "; ");
    if (!c.differences.empty()) c.message += ", first at " + c.differences.front().location;
    return c;
  }
  if (digest_a == digest_b && header_a == header_b) {
    c.outcome = Outcome::kMatch;
    c.message = "identical";
    return c;
  }
  c.outcome = Outcome::kNoise;
  std::vector<std::string> why;
  if (within_tolerance > 0) why.push_back(fmt::format("values within tolerance ({})", within_tolerance));
  if (ignored_cells > 0) why.push_back(fmt::format("ignored columns ({} cells)", ignored_cells));
  if (header_a != header_b) why.push_back("column order");
  if (why.empty()) why.push_back(options_.key.empty() ? "formatting" : "row order or formatting");
  c.message = "differ only in " + Join(why, " and ");
  return c;
}

}  // namespace cutover
