// Reading one comparator's options (the `compare:` mapping minus `kind`), with errors that name
// the comparator and the option. Each comparator parses its own options with these helpers.
//
// Values may come straight from YAML, so a scalar that arrives as a string is accepted when it
// is spelled exactly like the expected type ("10", "true", "false").
#pragma once

#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace cutover {

// kInvalidArgument unless `options` is null or a mapping whose keys are all in `known`:
// "comparator 'text': unknown option 'foo' (known: ignore, max_differences)".
Status CheckOptionNames(std::string_view kind, const nlohmann::json& options,
                        std::initializer_list<std::string_view> known);
// The same with a list built at run time (options that include metric thresholds).
Status CheckOptionNames(std::string_view kind, const nlohmann::json& options,
                        const std::vector<std::string>& known);

// Each reader leaves *out unchanged when `name` is absent (or null), so *out holds the default.
Status ReadBoolOption(std::string_view kind, const nlohmann::json& options, std::string_view name,
                      bool* out);
// An integer in [min, max].
Status ReadIntOption(std::string_view kind, const nlohmann::json& options, std::string_view name,
                     int64_t min, int64_t max, int64_t* out);
// One of `choices` (a string).
Status ReadChoiceOption(std::string_view kind, const nlohmann::json& options,
                        std::string_view name, std::initializer_list<std::string_view> choices,
                        std::string* out);
// A list of strings; a single string is read as a list of one.
Status ReadStringListOption(std::string_view kind, const nlohmann::json& options,
                            std::string_view name, std::vector<std::string>* out);

// Two numbers are equal within it when |a-b| <= absolute or |a-b| <= relative * max(|a|,|b|).
struct NumericTolerance {
  double absolute = 0;
  double relative = 0;
  bool exact() const { return absolute == 0 && relative == 0; }
  bool Within(double a, double b) const;
};
// `name: {absolute: X, relative: Y}` (either may be left out) or a bare number (absolute).
Status ReadToleranceOption(std::string_view kind, const nlohmann::json& options,
                           std::string_view name, NumericTolerance* out);

}  // namespace cutover
