// Comparison's JSON form (stored in the ledger as evidence) and its terminal rendering.
#include <fmt/format.h>

#include "compare/comparator.h"
#include "compare/excerpt.h"
#include "util/strings.h"

namespace cutover {
namespace {

// Version of the JSON written by Comparison::ToJson. Bump it, and teach FromJson the old
// version, when the meaning of a field changes.
constexpr int kComparisonFormatVersion = 1;

Status Malformed(std::string_view what) {
  return Status::Corruption(fmt::format("malformed comparison JSON: {}", what));
}

// Reads the string member `key` of `j` into *out; absent is allowed when !required.
Status ReadString(const nlohmann::json& j, const char* key, bool required, std::string* out) {
  auto it = j.find(key);
  if (it == j.end()) return required ? Malformed(fmt::format("missing \"{}\"", key)) : Status::Ok();
  if (!it->is_string()) return Malformed(fmt::format("\"{}\" is not a string", key));
  *out = it->get<std::string>();
  return Status::Ok();
}

Status ReadBool(const nlohmann::json& j, const char* key, bool* out) {
  auto it = j.find(key);
  if (it == j.end()) return Status::Ok();
  if (!it->is_boolean()) return Malformed(fmt::format("\"{}\" is not a boolean", key));
  *out = it->get<bool>();
  return Status::Ok();
}

// Makes every string in `j` valid UTF-8 so that dump() cannot throw.
nlohmann::json SanitizeStrings(const nlohmann::json& j) {
  if (j.is_string()) return ValidUtf8(j.get_ref<const std::string&>());
  if (j.is_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& item : j) out.push_back(SanitizeStrings(item));
    return out;
  }
  if (j.is_object()) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [key, value] : j.items()) out[ValidUtf8(key)] = SanitizeStrings(value);
    return out;
  }
  return j;
}

}  // namespace

nlohmann::json Comparison::ToJson() const {
  nlohmann::json diffs = nlohmann::json::array();
  for (const Difference& d : differences) {
    nlohmann::json item = {{"location", ValidUtf8(d.location)},
                           {"legacy", ValidUtf8(d.legacy)},
                           {"new", ValidUtf8(d.new_side)}};
    if (!d.in_legacy) item["in_legacy"] = false;
    if (!d.in_new) item["in_new"] = false;
    diffs.push_back(std::move(item));
  }
  nlohmann::json j = {
      {"version", kComparisonFormatVersion},
      {"outcome", std::string(ToString(outcome))},
      {"message", ValidUtf8(message)},
      {"counts", counts.is_object() ? SanitizeStrings(counts) : nlohmann::json::object()},
      {"differences", std::move(diffs)}};
  if (metrics.is_object() && !metrics.empty()) j["metrics"] = SanitizeStrings(metrics);
  return j;
}

Result<Comparison> Comparison::FromJson(const nlohmann::json& j) {
  if (!j.is_object()) return Malformed("not an object");
  if (auto v = j.find("version"); v != j.end()) {
    if (!v->is_number_integer()) return Malformed("\"version\" is not an integer");
    if (v->get<int64_t>() != kComparisonFormatVersion) {
      return Malformed(fmt::format("version {} is not supported (this cutover reads version {})",
                                   v->get<int64_t>(), kComparisonFormatVersion));
    }
  }
  Comparison c;
  std::string outcome;
  CUTOVER_RETURN_IF_ERROR(ReadString(j, "outcome", true, &outcome));
  auto parsed = ParseOutcome(outcome);
  if (!parsed.ok()) return Malformed(parsed.status().message());
  c.outcome = *parsed;
  CUTOVER_RETURN_IF_ERROR(ReadString(j, "message", false, &c.message));
  if (auto v = j.find("counts"); v != j.end()) {
    if (!v->is_object()) return Malformed("\"counts\" is not an object");
    c.counts = *v;
  }
  if (auto v = j.find("metrics"); v != j.end()) {
    if (!v->is_object()) return Malformed("\"metrics\" is not an object");
    c.metrics = *v;
  }
  if (auto v = j.find("differences"); v != j.end()) {
    if (!v->is_array()) return Malformed("\"differences\" is not an array");
    for (const nlohmann::json& item : *v) {
      if (!item.is_object()) return Malformed("a difference is not an object");
      Difference d;
      CUTOVER_RETURN_IF_ERROR(ReadString(item, "location", true, &d.location));
      CUTOVER_RETURN_IF_ERROR(ReadString(item, "legacy", false, &d.legacy));
      CUTOVER_RETURN_IF_ERROR(ReadString(item, "new", false, &d.new_side));
      CUTOVER_RETURN_IF_ERROR(ReadBool(item, "in_legacy", &d.in_legacy));
      CUTOVER_RETURN_IF_ERROR(ReadBool(item, "in_new", &d.in_new));
      c.differences.push_back(std::move(d));
    }
  }
  return c;
}

std::string FormatMetrics(const nlohmann::json& metrics) {
  std::string out;
  if (!metrics.is_object()) return out;
  for (const auto& [key, value] : metrics.items()) {
    if (!out.empty()) out += ", ";
    out += key + " ";
    if (value.is_number_float()) {
      out += fmt::format("{:.4f}", value.get<double>());
    } else if (value.is_null()) {
      out += "n/a";
    } else {
      out += value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
  }
  return out;
}

std::string RenderComparison(const Comparison& comparison, const RenderOptions& options) {
  const char* red = options.color ? "\033[31m" : "";
  const char* green = options.color ? "\033[32m" : "";
  const char* cyan = options.color ? "\033[36m" : "";
  const char* bold = options.color ? "\033[1m" : "";
  const char* reset = options.color ? "\033[0m" : "";
  std::string out =
      fmt::format("{}{}{}: {}\n", bold, ToString(comparison.outcome), reset,
                  OneLineForTerminal(comparison.message));
  if (comparison.counts.is_object() && !comparison.counts.empty()) {
    std::string counts;
    for (const auto& [key, value] : comparison.counts.items()) {
      if (!counts.empty()) counts += ", ";
      counts += key + " " +
                (value.is_string()
                     ? value.get<std::string>()
                     : value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    }
    out += "  " + OneLineForTerminal(counts) + "\n";
  }
  if (comparison.metrics.is_object() && !comparison.metrics.empty()) {
    out += "  metrics: " + OneLineForTerminal(FormatMetrics(comparison.metrics)) + "\n";
  }
  // Each line of a side's content gets the side's marker, so multi-line content (a FASTQ
  // record, an external comparator's output) stays readable.
  auto side = [&out](std::string_view marker, const char* color, const char* reset_code,
                     std::string_view text) {
    size_t start = 0;
    while (true) {
      size_t end = text.find('\n', start);
      std::string_view line = text.substr(start, end == std::string_view::npos ? end : end - start);
      // The content comes from the compared files: its control bytes are shown, never acted on.
      out += fmt::format("{}{}{}{}\n", color, marker, TerminalSafe(line), reset_code);
      if (end == std::string_view::npos || end + 1 == text.size()) break;
      start = end + 1;
    }
  };
  for (const Difference& d : comparison.differences) {
    out += fmt::format("{}@@ {} @@{}\n", cyan, OneLineForTerminal(d.location), reset);
    if (d.in_legacy) side("- ", red, reset, d.legacy);
    if (d.in_new) side("+ ", green, reset, d.new_side);
  }
  return out;
}

}  // namespace cutover
