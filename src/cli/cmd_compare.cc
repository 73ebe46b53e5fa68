// `cutover compare --as KIND [-O key=value]... A B`: any comparator on two files, like diff.
#include <unistd.h>

#include <iostream>

#include <fmt/format.h>

#include "cli/commands.h"
#include "compare/comparator.h"
#include "pipeline/yaml_json.h"
#include "util/strings.h"

namespace cutover {
namespace {

// Exit codes like diff(1): 0 same (match or noise), 1 different, 2 trouble.
int ExitCodeFor(Outcome outcome) {
  switch (outcome) {
    case Outcome::kMatch:
    case Outcome::kNoise: return 0;
    case Outcome::kMismatch: return 1;
    case Outcome::kError: return 2;
  }
  return 2;
}

struct CompareArgs {
  std::string kind = "text";
  std::vector<std::string> options;  // key=value, value in YAML
  std::string options_yaml;          // a whole YAML mapping
  std::string legacy, fresh;
  bool json = false;
  std::string color = "auto";
};

// The comparator options from --options and -O key=value (the latter win).
Result<nlohmann::json> ParseOptions(const CompareArgs& args) {
  nlohmann::json options = nlohmann::json::object();
  if (!args.options_yaml.empty()) {
    CUTOVER_ASSIGN_OR_RETURN(options, ParseYamlValue(args.options_yaml));
    if (!options.is_object()) {
      return Status::InvalidArgument(
          fmt::format("--options must be a YAML mapping, got '{}'", args.options_yaml));
    }
  }
  for (const std::string& kv : args.options) {
    size_t eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) {
      return Status::InvalidArgument(fmt::format("-O '{}': expected KEY=VALUE", kv));
    }
    auto value = ParseYamlValue(kv.substr(eq + 1));
    if (!value.ok()) {
      return Status::InvalidArgument(fmt::format("-O '{}': {}", kv, value.status().message()));
    }
    options[kv.substr(0, eq)] = *value;
  }
  return options;
}

}  // namespace

Handler SetupCompare(CLI::App* app, const GlobalOptions*) {
  auto args = std::make_shared<CompareArgs>();
  std::string kinds;
  for (std::string_view k : ComparatorKinds()) kinds += (kinds.empty() ? "" : ", ") + std::string(k);
  app->add_option("--as", args->kind, "comparator kind: " + kinds + " (default: text)")
      ->type_name("KIND");
  app->add_option("-O,--option", args->options,
                  "a comparator option, KEY=VALUE with VALUE in YAML (repeatable): "
                  "-O 'ignore=[^#]' -O max_differences=50")
      ->type_name("KEY=VALUE");
  app->add_option("--options", args->options_yaml,
                  "all comparator options as one YAML mapping, as under compare: in cutover.yaml")
      ->type_name("YAML");
  app->add_flag("--json", args->json, "print the comparison as JSON (the ledger's format)");
  app->add_option("--color", args->color, "colour the diff: auto (on a terminal), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  app->add_option("legacy", args->legacy, "the legacy side's file (A)")->required();
  app->add_option("new", args->fresh, "the new side's file (B)")->required();
  app->footer(
      "Exit status: 0 when the files agree (match, or noise: differing only where the options "
      "say it does not matter), 1 on a mismatch, 2 when they could not be compared.");
  return [args] {
    auto options = ParseOptions(*args);
    if (!options.ok()) return ReportError(options.status());
    auto comparator = MakeComparator(args->kind, *options);
    if (!comparator.ok()) return ReportError(comparator.status());
    Comparison c = (*comparator)->Compare(args->legacy, args->fresh);
    if (args->json) {
      std::cout << c.ToJson().dump(2) << "\n";
    } else {
      RenderOptions render;
      render.color = args->color == "always" || (args->color == "auto" && ::isatty(1) == 1);
      std::cout << RenderComparison(c, render);
    }
    std::cout.flush();
    return ExitCodeFor(c.outcome);
  };
}

}  // namespace cutover
