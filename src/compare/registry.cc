// MakeComparator: the table of comparator kinds. A new comparator adds one row here; its
// options are parsed by its own FromOptions.
#include <fmt/format.h>

#include <array>

#include "compare/bam_comparator.h"
#include "compare/bytes_comparator.h"
#include "compare/comparator.h"
#include "compare/command_comparator.h"
#include "compare/fastq_comparator.h"
#include "compare/fastqc_comparator.h"
#include "compare/json_comparator.h"
#include "compare/none_comparator.h"
#include "compare/table_comparator.h"
#include "compare/text_comparator.h"
#include "compare/vcf_comparator.h"
#include "util/strings.h"

namespace cutover {
namespace {

using ComparatorFactory = Result<std::unique_ptr<Comparator>> (*)(const nlohmann::json& options);

struct ComparatorEntry {
  std::string_view kind;
  ComparatorFactory factory;
};

constexpr std::array kComparators = {
    ComparatorEntry{BytesComparator::kKind, &BytesComparator::FromOptions},
    ComparatorEntry{TextComparator::kKind, &TextComparator::FromOptions},
    ComparatorEntry{TableComparator::kKind, &TableComparator::FromOptions},
    ComparatorEntry{JsonComparator::kKind, &JsonComparator::FromOptions},
    ComparatorEntry{FastqComparator::kKind, &FastqComparator::FromOptions},
    ComparatorEntry{FastqcComparator::kKind, &FastqcComparator::FromOptions},
    ComparatorEntry{BamComparator::kKind, &BamComparator::FromOptions},
    ComparatorEntry{VcfComparator::kKind, &VcfComparator::FromOptions},
    ComparatorEntry{CommandComparator::kKind, &CommandComparator::FromOptions},
    ComparatorEntry{NoneComparator::kKind, &NoneComparator::FromOptions},
};

}  // namespace

std::vector<std::string_view> ComparatorKinds() {
  std::vector<std::string_view> kinds;
  for (const ComparatorEntry& e : kComparators) kinds.push_back(e.kind);
  return kinds;
}

Result<std::unique_ptr<Comparator>> MakeComparator(const std::string& kind,
                                                   const nlohmann::json& options) {
  for (const ComparatorEntry& e : kComparators) {
    if (e.kind == kind) return e.factory(options.is_null() ? nlohmann::json::object() : options);
  }
  std::vector<std::string> known;
  for (std::string_view k : ComparatorKinds()) known.emplace_back(k);
  return Status::InvalidArgument(
      fmt::format("unknown comparator '{}' (known: {})", kind, Join(known, ", ")));
}

}  // namespace cutover
