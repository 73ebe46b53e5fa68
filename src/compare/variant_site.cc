#include "compare/variant_site.h"

#include <algorithm>
#include <cstddef>
#include <cmath>
#include <cstring>
#include <limits>
#include <string_view>

#include "util/strings.h"

namespace cutover {
namespace {

constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

// The numeric values of a BCF-typed vector of `n` values at `p`, missing as NaN, stopping at
// the vector end marker.
std::vector<double> Numbers(int type, const uint8_t* p, int n) {
  std::vector<double> out;
  for (int i = 0; i < n; ++i) {
    switch (type) {
      case BCF_BT_INT8: {
        int8_t v;
        std::memcpy(&v, p + i, 1);
        if (v == bcf_int8_vector_end) return out;
        out.push_back(v == bcf_int8_missing ? kMissing : v);
        break;
      }
      case BCF_BT_INT16: {
        int16_t v;
        std::memcpy(&v, p + 2 * static_cast<ptrdiff_t>(i), 2);
        if (v == bcf_int16_vector_end) return out;
        out.push_back(v == bcf_int16_missing ? kMissing : v);
        break;
      }
      case BCF_BT_INT32: {
        int32_t v;
        std::memcpy(&v, p + 4 * static_cast<ptrdiff_t>(i), 4);
        if (v == bcf_int32_vector_end) return out;
        out.push_back(v == bcf_int32_missing ? kMissing : v);
        break;
      }
      case BCF_BT_FLOAT: {
        float v;
        std::memcpy(&v, p + 4 * static_cast<ptrdiff_t>(i), 4);
        if (bcf_float_is_vector_end(v)) return out;
        out.push_back(bcf_float_is_missing(v) ? kMissing : static_cast<double>(v));
        break;
      }
      default: return out;
    }
  }
  return out;
}

// The values of a Number=A/R/G field that belong to ALT `allele` (1-based), of `n_allele`.
std::vector<double> ForAllele(int length_type, std::vector<double> v, int allele, int n_allele) {
  auto pick = [&](std::initializer_list<size_t> idx) {
    std::vector<double> out;
    for (size_t i : idx) out.push_back(i < v.size() ? v[i] : kMissing);
    return out;
  };
  const size_t a = static_cast<size_t>(allele);
  switch (length_type) {
    case BCF_VL_A: return pick({a - 1});
    case BCF_VL_R: return pick({0, a});
    case BCF_VL_G:
      // Diploid genotype order: (j, k) at k*(k+1)/2 + j; haploid: one value per allele.
      if (static_cast<int>(v.size()) == n_allele) return pick({0, a});
      return pick({0, a * (a + 1) / 2, a * (a + 1) / 2 + a});
    default: return v;
  }
}

std::string ForAlleleText(int length_type, const std::string& text, int allele) {
  if (length_type != BCF_VL_A && length_type != BCF_VL_R) return text;
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t comma = text.find(',', start);
    parts.push_back(text.substr(start, comma == std::string::npos ? comma : comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  const size_t a = static_cast<size_t>(allele);
  auto at = [&](size_t i) { return i < parts.size() ? parts[i] : std::string("."); };
  return length_type == BCF_VL_A ? at(a - 1) : at(0) + "," + at(a);
}

bool Equal(const std::vector<double>& a, const std::vector<double>& b,
           const NumericTolerance& tol, bool* within) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    const bool both_nan = std::isnan(a[i]) && std::isnan(b[i]);
    if (both_nan || a[i] == b[i]) continue;
    if (!tol.Within(a[i], b[i])) return false;
    *within = true;
  }
  return true;
}

// Compares two sorted lists of values; adds differing keys to *keys.
bool SameValues(const std::vector<VariantValue>& a, const std::vector<VariantValue>& b,
                const NumericTolerance& tol, bool* within, std::vector<std::string>* keys) {
  bool same = true;
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (j == b.size() || (i < a.size() && a[i].key < b[j].key)) {
      keys->push_back(a[i++].key);
      same = false;
    } else if (i == a.size() || b[j].key < a[i].key) {
      keys->push_back(b[j++].key);
      same = false;
    } else {
      if (a[i].text != b[j].text || !Equal(a[i].numbers, b[j].numbers, tol, within)) {
        keys->push_back(a[i].key);
        same = false;
      }
      ++i;
      ++j;
    }
  }
  return same;
}

}  // namespace

Allele SiteAllele(const bcf1_t* record, int allele, const ReferenceBase* reference) {
  Allele raw{record->pos, record->d.allele[0], record->d.allele[allele]};
  return reference != nullptr ? Normalise(std::move(raw), *reference)
                              : Normalise(std::move(raw), nullptr);
}

AlleleSite ExtractSite(const bcf_hdr_t* header, bcf1_t* record, int allele,
                       const SiteExtraction& how) {
  return ExtractSite(header, record, allele, SiteAllele(record, allele, how.reference), how);
}

AlleleSite ExtractSite(const bcf_hdr_t* header, bcf1_t* record, int allele, Allele normalised,
                       const SiteExtraction& how) {
  AlleleSite site;
  const int n_allele = static_cast<int>(record->n_allele);
  site.allele = std::move(normalised);
  site.type = TypeOf(site.allele);
  site.qual = record->qual;

  // INFO.
  for (int i = 0; i < record->n_info; ++i) {
    const bcf_info_t& f = record->d.info[i];
    if (f.vptr == nullptr) continue;  // deleted
    VariantValue v;
    v.key = bcf_hdr_int2id(header, BCF_DT_ID, f.key);
    if (how.ignore_info.contains(v.key)) continue;
    const int length = bcf_hdr_id2length(header, BCF_HL_INFO, f.key);
    if (f.len <= 0 && f.type != BCF_BT_CHAR) {
      v.text = "flag";
    } else if (f.type == BCF_BT_CHAR) {
      std::string text(reinterpret_cast<const char*>(f.vptr), static_cast<size_t>(f.len));
      text.resize(std::strlen(text.c_str()));
      v.text = ForAlleleText(length, text, allele);
    } else {
      v.numbers = ForAllele(length, Numbers(f.type, f.vptr, f.len), allele, n_allele);
    }
    site.info.push_back(std::move(v));
  }
  std::sort(site.info.begin(), site.info.end(),
            [](const VariantValue& x, const VariantValue& y) { return x.key < y.key; });

  // FORMAT, GT apart.
  for (int i = 0; i < record->n_fmt; ++i) {
    const bcf_fmt_t& f = record->d.fmt[i];
    if (f.p == nullptr) continue;
    const std::string key = bcf_hdr_int2id(header, BCF_DT_ID, f.id);
    if (key == "GT") {
      std::string gts;
      for (int s : how.sample_order) {
        std::vector<double> alleles = Numbers(f.type, f.p + static_cast<size_t>(s) * f.size, f.n);
        std::string codes;
        for (double x : alleles) {
          // GT values are (allele + 1) << 1 | phased; 0 is missing.
          const int encoded = std::isnan(x) ? 0 : static_cast<int>(x);
          const int a = (encoded >> 1) - 1;
          codes.push_back(a < 0 ? '.' : a == allele ? '1' : '0');
        }
        std::sort(codes.begin(), codes.end());
        gts += codes;
        gts += '/';
      }
      site.genotypes = std::move(gts);
      continue;
    }
    if (how.ignore_format.contains(key)) continue;
    const int length = bcf_hdr_id2length(header, BCF_HL_FMT, f.id);
    VariantValue v;
    v.key = key;
    for (int s : how.sample_order) {
      const uint8_t* p = f.p + static_cast<size_t>(s) * f.size;
      if (f.type == BCF_BT_CHAR) {
        std::string text(reinterpret_cast<const char*>(p), static_cast<size_t>(f.size));
        text.resize(std::strlen(text.c_str()));
        v.text += ForAlleleText(length, text, allele) + "\t";
      } else {
        for (double x : ForAllele(length, Numbers(f.type, p, f.n), allele, n_allele)) {
          v.numbers.push_back(x);
        }
        v.numbers.push_back(kMissing);  // a separator between samples
      }
    }
    site.format.push_back(std::move(v));
  }
  std::sort(site.format.begin(), site.format.end(),
            [](const VariantValue& x, const VariantValue& y) { return x.key < y.key; });
  return site;
}

std::string SiteFieldNames(uint32_t mask) {
  std::vector<std::string> names;
  if (mask & kSiteGenotype) names.emplace_back("genotype");
  if (mask & kSiteQual) names.emplace_back("QUAL");
  if (mask & kSiteInfo) names.emplace_back("INFO");
  if (mask & kSiteFormat) names.emplace_back("FORMAT");
  if (mask & kSiteWithinTolerance) names.emplace_back("within tolerance");
  return Join(names, ", ");
}

SiteDiff DiffSites(const AlleleSite& a, const AlleleSite& b, const NumericTolerance& qual,
                   const NumericTolerance& values) {
  SiteDiff d;
  // Genotypes, sample by sample ('/' between samples); a sample only one side has differs.
  // (In place: this runs for every site both sides called.)
  const std::string_view ga = a.genotypes, gb = b.genotypes;
  size_t i = 0, j = 0;
  while (i < ga.size() || j < gb.size()) {
    const bool in_a = i < ga.size(), in_b = j < gb.size();
    const size_t ei = in_a ? std::min(ga.find('/', i), ga.size()) : i;
    const size_t ej = in_b ? std::min(gb.find('/', j), gb.size()) : j;
    ++d.genotypes_compared;
    if (in_a && in_b && ga.substr(i, ei - i) == gb.substr(j, ej - j)) ++d.genotypes_equal;
    if (in_a) i = ei + 1;
    if (in_b) j = ej + 1;
  }
  if (d.genotypes_equal != d.genotypes_compared) d.fields |= kSiteGenotype;
  bool within = false;
  const double qa = bcf_float_is_missing(a.qual) ? kMissing : a.qual;
  const double qb = bcf_float_is_missing(b.qual) ? kMissing : b.qual;
  if (!Equal({qa}, {qb}, qual, &within)) d.fields |= kSiteQual;
  std::vector<std::string> info_keys, format_keys;
  if (!SameValues(a.info, b.info, values, &within, &info_keys)) d.fields |= kSiteInfo;
  if (!SameValues(a.format, b.format, values, &within, &format_keys)) d.fields |= kSiteFormat;
  for (std::string& k : info_keys) d.keys.push_back("INFO/" + k);
  for (std::string& k : format_keys) d.keys.push_back("FORMAT/" + k);
  if (within) d.fields |= kSiteWithinTolerance;
  return d;
}

}  // namespace cutover
