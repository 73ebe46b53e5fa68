#include "compare/vcf_comparator.h"

#include <fmt/format.h>

#include <cstring>
#include <map>
#include <memory>

#include "compare/difference_list.h"
#include "compare/excerpt.h"
#include "compare/packed_site.h"
#include "compare/partitioned_matcher.h"
#include "compare/sam_header_lines.h"
#include "compare/variant_reader.h"
#include "compare/variant_site.h"
#include "util/digest.h"
#include "util/strings.h"

namespace cutover {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kKind = VcfComparator::kKind;
constexpr size_t kExcerptBytes = 300;

constexpr MetricBound kVcfThresholds[] = {
    {"recall", true},        {"precision", true},        {"genotype_concordance", true},
    {"snv_recall", true},    {"snv_precision", true},    {"indel_recall", true},
    {"indel_precision", true}, {"differing", false},
};

Comparison ErrorComparison(std::string message) {
  Comparison c;
  c.outcome = Outcome::kError;
  c.message = std::move(message);
  return c;
}

// '*' matches any run of characters; everything else itself.
bool GlobMatch(std::string_view pattern, std::string_view text) {
  if (pattern.empty()) return text.empty();
  if (pattern.front() == '*') {
    for (size_t i = 0; i <= text.size(); ++i) {
      if (GlobMatch(pattern.substr(1), text.substr(i))) return true;
    }
    return false;
  }
  return !text.empty() && pattern.front() == text.front() &&
         GlobMatch(pattern.substr(1), text.substr(1));
}

// The header's ## lines, sorted, without those whose key matches `ignore`.
std::vector<std::string> ComparableVcfHeader(const std::string& text,
                                             const std::vector<std::string>& ignore) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + start, end - start);
    start = end + 1;
    if (!line.starts_with("##")) continue;  // #CHROM: samples are checked on their own
    const std::string_view key = line.substr(2, line.find('=') - 2);
    bool ignored = false;
    for (const std::string& p : ignore) ignored = ignored || GlobMatch(p, key);
    if (!ignored) lines.emplace_back(line);
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

// A legacy site held in a pass: its values packed (packed_site.h) in the pass's SiteArena.
struct HeldSite {
  const char* packed = nullptr;
  uint32_t size = 0;
  VariantType type = VariantType::kOther;
  bool matched = false;  // a new site paired it
  int64_t number = 0;    // its legacy record
};
// What one held site costs besides its packed bytes: the entry and its hash slots (at most half
// of the slots are in use: two to four 16-byte slots per entry).
constexpr size_t kHeldSiteOverhead = sizeof(HeldSite) + 48;

// The packed sites of one pass, in blocks that never move (a HeldSite points into them), freed
// with the pass.
class SiteArena {
 public:
  // Copies `bytes` in; returns where they are now.
  const char* Add(std::string_view bytes) {
    if (blocks_.empty() || used_ + bytes.size() > block_size_) {
      block_size_ = std::max(kBlockBytes, bytes.size());
      blocks_.push_back(std::make_unique_for_overwrite<char[]>(block_size_));
      allocated_ += block_size_;
      used_ = 0;
    }
    char* at = blocks_.back().get() + used_;
    std::memcpy(at, bytes.data(), bytes.size());
    used_ += bytes.size();
    return at;
  }
  size_t allocated() const { return allocated_; }

 private:
  static constexpr size_t kBlockBytes = 1 << 20;
  std::vector<std::unique_ptr<char[]>> blocks_;
  size_t block_size_ = 0, used_ = 0, allocated_ = 0;
};

struct ListedSite {
  int64_t legacy = 0, fresh = 0;  // record numbers; 0: none
  std::string site;               // "chr1:1234 A>G"
  std::string what;               // "genotype, INFO (INFO/DP)"
};

struct PerType {
  int64_t both = 0, only_legacy = 0, only_new = 0;
};

struct VcfTally {
  explicit VcfTally(size_t max_list) : listed(max_list) {}
  int64_t records_legacy = 0, records_new = 0;
  int64_t differing = 0, within_tolerance = 0, genotype_sites = 0, qual_sites = 0,
          info_sites = 0, format_sites = 0;
  int64_t genotypes_compared = 0, genotypes_equal = 0;
  PerType all, by_type[3];
  DifferenceList<ListedSite> listed;

  void Count(VariantType type, int64_t PerType::*field) {
    ++(all.*field);
    ++(by_type[static_cast<int>(type)].*field);
  }
};

std::string SiteName(const char* chrom, const Allele& a) {
  return fmt::format("{}:{} {}>{}", chrom, a.pos + 1, Excerpt(a.ref, 0, 20), Excerpt(a.alt, 0, 20));
}

uint64_t SiteKey(const char* chrom, const Allele& a) {
  return StableHash64(fmt::format("{}\t{}\t{}\t{}", chrom, a.pos, a.ref, a.alt));
}

// A reference base reader over one FASTA for left-alignment (null when there is none).
class ReferenceBases {
 public:
  explicit ReferenceBases(faidx_t* fai) : fai_(fai) {}
  // The callback for the record's contig, or null without a reference.
  const ReferenceBase* For(const char* chrom) {
    if (fai_ == nullptr) return nullptr;
    chrom_ = chrom;
    fn_ = [this](int64_t pos) -> char {
      hts_pos_t len = 0;
      char* s = faidx_fetch_seq64(fai_, chrom_.c_str(), pos, pos, &len);
      const char c = s != nullptr && len == 1 ? s[0] : '\0';
      std::free(s);
      return c;
    };
    return &fn_;
  }

 private:
  faidx_t* fai_;
  std::string chrom_;
  ReferenceBase fn_;
};

struct PassInputs {
  const VcfOptions& options;
  const fs::path& legacy;
  const fs::path& fresh;
  faidx_t* reference;  // null: none
  SiteKeys* keys;      // the comparison's INFO/FORMAT key numbers, for packing
};

// One pass: holds the legacy sites of the partition (their values packed, within
// options.bytes_per_pass), then matches the new ones with them. Only the sites the pass owns are
// read beyond their allele.
Status MatchSitesOnePass(const PassInputs& in, MatchPass<HeldSite>& pass, VcfTally* t) {
  CUTOVER_ASSIGN_OR_RETURN(VariantReader a, VariantReader::Open(in.legacy));
  CUTOVER_ASSIGN_OR_RETURN(VariantReader b, VariantReader::Open(in.fresh));
  const std::vector<std::string> sa = a.Samples(), sb = b.Samples();
  SiteExtraction ea, eb;
  ea.ignore_info = eb.ignore_info = in.options.ignore_info;
  ea.ignore_format = eb.ignore_format = in.options.ignore_format;
  for (size_t j = 0; j < sb.size(); ++j) {
    eb.sample_order.push_back(static_cast<int>(j));
    ea.sample_order.push_back(static_cast<int>(std::find(sa.begin(), sa.end(), sb[j]) - sa.begin()));
  }
  ReferenceBases ref(in.reference);
  auto any = [](const HeldSite&) { return true; };  // sites are held by digest only
  const auto budget = static_cast<size_t>(std::max<int64_t>(in.options.bytes_per_pass, 0));
  SiteArena arena;
  std::string packed;

  while (true) {
    CUTOVER_ASSIGN_OR_RETURN(bool got, a.Next());
    if (!got) break;
    bcf1_t* r = a.record();
    const char* chrom = bcf_seqname(a.header(), r);
    ea.reference = ref.For(chrom);
    for (int i = 1; i < r->n_allele; ++i) {
      if (std::string_view(r->d.allele[i]) == "*") continue;  // an overlapping deletion's mark
      Allele allele = SiteAllele(r, i, ea.reference);
      const KeyHash key = KeyHash::From64(SiteKey(chrom, allele));
      if (!pass.Owns(key)) continue;
      auto [held, inserted] = pass.Hold(key, any);
      if (!inserted) {
        return Status::Corruption(fmt::format(
            "{}: {}: variant {} also at record {}: each site must appear once",
            in.legacy.string(), a.Where(), SiteName(chrom, allele), held->number));
      }
      const AlleleSite site = ExtractSite(a.header(), r, i, std::move(allele), ea);
      packed.clear();
      PackSite(site, in.keys, &packed);
      *held = {arena.Add(packed), static_cast<uint32_t>(packed.size()), site.type, false,
               a.number()};
      if (pass.overflowed()) return Status::Ok();
      if (budget > 0 && arena.allocated() + pass.size() * kHeldSiteOverhead > budget) {
        pass.Overflow();
        return Status::Ok();
      }
    }
  }
  t->records_legacy = a.number();

  AlleleSite legacy_site;  // a held site unpacked (its buffers reused)
  while (true) {
    CUTOVER_ASSIGN_OR_RETURN(bool got, b.Next());
    if (!got) break;
    bcf1_t* r = b.record();
    const char* chrom = bcf_seqname(b.header(), r);
    eb.reference = ref.For(chrom);
    for (int i = 1; i < r->n_allele; ++i) {
      if (std::string_view(r->d.allele[i]) == "*") continue;
      Allele allele = SiteAllele(r, i, eb.reference);
      const KeyHash key = KeyHash::From64(SiteKey(chrom, allele));
      if (!pass.Owns(key)) continue;
      HeldSite* h = pass.Find(key, any);
      if (h == nullptr) {
        t->Count(TypeOf(allele), &PerType::only_new);
        t->listed.Offer({0, b.number()},
                        {0, b.number(), SiteName(chrom, allele), "only in new"});
        continue;
      }
      if (h->matched) {
        return Status::Corruption(fmt::format(
            "{}: {}: variant {} appears twice: each site must appear once", in.fresh.string(),
            b.Where(), SiteName(chrom, allele)));
      }
      h->matched = true;
      t->Count(h->type, &PerType::both);
      const AlleleSite site = ExtractSite(b.header(), r, i, std::move(allele), eb);
      UnpackSite(std::string_view(h->packed, h->size), *in.keys, &legacy_site);
      const SiteDiff d = DiffSites(legacy_site, site, in.options.qual, in.options.tolerance);
      t->genotypes_compared += d.genotypes_compared;
      t->genotypes_equal += d.genotypes_equal;
      if (d.fields == 0) continue;
      const uint32_t beyond = d.fields & ~kSiteWithinTolerance;
      if (beyond == 0) {
        ++t->within_tolerance;
        t->listed.Offer({3, h->number}, {h->number, b.number(), SiteName(chrom, site.allele),
                                         "within tolerance"});
        continue;
      }
      ++t->differing;
      t->genotype_sites += (beyond & kSiteGenotype) != 0;
      t->qual_sites += (beyond & kSiteQual) != 0;
      t->info_sites += (beyond & kSiteInfo) != 0;
      t->format_sites += (beyond & kSiteFormat) != 0;
      std::string what = SiteFieldNames(beyond);
      if (!d.keys.empty()) what += " (" + Join(d.keys, ", ") + ")";
      t->listed.Offer({(beyond & kSiteGenotype) ? 1 : 2, h->number},
                      {h->number, b.number(), SiteName(chrom, site.allele), what});
    }
  }
  t->records_new = b.number();
  for (const HeldSite& h : pass.held()) {
    if (h.matched) continue;
    t->Count(h.type, &PerType::only_legacy);
    t->listed.Offer({0, h.number}, {h.number, 0, "", "only in legacy"});
  }
  return Status::Ok();
}

// The text of the records numbered in *want, in one pass.
Status FetchRecords(const fs::path& path, std::map<int64_t, std::string>* want,
                    std::map<int64_t, std::string>* sites) {
  if (want->empty()) return Status::Ok();
  CUTOVER_ASSIGN_OR_RETURN(VariantReader reader, VariantReader::Open(path));
  const int64_t last = want->rbegin()->first;
  kstring_t text = KS_INITIALIZE;
  Status status = Status::Ok();
  while (true) {
    auto got = reader.Next();
    if (!got.ok()) {
      status = got.status();
      break;
    }
    if (!*got || reader.number() > last) break;
    auto it = want->find(reader.number());
    if (it == want->end()) continue;
    text.l = 0;
    if (vcf_format(reader.header(), reader.record(), &text) == 0) {
      std::string_view line(text.s, text.l);
      if (line.ends_with('\n')) line.remove_suffix(1);
      it->second = Excerpt(line, 0, kExcerptBytes);
    }
    if (sites != nullptr) {
      (*sites)[reader.number()] = fmt::format("{}:{}", bcf_seqname(reader.header(), reader.record()),
                                              reader.record()->pos + 1);
    }
  }
  ks_free(&text);
  return status;
}

nlohmann::json Ratio(int64_t part, int64_t whole) {
  return whole > 0 ? nlohmann::json(static_cast<double>(part) / static_cast<double>(whole))
                   : nlohmann::json(nullptr);
}

}  // namespace

std::span<const MetricBound> VcfThresholds() { return kVcfThresholds; }

Result<VcfOptions> ParseVcfOptions(const nlohmann::json& options) {
  std::vector<std::string> known = {"reference",     "qual_tolerance", "tolerance",
                                    "ignore_info",   "ignore_format",  "ignore_header",
                                    "max_differences"};
  for (const std::string& t : ThresholdOptionNames(VcfThresholds())) known.push_back(t);
  CUTOVER_RETURN_IF_ERROR(CheckOptionNames(kKind, options, known));
  VcfOptions out;
  std::vector<std::string> reference, info, format;
  CUTOVER_RETURN_IF_ERROR(ReadStringListOption(kKind, options, "reference", &reference));
  if (reference.size() > 1) {
    return Status::InvalidArgument("comparator 'vcf': option 'reference' must be one path");
  }
  if (!reference.empty()) out.reference = reference.front();
  CUTOVER_RETURN_IF_ERROR(ReadToleranceOption(kKind, options, "qual_tolerance", &out.qual));
  CUTOVER_RETURN_IF_ERROR(ReadToleranceOption(kKind, options, "tolerance", &out.tolerance));
  CUTOVER_RETURN_IF_ERROR(ReadStringListOption(kKind, options, "ignore_info", &info));
  CUTOVER_RETURN_IF_ERROR(ReadStringListOption(kKind, options, "ignore_format", &format));
  out.ignore_info.insert(info.begin(), info.end());
  out.ignore_format.insert(format.begin(), format.end());
  if (out.ignore_format.contains("GT")) {
    return Status::InvalidArgument(
        "comparator 'vcf': option 'ignore_format': GT cannot be ignored (genotype concordance "
        "is measured on it; a threshold decides how much discordance is acceptable)");
  }
  CUTOVER_RETURN_IF_ERROR(ReadStringListOption(kKind, options, "ignore_header", &out.ignore_header));
  for (std::string& key : out.ignore_header) {
    if (key.starts_with("##")) key.erase(0, 2);
  }
  CUTOVER_ASSIGN_OR_RETURN(out.thresholds, ParseMetricThresholds(kKind, options, VcfThresholds()));
  CUTOVER_RETURN_IF_ERROR(
      ReadIntOption(kKind, options, "max_differences", 0, 1000000, &out.max_differences));
  return out;
}

std::vector<std::string> VcfComparator::fraction_metrics() const {
  std::vector<std::string> names;
  for (const MetricBound& b : VcfThresholds()) names.emplace_back(b.metric);
  return names;
}

Result<std::unique_ptr<Comparator>> VcfComparator::FromOptions(const nlohmann::json& options) {
  CUTOVER_ASSIGN_OR_RETURN(VcfOptions parsed, ParseVcfOptions(options));
  return std::unique_ptr<Comparator>(new VcfComparator(std::move(parsed)));
}

Comparison VcfComparator::Compare(const fs::path& legacy_path, const fs::path& new_path) const {
  HeaderLineDiff header;
  {
    auto a = VariantReader::Open(legacy_path);
    if (!a.ok()) return ErrorComparison("legacy: " + a.status().message());
    auto b = VariantReader::Open(new_path);
    if (!b.ok()) return ErrorComparison("new: " + b.status().message());
    std::vector<std::string> sa = a->Samples(), sb = b->Samples();
    std::vector<std::string> ssa = sa, ssb = sb;
    std::sort(ssa.begin(), ssa.end());
    std::sort(ssb.begin(), ssb.end());
    if (ssa != ssb || std::adjacent_find(ssa.begin(), ssa.end()) != ssa.end()) {
      return ErrorComparison(fmt::format(
          "mismatched sample columns: {} has [{}], {} has [{}]: genotypes can only be compared "
          "between the same samples",
          legacy_path.string(), Join(sa, ", "), new_path.string(), Join(sb, ", ")));
    }
    header = DiffHeaderLines(ComparableVcfHeader(a->HeaderText(), options_.ignore_header),
                             ComparableVcfHeader(b->HeaderText(), options_.ignore_header));
  }
  FaidxPtr fai;
  if (!options_.reference.empty()) {
    auto opened = OpenFasta(options_.reference);
    if (!opened.ok()) return ErrorComparison(opened.status().message());
    fai = std::move(*opened);
  }

  const size_t max_list = static_cast<size_t>(options_.max_differences);
  VcfTally t(max_list);
  PartitionOptions partitioning;
  partitioning.max_held = options_.sites_per_pass;
  PartitionedMatcher<HeldSite> matcher(partitioning);
  SiteKeys keys;
  const PassInputs inputs{options_, legacy_path, new_path, fai.get(), &keys};
  Status matched = matcher.Run([&](int64_t) { t = VcfTally(max_list); },
                               [&](MatchPass<HeldSite>& pass) {
                                 return MatchSitesOnePass(inputs, pass, &t);
                               });
  if (!matched.ok()) return ErrorComparison(matched.message());

  std::vector<ListedSite> listed = t.listed.Take();
  std::map<int64_t, std::string> text_a, text_b, sites_a;
  for (const ListedSite& l : listed) {
    if (l.legacy) text_a[l.legacy];
    if (l.fresh) text_b[l.fresh];
  }
  if (Status s = FetchRecords(legacy_path, &text_a, &sites_a); !s.ok()) {
    return ErrorComparison("legacy: " + s.message());
  }
  if (Status s = FetchRecords(new_path, &text_b, nullptr); !s.ok()) {
    return ErrorComparison("new: " + s.message());
  }

  Comparison c;
  const bool header_differs = !header.only_legacy.empty() || !header.only_new.empty();
  if (header_differs) {
    Difference d;
    d.location = "header";
    d.legacy = Join(header.only_legacy, "\n");
    d.new_side = Join(header.only_new, "\n");
    d.in_legacy = !header.only_legacy.empty();
    d.in_new = !header.only_new.empty();
    c.differences.push_back(std::move(d));
  }
  for (ListedSite& l : listed) {
    Difference d;
    const std::string site = l.site.empty() ? sites_a[l.legacy] : l.site;
    if (l.legacy && l.fresh) {
      d.location = fmt::format("{} (record {}, new record {}): {}", site, l.legacy, l.fresh, l.what);
    } else if (l.legacy) {
      d.location = fmt::format("{} (record {}): only in legacy", site, l.legacy);
    } else {
      d.location = fmt::format("{} (new record {}): only in new", site, l.fresh);
    }
    d.legacy = text_a[l.legacy];
    d.new_side = text_b[l.fresh];
    d.in_legacy = l.legacy != 0;
    d.in_new = l.fresh != 0;
    c.differences.push_back(std::move(d));
  }

  const PerType& all = t.all;
  const PerType& snv = t.by_type[static_cast<int>(VariantType::kSnv)];
  const PerType& indel = t.by_type[static_cast<int>(VariantType::kIndel)];
  c.counts = {{"records_legacy", t.records_legacy},
              {"records_new", t.records_new},
              {"sites_both", all.both},
              {"sites_only_legacy", all.only_legacy},
              {"sites_only_new", all.only_new},
              {"differing_sites", t.differing},
              {"within_tolerance", t.within_tolerance},
              {"genotype_differs", t.genotype_sites},
              {"qual_differs", t.qual_sites},
              {"info_differs", t.info_sites},
              {"format_differs", t.format_sites},
              {"snv", {{"both", snv.both}, {"only_legacy", snv.only_legacy}, {"only_new", snv.only_new}}},
              {"indel", {{"both", indel.both}, {"only_legacy", indel.only_legacy}, {"only_new", indel.only_new}}},
              {"header_only_legacy", header.only_legacy.size()},
              {"header_only_new", header.only_new.size()},
              {"passes", matcher.passes()}};
  c.metrics = {{"sites_both", all.both},
               {"sites_only_legacy", all.only_legacy},
               {"sites_only_new", all.only_new},
               {"precision", Ratio(all.both, all.both + all.only_new)},
               {"recall", Ratio(all.both, all.both + all.only_legacy)},
               {"genotype_concordance", Ratio(t.genotypes_equal, t.genotypes_compared)},
               {"snv_precision", Ratio(snv.both, snv.both + snv.only_new)},
               {"snv_recall", Ratio(snv.both, snv.both + snv.only_legacy)},
               {"indel_precision", Ratio(indel.both, indel.both + indel.only_new)},
               {"indel_recall", Ratio(indel.both, indel.both + indel.only_legacy)},
               {"differing", Ratio(t.differing, all.both)}};

  auto pct = [](const nlohmann::json& v) {
    return v.is_number() ? fmt::format("{:.2f}%", 100 * v.get<double>()) : std::string("n/a");
  };
  const std::string summary = fmt::format(
      "{} sites in both, {} only in legacy, {} only in new; recall {}, precision {}, genotype "
      "concordance {}",
      all.both, all.only_legacy, all.only_new, pct(c.metrics["recall"]),
      pct(c.metrics["precision"]), pct(c.metrics["genotype_concordance"]));
  const bool sites_differ = t.differing > 0 || all.only_legacy > 0 || all.only_new > 0;
  const std::vector<std::string> failed = FailedThresholds(options_.thresholds, c.metrics);
  if (header_differs) {
    c.outcome = Outcome::kMismatch;
    c.message = fmt::format("headers differ ({} lines only in legacy, {} only in new); {}",
                            header.only_legacy.size(), header.only_new.size(), summary);
  } else if (!sites_differ && t.within_tolerance == 0) {
    c.outcome = Outcome::kMatch;
    c.message = fmt::format("identical variants ({} sites)", all.both);
  } else if (!sites_differ) {
    c.outcome = Outcome::kNoise;
    c.message = fmt::format("{} sites differ only within tolerance; {}", t.within_tolerance,
                            summary);
  } else if (options_.thresholds.empty()) {
    c.outcome = Outcome::kMismatch;
    c.message = summary + " (no thresholds: any difference is a mismatch)";
  } else if (!failed.empty()) {
    c.outcome = Outcome::kMismatch;
    c.message = fmt::format("beyond thresholds: {}; {}", Join(failed, ", "), summary);
  } else {
    c.outcome = Outcome::kNoise;
    c.message = "within thresholds: " + summary;
  }
  return c;
}

}  // namespace cutover
