#include "trim/adapter.h"

#include <algorithm>
#include <set>
#include <utility>

#include <fmt/format.h>

#include "util/strings.h"

namespace cutover::trim {

std::string_view Description(AdapterKind kind) {
  switch (kind) {
    case AdapterKind::kBack: return "regular 3'";
    case AdapterKind::kFront: return "regular 5'";
    case AdapterKind::kAnywhere: return "variable 5'/3'";
    case AdapterKind::kPrefix: return "anchored 5'";
    case AdapterKind::kSuffix: return "anchored 3'";
    case AdapterKind::kNonInternalFront: return "non-internal 5'";
    case AdapterKind::kNonInternalBack: return "non-internal 3'";
    case AdapterKind::kRightmostFront: return "rightmost 5'";
  }
  return "";
}

std::string_view Identifier(AdapterKind kind) {
  switch (kind) {
    case AdapterKind::kBack: return "regular_three_prime";
    case AdapterKind::kFront: return "regular_five_prime";
    case AdapterKind::kAnywhere: return "anywhere";
    case AdapterKind::kPrefix: return "anchored_five_prime";
    case AdapterKind::kSuffix: return "anchored_three_prime";
    case AdapterKind::kNonInternalFront: return "noninternal_five_prime";
    case AdapterKind::kNonInternalBack: return "noninternal_three_prime";
    case AdapterKind::kRightmostFront: return "rightmost_five_prime";
  }
  return "";
}

bool RemovesPrefix(AdapterKind kind) {
  switch (kind) {
    case AdapterKind::kFront:
    case AdapterKind::kPrefix:
    case AdapterKind::kNonInternalFront:
    case AdapterKind::kRightmostFront: return true;
    default: return false;
  }
}

namespace {

// Aligner flags per kind (cutadapt's "Where").
int FlagsFor(AdapterKind kind, bool force_anywhere) {
  switch (kind) {
    case AdapterKind::kBack:
      return force_anywhere ? kSemiglobal : kQueryStart | kQueryStop | kReferenceEnd;
    case AdapterKind::kFront:
    case AdapterKind::kRightmostFront:
      return force_anywhere ? kSemiglobal : kQueryStart | kQueryStop | kReferenceStart;
    case AdapterKind::kAnywhere: return kSemiglobal;
    case AdapterKind::kPrefix: return kQueryStop;
    case AdapterKind::kSuffix: return kQueryStart;
    case AdapterKind::kNonInternalFront: return kReferenceStart | kQueryStop;
    case AdapterKind::kNonInternalBack: return kQueryStart | kReferenceEnd;
  }
  return kSemiglobal;
}

bool IsIupac(char c) {
  return std::string_view("ABCDGHKMNRSTUVWXY").find(c) != std::string_view::npos;
}

}  // namespace

Result<SingleAdapter> SingleAdapter::Create(AdapterKind kind, std::string_view sequence,
                                            std::string name, const SearchParameters& params,
                                            bool force_anywhere) {
  SingleAdapter a;
  a.kind_ = kind;
  a.name_ = std::move(name);
  for (char c : sequence) {
    char u = AsciiUpper(c);
    if (u == 'U') u = 'T';
    if (u == 'I') u = 'N';
    a.sequence_ += u;
  }
  if (a.sequence_.empty()) return Status::InvalidArgument("adapter sequence is empty");
  const int length = static_cast<int>(a.sequence_.size());
  const int n_count = static_cast<int>(std::count(a.sequence_.begin(), a.sequence_.end(), 'N'));
  double max_errors = params.max_errors;
  // cutadapt takes any count, but its report then lists every count up to it: a count in the
  // billions never ends (and one over the adapter's length already accepts every match).
  if (max_errors > kMaxErrorCount) {
    return Status::InvalidArgument(fmt::format(
        "maximum error count {} is over {}: give a rate (below 1) or a smaller count",
        max_errors, kMaxErrorCount));
  }
  // An error count from 1 up becomes a rate over the non-N bases.
  if (max_errors >= 1 && n_count != length) max_errors /= (length - n_count);
  a.max_error_rate_ = max_errors;
  int min_overlap = params.min_overlap;
  if (kind == AdapterKind::kPrefix || kind == AdapterKind::kSuffix) min_overlap = length;
  a.min_overlap_ = std::min(min_overlap, length);
  if (params.adapter_wildcards) {
    for (char c : a.sequence_) {
      if (!IsIupac(c)) {
        return Status::InvalidArgument(fmt::format(
            "character '{}' in adapter sequence '{}' is not a valid IUPAC code; use only "
            "characters 'ABCDGHIKMNRSTUVWXY'",
            c, a.sequence_));
      }
    }
  }
  a.adapter_wildcards_ = params.adapter_wildcards &&
                         a.sequence_.find_first_not_of("ACGT") != std::string::npos;
  a.read_wildcards_ = params.read_wildcards;
  a.indels_ = params.indels;

  AlignerOptions o;
  o.max_error_rate = a.max_error_rate_;
  o.wildcard_ref = a.adapter_wildcards_;
  o.wildcard_query = a.read_wildcards_;
  o.min_overlap = a.min_overlap_;
  if ((kind == AdapterKind::kPrefix || kind == AdapterKind::kSuffix) && !a.indels_) {
    CUTOVER_ASSIGN_OR_RETURN(
        AnchoredComparer c, AnchoredComparer::Create(a.sequence_, kind == AdapterKind::kSuffix, o));
    a.aligner_ = std::move(c);
    return a;
  }
  // As in cutadapt, "no indels" is an indel cost too high to ever be acceptable.
  o.indel_cost = a.indels_ ? 1 : 100000;
  o.flags = FlagsFor(kind, force_anywhere);
  std::string reference = a.sequence_;
  if (kind == AdapterKind::kRightmostFront) std::reverse(reference.begin(), reference.end());
  CUTOVER_ASSIGN_OR_RETURN(Aligner aligner, Aligner::Create(reference, o));
  a.aligner_ = std::move(aligner);
  return a;
}

int SingleAdapter::effective_length() const {
  if (const auto* a = std::get_if<Aligner>(&aligner_)) return a->effective_length();
  return std::get<AnchoredComparer>(aligner_).effective_length();
}

std::optional<SingleMatch> SingleAdapter::MatchTo(std::string_view read) const {
  SingleMatch m;
  if (!MatchInto(read, &m)) return std::nullopt;
  return m;
}

bool SingleAdapter::MatchInto(std::string_view read, SingleMatch* out) const {
  std::optional<Alignment> al;
  if (kind_ == AdapterKind::kRightmostFront) {
    std::string reversed(read.rbegin(), read.rend());
    al = std::get<Aligner>(aligner_).Locate(reversed);
    if (!al) return false;
    const int m = static_cast<int>(sequence_.size());
    const int n = static_cast<int>(read.size());
    *out = SingleMatch{m - al->ref_stop,   m - al->ref_start, n - al->query_stop,
                       n - al->query_start, al->score,        al->errors,
                       true};
    return true;
  }
  if (const auto* a = std::get_if<Aligner>(&aligner_)) {
    al = a->Locate(read);
  } else {
    al = std::get<AnchoredComparer>(aligner_).Locate(read);
  }
  if (!al) return false;
  bool remove_before = RemovesPrefix(kind_);
  if (kind_ == AdapterKind::kAnywhere) remove_before = al->query_start == 0;
  *out = SingleMatch{al->ref_start,  al->ref_stop, al->query_start, al->query_stop,
                     al->score,      al->errors,   remove_before};
  return true;
}

Adapter::Adapter(std::string name, SingleAdapter front, SingleAdapter back, bool front_required,
                 bool back_required)
    : front_(std::move(front)),
      back_(std::move(back)),
      linked_name_(std::move(name)),
      front_required_(front_required),
      back_required_(back_required) {}

std::optional<AdapterMatch> Adapter::MatchTo(std::string_view read) const {
  AdapterMatch m;
  if (!MatchInto(read, &m)) return std::nullopt;
  return m;
}

bool Adapter::MatchInto(std::string_view read, AdapterMatch* m) const {
  SingleMatch s;
  if (!linked()) {
    if (!front_.MatchInto(read, &s)) return false;
    if (s.remove_before) {
      m->front = s;
      m->back.reset();
    } else {
      m->front.reset();
      m->back = s;
    }
    return true;
  }
  m->front.reset();
  m->back.reset();
  if (front_.MatchInto(read, &s)) m->front = s;
  if (front_required_ && !m->front) return false;
  if (m->front) read.remove_prefix(m->front->rstop);
  if (back_->MatchInto(read, &s)) m->back = s;
  return m->back || (!back_required_ && m->front);
}

// The best is kept in place and each adapter's match written into one scratch value: copying
// these results around cost more than a fifth of a small-RNA run's time.
std::optional<BestMatch> MatchBest(const std::vector<Adapter>& adapters, std::string_view read) {
  std::optional<BestMatch> best;
  AdapterMatch m;
  for (size_t i = 0; i < adapters.size(); ++i) {
    if (!adapters[i].MatchInto(read, &m)) continue;
    if (!best || m.score() > best->match.score() ||
        (m.score() == best->match.score() && m.errors() < best->match.errors())) {
      if (!best) best.emplace();
      best->adapter = static_cast<int>(i);
      best->match = m;
    }
  }
  return best;
}

std::vector<std::string> DuplicateAdapterWarnings(const std::vector<Adapter>& adapters) {
  std::vector<std::string> warnings;
  std::set<std::pair<std::string, std::string>> seen;  // (description, sequence)
  for (const Adapter& a : adapters) {
    std::string description(a.linked() ? "linked" : Description(a.first().kind()));
    std::string sequence = a.first().sequence();
    if (a.linked()) sequence += "..." + a.second().sequence();
    if (!seen.emplace(description, sequence).second) {
      warnings.push_back(fmt::format(
          "Adapter '{}' ({}) was specified multiple times! Please make sure that this is what "
          "you want.",
          sequence, description));
    }
  }
  return warnings;
}

}  // namespace cutover::trim
