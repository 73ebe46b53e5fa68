#include "compare/comparator_options.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <algorithm>

namespace cutover {
namespace {

Status Invalid(std::string_view kind, std::string_view name, std::string_view what,
               const nlohmann::json& value) {
  return Status::InvalidArgument(
      fmt::format("comparator '{}': option '{}' must be {}, got {}", kind, name, what,
                  value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)));
}

// The value of `name`, or nullptr when absent or null.
const nlohmann::json* Find(const nlohmann::json& options, std::string_view name) {
  if (!options.is_object()) return nullptr;
  auto it = options.find(name);
  if (it == options.end() || it->is_null()) return nullptr;
  return &*it;
}

template <typename Names>
Status CheckOptionNamesIn(std::string_view kind, const nlohmann::json& options,
                          const Names& known) {
  if (options.is_null()) return Status::Ok();
  if (!options.is_object()) {
    return Status::InvalidArgument(
        fmt::format("comparator '{}': options must be a mapping, got {}", kind,
                    options.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)));
  }
  for (const auto& [key, value] : options.items()) {
    bool found = false;
    for (std::string_view k : known) found = found || k == key;
    if (found) continue;
    std::string known_list = known.size() == 0 ? "it takes no options" : "known: ";
    bool first = true;
    for (std::string_view k : known) {
      if (!first) known_list += ", ";
      known_list += k;
      first = false;
    }
    return Status::InvalidArgument(
        fmt::format("comparator '{}': unknown option '{}' ({})", kind, key, known_list));
  }
  return Status::Ok();
}

}  // namespace

Status CheckOptionNames(std::string_view kind, const nlohmann::json& options,
                        std::initializer_list<std::string_view> known) {
  return CheckOptionNamesIn(kind, options, known);
}

Status CheckOptionNames(std::string_view kind, const nlohmann::json& options,
                        const std::vector<std::string>& known) {
  return CheckOptionNamesIn(kind, options, known);
}

Status ReadBoolOption(std::string_view kind, const nlohmann::json& options, std::string_view name,
                      bool* out) {
  const nlohmann::json* v = Find(options, name);
  if (v == nullptr) return Status::Ok();
  if (v->is_boolean()) {
    *out = v->get<bool>();
  } else if (v->is_string() && (*v == "true" || *v == "false")) {
    *out = *v == "true";
  } else {
    return Invalid(kind, name, "true or false", *v);
  }
  return Status::Ok();
}

Status ReadIntOption(std::string_view kind, const nlohmann::json& options, std::string_view name,
                     int64_t min, int64_t max, int64_t* out) {
  const nlohmann::json* v = Find(options, name);
  if (v == nullptr) return Status::Ok();
  std::string what = fmt::format("an integer from {} to {}", min, max);
  int64_t value = 0;
  if (v->is_number_unsigned()) {
    uint64_t u = v->get<uint64_t>();
    if (u > static_cast<uint64_t>(max)) return Invalid(kind, name, what, *v);
    value = static_cast<int64_t>(u);
  } else if (v->is_number_integer()) {
    value = v->get<int64_t>();
  } else if (v->is_string()) {
    const std::string& s = v->get_ref<const std::string&>();
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc() || end != s.data() + s.size() || s.empty()) {
      return Invalid(kind, name, what, *v);
    }
  } else {
    return Invalid(kind, name, what, *v);
  }
  if (value < min || value > max) return Invalid(kind, name, what, *v);
  *out = value;
  return Status::Ok();
}

Status ReadChoiceOption(std::string_view kind, const nlohmann::json& options,
                        std::string_view name, std::initializer_list<std::string_view> choices,
                        std::string* out) {
  const nlohmann::json* v = Find(options, name);
  if (v == nullptr) return Status::Ok();
  std::string what = "one of";
  for (std::string_view c : choices) what += fmt::format(" '{}'", c);
  if (!v->is_string()) return Invalid(kind, name, what, *v);
  for (std::string_view c : choices) {
    if (*v == c) {
      *out = std::string(c);
      return Status::Ok();
    }
  }
  return Invalid(kind, name, what, *v);
}

Status ReadStringListOption(std::string_view kind, const nlohmann::json& options,
                            std::string_view name, std::vector<std::string>* out) {
  const nlohmann::json* v = Find(options, name);
  if (v == nullptr) return Status::Ok();
  if (v->is_string()) {
    *out = {v->get<std::string>()};
    return Status::Ok();
  }
  if (!v->is_array()) return Invalid(kind, name, "a list of strings", *v);
  std::vector<std::string> list;
  for (const nlohmann::json& item : *v) {
    if (!item.is_string()) return Invalid(kind, name, "a list of strings", *v);
    list.push_back(item.get<std::string>());
  }
  *out = std::move(list);
  return Status::Ok();
}

bool NumericTolerance::Within(double a, double b) const {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  const double d = std::fabs(a - b);
  return d <= absolute || d <= relative * std::max(std::fabs(a), std::fabs(b));
}

Status ReadToleranceOption(std::string_view kind, const nlohmann::json& options,
                           std::string_view name, NumericTolerance* out) {
  const nlohmann::json* v = Find(options, name);
  if (v == nullptr) return Status::Ok();
  const std::string what = "a number >= 0 or {absolute: X, relative: Y} with X, Y >= 0";
  if (v->is_number()) {
    if (!(v->get<double>() >= 0)) return Invalid(kind, name, what, *v);
    *out = {v->get<double>(), 0};
    return Status::Ok();
  }
  if (!v->is_object()) return Invalid(kind, name, what, *v);
  NumericTolerance t;
  for (const auto& [k, x] : v->items()) {
    if ((k != "absolute" && k != "relative") || !x.is_number() || !(x.get<double>() >= 0)) {
      return Invalid(kind, name, what, *v);
    }
    (k == "absolute" ? t.absolute : t.relative) = x.get<double>();
  }
  *out = t;
  return Status::Ok();
}

}  // namespace cutover
