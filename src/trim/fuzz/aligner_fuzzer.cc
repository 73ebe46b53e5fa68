// libFuzzer target: the prefiltered Aligner::Locate() must equal the whole DP (LocateFull()) on
// any adapter, read and parameters; neither may crash. Input layout: 4 parameter bytes, then
// the adapter and the read separated by a 0 byte.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "trim/aligner.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cutover::trim;
  if (size < 5) return 0;
  AlignerOptions o;
  const int kFlags[] = {kQueryStart | kQueryStop | kReferenceEnd, kSemiglobal, kQueryStop,
                        kQueryStart, kQueryStart | kReferenceEnd,
                        kQueryStart | kQueryStop | kReferenceStart};
  o.flags = kFlags[data[0] % 6];
  o.max_error_rate = (data[1] % 40) / 100.0;
  o.min_overlap = 1 + data[2] % 8;
  o.indel_cost = data[3] & 1 ? 100000 : 1;
  o.wildcard_ref = data[3] & 2;
  o.wildcard_query = data[3] & 4;
  std::string rest(reinterpret_cast<const char*>(data + 4), size - 4);
  size_t zero = rest.find('\0');
  if (zero == std::string::npos) return 0;
  std::string adapter = rest.substr(0, zero), read = rest.substr(zero + 1);
  if (adapter.empty() || adapter.size() > 100 || read.size() > 1000) return 0;
  auto aligner = Aligner::Create(adapter, o);
  if (!aligner.ok()) return 0;
  if (aligner->Locate(read) != aligner->LocateFull(read)) std::abort();
  return 0;
}
