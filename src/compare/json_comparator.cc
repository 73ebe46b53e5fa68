#include "compare/json_comparator.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "compare/comparator_options.h"
#include "compare/excerpt.h"
#include "compare/line_reader.h"
#include "util/strings.h"

namespace cutover {
namespace fs = std::filesystem;
namespace {

std::vector<std::string> SplitPointer(const std::string& pointer) {
  std::vector<std::string> parts;
  if (pointer.empty() || pointer == "/") return parts;
  size_t start = pointer[0] == '/' ? 1 : 0;
  while (true) {
    size_t slash = pointer.find('/', start);
    std::string part = pointer.substr(start, slash == std::string::npos ? slash : slash - start);
    std::string unescaped;
    for (size_t i = 0; i < part.size(); ++i) {
      if (part[i] == '~' && i + 1 < part.size() && (part[i + 1] == '0' || part[i + 1] == '1')) {
        unescaped += part[i + 1] == '0' ? '~' : '/';
        ++i;
      } else {
        unescaped += part[i];
      }
    }
    parts.push_back(unescaped);
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return parts;
}

std::string EscapeSegment(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

std::string PointerOf(const std::vector<std::string>& path) {
  if (path.empty()) return "/";
  std::string out;
  for (const std::string& p : path) out += "/" + EscapeSegment(p);
  return out;
}

// Reads a whole (possibly gzip) file as text, or an error naming it.
Result<std::string> ReadDocument(const fs::path& path) {
  CUTOVER_ASSIGN_OR_RETURN(std::unique_ptr<LineReader> reader, LineReader::Open(path));
  std::string text;
  TextLine line;
  while (true) {
    CUTOVER_ASSIGN_OR_RETURN(bool got, reader->Next(&line));
    if (!got) break;
    text.append(line.text);
    if (line.terminated) text += '\n';
  }
  return text;
}

Result<nlohmann::json> ParseDocument(const fs::path& path) {
  CUTOVER_ASSIGN_OR_RETURN(std::string text, ReadDocument(path));
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    // e.byte: 1-based index of the byte where parsing stopped.
    size_t at = e.byte == 0 ? 0 : std::min<size_t>(e.byte - 1, text.size());
    int64_t line = 1, column = 1;
    for (size_t i = 0; i < at; ++i) {
      if (text[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    std::string what = e.what();
    size_t colon = what.rfind(": ");
    if (colon != std::string::npos) what = what.substr(colon + 2);
    return Status::Corruption(fmt::format("{}: line {}, column {}: invalid JSON: {}",
                                          path.string(), line, column, what));
  }
}

struct Walk {
  const JsonOptions& options;
  const std::vector<std::vector<std::string>>& ignore;
  int64_t differing = 0, only_legacy = 0, only_new = 0, type_changes = 0;
  int64_t ignored = 0, within_tolerance = 0;
  std::vector<Difference> differences;

  bool Ignored(const std::vector<std::string>& path) const {
    for (const auto& pattern : ignore) {
      if (pattern.size() > path.size()) continue;
      bool ok = true;
      for (size_t i = 0; i < pattern.size() && ok; ++i) {
        ok = pattern[i] == "*" || pattern[i] == path[i];
      }
      if (ok) return true;
    }
    return false;
  }

  std::string Show(const nlohmann::json& v) const {
    return Excerpt(v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), 0,
                   options.excerpt_bytes);
  }

  void Record(const std::vector<std::string>& path, const nlohmann::json* a,
              const nlohmann::json* b) {
    if (differences.size() >= static_cast<size_t>(options.max_differences)) return;
    Difference d;
    d.location = PointerOf(path);
    if (a) d.legacy = Show(*a); else d.in_legacy = false;
    if (b) d.new_side = Show(*b); else d.in_new = false;
    differences.push_back(std::move(d));
  }

  bool NumbersClose(double a, double b) const {
    double diff = std::fabs(a - b);
    return diff <= options.absolute ||
           diff <= options.relative * std::max(std::fabs(a), std::fabs(b));
  }

  // Whether a and b are equal under the options, without recording anything (for array_order
  // any). Ignored paths inside are ignored.
  bool Equivalent(const nlohmann::json& a, const nlohmann::json& b,
                  std::vector<std::string>& path) const {
    if (Ignored(path)) return true;
    if (a.is_number() && b.is_number()) {
      return a == b || NumbersClose(a.get<double>(), b.get<double>());
    }
    if (a.type() != b.type()) return false;
    if (a.is_object()) {
      // Keys present on one side only are fine only when ignored.
      for (const auto& [k, v] : a.items()) {
        path.push_back(k);
        bool ok = b.contains(k) ? Equivalent(v, b.at(k), path) : Ignored(path);
        path.pop_back();
        if (!ok) return false;
      }
      for (const auto& [k, v] : b.items()) {
        if (a.contains(k)) continue;
        path.push_back(k);
        bool ok = Ignored(path);
        path.pop_back();
        if (!ok) return false;
      }
      return true;
    }
    if (a.is_array()) {
      if (a.size() != b.size()) return false;
      for (size_t i = 0; i < a.size(); ++i) {
        path.push_back(std::to_string(i));
        bool ok = Equivalent(a[i], b[i], path);
        path.pop_back();
        if (!ok) return false;
      }
      return true;
    }
    return a == b;
  }

  void Diff(const nlohmann::json& a, const nlohmann::json& b, std::vector<std::string>& path) {
    if (Ignored(path)) {
      if (a != b) ++ignored;
      return;
    }
    if (a.is_number() && b.is_number()) {
      if (a == b) return;
      if (NumbersClose(a.get<double>(), b.get<double>())) {
        ++within_tolerance;
        return;
      }
      ++differing;
      Record(path, &a, &b);
      return;
    }
    if (a.type() != b.type()) {
      ++differing;
      ++type_changes;
      Record(path, &a, &b);
      return;
    }
    if (a.is_object()) {
      for (const auto& [k, v] : a.items()) {
        path.push_back(k);
        if (b.contains(k)) {
          Diff(v, b.at(k), path);
        } else if (Ignored(path)) {
          ++ignored;
        } else {
          ++only_legacy;
          Record(path, &v, nullptr);
        }
        path.pop_back();
      }
      for (const auto& [k, v] : b.items()) {
        if (a.contains(k)) continue;
        path.push_back(k);
        if (Ignored(path)) {
          ++ignored;
        } else {
          ++only_new;
          Record(path, nullptr, &v);
        }
        path.pop_back();
      }
      return;
    }
    if (a.is_array()) {
      if (!options.any_array_order) {
        const size_t n = std::max(a.size(), b.size());
        for (size_t i = 0; i < n; ++i) {
          path.push_back(std::to_string(i));
          if (i < a.size() && i < b.size()) {
            Diff(a[i], b[i], path);
          } else if (i < a.size()) {
            ++only_legacy;
            Record(path, &a[i], nullptr);
          } else {
            ++only_new;
            Record(path, nullptr, &b[i]);
          }
          path.pop_back();
        }
        return;
      }
      // As multisets: each legacy element takes the first equivalent unmatched new element.
      std::vector<bool> used(b.size(), false);
      bool reordered = false;
      std::vector<size_t> unmatched_a;
      for (size_t i = 0; i < a.size(); ++i) {
        bool found = false;
        for (size_t j = 0; j < b.size() && !found; ++j) {
          if (used[j]) continue;
          path.push_back(std::to_string(i));
          found = Equivalent(a[i], b[j], path);
          path.pop_back();
          if (found) {
            used[j] = true;
            reordered = reordered || i != j || a[i] != b[j];
          }
        }
        if (!found) unmatched_a.push_back(i);
      }
      for (size_t i : unmatched_a) {
        path.push_back(std::to_string(i));
        ++only_legacy;
        Record(path, &a[i], nullptr);
        path.pop_back();
      }
      for (size_t j = 0; j < b.size(); ++j) {
        if (used[j]) continue;
        path.push_back(std::to_string(j));
        ++only_new;
        Record(path, nullptr, &b[j]);
        path.pop_back();
      }
      if (reordered && unmatched_a.empty()) ++within_tolerance;  // equal only as multisets
      return;
    }
    if (a != b) {
      ++differing;
      Record(path, &a, &b);
    }
  }
};

Comparison Error(std::string message) {
  Comparison c;
  c.outcome = Outcome::kError;
  c.message = std::move(message);
  return c;
}

}  // namespace

Result<JsonOptions> ParseJsonOptions(const nlohmann::json& options) {
  constexpr std::string_view kind = JsonComparator::kKind;
  CUTOVER_RETURN_IF_ERROR(CheckOptionNames(
      kind, options, {"ignore_paths", "tolerance", "array_order", "max_differences"}));
  JsonOptions out;
  CUTOVER_RETURN_IF_ERROR(ReadStringListOption(kind, options, "ignore_paths", &out.ignore_paths));
  for (const std::string& p : out.ignore_paths) {
    if (p.empty() || p[0] != '/') {
      return Status::InvalidArgument(fmt::format(
          "comparator 'json': option 'ignore_paths': '{}' is not a JSON Pointer (it must start "
          "with /)",
          p));
    }
  }
  if (options.is_object() && options.contains("tolerance") && !options["tolerance"].is_null()) {
    const nlohmann::json& t = options["tolerance"];
    auto bad = [&t] {
      return Status::InvalidArgument(fmt::format(
          "comparator 'json': option 'tolerance' must be a number or {{absolute: X, relative: "
          "Y}} with X, Y >= 0, got {}",
          t.dump()));
    };
    if (t.is_number()) {
      out.absolute = t.get<double>();
      if (out.absolute < 0) return bad();
    } else if (t.is_object()) {
      for (const auto& [k, v] : t.items()) {
        if ((k != "absolute" && k != "relative") || !v.is_number() || v.get<double>() < 0) {
          return bad();
        }
        (k == "absolute" ? out.absolute : out.relative) = v.get<double>();
      }
    } else {
      return bad();
    }
  }
  std::string order = "ordered";
  CUTOVER_RETURN_IF_ERROR(ReadChoiceOption(kind, options, "array_order", {"ordered", "any"}, &order));
  out.any_array_order = order == "any";
  CUTOVER_RETURN_IF_ERROR(
      ReadIntOption(kind, options, "max_differences", 0, 1000000, &out.max_differences));
  return out;
}

Result<std::unique_ptr<Comparator>> JsonComparator::FromOptions(const nlohmann::json& options) {
  CUTOVER_ASSIGN_OR_RETURN(JsonOptions parsed, ParseJsonOptions(options));
  return std::unique_ptr<Comparator>(new JsonComparator(std::move(parsed)));
}

namespace {
std::vector<std::vector<std::string>> SplitAll(const std::vector<std::string>& pointers) {
  std::vector<std::vector<std::string>> out;
  for (const std::string& p : pointers) out.push_back(SplitPointer(p));
  return out;
}
}  // namespace

JsonComparator::JsonComparator(JsonOptions options)
    : options_(std::move(options)), ignore_(SplitAll(options_.ignore_paths)) {}

Comparison JsonComparator::Compare(const fs::path& legacy, const fs::path& new_side) const {
  auto a = ParseDocument(legacy);
  auto b = ParseDocument(new_side);
  if (!a.ok() || !b.ok()) {
    std::vector<std::string> errors;
    if (!a.ok()) errors.push_back("legacy: " + a.status().message());
    if (!b.ok()) errors.push_back("new: " + b.status().message());
    return Error(Join(errors, "; "));
  }
  Walk walk{options_, ignore_};
  std::vector<std::string> path;
  walk.Diff(*a, *b, path);
  Comparison c;
  c.counts = {{"differing_values", walk.differing}, {"only_legacy", walk.only_legacy},
              {"only_new", walk.only_new},          {"type_changes", walk.type_changes},
              {"ignored", walk.ignored},            {"within_tolerance", walk.within_tolerance}};
  c.differences = std::move(walk.differences);
  const int64_t total = walk.differing + walk.only_legacy + walk.only_new;
  if (total > 0) {
    c.outcome = Outcome::kMismatch;
    std::vector<std::string> parts;
    if (walk.differing > 0) parts.push_back(fmt::format("{} changed", walk.differing));
    if (walk.only_legacy > 0) parts.push_back(fmt::format("{} only in legacy", walk.only_legacy));
    if (walk.only_new > 0) parts.push_back(fmt::format("{} only in new", walk.only_new));
    c.message = fmt::format("{} value{} differ{} ({}), first at {}", total, total == 1 ? "" : "s",
                            total == 1 ? "s" : "", Join(parts, ", "),
                            c.differences.empty() ? "?" : c.differences[0].location);
    return c;
  }
  if (walk.ignored > 0 || walk.within_tolerance > 0) {
    c.outcome = Outcome::kNoise;
    std::vector<std::string> parts;
    if (walk.ignored > 0) parts.push_back(fmt::format("ignored paths ({})", walk.ignored));
    if (walk.within_tolerance > 0) {
      parts.push_back(fmt::format("values within tolerance or array order ({})",
                                  walk.within_tolerance));
    }
    c.message = "differ only in " + Join(parts, " and ");
    return c;
  }
  c.outcome = Outcome::kMatch;
  c.message = "identical values";
  return c;
}

}  // namespace cutover
