#include "qc/contaminant_finder.h"

#include <fmt/format.h>

namespace cutover {
namespace {

struct Hit {
  int length = 0;
  int percent_id = 0;
};

// The best run of `contaminant` against `query` shifted by `offset`: runs are cut at a second
// mismatch; a run counts when longer than 20 bp (FastQC's own arithmetic for length and
// identity, including its way of tracking where a run starts and ends).
std::optional<Hit> MatchAt(const std::string& contaminant, const std::string& query, int offset) {
  std::optional<Hit> best;
  int mismatches = 0;
  int start = 0;
  int end = 0;
  auto consider = [&](int mismatch_count) {
    const int length = 1 + (end - start);
    if (length > 20) {
      const int id = ((length - mismatch_count) * 100) / length;
      if (!best || best->length < length || (best->length == length && best->percent_id < id)) {
        best = Hit{length, id};
      }
    }
  };
  const int n = static_cast<int>(contaminant.size());
  const int q = static_cast<int>(query.size());
  for (int i = 0; i < n; ++i) {
    if (i + offset < 0) {
      start = i + 1;
      continue;
    }
    if (i + offset >= q) break;
    if (contaminant[i] == query[i + offset]) {
      end = i;
    } else {
      ++mismatches;
      if (mismatches > 1) {
        consider(mismatches - 1);
        start = i + 1;
        end = i + 1;
        mismatches = 0;
      }
    }
  }
  consider(mismatches);
  return best;
}

}  // namespace

std::string ContaminantHit::ToString() const {
  return fmt::format("{} ({}% over {}bp)", name, percent_id, length);
}

Result<ContaminantFinder> ContaminantFinder::Create(const std::vector<NamedSequence>& list,
                                                    FastqcVersion version) {
  ContaminantFinder finder;
  finder.rank_by_identity_ = RanksHitsByIdentity(version);
  for (const NamedSequence& c : list) {
    Entry e;
    e.name = c.name;
    for (char ch : c.sequence) e.forward.push_back(static_cast<char>(std::toupper(ch)));
    e.reverse.assign(e.forward.rbegin(), e.forward.rend());
    for (char& ch : e.reverse) {
      switch (ch) {
        case 'G': ch = 'C'; break;
        case 'A': ch = 'T'; break;
        case 'T': ch = 'A'; break;
        case 'C': ch = 'G'; break;
        default:
          return Status::InvalidArgument(fmt::format(
              "contaminant '{}' contains the illegal character '{}'", c.name, ch));
      }
    }
    finder.entries_.push_back(std::move(e));
  }
  return finder;
}

std::optional<ContaminantHit> ContaminantFinder::Find(const std::string& query) const {
  std::optional<ContaminantHit> best;
  const int q = static_cast<int>(query.size());
  for (const Entry& e : entries_) {
    std::optional<ContaminantHit> hit;
    if (q < 20 && q >= 8) {
      if (e.forward.find(query) != std::string::npos ||
          e.reverse.find(query) != std::string::npos) {
        hit = ContaminantHit{e.name, q, 100};
      }
    }
    if (!hit) {
      const int n = static_cast<int>(e.forward.size());
      for (const std::string* strand : {&e.forward, &e.reverse}) {
        for (int offset = 0 - (n - 20); offset < q - 20; ++offset) {
          std::optional<Hit> h = MatchAt(*strand, query, offset);
          if (h && (!hit || h->length > hit->length)) hit = ContaminantHit{e.name, h->length, h->percent_id};
        }
      }
    }
    if (hit && (!best || hit->length > best->length ||
                (rank_by_identity_ && hit->length == best->length &&
                 hit->percent_id > best->percent_id))) {
      best = hit;
    }
  }
  return best;
}

}  // namespace cutover
