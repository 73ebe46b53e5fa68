#include "trim/read_trimmer.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "trim/quality_trim.h"
#include "util/strings.h"

namespace cutover::trim {
namespace {

// Python's read[start:stop] for 0 <= start, stop <= len.
void Slice(ReadView* r, size_t start, size_t stop) {
  stop = std::min(stop, r->sequence.size());
  start = std::min(start, stop);
  r->sequence = r->sequence.substr(start, stop - start);
  r->quality = r->quality.substr(start, stop - start);
}

// read[c:] for c > 0, read[:c] for c < 0 (Python semantics: never negative lengths).
void Cut(ReadView* r, int c) {
  const size_t n = r->sequence.size();
  if (c > 0) {
    Slice(r, static_cast<size_t>(c), n);
  } else if (c < 0) {
    size_t drop = static_cast<size_t>(-static_cast<int64_t>(c));
    Slice(r, 0, drop >= n ? 0 : n - drop);
  }
}

}  // namespace

double ExpectedErrors(std::string_view quality) {
  double e = 0.0;
  for (char c : quality) {
    int q = static_cast<int>(static_cast<signed char>(c)) - 33;
    e += std::pow(10.0, static_cast<double>(-q) / 10);
  }
  return e;
}

Result<ReadTrimmer> ReadTrimmer::Create(const TrimOptions& options) {
  ReadTrimmer t;
  t.options_ = options;
  AdapterNamer namer;
  CUTOVER_ASSIGN_OR_RETURN(t.adapters_[0], MakeAdapters(options.adapters1, options.search, &namer));
  CUTOVER_ASSIGN_OR_RETURN(t.adapters_[1], MakeAdapters(options.adapters2, options.search, &namer));
  if (options.action == AdapterAction::kRetain && options.times > 1 &&
      (!t.adapters_[0].empty() || !t.adapters_[1].empty())) {
    return Status::InvalidArgument("'retain' cannot be combined with times > 1");
  }
  if (options.index) {
    for (const std::vector<Adapter>& adapters : t.adapters_) {
      // cutadapt's IndexedPrefixAdapters/IndexedSuffixAdapters acceptance.
      int prefix = 0, suffix = 0;
      for (const Adapter& a : adapters) {
        if (a.linked()) continue;
        const SingleAdapter& s = a.first();
        const bool indexable = !s.read_wildcards() && !s.adapter_wildcards() &&
                               static_cast<int>(static_cast<double>(s.sequence().size()) *
                                                s.max_error_rate()) <= 2;
        if (!indexable) continue;
        if (s.kind() == AdapterKind::kPrefix) ++prefix;
        if (s.kind() == AdapterKind::kSuffix) ++suffix;
      }
      if (prefix > 5 || suffix > 5) {
        return Status::InvalidArgument(
            "more than 5 anchored adapters: cutadapt would match them through an index with its "
            "own rules, which cutover trim does not implement; add --no-index (both tools then "
            "match them one by one)");
      }
    }
  }
  // cutadapt's checks after the adapters' (an empty --rename, -x or -y counts as not given).
  const bool renames = options.rename && !options.rename->empty();
  if (renames && (!options.prefix.empty() || !options.suffix.empty())) {
    return Status::InvalidArgument(
        "Option --rename cannot be combined with --prefix (-x) or --suffix (-y)");
  }
  if (renames && *options.rename != "{header}") {
    CUTOVER_ASSIGN_OR_RETURN(t.rename_, RenameTemplate::Parse(*options.rename, options.paired));
  }
  t.edits_names_ = options.length_tag || !options.strip_suffixes.empty() ||
                   !options.prefix.empty() || !options.suffix.empty();
  t.names_ = t.edits_names_ || options.zero_cap || t.rename_;
  t.track_cuts_ = t.rename_ && t.rename_->uses_cuts();
  t.track_bases_ = t.rename_ && t.rename_->uses_match_sequence();
  t.cuts_ = {options.cut1, options.cut2};
  t.quality_ = {options.quality1, options.paired ? options.quality2 : std::nullopt};
  if (options.minimum_length) t.filters_.push_back(Filter::kTooShort);
  if (options.maximum_length) t.filters_.push_back(Filter::kTooLong);
  if (options.max_n) t.filters_.push_back(Filter::kTooManyN);
  if (options.max_expected_errors) t.filters_.push_back(Filter::kTooManyExpectedErrors);
  if (options.discard_casava) t.filters_.push_back(Filter::kCasavaFiltered);
  if (options.discard_trimmed) {
    t.filters_.push_back(Filter::kDiscardTrimmed);
  } else if (options.discard_untrimmed || options.untrimmed_output) {
    t.filters_.push_back(Filter::kDiscardUntrimmed);
  }
  // With adapters for one mate only, "untrimmed" means both mates untrimmed (cutadapt).
  t.override_untrimmed_pair_filter_ =
      options.paired && (options.adapters1.empty() || options.adapters2.empty());
  return t;
}

TrimStats ReadTrimmer::NewStats() const {
  TrimStats s;
  s.paired = options_.paired;
  const int mates = options_.paired ? 2 : 1;
  for (int i = 0; i < mates; ++i) {
    if (!adapters_[i].empty()) s.with_adapters[i] = 0;
    if (options_.nextseq_cutoff || quality_[i]) s.quality_trimmed_bp[i] = 0;
    s.adapters[i].resize(adapters_[i].size());
  }
  for (Filter f : filters_) s.filtered[static_cast<int>(f)] = 0;
  return s;
}

bool ReadTrimmer::Modify(int mate, ReadView* r, TrimStats* stats) {
  ReadFacts& facts = facts_[static_cast<size_t>(mate)];
  if (names_) facts = ReadFacts{};
  for (int c : cuts_[mate]) {
    if (track_cuts_) {  // what the cut removes, for --rename's {cut_prefix} and {cut_suffix}
      const size_t n = r->sequence.size();
      const size_t k = std::min<size_t>(n, static_cast<size_t>(std::abs(static_cast<int64_t>(c))));
      if (c > 0) {
        facts.cut_prefix = r->sequence.substr(0, k);
      } else {
        facts.cut_suffix = r->sequence.substr(n - k);
      }
    }
    Cut(r, c);
  }
  if (options_.nextseq_cutoff) {
    int stop = NextseqTrimIndex(r->sequence, r->quality, *options_.nextseq_cutoff,
                                options_.quality_base);
    *stats->quality_trimmed_bp[mate] += static_cast<int64_t>(r->sequence.size()) - stop;
    Slice(r, 0, static_cast<size_t>(stop));
  }
  if (const auto& q = quality_[mate]) {
    TrimRange range = QualityTrimIndex(r->quality, q->front, q->back, options_.quality_base);
    *stats->quality_trimmed_bp[mate] +=
        static_cast<int64_t>(r->sequence.size()) - (range.stop - range.start);
    Slice(r, static_cast<size_t>(range.start), static_cast<size_t>(range.stop));
  }
  bool matched = false;
  const std::vector<Adapter>& adapters = adapters_[mate];
  if (!adapters.empty()) {
    if (options_.action == AdapterAction::kLowercase) {
      // cutadapt upper-cases every read it searches in this mode, matched or not.
      std::string& upper = edited_[mate];
      upper.assign(r->sequence);
      for (char& c : upper) c = AsciiUpper(c);
      r->sequence = upper;
    }
    const ReadView before = *r;
    AdapterMatch last;  // the last round's match, for --action retain
    for (int round = 0; round < options_.times; ++round) {
      std::optional<BestMatch> best = MatchBest(adapters, r->sequence);
      if (!best) break;
      matched = true;
      AdapterStats& as = stats->adapters[mate][best->adapter];
      const AdapterMatch& m = best->match;
      if (options_.action == AdapterAction::kRetain) last = m;  // only retain needs it
      // The match's bases, as read before each part is removed ("FRONT,BACK" when linked).
      std::string& bases = match_sequence_[static_cast<size_t>(mate)];
      if (names_) facts.adapter_name = adapters[static_cast<size_t>(best->adapter)].name();
      if (track_bases_) bases.clear();
      auto take_bases = [&](const SingleMatch& part) {
        const size_t stop = std::min(static_cast<size_t>(part.rstop), r->sequence.size());
        const size_t start = std::min(static_cast<size_t>(part.rstart), stop);
        bases.append(r->sequence.substr(start, stop - start));
      };
      if (m.front) {
        if (track_bases_) take_bases(*m.front);
        as.front.Add(m.front->rstop, m.front->errors);
        Slice(r, static_cast<size_t>(m.front->rstop), r->sequence.size());
      }
      if (track_bases_ && adapters[static_cast<size_t>(best->adapter)].linked()) {
        bases.push_back(',');
      }
      if (m.back) {
        if (track_bases_) take_bases(*m.back);
        const int rstart = m.back->rstart;
        as.back.Add(static_cast<int>(r->sequence.size()) - rstart, m.back->errors);
        as.back.AddAdjacent(rstart > 0 ? r->sequence[rstart - 1] : '\0');
        Slice(r, 0, static_cast<size_t>(rstart));
      }
      if (track_bases_) facts.match_sequence = bases;
    }
    if (matched) {
      ++*stats->with_adapters[mate];
      if (options_.action != AdapterAction::kTrim) ApplyAction(mate, before, last, r);
    }
  }
  if (options_.shorten) {
    const int len = *options_.shorten;
    const size_t n = r->sequence.size();
    if (len >= 0) {
      Slice(r, 0, static_cast<size_t>(len));
    } else {
      size_t keep = static_cast<size_t>(-static_cast<int64_t>(len));
      Slice(r, keep >= n ? 0 : n - keep, n);
    }
  }
  if (options_.trim_n) {
    size_t start = r->sequence.find_first_not_of('N');
    if (start == std::string_view::npos) {
      Slice(r, 0, 0);
    } else {
      size_t stop = r->sequence.find_last_not_of('N') + 1;
      Slice(r, start, stop);
    }
  }
  if (names_) EditNameAndQualities(mate, r);
  return matched;
}

void ReadTrimmer::EditNameAndQualities(int mate, ReadView* r) {
  const size_t i = static_cast<size_t>(mate);
  ReadFacts& facts = facts_[i];
  if (edits_names_) {
    std::string& name = name_[i];
    if (options_.length_tag) {
      name = ReplaceLengthTag(r->name, *options_.length_tag, r->sequence.size());
    } else {
      name.assign(r->name);
    }
    for (const std::string& suffix : options_.strip_suffixes) {
      // Python's name[:-len(suffix)]: an empty suffix leaves an empty name.
      if (name.ends_with(suffix)) name.resize(suffix.empty() ? 0 : name.size() - suffix.size());
    }
    if (!options_.prefix.empty() || !options_.suffix.empty()) {
      name = ReplaceAll(options_.prefix, "{name}", facts.adapter_name) + name +
             ReplaceAll(options_.suffix, "{name}", facts.adapter_name);
    }
    r->name = name;
  }
  facts.header = r->name;
  if (options_.zero_cap) {
    // cutadapt's ZeroCapper: qualities below the base (negative scores) become the base.
    const char base = static_cast<char>(options_.quality_base);
    const auto below = [base](char c) {
      return static_cast<unsigned char>(c) < static_cast<unsigned char>(base);
    };
    if (std::any_of(r->quality.begin(), r->quality.end(), below)) {
      std::string& q = capped_[i];
      q.assign(r->quality);
      std::replace_if(q.begin(), q.end(), below, base);
      r->quality = q;
    }
  }
}

void ReadTrimmer::ApplyAction(int mate, const ReadView& before, const AdapterMatch& last,
                              ReadView* r) {
  // What trimming keeps, as an interval of `before` (cutadapt's remainder(matches)): every
  // round narrowed the views, so their offsets say it.
  const size_t keep_start = static_cast<size_t>(r->sequence.data() - before.sequence.data());
  const size_t keep_stop = keep_start + r->sequence.size();
  const size_t n = before.sequence.size();
  switch (options_.action) {
    case AdapterAction::kTrim: return;
    case AdapterAction::kNone: *r = before; return;
    case AdapterAction::kRetain: {
      // The last match's interval with the adapter (cutadapt's retained_adapter_interval); one
      // round only, so it refers to `before`. A 3' part's coordinates count from the end of
      // the 5' part.
      const int front_stop = last.front ? last.front->rstop : 0;
      const size_t start = last.front ? static_cast<size_t>(last.front->rstart) : 0;
      const size_t stop = last.back ? static_cast<size_t>(last.back->rstop + front_stop) : n;
      *r = before;
      Slice(r, start, stop);
      return;
    }
    case AdapterAction::kMask:
    case AdapterAction::kLowercase: {
      std::string& out = edited_[mate];
      if (options_.action == AdapterAction::kMask) {
        out.assign(keep_start, 'N');
        out.append(before.sequence.substr(keep_start, keep_stop - keep_start));
        out.append(n - keep_stop, 'N');
      } else {
        // `before` is edited_[mate] itself, already in upper case.
        for (size_t i = 0; i < n; ++i) {
          if (i < keep_start || i >= keep_stop) out[i] = AsciiLower(out[i]);
        }
      }
      r->sequence = out;
      r->quality = before.quality;
      return;
    }
  }
}

bool ReadTrimmer::Rejects(Filter f, int mate, const ReadView& r, bool matched) const {
  const int64_t len = static_cast<int64_t>(r.sequence.size());
  switch (f) {
    case Filter::kTooShort: {
      const auto& limit = mate == 0 ? options_.minimum_length->read1 : options_.minimum_length->read2;
      return len < *limit;
    }
    case Filter::kTooLong: {
      const auto& limit = mate == 0 ? options_.maximum_length->read1 : options_.maximum_length->read2;
      return len > *limit;
    }
    case Filter::kTooManyN: {
      const double cutoff = *options_.max_n;
      int64_t n = 0;
      for (char c : r.sequence) n += (c == 'N' || c == 'n');
      if (cutoff < 1.0) {
        if (len == 0) return false;
        return static_cast<double>(n) / static_cast<double>(len) > cutoff;
      }
      return static_cast<double>(n) > cutoff;
    }
    case Filter::kTooManyExpectedErrors:
      return ExpectedErrors(r.quality) > *options_.max_expected_errors;
    case Filter::kCasavaFiltered: {
      size_t space = r.name.find(' ');
      if (space == std::string_view::npos) return false;
      std::string_view right = r.name.substr(space + 1);
      return right.size() >= 4 && right.substr(1, 3) == ":Y:";
    }
    case Filter::kDiscardTrimmed: return matched;
    case Filter::kDiscardUntrimmed: return !matched;
  }
  return false;
}

Route ReadTrimmer::Rejected(Filter f) const {
  // cutadapt counts a rejected read as filtered whether or not it writes it somewhere.
  if (f == Filter::kTooShort && options_.too_short_output) return Route::kTooShort;
  if (f == Filter::kTooLong && options_.too_long_output) return Route::kTooLong;
  if (f == Filter::kDiscardUntrimmed && options_.untrimmed_output) return Route::kUntrimmed;
  return Route::kDiscard;
}

Route ReadTrimmer::Process(ReadView* r, TrimStats* stats) {
  ++stats->reads;
  stats->input_bp[0] += static_cast<int64_t>(r->sequence.size());
  const bool matched = Modify(0, r, stats);
  if (rename_) {
    rename_->Render(0, facts_, &renamed_[0]);
    r->name = renamed_[0];
  }
  for (Filter f : filters_) {
    if (Rejects(f, 0, *r, matched)) {
      ++stats->filtered_count(f);
      return Rejected(f);
    }
  }
  ++stats->written;
  stats->written_bp[0] += static_cast<int64_t>(r->sequence.size());
  return Route::kOutput;
}

Route ReadTrimmer::ProcessPair(ReadView* r1, ReadView* r2, TrimStats* stats) {
  ++stats->reads;
  stats->input_bp[0] += static_cast<int64_t>(r1->sequence.size());
  stats->input_bp[1] += static_cast<int64_t>(r2->sequence.size());
  const bool matched1 = Modify(0, r1, stats);
  const bool matched2 = Modify(1, r2, stats);
  if (rename_) {  // both names from both mates' facts, then both replaced
    rename_->Render(0, facts_, &renamed_[0]);
    rename_->Render(1, facts_, &renamed_[1]);
    r1->name = renamed_[0];
    r2->name = renamed_[1];
  }
  for (Filter f : filters_) {
    // Which mates the filter looks at: -m/-M may give a limit for one mate only.
    bool check1 = true, check2 = true;
    if (f == Filter::kTooShort) {
      check1 = options_.minimum_length->read1.has_value();
      check2 = options_.minimum_length->read2.has_value();
    } else if (f == Filter::kTooLong) {
      check1 = options_.maximum_length->read1.has_value();
      check2 = options_.maximum_length->read2.has_value();
    }
    PairFilter mode = options_.pair_filter;
    if (f == Filter::kDiscardUntrimmed && override_untrimmed_pair_filter_) mode = PairFilter::kBoth;
    bool rejected;
    if (check2 && !check1) {
      rejected = Rejects(f, 1, *r2, matched2);
    } else if (check2 && mode == PairFilter::kAny) {
      rejected = Rejects(f, 0, *r1, matched1) || Rejects(f, 1, *r2, matched2);
    } else if (check2 && mode == PairFilter::kBoth) {
      rejected = Rejects(f, 0, *r1, matched1) && Rejects(f, 1, *r2, matched2);
    } else {  // R1 alone: a limit for R1 only, or --pair-filter first
      rejected = Rejects(f, 0, *r1, matched1);
    }
    if (rejected) {
      ++stats->filtered_count(f);
      return Rejected(f);
    }
  }
  ++stats->written;
  stats->written_bp[0] += static_cast<int64_t>(r1->sequence.size());
  stats->written_bp[1] += static_cast<int64_t>(r2->sequence.size());
  return Route::kOutput;
}

}  // namespace cutover::trim
