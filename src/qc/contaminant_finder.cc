#include "qc/contaminant_finder.h"

#include <fmt/format.h>

#include <algorithm>

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

// 2-bit codes of G, A, T, C; -1 for anything else.
int Code(char c) {
  switch (c) {
    case 'A': return 0;
    case 'C': return 1;
    case 'G': return 2;
    case 'T': return 3;
    default: return -1;
  }
}

// Calls f(position, key) for each 10-mer of `s` made only of G, A, T, C.
template <typename F>
void ForEachKmer(const std::string& s, int k, F f) {
  uint32_t key = 0;
  int valid = 0;
  const uint32_t mask = (uint32_t{1} << (2 * k)) - 1;
  for (int i = 0; i < static_cast<int>(s.size()); ++i) {
    const int c = Code(s[i]);
    if (c < 0) {
      valid = 0;
      key = 0;
      continue;
    }
    key = ((key << 2) | static_cast<uint32_t>(c)) & mask;
    if (++valid >= k) f(i - k + 1, key);
  }
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
  for (uint32_t i = 0; i < finder.entries_.size(); ++i) {
    const Entry& e = finder.entries_[i];
    if (e.forward.size() > 65535) continue;  // (no such contaminant: aligned by full scan)
    for (uint16_t strand = 0; strand < 2; ++strand) {
      ForEachKmer(strand == 0 ? e.forward : e.reverse, kSeed, [&](int position, uint32_t key) {
        finder.seeds_[key].push_back({i, strand, static_cast<uint16_t>(position)});
      });
    }
  }
  return finder;
}

std::optional<ContaminantHit> ContaminantFinder::FindByScan(const std::string& query) const {
  return FindIn(query, nullptr);
}

std::optional<ContaminantHit> ContaminantFinder::Find(const std::string& query) const {
  // Diagonals (query position - strand position) sharing a 10-mer, per entry and strand.
  std::vector<std::vector<int>> offsets(entries_.size() * 2);
  ForEachKmer(query, kSeed, [&](int position, uint32_t key) {
    auto it = seeds_.find(key);
    if (it == seeds_.end()) return;
    for (const Seed& s : it->second) {
      offsets[s.entry * 2 + s.strand].push_back(position - static_cast<int>(s.position));
    }
  });
  for (std::vector<int>& o : offsets) {
    std::sort(o.begin(), o.end());
    o.erase(std::unique(o.begin(), o.end()), o.end());
  }
  return FindIn(query, &offsets);
}

std::optional<ContaminantHit> ContaminantFinder::FindIn(
    const std::string& query, const std::vector<std::vector<int>>* offsets) const {
  std::optional<ContaminantHit> best;
  const int q = static_cast<int>(query.size());
  for (size_t index = 0; index < entries_.size(); ++index) {
    const Entry& e = entries_[index];
    std::optional<ContaminantHit> hit;
    if (q < 20 && q >= 8) {
      if (e.forward.find(query) != std::string::npos ||
          e.reverse.find(query) != std::string::npos) {
        hit = ContaminantHit{e.name, q, 100};
      }
    }
    if (!hit) {
      const int n = static_cast<int>(e.forward.size());
      const bool scan_all = offsets == nullptr || n > 65535;
      for (int strand = 0; strand < 2; ++strand) {
        const std::string& s = strand == 0 ? e.forward : e.reverse;
        auto align = [&](int offset) {
          std::optional<Hit> h = MatchAt(s, query, offset);
          if (h && (!hit || h->length > hit->length)) hit = ContaminantHit{e.name, h->length, h->percent_id};
        };
        if (scan_all) {
          for (int offset = 0 - (n - 20); offset < q - 20; ++offset) align(offset);
        } else {
          // In increasing order, as the scan: the first of equally long runs is kept.
          for (int offset : (*offsets)[index * 2 + strand]) {
            if (offset >= 0 - (n - 20) && offset < q - 20) align(offset);
          }
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
