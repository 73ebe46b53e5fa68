// The iteration order of Java's HashMap, which decides the order of FastQC's tied rows
// (overrepresented sequences with equal counts) and the order in which it sums duplication
// levels (floating-point sums, so the last digits). Emulated for maps that only grow: entries
// iterate by bucket ((h ^ h >>> 16) & (capacity - 1)), then in insertion order; the capacity
// starts at 16 and doubles whenever the size exceeds 3/4 of it. Buckets that Java turns into
// trees (8+ colliding entries in a table of 64+) are not emulated; see docs/qc.md.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace cutover {

// java.lang.String.hashCode of an ASCII string.
int32_t JavaStringHash(std::string_view s);
// java.lang.Integer.hashCode.
inline int32_t JavaIntegerHash(int32_t v) { return v; }

// The table size of a HashMap after `size` insertions of distinct keys.
uint32_t JavaHashMapCapacity(size_t size);

// Given the hash codes of a map's keys in insertion order, the insertion indexes in the map's
// iteration order.
std::vector<size_t> JavaHashMapOrder(const std::vector<int32_t>& hashes_in_insertion_order);

}  // namespace cutover
