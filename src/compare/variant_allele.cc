#include "compare/variant_allele.h"

#include <cctype>

namespace cutover {
namespace {

bool PlainBases(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    switch (std::toupper(static_cast<unsigned char>(c))) {
      case 'A': case 'C': case 'G': case 'T': case 'N': break;
      default: return false;
    }
  }
  return true;
}

char Upper(char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); }

}  // namespace

std::string_view ToString(VariantType type) {
  switch (type) {
    case VariantType::kSnv: return "snv";
    case VariantType::kIndel: return "indel";
    case VariantType::kOther: return "other";
  }
  return "?";
}

Allele Normalise(Allele a, const ReferenceBase& reference) {
  if (!PlainBases(a.ref) || !PlainBases(a.alt)) return a;
  for (char& c : a.ref) c = Upper(c);
  for (char& c : a.alt) c = Upper(c);
  if (a.ref == a.alt) return a;
  // Trim the common last base; when that would leave a side empty, first prepend the base
  // before POS from the reference (left-shifting the indel by one).
  while (a.ref.back() == a.alt.back()) {
    if (a.ref.size() == 1 || a.alt.size() == 1) {
      if (!reference || a.pos == 0) break;
      const char before = Upper(reference(a.pos - 1));
      if (before == '\0' || before == 'N') break;
      a.ref.insert(a.ref.begin(), before);
      a.alt.insert(a.alt.begin(), before);
      --a.pos;
    }
    a.ref.pop_back();
    a.alt.pop_back();
  }
  // Trim common leading bases, keeping one base on each side.
  size_t lead = 0;
  while (lead + 1 < a.ref.size() && lead + 1 < a.alt.size() && a.ref[lead] == a.alt[lead]) ++lead;
  if (lead > 0) {
    a.ref.erase(0, lead);
    a.alt.erase(0, lead);
    a.pos += static_cast<int64_t>(lead);
  }
  return a;
}

VariantType TypeOf(const Allele& a) {
  if (!PlainBases(a.ref) || !PlainBases(a.alt)) return VariantType::kOther;
  if (a.ref.size() == 1 && a.alt.size() == 1) return VariantType::kSnv;
  if (a.ref.size() != a.alt.size()) return VariantType::kIndel;
  return VariantType::kOther;
}

}  // namespace cutover
