// libFuzzer target: the `bam` and `vcf` comparators' record pairing on arbitrary input.
//
// The input is two files' bytes, legacy and new, separated by the first "\n--\n" (no separator:
// the same bytes on both sides); its first byte picks the comparator (even: bam, odd: vcf). Each
// pair is compared three ways: as given with one pass, as given with passes of two records
// (partitioning), and with the new file's records in reverse order (their order must not
// matter). Every input must end in a comparison, never a crash, a hang or a sanitizer report,
// and the three must agree: the same outcome, and the same metrics and counts unless it is an
// error (which record an error names depends on the order). Metrics are fractions in [0, 1] or
// counts. Build and run: scripts/fuzz.sh [seconds].
#include <htslib/hts.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "compare/bam_comparator.h"
#include "compare/vcf_comparator.h"

namespace {

// An in-memory file holding `bytes`, open until destroyed; path() names it.
class MemFile {
 public:
  explicit MemFile(std::string_view bytes) : fd_(::memfd_create("pairing", 0)) {
    size_t written = 0;
    while (fd_ >= 0 && written < bytes.size()) {
      const ssize_t n = ::write(fd_, bytes.data() + written, bytes.size() - written);
      if (n <= 0) break;
      written += static_cast<size_t>(n);
    }
  }
  ~MemFile() {
    if (fd_ >= 0) ::close(fd_);
  }
  MemFile(const MemFile&) = delete;
  MemFile& operator=(const MemFile&) = delete;
  bool ok() const { return fd_ >= 0; }
  std::string path() const { return "/proc/self/fd/" + std::to_string(fd_); }

 private:
  int fd_;
};

bool IsHeaderLine(std::string_view line) {
  return !line.empty() && (line[0] == '@' || line[0] == '#');
}

// Whether reversing the records of `text` may only change their order: a text file whose
// header decides its format (htslib sniffs the first bytes), all header lines first, no empty
// line and no NUL, and no '\r' ending a last line without its newline (reversing gives every
// line a newline, and "\r\n" ends a line where a lone "\r" is part of it).
bool Reversible(std::string_view text, bool vcf) {
  if (!text.starts_with(vcf ? "##fileformat=VCF" : "@HD\t")) return false;
  if (text.find('\0') != std::string_view::npos) return false;
  if (text.ends_with('\r')) return false;
  bool records = false;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    start = end + 1;
    if (line.empty() || line == "\r" || (records && IsHeaderLine(line))) return false;
    records = records || !IsHeaderLine(line);
  }
  return true;
}

// The text with its record lines (those not starting with '@' or '#') in reverse order, header
// lines first as they were.
std::string ReverseRecords(std::string_view text) {
  std::string header;
  std::vector<std::string_view> records;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    if (IsHeaderLine(line)) {
      header.append(line).push_back('\n');
    } else {
      records.push_back(line);
    }
  }
  for (auto it = records.rbegin(); it != records.rend(); ++it) header.append(*it).push_back('\n');
  return header;
}

void CheckMetrics(const nlohmann::json& metrics) {
  for (const auto& [name, value] : metrics.items()) {
    if (value.is_null()) continue;
    if (!value.is_number()) __builtin_trap();
    const double v = value.get<double>();
    if (!(v >= 0)) __builtin_trap();  // NaN or negative
  }
}

void CheckAgree(const cutover::Comparison& a, const cutover::Comparison& b) {
  if (a.outcome != b.outcome) __builtin_trap();
  if (a.outcome == cutover::Outcome::kError) return;
  if (a.metrics != b.metrics) __builtin_trap();
  nlohmann::json ca = a.counts, cb = b.counts;
  ca.erase("passes");
  cb.erase("passes");
  if (ca != cb) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  hts_set_log_level(HTS_LOG_OFF);  // malformed input makes htslib talk; the Status says it all
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const bool vcf = (data[0] & 1) != 0;
  const std::string_view input(reinterpret_cast<const char*>(data + 1), size - 1);
  const size_t cut = input.find("\n--\n");
  const std::string_view legacy = cut == std::string_view::npos ? input : input.substr(0, cut + 1);
  const std::string_view fresh = cut == std::string_view::npos ? input : input.substr(cut + 4);
  MemFile a(legacy), b(fresh), reversed(ReverseRecords(fresh));
  if (!a.ok() || !b.ok() || !reversed.ok()) return 0;

  std::vector<cutover::Comparison> results;
  const int variants = Reversible(fresh, vcf) ? 3 : 2;
  for (int variant = 0; variant < variants; ++variant) {
    const std::string new_path = variant == 2 ? reversed.path() : b.path();
    if (vcf) {
      cutover::VcfOptions options;
      if (variant == 1) options.sites_per_pass = 2;
      results.push_back(cutover::VcfComparator(options).Compare(a.path(), new_path));
    } else {
      cutover::BamOptions options;
      if (variant == 1) options.records_per_pass = 2;
      results.push_back(cutover::BamComparator(options).Compare(a.path(), new_path));
    }
    CheckMetrics(results.back().metrics);
  }
  CheckAgree(results[0], results[1]);
  if (variants == 3) CheckAgree(results[0], results[2]);
  return 0;
}
