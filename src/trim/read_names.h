// cutadapt 4.2's read-name modifications: --length-tag, --strip-suffix, -x/--prefix,
// -y/--suffix and --rename templates, with cutadapt's exact rules (Python's split and regular
// expression semantics, written out here for the cases cutover accepts).
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/status.h"

namespace cutover::trim {

// A read's header split as cutadapt's templates see it (Python's name.split(maxsplit=1)):
// the ID and the comment, split at the first run of whitespace after leading whitespace. A
// header without a comment is all ID, whitespace at its ends included (Python keeps the whole
// name then).
std::pair<std::string_view, std::string_view> SplitHeader(std::string_view header);

// Whether --length-tag TAG is one cutover applies exactly: cutadapt puts TAG into a regular
// expression as it is, so a tag with regular-expression characters is refused with a message
// naming the option. (An empty tag means no --length-tag, as in cutadapt.)
Status CheckLengthTag(std::string_view tag);

// --length-tag: every "TAG" followed by digits (or none) at word boundaries, as cutadapt's
// re.sub(r"\bTAG[0-9]*\b", TAG + length) replaces them: "length=150" -> "length=36";
// "length=12abc" -> "length=3612abc" (the boundary falls after "=", as in Python). TAG is
// not empty.
std::string ReplaceLengthTag(std::string_view name, std::string_view tag, size_t length);

// What the modifications before the renaming learned about one read, for the templates.
struct ReadFacts {
  std::string_view header;          // the name as it is before the renaming
  std::string_view cut_prefix;      // what -u/-U LEN > 0 removed ("" when nothing)
  std::string_view cut_suffix;      // what -u/-U LEN < 0 removed
  std::string_view adapter_name = "no_adapter";  // the last match's adapter
  std::string_view match_sequence;  // the read bases that matched it ("FRONT,BACK" if linked)
};

// --rename TEMPLATE: "{id}", "{comment}", "{header}", "{cut_prefix}", "{cut_suffix}",
// "{adapter_name}", "{match_sequence}", "{rc}" (always empty: --rc is not implemented); for
// paired reads also "{rn}" (1 or 2) and "{r1.X}"/"{r2.X}" for every X but id (no "{rc}").
class RenameTemplate {
 public:
  // kInvalidArgument with cutadapt's message for braces it cannot read or a variable it does
  // not know.
  static Result<RenameTemplate> Parse(std::string_view text, bool paired);

  // The new name of mate `mate` (0 or 1; 0 for single-end reads) from the facts of both mates
  // (facts[1] unused for single-end reads).
  void Render(int mate, const std::array<ReadFacts, 2>& facts, std::string* out) const;

  bool uses_match_sequence() const { return uses_match_sequence_; }
  bool uses_cuts() const { return uses_cuts_; }

 private:
  enum class Field { kText, kHeader, kId, kComment, kCutPrefix, kCutSuffix, kAdapterName,
                     kMatchSequence, kRc, kRn };
  struct Token {
    Field field = Field::kText;
    int mate = -1;     // -1: the read being renamed; 0/1: {r1.X}/{r2.X}
    std::string text;  // kText only
  };
  std::vector<Token> tokens_;
  bool uses_match_sequence_ = false;
  bool uses_cuts_ = false;
};

}  // namespace cutover::trim
