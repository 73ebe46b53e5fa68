#include "util/htslib.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <mutex>
#include <system_error>

namespace cutover {

void QuietHtslib() {
  static std::once_flag once;
  std::call_once(once, [] { hts_set_log_level(HTS_LOG_OFF); });
}

Status TruncatedAt(const std::filesystem::path& path, int64_t record, bool inside) {
  return Status::Corruption(fmt::format(
      "{}: record {}: truncated: the file ends {} it (the BGZF end-of-file block is missing)",
      path.string(), record, inside ? "inside" : "before"));
}

Result<HtsFilePtr> OpenHtsFile(const std::filesystem::path& path, const HtsOpenOptions& options,
                               bool* eof_missing) {
  QuietHtslib();
  std::error_code ec;
  if (path != "-" && !std::filesystem::exists(path, ec)) {
    return Status::NotFound(fmt::format("{}: no such file", path.string()));
  }
  if (std::filesystem::is_directory(path, ec)) {
    return Status::IoError(fmt::format("{}: is a directory", path.string()));
  }
  errno = 0;
  HtsFilePtr file(hts_open(path.c_str(), "r"));
  if (file == nullptr) {
    const int err = errno;
    return Status::IoError(fmt::format("{}: cannot open{}", path.string(),
                                       err != 0 ? std::string(": ") + std::strerror(err) : ""));
  }
  const htsFormat* format = hts_get_format(file.get());
  const bool missing = format->compression == bgzf && hts_check_EOF(file.get()) == 0;
  if (eof_missing != nullptr) *eof_missing = missing;
  if (options.require_eof_block && missing) {
    return Status::Corruption(fmt::format(
        "{}: truncated: the BGZF end-of-file block is missing", path.string()));
  }
  if (format->format == cram) {
    if (options.reference.empty()) {
      return Status::InvalidArgument(fmt::format(
          "{}: a CRAM file needs its reference: {}", path.string(), options.cram_advice));
    }
    if (hts_set_fai_filename(file.get(), options.reference.c_str()) != 0) {
      return Status::IoError(
          fmt::format("{}: cannot use the reference {}", path.string(), options.reference.string()));
    }
    // Records as stored: no MD/NM tags made up on decoding (a BAM copy has none either).
    hts_set_opt(file.get(), CRAM_OPT_DECODE_MD, 0);
  }
  // Threads decode BGZF blocks of binary formats; for SAM they would also parse ahead, and a
  // parse error would then be reported at the wrong record.
  // No threads for a file without its end-of-file block: htslib's threaded reader checks for
  // the block again while reading the header, and waits forever when it is missing.
  if (options.threads > 0 && !missing &&
      (format->format == bam || format->format == cram || format->format == bcf)) {
    hts_set_threads(file.get(), options.threads);
  }
  return file;
}

std::string HtsFormatName(htsFile* file) {
  switch (hts_get_format(file)->format) {
    case sam: return "SAM";
    case bam: return "BAM";
    case cram: return "CRAM";
    case vcf: return "VCF";
    case bcf: return "BCF";
    default: return "an unknown format";
  }
}

bool IsAlignmentFile(htsFile* file) {
  const htsExactFormat f = hts_get_format(file)->format;
  return f == sam || f == bam || f == cram;
}

bool IsVariantFile(htsFile* file) {
  const htsExactFormat f = hts_get_format(file)->format;
  return f == vcf || f == bcf;
}

Result<FaidxPtr> OpenFasta(const std::filesystem::path& path) {
  QuietHtslib();
  std::error_code ec;
  if (path != "-" && !std::filesystem::exists(path, ec)) {
    return Status::NotFound(fmt::format("reference {}: no such file", path.string()));
  }
  FaidxPtr fai(fai_load(path.c_str()));
  if (fai == nullptr) {
    return Status::IoError(fmt::format(
        "reference {}: cannot read or index it (a FASTA file, plain or bgzipped)", path.string()));
  }
  return fai;
}

}  // namespace cutover
